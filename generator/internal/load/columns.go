package load

import (
	"strings"

	"github.com/houqin/report/generator/internal/model"
)

// column is what the reader knows about one column of the file.
type column struct {
	spec   *model.ColumnSpec // nil for a column the contract does not list
	at     int               // index in Table.Columns, or -1 when the column is dropped
	header string
	extra  bool // kind decided from the cells
}

// dateHeaders name the date column of a custom table.
var dateHeaders = map[string]model.Kind{"date": model.DateKind, "日期": model.DateKind, "month": model.MonthKind, "月份": model.MonthKind}

// header maps the header cells to columns and reports missing required
// columns and duplicates.
func (c *csvReader) header(t *model.Table, h *record) []column {
	cols := make([]column, len(h.cells))
	seen := map[string]int{} // key (lower case) -> file column
	custom := len(c.schema.Columns) == 0
	for i, name := range h.cells {
		cols[i] = column{at: -1, header: name}
		if name == "" {
			continue // a blank header drops the column; typeExtras checks it is empty
		}
		col := model.Column{Key: name, Header: name, Pos: h.pos(c, i)}
		if spec, ok := c.schema.Column(name); ok {
			cols[i].spec = &spec
			col.Key, col.Kind = spec.Key, spec.Kind
		} else if kind, ok := dateHeaders[strings.ToLower(name)]; ok && custom && !hasDate(t) {
			col.Key, col.Kind = kind.String(), kind
		} else {
			cols[i].extra = true
		}
		key := strings.ToLower(col.Key)
		if j, dup := seen[key]; dup {
			c.add(h.line(i), h.col(i), "duplicate column %q: column %d (%q) is the same; delete or rename one of them", name, j+1, h.cells[j])
			continue
		}
		seen[key] = i
		cols[i].at = len(t.Columns)
		t.Columns = append(t.Columns, col)
	}
	for _, spec := range c.schema.Columns {
		if _, ok := seen[strings.ToLower(spec.Key)]; !ok && spec.Required {
			c.add(h.line(0), 1, "missing required column %s; the header has: %s", describe(spec), strings.Join(nonBlank(h.cells), ", "))
		}
	}
	return cols
}

func hasDate(t *model.Table) bool {
	for _, col := range t.Columns {
		if col.Kind == model.DateKind || col.Kind == model.MonthKind {
			return true
		}
	}
	return false
}

func nonBlank(cells []string) []string {
	var out []string
	for _, s := range cells {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// typeExtras gives each column the contract does not list the kind Number
// when every non-blank cell is a number, else Text. It also reports cells
// under a blank header.
func (c *csvReader) typeExtras(t *model.Table, cols []column, recs []record) {
	for i, col := range cols {
		if col.header == "" {
			for _, r := range recs {
				if r.cells[i] != "" {
					c.add(r.line(i), r.col(i), "this cell is in column %d, which has no header: write a name in the header row or delete the column", i+1)
					break
				}
			}
			continue
		}
		if !col.extra || col.at < 0 {
			continue
		}
		kind, filled := model.Number, false
		for _, r := range recs {
			if r.cells[i] == "" {
				continue
			}
			filled = true
			if _, err := ParseNumber(r.cells[i]); err != nil {
				kind = model.Text
				break
			}
		}
		if filled {
			t.Columns[col.at].Kind = kind
		}
	}
}

// row types the cells of one record.
func (c *csvReader) row(t *model.Table, cols []column, r *record) model.Row {
	row := model.Row{Line: r.line(0), Cells: make([]model.Value, len(t.Columns))}
	for i, col := range cols {
		if col.at < 0 {
			continue
		}
		kind := t.Columns[col.at].Kind
		v, msg := cell(r.cells[i], kind, col.spec)
		if msg != "" {
			c.add(r.line(i), r.col(i), "%s", msg)
		}
		row.Cells[col.at] = v
		if (kind == model.DateKind || kind == model.MonthKind) && row.Date.IsZero() {
			row.Date = v.Date
		}
	}
	return row
}

// cell types one cell. It returns a message when the cell is not valid.
func cell(raw string, kind model.Kind, spec *model.ColumnSpec) (model.Value, string) {
	if raw == "" {
		switch {
		case spec != nil && spec.Required:
			return model.Value{}, "the column " + describe(*spec) + " is required but this cell is blank"
		case spec != nil && spec.Default != "":
			raw = spec.Default
		default:
			return model.Value{}, ""
		}
	}
	v := model.Value{Raw: raw}
	var err error
	switch kind {
	case model.Number:
		v.Num, err = ParseNumber(raw)
	case model.DateKind:
		v.Date, err = ParseDate(raw)
	case model.MonthKind:
		v.Date, err = ParseMonth(raw)
	case model.Bool:
		v.Bool, err = parseBool(raw)
	case model.Severity:
		v.Raw, err = parseSeverity(raw)
		if err != nil {
			v.Raw = raw
		}
	}
	if err != nil {
		return v, err.Error()
	}
	v.Set = true
	return v, ""
}
