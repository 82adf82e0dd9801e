package query

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/houqin/report/generator/internal/model"
)

// Engine answers questions about a site's tables. Row selections and
// chart data are computed once per table (or chart), period and filters,
// and shared by every reference and every page that asks again.
type Engine struct {
	site   *model.Site
	tables map[string]*model.Table

	o   *once   // shared with the engines Recording makes
	c   *caches // shared with the engines Update and Recording make
	rec *Reads  // nil, or where the engine records what it reads
}

// once holds what an engine computes once from its site.
type once struct {
	periods     []model.Period
	periodsOnce sync.Once
	charts      []model.ChartSpec
	chartsOnce  sync.Once
}

// caches hold what an engine computed from the tables.
type caches struct {
	periods   memo[string, *rowPeriods]    // per table: its rows by period
	texts     memo[columnKey, *textColumn] // columns read by filters and charts
	numbers   memo[columnKey, []float64]   // columns summed
	selected  memo[selectionKey, []int]    // the rows of a table in a period, filtered
	charted   memo[chartKey, chartResult]  // ChartData per chart and period
	sums      memo[string, []uint64]       // per table: hashes of its rows, all and per period (see Sum)
	rowHashes memo[string, []uint64]       // per table: a hash of each row

	yearsOnce sync.Once
	years     []int // the periods the tables' rows fall in
}

type periodKey struct {
	table string
	year  int
}

// selectionKey names a filtered selection: conds lists the filters by
// column index and normalized value.
type selectionKey struct {
	periodKey
	conds string
}

// New prepares an engine over site. The projects of data/projects.yaml are
// offered as a table named "projects" so that charts and references can use them.
func New(site *model.Site) *Engine {
	e := &Engine{site: site, tables: map[string]*model.Table{}, o: &once{}, c: &caches{}}
	for name, t := range site.Tables {
		e.tables[name] = t
	}
	if len(site.Projects) > 0 {
		e.tables["projects"] = ProjectTable(site.Projects)
	}
	return e
}

// Site is the site the engine reads.
func (e *Engine) Site() *model.Site { return e.site }

// Table returns a table by name, or nil.
func (e *Engine) Table(name string) *model.Table {
	e.read(ReadKey{Kind: ReadSchema})
	return e.tables[name]
}

