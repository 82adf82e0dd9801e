package render

import (
	"fmt"
	"html/template"
	"slices"
	"sort"
	"strings"

	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/query"
)

// The booklet's appendix sums each table up by month and by kind (the
// site setting booklet: {ledger: full} prints every row instead). A
// summary is drawn as a table of its own, with the same partial and
// writer as a ledger, so that it gets the same caption, headings and
// number formats.

// A summary is a cross table: one line per month, a column per kind
// (trade, category …) holding the month's count of that kind or, for
// purchases, its amount, then the month's count and the sums of the
// columns that have a unit, and a line of totals.

// summaryKind is what a contract table's summary puts in a column per
// kind: the kind column, and the column summed in it ("" counts rows).
type summaryKind struct{ column, measure string }

// summaryKinds are the contract tables summed up by kind as well as by
// month; the others are summed up by month only.
var summaryKinds = map[string]summaryKind{
	"repairs":   {"trade", ""},
	"drills":    {"kind", ""},
	"incidents": {"severity", ""},
	"purchases": {"category", "amount"},
}

// maxKinds is the most kind columns a summary has: an A4 page is 18 cm
// wide. The smaller kinds share one column, 其他.
const maxKinds = 8

// The keys of a summary's own columns: no table's column has them. A
// kind column's key is summaryKindKey + its measure's key; its Header is
// the kind (summaryOther for the rest).
const (
	summaryMonth   = "\x00month"
	summaryCount   = "\x00count"
	summaryKindKey = "\x00kind:"
	summaryOther   = "\x00other"
)

// summaryTable renders the rows of table name in period p summed up; ""
// when the site has no such table or it has no row in p.
func (b *builder) summaryTable(name string, p model.Period) template.HTML {
	r := b.r
	t, rows := b.periodRows(name, p)
	if len(rows) == 0 {
		return ""
	}
	// A calendar year's months need no year; a school year's do.
	withYear := p.IsAll() || p.Kind == model.SchoolYear
	month := func(d model.Date) string { return r.lang.Month(fmt.Sprintf("%04d-%02d", d.Year, d.Month), withYear) }
	s, srows := summarize(t, rows, r.lang.T("Total"), month)
	cols := make([]int, len(s.Columns))
	for i := range cols {
		cols[i] = i
	}
	var conds []string
	if len(s.Columns) > 0 && s.Columns[0].Key == summaryMonth {
		by := r.lang.T("month")
		if k := summaryKinds[t.Name]; k.column != "" && len(s.Columns) > 1 && strings.HasPrefix(s.Columns[1].Key, summaryKindKey) {
			by += r.lang.T("list:and") + r.columnLabel(t.Name, k.column)
		}
		conds = append(conds, fmt.Sprintf(r.lang.T("summed up by %s"), by))
	}
	h, err := r.tableHTML(s, srows, cols, conds, p, len(rows))
	if err != nil {
		b.errs.Add(model.Pos{File: "layouts/partials.html"}, "%v", err)
		return ""
	}
	return h
}

// summarize sums rows of t up by month (when t has a date column, each
// labelled by month), with a column per kind (see summaryKinds). The
// table it returns has the summary's columns, and its rows end with a
// total row labelled total.
func summarize(t *model.Table, rows []*model.Row, total string, month func(model.Date) string) (*model.Table, []*model.Row) {
	s := &model.Table{Name: t.Name, File: t.File, Schema: t.Schema}
	monthly := t.DateCol() >= 0
	if monthly {
		s.Columns = append(s.Columns, model.Column{Key: summaryMonth, Kind: model.MonthKind})
	}
	kinds, kindOf, measure := summaryKindsOf(t, rows)
	first := len(s.Columns)
	for _, k := range kinds {
		key := summaryKindKey
		if measure >= 0 {
			key += t.Columns[measure].Key
		}
		s.Columns = append(s.Columns, model.Column{Key: key, Header: k, Kind: model.Number})
	}
	// A table kept by month (utilities) has a row per month: no count.
	counted := !monthly || t.Columns[t.DateCol()].Kind != model.MonthKind || kindOf != nil
	count := len(s.Columns)
	if counted {
		s.Columns = append(s.Columns, model.Column{Key: summaryCount, Kind: model.Number})
	} else {
		count--
	}
	var sums []int
	for i, c := range t.Columns {
		// In a contract table only numbers with one unit add up:
		// quantities come with a unit of their own on each row.
		if zh, _ := columnUnits(t.Schema, t.Name, c.Key); c.Kind == model.Number && (zh != "" || t.Schema == nil || t.Schema.Unit == "") {
			sums = append(sums, i)
			s.Columns = append(s.Columns, c)
		}
	}

	months := map[model.Date]*model.Row{}
	tot := &model.Row{Cells: make([]model.Value, len(s.Columns))}
	for _, row := range rows {
		lines := []*model.Row{tot}
		if monthly {
			m := model.Date{Year: row.Date.Year, Month: row.Date.Month}
			g := months[m]
			if g == nil {
				g = &model.Row{Date: m, Cells: make([]model.Value, len(s.Columns))}
				g.Cells[0] = model.Value{Raw: month(m), Set: true} // no Date: shown as written
				months[m] = g
			}
			lines = append(lines, g)
		}
		for _, l := range lines {
			if kindOf != nil {
				v := 1.0
				if measure >= 0 {
					v = row.Cells[measure].Num
				}
				add(&l.Cells[first+kindOf[row]], v)
			}
			if counted {
				add(&l.Cells[count], 1)
			}
			for j, c := range sums {
				if v := row.Cells[c]; v.Set {
					add(&l.Cells[count+1+j], v.Num)
				}
			}
		}
	}
	if !monthly {
		return s, []*model.Row{tot}
	}
	out := make([]*model.Row, 0, len(months)+1)
	for _, g := range months {
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Date.Compare(out[j].Date) < 0 })
	tot.Cells[0] = model.Value{Raw: total, Set: true}
	return s, append(out, tot)
}

