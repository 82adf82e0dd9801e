package query

import (
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/houqin/report/generator/internal/model"
)

// The safety rules a school may set in site.yaml under rules:. Both the
// check command and the safety record's compliance panel evaluate them
// here, so they always agree.
const (
	// RuleDrills is the least number of rows of drills.csv in each term.
	RuleDrills = "drills_per_term"
	// RuleInspectionGap is the longest allowed gap, in days, between two
	// inspection rounds (and from the period's start to the first round,
	// and from the last round to the period's end, or to today while the
	// period runs).
	RuleInspectionGap = "inspection_interval_days"
	// RuleRectification is the least rectification rate of the period, in
	// %: sum(hazards_fixed) / sum(hazards_found) of inspections.csv.
	RuleRectification = "rectification_min_rate"
)

// KnownRules lists the rule names site.yaml may set, sorted.
var KnownRules = []string{RuleDrills, RuleInspectionGap, RuleRectification}

// RuleResult is one rule evaluated for one period.
type RuleResult struct {
	Rule     string
	Limit    float64
	Assessed bool      // false when nothing could be judged yet (no term has ended, no hazard found)
	Findings []Finding // empty: the period complies
}

// OK reports whether the period complies with the rule.
func (r RuleResult) OK() bool { return len(r.Findings) == 0 }

// Finding is one way a period breaks a rule.
type Finding struct {
	Rule     string
	Pos      model.Pos  // the inspection row that ends a gap, or the rule in site.yaml
	From, To model.Date // the term, or the two ends of the gap
	Got      float64    // drills in the term, days of the gap, or the rate in %
	Limit    float64
	// Gap says which gap of inspection rounds: GapBetween two rounds,
	// GapStart from the period's start, GapEnd to its end, GapOngoing to
	// today while the period runs (the next round is overdue).
	Gap string
}

// The kinds of Finding.Gap.
const (
	GapBetween = "between"
	GapStart   = "start"
	GapEnd     = "end"
	GapOngoing = "ongoing"
	GapNone    = "none" // no round in the whole period
)

// Message describes the finding in English (the check command's wording;
// pages word it in their own language).
func (f Finding) Message() string {
	switch f.Rule {
	case RuleDrills:
		return fmt.Sprintf("the term %s..%s has %s drill(s) in data/drills.csv: the rule drills_per_term asks for at least %s",
			f.From, f.To, num(f.Got), num(f.Limit))
	case RuleInspectionGap:
		var what string
		switch f.Gap {
		case GapStart:
			what = fmt.Sprintf("from the start of the period (%s) to the first inspection round (%s)", f.From, f.To)
		case GapEnd:
			what = fmt.Sprintf("from the last inspection round (%s) to the end of the period (%s)", f.From, f.To)
		case GapNone:
			what = fmt.Sprintf("without any inspection round, from %s to %s", f.From, f.To)
		case GapOngoing:
			what = fmt.Sprintf("since the last inspection round (%s) by today (%s): the next round is overdue", f.From, f.To)
		default:
			what = fmt.Sprintf("between the inspection rounds of %s and %s", f.From, f.To)
		}
		return fmt.Sprintf("%s days %s; the rule inspection_interval_days allows at most %s", num(f.Got), what, num(f.Limit))
	case RuleRectification:
		return fmt.Sprintf("rectification rate %s%% in %d (hazards_fixed / hazards_found of data/inspections.csv): the rule rectification_min_rate asks for at least %s%%",
			num(math.Round(f.Got*10)/10), f.From.Year, num(f.Limit))
	}
	return f.Rule
}

func num(f float64) string { return fmt.Sprintf("%g", f) }

// Terms are the two halves of period p: for a school year five months
// from its start (September to January) and the rest (February to
// August); for a calendar year January to June and July to December.
// Each term is [start, end).
func Terms(p model.Period) [2][2]time.Time {
	months := 6
	if p.Kind == model.SchoolYear {
		months = 5
	}
	mid := p.Start.AddDate(0, months, 0)
	return [2][2]time.Time{{p.Start, mid}, {mid, p.End}}
}

