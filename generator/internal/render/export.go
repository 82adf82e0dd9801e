package render

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"

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

// ExportPrefix starts the mark of a submission pack.
const ExportPrefix = "houqin-export-sha256:"

// ExportMark is the mark of the submission pack of period year: the
// export command writes it into the files' properties, and a later build
// keeps the pack while the mark is unchanged. It covers what the pack is
// made from: the yearly page as rendered (the Word document is converted
// from it), without its links to the files made later and the build date
// of its footer; every row of the period's tables (the workbook's
// sheets); and the key figures of the period before (the workbook's
// 上年 column). A notice, or another period's rows and text, leave it
// alone unless the page shows them. It is "" when the last Render made
// no yearly page for year.
func (r *Renderer) ExportMark(year int) string {
	page := r.years[year]
	if page == "" {
		return ""
	}
	var p model.Period
	for _, q := range r.q.Periods() {
		if q.Year == year {
			p = q
		}
	}
	h := sha256.New()
	h.Write([]byte(page + "\n"))
	for _, name := range r.q.TableNames() {
		_, rows, err := r.q.Select(name, p, nil)
		if err != nil {
			continue
		}
		fmt.Fprintf(h, "table %q %d\n", name, len(rows))
		for _, row := range rows {
			for _, c := range row.Cells {
				fmt.Fprintf(h, "%q,", c.Raw)
			}
			h.Write([]byte("\n"))
		}
	}
	for _, in := range r.Indicators() {
		if f, err := r.q.Figure(in.Spec, p.Prev()); err == nil {
			fmt.Fprintf(h, "before %q %s %d\n", in.Label, strconv.FormatFloat(f.Value, 'g', -1, 64), f.Rows)
		}
	}
	return ExportPrefix + hex.EncodeToString(h.Sum(nil))
}

// Mark is the mark of what the file of a Later entry of the plan is made
// from, as its step writes it into the file: for a booklet PDF its
// booklet's (BookletMark), for a file of a submission pack its pack's
// (ExportMark). It is "" when the last Render did not make that source.
func (r *Renderer) Mark(e plan.Entry) string {
	switch e.View {
	case "pdf":
		return r.booklets[e.Year]
	case "export":
		return r.ExportMark(e.Year)
	}
	return ""
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
