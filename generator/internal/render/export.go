package render

import (
	"fmt"

	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/plan"
	"github.com/houqin/report/generator/internal/query"
)

// exportView links the submission pack of p when the export command has
// made it or is making it (plan.Entry.Made), and is nil otherwise.
func (r *Renderer) exportView(p model.Period) *ExportView {
	f := plan.Export(p.Year)
	if !r.plan.Made(f.Docx) {
		return nil
	}
	name := r.site.Config.School + r.lang.Period(p)
	return &ExportView{
		Docx: f.Docx, Xlsx: f.Xlsx,
		DocxName: name + r.lang.T("export:docx-name") + ".docx",
		XlsxName: name + r.lang.T("export:xlsx-name") + ".xlsx",
		DocxAbs:  r.urls.Abs(f.Docx), XlsxAbs: r.urls.Abs(f.Xlsx),
	}
}

// Indicator is a key figure of a period as the cards of the yearly
// summary and of the safety record compute it: the export command asks
// the query engine for its value in a period and the one before.
type Indicator struct {
	Label string     // in the site's language, as the card shows it
	Unit  string     // 次, 元, m³; "%" for a rate
	Spec  query.Spec // what the card computes
	// Always: the card shows at 0 too when the table has rows in the
	// period (no serious incident is news).
	Always bool
}

// Indicators lists the key figures of the yearly summary and then those
// of the safety record not already listed, for the tables the site has.
func (r *Renderer) Indicators() []Indicator {
	var out []Indicator
	seen := map[string]bool{}
	for _, list := range [][]cardSpec{cardSpecs, safetyCards} {
		for _, cs := range list {
			label, key := r.lang.T(cs.label), fmt.Sprint(cs.spec)
			if r.q.Table(cs.spec.Table) == nil || seen[key] {
				continue
			}
			seen[key] = true
			unit := cs.unit
			if r.lang.en {
				unit = cs.unitEn
			}
			if cs.spec.Op == query.OpRate {
				unit = "%"
			}
			out = append(out, Indicator{Label: label, Unit: unit, Spec: cs.spec, Always: cs.always})
		}
	}
	return out
}

// PeriodLabel names period p as the pages do: 2023年, 2023—2024学年.
func (r *Renderer) PeriodLabel(p model.Period) string { return r.lang.Period(p) }

// DateLabel writes d as the pages do: 2023年12月31日.
func (r *Renderer) DateLabel(d model.Date) string { return r.lang.Date(d) }

// CellLabel is how the pages write the value v of a column that holds a
// word of the contract (severity, status, category, funding): 轻微 for
// minor, 已完成 for done; v itself for any other.
func (r *Renderer) CellLabel(column, v string) string {
	key := column + ":" + v
	if w := r.lang.T(key); w != key {
		return w
	}
	return v
}