// Compliance evaluates the site's safety rules (site.yaml rules:) for
// period p; now is the build time: terms not yet over are not judged,
// and a period still running is judged up to now. Unknown rule names are
// left out (see KnownRules). Results are in the order of KnownRules.
func (e *Engine) Compliance(p model.Period, now time.Time) []RuleResult {
	for name := range e.tables { // the rules read whole tables (gaps run across periods)
		e.readRows(name, model.All)
	}
	e.read(ReadKey{Kind: ReadSchema})
	rules := e.site.Config.Rules
	var out []RuleResult
	for _, name := range KnownRules {
		limit, ok := rules[name]
		if !ok {
			continue
		}
		res := RuleResult{Rule: name, Limit: limit}
		switch name {
		case RuleDrills:
			e.drills(&res, p, now)
		case RuleInspectionGap:
			e.inspectionGaps(&res, p, now)
		case RuleRectification:
			e.rectification(&res, p)
		}
		out = append(out, res)
	}
	return out
}

// rulePos is the position of the rules: key in site.yaml.
func (e *Engine) rulePos() model.Pos {
	if p, ok := e.site.Config.Pos["rules"]; ok {
		return p
	}
	return model.Pos{File: "data/site.yaml"}
}

func (e *Engine) periodRows(table string, p model.Period) []*model.Row {
	if e.tables[table] == nil {
		return nil
	}
	_, rows, err := e.Select(table, p, nil)
	if err != nil {
		return nil
	}
	return rows
}

func (e *Engine) drills(res *RuleResult, p model.Period, now time.Time) {
	rows := e.periodRows("drills", p)
	for _, term := range Terms(p) {
		if term[1].After(now) {
			continue // the term is not over
		}
		res.Assessed = true
		n := 0
		for _, r := range rows {
			if t := r.Date.Start(); !t.Before(term[0]) && t.Before(term[1]) {
				n++
			}
		}
		if float64(n) < res.Limit {
			res.Findings = append(res.Findings, Finding{Rule: res.Rule, Pos: e.rulePos(),
				From: model.DateOf(term[0]), To: model.DateOf(term[1].AddDate(0, 0, -1)), Got: float64(n), Limit: res.Limit})
		}
	}
}

// rowPos is the position of a row of t, or of a line of file when there
// is no table.
func rowPos(t *model.Table, file string, r *model.Row) model.Pos {
	if t == nil {
		return model.Pos{File: file, Line: r.Line, Col: 1}
	}
	return t.RowPos(r)
}

func (e *Engine) inspectionGaps(res *RuleResult, p model.Period, now time.Time) {
	if !p.Start.Before(now) {
		return // the period has not begun
	}
	rows := e.periodRows("inspections", p)
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Date.Compare(rows[j].Date) < 0 })
	t := e.tables["inspections"]
	file := "data/inspections.csv"
	if t != nil {
		file = t.File
	}
	res.Assessed = true
	prev, prevDate := p.Start, model.Date{}
	days := func(a, b time.Time) float64 { return math.Round(b.Sub(a).Hours() / 24) }
	for _, r := range rows {
		d := r.Date.Start()
		if gap := days(prev, d); gap > res.Limit {
			from, kind := prevDate, GapBetween
			if from.IsZero() {
				from, kind = model.DateOf(p.Start), GapStart
			}
			res.Findings = append(res.Findings, Finding{Rule: res.Rule, Pos: rowPos(t, file, r),
				From: from, To: r.Date, Got: gap, Limit: res.Limit, Gap: kind})
		}
		prev, prevDate = d, r.Date
	}
	end, kind := p.End, GapEnd
	if now.Before(end) {
		end, kind = now, GapOngoing
	}
	if gap := days(prev, end); gap > res.Limit {
		from := prevDate
		if from.IsZero() {
			from, kind = model.DateOf(p.Start), GapNone
		}
		pos := e.rulePos()
		if len(rows) > 0 {
			pos = rowPos(t, file, rows[len(rows)-1])
		}
		res.Findings = append(res.Findings, Finding{Rule: res.Rule, Pos: pos, From: from,
			To: model.DateOf(end.Add(-time.Nanosecond)), Got: gap, Limit: res.Limit, Gap: kind})
	}
}

func (e *Engine) rectification(res *RuleResult, p model.Period) {
	if e.tables["inspections"] == nil {
		return
	}
	f, err := e.Figure(Spec{Op: OpRate, Table: "inspections", Column: "hazards_fixed", Den: "hazards_found"}, p)
	if err != nil {
		return // no hazard found: nothing to rectify
	}
	res.Assessed = true
	if f.Value < res.Limit {
		res.Findings = append(res.Findings, Finding{Rule: res.Rule, Pos: e.rulePos(),
			From: model.DateOf(p.Start), To: p.Last(), Got: f.Value, Limit: res.Limit})
	}
}
