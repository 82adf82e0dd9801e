package query

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/houqin/report/generator/internal/model"
)

// Engine answers questions about a site's tables. Row selections are
// computed once per table and period and shared by every reference.
type Engine struct {
	site   *model.Site
	tables map[string]*model.Table

	mu       sync.Mutex
	byPeriod map[periodKey][]int
	periods  []model.Period // computed once
	once     sync.Once
}

type periodKey struct {
	table string
	year  int
}

// New prepares an engine over site. The projects of data/projects.yaml are
// offered as a table named "projects" so that charts and references can use them.
func New(site *model.Site) *Engine {
	e := &Engine{site: site, tables: map[string]*model.Table{}, byPeriod: map[periodKey][]int{}}
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
func (e *Engine) Table(name string) *model.Table { return e.tables[name] }

// TableNames lists the tables the site has, sorted.
func (e *Engine) TableNames() []string {
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
	e.once.Do(func() { e.periods = e.findPeriods() })
	return e.periods
}

func (e *Engine) findPeriods() []model.Period {
	years := map[int]bool{}
	for _, t := range e.tables {
		if t.Name == "projects" {
			continue
		}
		for i := range t.Rows {
			if d := t.Rows[i].Date; !d.IsZero() {
				years[e.site.Config.PeriodFor(d).Year] = true
			}
		}
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

// HasData reports whether any table has a row in p.
func (e *Engine) HasData(p model.Period) bool {
	for name := range e.tables {
		if name != "projects" && len(e.indexes(e.tables[name], p)) > 0 {
			return true
		}
	}
	return false
}

// indexes returns the rows of t that fall in p, computed once.
func (e *Engine) indexes(t *model.Table, p model.Period) []int {
	key := periodKey{t.Name, p.Year}
	e.mu.Lock()
	defer e.mu.Unlock()
	if idx, ok := e.byPeriod[key]; ok {
		return idx
	}
	// A table without a date column (a custom list such as the office's
	// staff) holds facts that are true in every period.
	undated := t.Schema == nil || t.Schema.DateColumn() == "" || t.Col(t.Schema.DateColumn()) < 0
	var idx []int
	for i := range t.Rows {
		d := t.Rows[i].Date
		if p.IsAll() || undated || (!d.IsZero() && p.Contains(d)) {
			idx = append(idx, i)
		}
	}
	e.byPeriod[key] = idx
	return idx
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
		in = " (there is no data/" + e.Name + ".csv)"
	}
	if len(e.Valid) == 0 {
		return fmt.Sprintf("unknown %s %q%s", e.What, e.Name, in)
	}
	return fmt.Sprintf("unknown %s %q%s: use one of %s", e.What, e.Name, in, strings.Join(e.Valid, ", "))
}

// Lookup returns the named table or a NotFoundError listing the tables the site has.
func (e *Engine) Lookup(name string) (*model.Table, error) {
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

// Select returns the rows of table in p that match every filter.
func (e *Engine) Select(table string, p model.Period, filters []model.Filter) (*model.Table, []*model.Row, error) {
	t, err := e.Lookup(table)
	if err != nil {
		return nil, nil, err
	}
	type cond struct {
		col   int
		value string
		kind  model.Kind
	}
	conds := make([]cond, 0, len(filters))
	for _, f := range filters {
		i, err := Column(t, f.Column)
		if err != nil {
			return nil, nil, err
		}
		conds = append(conds, cond{i, normalize(t.Columns[i].Kind, f.Value), t.Columns[i].Kind})
	}
	var rows []*model.Row
	for _, i := range e.indexes(t, p) {
		r := &t.Rows[i]
		ok := true
		for _, c := range conds {
			if normalize(c.kind, r.Text(c.col)) != c.value {
				ok = false
				break
			}
		}
		if ok {
			rows = append(rows, r)
		}
	}
	return t, rows, nil
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
