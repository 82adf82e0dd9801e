package check

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/query"
)

// Rules checks every period against the safety rules of site.yaml
// (query.Compliance, which the safety record's compliance panel shows
// too). A period that breaks a rule is a warning: it is a fact about the
// school to act on, not a mistake in the site. An unknown rule name is a
// warning listing the known ones.
func Rules(q *query.Engine, now time.Time) model.ErrorList {
	var errs model.ErrorList
	cfg := &q.Site().Config
	names := make([]string, 0, len(cfg.Rules))
	for name := range cfg.Rules {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if !slices.Contains(query.KnownRules, name) {
			errs.Warn(rulePos(q.Site(), name), "unknown rule %q in site.yaml: the known rules are %s", name, strings.Join(query.KnownRules, ", "))
		}
	}
	for _, p := range q.Periods() {
		for _, res := range q.Compliance(p, now) {
			for _, f := range res.Findings {
				pos := f.Pos
				if pos.File == "data/site.yaml" {
					pos = rulePos(q.Site(), f.Rule)
				}
				errs.Warn(pos, "%s", f.Message())
			}
		}
	}
	return errs
}

// rulePos finds the line of a rule's name in site.yaml.
func rulePos(site *model.Site, name string) model.Pos {
	fallback := site.Config.Pos["rules"]
	if fallback.File == "" {
		fallback = model.Pos{File: "data/site.yaml"}
	}
	text, ok := site.Files["data/site.yaml"]
	if !ok {
		return fallback
	}
	re := regexp.MustCompile(`(^|[\s{,])` + regexp.QuoteMeta(name) + `\s*:`)
	for i, line := range splitLines(string(text)) {
		if m := re.FindStringSubmatchIndex(line); m != nil {
			return model.Pos{File: "data/site.yaml", Line: i + 1, Col: utf8.RuneCountInString(line[:m[3]]) + 1}
		}
	}
	return fallback
}
