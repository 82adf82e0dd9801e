package render

import (
	"fmt"
	"math"

	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/query"
)

// sense is which way an indicator gets better.
type sense int

const (
	neutral      sense = iota // more repairs or purchases is neither good nor bad
	higherBetter              // drills, rectification
	lowerBetter               // incidents, water and electricity used
)

// cardSpec is a key figure of a yearly summary.
type cardSpec struct {
	label  string
	spec   query.Spec
	unit   string // zh unit; English uses unitEn
	unitEn string
	better sense // whether more is good news, bad news or neither
	// always shows the card, even at 0, when the table has rows in the
	// period (a count of serious incidents is news when it is 0 too).
	always bool
}

var cardSpecs = []cardSpec{
	{label: "Repair orders", spec: query.Spec{Op: query.OpCount, Table: "repairs"}, unit: "次", unitEn: "orders"},
	{label: "Hazard rectification", spec: query.Spec{Op: query.OpRate, Table: "inspections", Column: "hazards_fixed", Den: "hazards_found"}, better: higherBetter},
	{label: "Drills", spec: query.Spec{Op: query.OpCount, Table: "drills"}, better: higherBetter, unit: "次", unitEn: ""},
	{label: "Incidents", spec: query.Spec{Op: query.OpCount, Table: "incidents"}, better: lowerBetter, unit: "起", unitEn: ""},
	{label: "Purchases", spec: query.Spec{Op: query.OpSum, Table: "purchases", Column: "amount"}, unit: "元", unitEn: "yuan"},
	{label: "Water", spec: query.Spec{Op: query.OpSum, Table: "utilities", Column: "water"}, better: lowerBetter, unit: "m³", unitEn: "m³"},
	{label: "Electricity", spec: query.Spec{Op: query.OpSum, Table: "utilities", Column: "electricity"}, better: lowerBetter, unit: "kWh", unitEn: "kWh"},
}

// Cards computes the key figures of period p for the tables the site has,
// each with its change against the previous period.
func (r *Renderer) Cards(p model.Period) []Card { return r.cards(cardSpecs, p) }

// cards computes the listed key figures of period p.
func (r *Renderer) cards(specs []cardSpec, p model.Period) []Card {
	var out []Card
	for _, cs := range specs {
		if r.q.Table(cs.spec.Table) == nil {
			continue
		}
		f, err := r.q.Figure(cs.spec, p)
		if err != nil {
			continue // e.g. a filter on a column this site's table lacks
		}
		if f.Rows == 0 && !(cs.always && r.hasRows(cs.spec.Table, p)) {
			continue // no data this period: no card, rather than a zero
		}
		c := Card{Label: r.lang.T(cs.label), Title: r.provenance(f), Unit: cs.unit}
		if r.lang.en {
			c.Unit = cs.unitEn
		}
		if cs.spec.Op == query.OpRate {
			c.Value = r.lang.Percent(f.Value, -1)
			c.Delta, c.Dir, c.DeltaTitle = r.rateChange(cs.spec, f)
		} else {
			c.Value = r.lang.Number(f.Value)
			d, err := r.q.Delta(cs.spec, p)
			if err == nil {
				unit := ""
				if cs.spec.Op == query.OpCount {
					unit = c.Unit
				}
				c.Delta, c.Dir = r.deltaText(d, small(d), unit)
				if !d.NoPrev {
					c.DeltaTitle = r.lang.Labelled(r.lang.Period(d.Prev.Period), r.lang.Number(d.Prev.Value))
				}
			}
		}
		if c.Tone = tone(cs.better, c.Dir); c.Tone != "" {
			c.ToneText = r.lang.T("tone:" + c.Tone)
		}
		out = append(out, c)
	}
	return out
}

// rateChange is the change of a rate in percentage points.
func (r *Renderer) rateChange(s query.Spec, cur query.Figure) (text, dir, title string) {
	prev, err := r.q.Figure(s, cur.Period.Prev())
	if err != nil || prev.Rows == 0 {
		return r.lang.T("no data for the previous period"), "none", ""
	}
	change := cur.Value - prev.Value
	title = r.lang.Labelled(r.lang.Period(prev.Period), r.lang.Percent(prev.Value, -1))
	if math.Abs(change) < 0.05 {
		return r.lang.T("unchanged"), "flat", title
	}
	dir = "up"
	if change < 0 {
		dir = "down"
	}
	amount := r.lang.Fixed(math.Abs(change), 1)
	if r.lang.en {
		return fmt.Sprintf("%s %s points", dir, amount), dir, title
	}
	word := map[string]string{"up": "提高", "down": "下降"}[dir]
	return fmt.Sprintf("%s %s 个百分点", word, amount), dir, title
}

// hasRows reports whether table has any row in p.
func (r *Renderer) hasRows(table string, p model.Period) bool {
	_, rows, err := r.q.Select(table, p, nil)
	return err == nil && len(rows) > 0
}
