package render

import (
	"fmt"
	"html/template"
	"math"

	"github.com/houqin/report/generator/internal/query"
)

// delta renders the change of a count or sum against the previous period,
// in words: 增加 25%, 减少 3 次, 与上年持平 (up 25%, down 3, unchanged).
func (s *scope) delta(ref *Ref) (template.HTML, error) {
	pos := ref.Positional()
	if len(pos) == 0 || (pos[0].Value != "count" && pos[0].Value != "sum") {
		return "", fmt.Errorf("delta compares a count or a sum: write {{< delta count TABLE [filters] >}} or {{< delta sum TABLE COLUMN [filters] >}}")
	}
	op := query.Op(pos[0].Value)
	n := 2
	if op == query.OpSum {
		n = 3
	}
	if len(pos) != n {
		return "", fmt.Errorf("delta %s takes %d argument(s) before its filters, got %d: write {{< delta %s >}}", op, n-1, len(pos)-1, usages[string(op)])
	}
	o, err := s.parseOptions(ref, "as")
	if err != nil {
		return "", err
	}
	sp := s.spec(ref, op, pos[1:])
	sp.Filters = o.filters
	d, err := s.r.q.Delta(sp, o.period)
	if err != nil {
		return "", s.blame(ref, err)
	}
	return s.r.deltaHTML(d, o.as == "abs"), nil
}

// DeltaText is the change in words, and the direction: "up", "down", "flat"
// or "none" when the previous period has no data. A count under smallCount
// in both periods changes by so few that a percentage misleads (4 to 5
// incidents is not "up 25%"): it is told as a number, 增加 1 起.
func (r *Renderer) DeltaText(d query.Delta, abs bool) (text, dir string) {
	unit := ""
	if d.Cur.Op == query.OpCount {
		unit = d.Cur.Unit
	}
	return r.deltaText(d, abs || small(d), unit)
}

// smallCount is the count below which a change is told as a number.
const smallCount = 20

// small reports whether d is a change between two small counts.
func small(d query.Delta) bool {
	return d.Cur.Op == query.OpCount && math.Abs(d.Cur.Value) < smallCount && math.Abs(d.Prev.Value) < smallCount
}

// deltaText is the change in words, as a number followed by unit when abs.
func (r *Renderer) deltaText(d query.Delta, abs bool, unit string) (text, dir string) {
	l := r.lang
	if d.NoPrev {
		return l.T("no data for the previous period"), "none"
	}
	change := d.Change()
	if math.Abs(change) < 1e-9 {
		return l.T("unchanged"), "flat"
	}
	dir = "up"
	if change < 0 {
		dir = "down"
	}
	pct, ok := d.Percent()
	var amount string
	if abs || !ok {
		amount = l.Number(math.Abs(change))
		if unit != "" {
			amount += " " + unit
		}
	} else {
		amount = l.Percent(math.Abs(pct), -1)
	}
	return l.T(dir) + " " + amount, dir
}

// tone says whether a change in direction dir is good or bad news for an
// indicator of the sense given: "good", "bad", or "" when it is neither.
func tone(s sense, dir string) string {
	switch {
	case s == neutral || (dir != "up" && dir != "down"):
		return ""
	case (dir == "up") == (s == higherBetter):
		return "good"
	default:
		return "bad"
	}
}

func (r *Renderer) deltaHTML(d query.Delta, abs bool) template.HTML {
	text, dir := r.DeltaText(d, abs)
	title := r.provenance(d.Cur)
	if !d.NoPrev {
		title += " · " + r.lang.Labelled(r.lang.Period(d.Prev.Period), r.lang.Number(d.Prev.Value))
	}
	return template.HTML(fmt.Sprintf(`<span class="delta delta-%s" title="%s" tabindex="0">%s</span>`,
		dir, template.HTMLEscapeString(title), template.HTMLEscapeString(text)))
}
