package render

import (
	"fmt"
	"math"

	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/query"
)

// RuleItem is one safety rule of site.yaml on the safety record's
// compliance panel: the rule in words, whether the period complies, and
// each shortfall.
type RuleItem struct {
	Rule     string // the rule's name in site.yaml, e.g. drills_per_term
	Title    string // the rule in words, e.g. 每学期安全演练不少于 2 次
	Status   string // complies | fails | pending
	Label    string // the status in words
	Findings []string
}

// compliance words the rules of site.yaml for period p, evaluated by
// query.Compliance, which the check command reports from too.
func (r *Renderer) compliance(p model.Period) []RuleItem {
	var out []RuleItem
	for _, res := range r.q.Compliance(p, r.opt.Now) {
		limit := r.lang.Number(res.Limit)
		item := RuleItem{Rule: res.Rule, Title: fmt.Sprintf(r.lang.T("rule:"+res.Rule), limit)}
		switch {
		case !res.OK():
			item.Status = "fails"
		case res.Assessed:
			item.Status = "complies"
		default:
			item.Status = "pending"
		}
		item.Label = r.lang.T("rule-status:" + item.Status)
		for _, f := range res.Findings {
			item.Findings = append(item.Findings, r.finding(f))
		}
		out = append(out, item)
	}
	return out
}

// finding words one shortfall in the site's language.
func (r *Renderer) finding(f query.Finding) string {
	d := r.lang.Date
	n := r.lang.Number(f.Got)
	switch f.Rule {
	case query.RuleDrills:
		return fmt.Sprintf(r.lang.T("finding:drills"), d(f.From), d(f.To), n)
	case query.RuleInspectionGap:
		return fmt.Sprintf(r.lang.T("finding:gap-"+f.Gap), d(f.From), d(f.To), n)
	case query.RuleRectification:
		return fmt.Sprintf(r.lang.T("finding:rate"), r.lang.Number(math.Round(f.Got*10)/10))
	}
	return f.Message()
}