// summaryKindsOf lists the kinds of rows for t's summary, most frequent
// (or largest) first, at most maxKinds with the rest as summaryOther; the
// kind column of each row; and the column summed per kind (-1: count).
func summaryKindsOf(t *model.Table, rows []*model.Row) ([]string, map[*model.Row]int, int) {
	sk, ok := summaryKinds[t.Name]
	col := t.Col(sk.column)
	if !ok || col < 0 {
		return nil, nil, -1
	}
	measure := -1
	if sk.measure != "" {
		measure = t.Col(sk.measure)
	}
	size := map[string]float64{}
	for _, row := range rows {
		v := 1.0
		if measure >= 0 {
			v = row.Cells[measure].Num
		}
		size[kindKey(t, row, col)] += v
	}
	kinds := make([]string, 0, len(size))
	for k := range size {
		kinds = append(kinds, k)
	}
	sort.Slice(kinds, func(i, j int) bool {
		if size[kinds[i]] != size[kinds[j]] {
			return size[kinds[i]] > size[kinds[j]]
		}
		return kinds[i] < kinds[j]
	})
	index := map[string]int{}
	for i, k := range kinds {
		index[k] = min(i, maxKinds-1)
	}
	if len(kinds) > maxKinds {
		kinds = append(kinds[:maxKinds-1], summaryOther)
	}
	kindOf := make(map[*model.Row]int, len(rows))
	for _, row := range rows {
		kindOf[row] = index[kindKey(t, row, col)]
	}
	return kinds, kindOf, measure
}

// kindKey is the kind of a row: its cell as written, severities in one
// spelling, so that 轻微 and minor are one kind.
func kindKey(t *model.Table, row *model.Row, col int) string {
	v := row.Cells[col].Raw
	if t.Columns[col].Kind == model.Severity {
		return query.Normalize(model.Severity, v)
	}
	return v
}

func add(v *model.Value, n float64) {
	v.Num += n
	v.Set = true
}

// money reports whether column c of t holds sums of money, which every
// table shows with one decimal.
func money(t *model.Table, c int) bool {
	zh, _ := columnUnits(t.Schema, t.Name, strings.TrimPrefix(t.Columns[c].Key, summaryKindKey))
	return zh == model.Money
}

// headerLabel is the heading of column c of t, with its unit: 费用（元）.
func (r *Renderer) headerLabel(t *model.Table, c int) string {
	switch key := t.Columns[c].Key; key {
	case summaryMonth:
		return r.lang.T("month")
	case summaryCount:
		return r.countLabel(t)
	}
	if measure, ok := strings.CutPrefix(t.Columns[c].Key, summaryKindKey); ok {
		kind := r.lang.T("Other")
		if h := t.Columns[c].Header; h != summaryOther {
			kind = r.valueLabel(t.Name, summaryKinds[t.Name].column, h)
		}
		unit := r.rowUnit(t)
		if measure != "" {
			unit = r.columnUnit(t.Name, measure)
		}
		return r.withUnit(kind, unit)
	}
	key := t.Columns[c].Key
	return r.withUnit(r.columnLabel(t.Name, key), r.columnUnit(t.Name, key))
}

// countLabel heads a summary's count: 次数, 笔数; Orders, Purchases.
func (r *Renderer) countLabel(t *model.Table) string {
	switch {
	case t.Schema == nil || t.Schema.Unit == "":
		return r.lang.T("Rows")
	case r.lang.en:
		return humanize(t.Schema.UnitEn)
	}
	return strings.TrimPrefix(t.Schema.Unit, "个") + "数"
}

// unitCaption says in a table's caption what its figures count and
// measure: 每行 1 次 · 费用单位：元 for a ledger, 次数单位：次 · 费用单位：元
// for a summary.
func (r *Renderer) unitCaption(t *model.Table, cols []int) string {
	var parts []string
	var units []string // in order of first use
	byUnit := map[string][]string{}
	for _, c := range cols {
		key := t.Columns[c].Key
		if key == summaryCount {
			if u := r.rowUnit(t); u != "" {
				parts = append(parts, fmt.Sprintf(r.lang.T("count:%[1]s in %[2]s"), r.countLabel(t), u))
			}
			continue
		}
		if m, ok := strings.CutPrefix(key, summaryKindKey); ok {
			key = m // a kind column: counted above, or a sum of m
		}
		if u := r.columnUnit(t.Name, key); u != "" && t.Columns[c].Kind == model.Number && !slices.Contains(byUnit[u], r.columnLabel(t.Name, key)) {
			if byUnit[u] == nil {
				units = append(units, u)
			}
			byUnit[u] = append(byUnit[u], r.columnLabel(t.Name, key))
		}
	}
	if u := r.rowUnit(t); len(parts) == 0 && u != "" {
		parts = append(parts, fmt.Sprintf(r.lang.T("one row = 1 %s"), u))
	}
	for _, u := range units {
		parts = append(parts, fmt.Sprintf(r.lang.T("%s in %s"), strings.Join(byUnit[u], r.lang.T("list:and")), u))
	}
	return strings.Join(parts, " · ")
}

// rowUnit is what one row of a contract table counts: 次, 笔; orders.
func (r *Renderer) rowUnit(t *model.Table) string {
	switch {
	case t.Schema == nil:
		return ""
	case r.lang.en:
		return t.Schema.UnitEn
	}
	return t.Schema.Unit
}