// TableNames lists the tables the site has, sorted.
func (e *Engine) TableNames() []string {
	e.read(ReadKey{Kind: ReadSchema})
	names := make([]string, 0, len(e.tables))
	for n := range e.tables {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Periods lists, oldest first, every period that has a dated row in any
// table or a yearly page.
func (e *Engine) Periods() []model.Period {
	e.read(ReadKey{Kind: ReadPeriods})
	e.o.periodsOnce.Do(func() { e.o.periods = e.findPeriods() })
	return e.o.periods
}

func (e *Engine) findPeriods() []model.Period {
	years := map[int]bool{}
	for _, y := range e.tableYears() {
		years[y] = true
	}
	for _, p := range e.site.Pages {
		if p.Kind == model.YearPage {
			years[p.Year] = true
		}
	}
	list := make([]int, 0, len(years))
	for y := range years {
		list = append(list, y)
	}
	sort.Ints(list)
	out := make([]model.Period, len(list))
	for i, y := range list {
		out[i] = e.site.Config.PeriodOf(y)
	}
	return out
}

// tableYears lists the periods (by year) that the tables' rows fall in.
func (e *Engine) tableYears() []int {
	e.c.yearsOnce.Do(func() {
		for _, t := range e.tables {
			if t.Name == "projects" {
				continue
			}
			for _, y := range e.rowPeriods(t).years {
				if !slices.Contains(e.c.years, y) {
					e.c.years = append(e.c.years, y)
				}
			}
		}
	})
	return e.c.years
}

// Update returns an engine over site, a later load of the same site (serve
// reloads it after every save). When site has the same settings, charts
// and projects as e's and the very same tables (a load cache hands over
// the tables whose files did not change), the new engine keeps what e
// computed from them; otherwise it is New(site).
func (e *Engine) Update(site *model.Site) *Engine {
	n := New(site)
	if e == nil || !bytes.Equal(e.site.Files["data/site.yaml"], site.Files["data/site.yaml"]) ||
		!bytes.Equal(e.site.Files["data/charts.yaml"], site.Files["data/charts.yaml"]) ||
		!bytes.Equal(e.site.Files["data/projects.yaml"], site.Files["data/projects.yaml"]) {
		return n
	}
	if p, ok := e.tables["projects"]; ok {
		n.tables["projects"] = p
	}
	changed := len(e.tables) != len(n.tables)
	for name, t := range n.tables {
		if e.tables[name] != t {
			changed = true
		}
	}
	if !changed {
		n.c = e.c
		return n
	}
	// Keep what was computed from the tables that did not change.
	same := func(name string) bool { return n.tables[name] != nil && e.tables[name] == n.tables[name] }
	n.c.periods.keep(&e.c.periods, same)
	n.c.texts.keep(&e.c.texts, func(k columnKey) bool { return same(k.table) })
	n.c.numbers.keep(&e.c.numbers, func(k columnKey) bool { return same(k.table) })
	n.c.selected.keep(&e.c.selected, func(k selectionKey) bool { return same(k.table) })
	// A chart over all periods has a category per period, which the other
	// tables decide too.
	n.c.charted.keep(&e.c.charted, func(k chartKey) bool { return same(k.table) && k.year != 0 })
	n.c.sums.keep(&e.c.sums, same)
	n.c.rowHashes.keep(&e.c.rowHashes, same)
	return n
}

// HasData reports whether any table has a row in p.
func (e *Engine) HasData(p model.Period) bool {
	for name, t := range e.tables {
		if name != "projects" && len(e.inPeriod(t, p)) > 0 {
			return true
		}
	}
	return false
}

// inPeriod returns the indexes of the rows of t that fall in p, in row
// order. The slice is shared: callers must not modify it.
func (e *Engine) inPeriod(t *model.Table, p model.Period) []int {
	rp := e.rowPeriods(t)
	if p.IsAll() || undated(t) {
		return rp.all
	}
	return rp.in(p.Year)
}

// NotFoundError says what was asked for and what would be valid.
type NotFoundError struct {
	What  string // "table", "column", "chart"
	Name  string
	Valid []string
	In    string // e.g. the table a column was looked up in
}

func (e *NotFoundError) Error() string {
	in := ""
	if e.In != "" {
		in = " in " + e.In
	}
	if e.What == "table" {
		in = " (there is no data/" + e.Name + ".csv or .xlsx)"
	}
	if len(e.Valid) == 0 {
		return fmt.Sprintf("unknown %s %q%s", e.What, e.Name, in)
	}
	return fmt.Sprintf("unknown %s %q%s: use one of %s", e.What, e.Name, in, strings.Join(e.Valid, ", "))
}

// Lookup returns the named table or a NotFoundError listing the tables the site has.
func (e *Engine) Lookup(name string) (*model.Table, error) {
	e.read(ReadKey{Kind: ReadSchema})
	if t := e.tables[name]; t != nil {
		return t, nil
	}
	return nil, &NotFoundError{What: "table", Name: name, Valid: e.TableNames()}
}

// Column returns the index of a column, or a NotFoundError.
func Column(t *model.Table, name string) (int, error) {
	if i := t.Col(name); i >= 0 {
		return i, nil
	}
	return -1, &NotFoundError{What: "column", Name: name, Valid: t.ColumnNames(), In: t.File}
}

// Select returns the rows of table in p that match every filter. The
// slice is the caller's own.
func (e *Engine) Select(table string, p model.Period, filters []model.Filter) (*model.Table, []*model.Row, error) {
	e.readRows(table, p)
	t, err := e.Lookup(table)
	if err != nil {
		return nil, nil, err
	}
	idx, err := e.selection(t, p, filters)
	if err != nil {
		return nil, nil, err
	}
	var rows []*model.Row
	if len(idx) > 0 {
		rows = make([]*model.Row, len(idx))
		for k, i := range idx {
			rows[k] = &t.Rows[i]
		}
	}
	return t, rows, nil
}

// selection returns the indexes of the rows of t in p that match every
// filter, in row order, computed once per table, period and filters. The
// slice is shared: callers must not modify it.
func (e *Engine) selection(t *model.Table, p model.Period, filters []model.Filter) ([]int, error) {
	rows := e.inPeriod(t, p)
	if len(filters) == 0 {
		return rows, nil
	}
	type cond struct {
		col    int
		values []string
		not    bool
		kind   model.Kind
	}
	conds := make([]cond, 0, len(filters))
	var key strings.Builder
	for _, f := range filters {
		i, err := Column(t, f.Column)
		if err != nil {
			return nil, err
		}
		c := cond{col: i, not: f.Not, kind: t.Columns[i].Kind}
		// Length-prefixed, so that no value can pass for another filter.
		fmt.Fprintf(&key, "%d:%t:%d", c.col, c.not, len(f.Any()))
		for _, v := range f.Any() {
			v = normalize(c.kind, v)
			c.values = append(c.values, v)
			fmt.Fprintf(&key, ":%d:%s", len(v), v)
		}
		conds = append(conds, c)
	}
	return e.c.selected.get(selectionKey{periodKey{t.Name, p.Year}, key.String()}, func() []int {
		// Which of each column's distinct texts match, decided once per text.
		codes := make([][]int32, len(conds))
		match := make([][]bool, len(conds))
		for k, c := range conds {
			col := e.textColumn(t, c.col)
			codes[k], match[k] = col.codes, make([]bool, len(col.texts))
			for code, text := range col.texts {
				match[k][code] = slices.Contains(c.values, normalize(c.kind, text)) != c.not
			}
		}
		var out []int
	rows:
		for _, i := range rows {
			for k := range conds {
				if !match[k][codes[k][i]] {
					continue rows
				}
			}
			out = append(out, i)
		}
		return out
	}), nil
}

// normalize maps the spellings of a severity or yes/no to one word, so a
// filter may use either language.
func normalize(k model.Kind, s string) string {
	s = strings.TrimSpace(s)
	switch k {
	case model.Severity:
		switch strings.ToLower(s) {
		case "轻微", "minor":
			return "minor"
		case "一般", "moderate":
			return "moderate"
		case "严重", "serious":
			return "serious"
		}
	case model.Bool:
		switch strings.ToLower(s) {
		case "yes", "y", "true", "1", "是":
			return "yes"
		case "no", "n", "false", "0", "否":
			return "no"
		}
	case model.Number:
		if f, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64); err == nil {
			return strconv.FormatFloat(f, 'f', -1, 64)
		}
	}
	return s
}

// Normalize is normalize for callers outside the package.
func Normalize(k model.Kind, s string) string { return normalize(k, s) }
