package load

import (
	"fmt"
	"strings"

	"github.com/houqin/report/generator/internal/model"
)

// column is what the reader knows about one column of the file.
type column struct {
	spec   *model.ColumnSpec // nil for a column the contract does not list
	at     int               // index in Table.Columns, or -1 when the column is dropped
	header string
	extra  bool // kind decided from the cells
	// cells are the cells of an extra column, one per row, until
	// typeExtras types them.
	cells [][]byte
	// strayLine and strayCol are the line and byte column of the first
	// filled cell under a blank header, or 0.
	strayLine, strayCol int
	// values holds the typed value of each distinct valid cell read so
	// far, up to maxValues: dates, trades, units and locations repeat
	// from row to row, so most cells are typed once, and equal cells
	// share one Raw string instead of a copy each.
	values map[string]model.Value
}

// maxValues bounds column.values, so that a column of free text, whose
// cells seldom repeat, does not make a large map for little gain.
const maxValues = 1 << 14

// dateHeaders name the date column of a custom table.
var dateHeaders = map[string]model.Kind{"date": model.DateKind, "日期": model.DateKind, "month": model.MonthKind, "月份": model.MonthKind}

// header maps the header cells to columns and reports missing required
// columns and duplicates.
func (c *csvReader) header(t *model.Table, h *record) []column {
	cols := make([]column, len(h.cells))
	seen := map[string]int{} // key (lower case) -> file column
	custom := len(c.schema.Columns) == 0
	for i, cell := range h.cells {
		name := string(cell)
		cols[i] = column{at: -1, header: name, values: map[string]model.Value{}}
		if name == "" {
			continue // a blank header drops the column; typeExtras checks it is empty
		}
		col := model.Column{Key: name, Header: name, Pos: h.pos(c, i)}
		if spec, ok := c.schema.Column(headerName(name)); ok {
			cols[i].spec = &spec
			col.Key, col.Kind = spec.Key, spec.Kind
		} else if kind, ok := dateHeaders[strings.ToLower(headerName(name))]; ok && custom && !hasDate(t) {
			col.Key, col.Kind = kind.String(), kind
		} else {
			cols[i].extra = true
		}
		key := strings.ToLower(col.Key)
		if j, dup := seen[key]; dup {
			c.add(h.line(i), h.col(i), "duplicate column %q: column %d (%q) is the same; delete or rename one of them", name, j+1, cols[j].header)
			continue
		}
		seen[key] = i
		cols[i].at = len(t.Columns)
		t.Columns = append(t.Columns, col)
	}
	for _, spec := range c.schema.Columns {
		if _, ok := seen[strings.ToLower(spec.Key)]; !ok && spec.Required {
			c.add(h.line(0), 1, "missing required column %s; the header has: %s%s", describe(spec), strings.Join(headers(cols), ", "), c.headerHint(h))
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

// headers lists the names of the columns that have one.
func headers(cols []column) []string {
	var out []string
	for _, col := range cols {
		if col.header != "" {
			out = append(out, col.header)
		}
	}
	return out
}

// typeExtras gives each column the contract does not list the kind Number
// when every non-blank cell is a number, else Text, and types its cells.
// It also reports cells under a blank header.
func (c *csvReader) typeExtras(t *model.Table, cols []column) {
	for i := range cols {
		col := &cols[i]
		if col.header == "" {
			if col.strayLine > 0 {
				c.add(col.strayLine, col.strayCol, "this cell is in column %d, which has no header: write a name in the header row or delete the column", i+1)
			}
			continue
		}
		if !col.extra || col.at < 0 {
			continue
		}
		kind, filled := model.Number, false
		for _, raw := range col.cells {
			if len(raw) == 0 {
				continue
			}
			filled = true
			if _, err := ParseNumber(string(raw)); err != nil {
				kind = model.Text
				break
			}
		}
		if filled {
			t.Columns[col.at].Kind = kind
		}
		switch {
		case identifier(col.header, col.cells):
			t.Columns[col.at].Kind = model.Text
		case filled && c.dates(col.header, col.cells):
			t.Columns[col.at].Kind = model.DateKind
		}
		for k, raw := range col.cells {
			// No problem: a number column holds numbers and blanks only.
			t.Rows[k].Cells[col.at], _, _ = col.value(raw, t.Columns[col.at].Kind, c)
		}
	}
}

// identifierWords name the columns of numbers that identify something
// (invoices, contracts, assets) rather than count it.
var identifierWords = []string{"编号", "号码", "单号", "发票号", "合同号", "资产号", "编码", "代码", "账号", "证号", "工号", "学号", "序列号", "id", "no"}

// identifier reports whether an extra column holds identifiers, which are
// kept as written: its header says so, or a cell has a leading zero
// (00123) or more digits than an amount has (eleven, as a phone number).
func identifier(header string, cells [][]byte) bool {
	h := strings.ToLower(headerName(header))
	for _, w := range identifierWords {
		if strings.Contains(h, w) && (len(w) > 2 || h == w || strings.HasSuffix(h, w) || strings.HasSuffix(h, w+".")) {
			return true
		}
	}
	for _, raw := range cells {
		digits := 0
		for _, b := range raw {
			if b < '0' || b > '9' {
				digits = -1
				break
			}
			digits++
		}
		if digits >= 11 || digits > 1 && raw[0] == '0' {
			return true
		}
	}
	return false
}

// dates reports whether an extra column holds dates: its header names a
// date (完成日期, 验收时间) and every filled cell is one, or, in a
// workbook, a date number.
func (c *csvReader) dates(header string, cells [][]byte) bool {
	h := strings.ToLower(headerName(header))
	if !strings.Contains(h, "日期") && !strings.Contains(h, "时间") && !strings.HasSuffix(h, "date") {
		return false
	}
	for _, raw := range cells {
		if len(raw) == 0 {
			continue
		}
		if _, err := ParseDate(string(raw)); err != nil {
			if _, ok := serialDate(string(raw), c.serials, c.date1904); !ok {
				return false
			}
		}
	}
	return true
}

// row types the cells of one record into cells, which has room for the
// table's columns. The cells of extra columns wait for typeExtras, and
// the problems for the end of fill.
func (c *csvReader) row(t *model.Table, cols []column, r *record, cells []model.Value) model.Row {
	row := model.Row{Line: r.line(0), Cells: cells}
	for i := range cols {
		col := &cols[i]
		switch {
		case col.header == "":
			if col.strayLine == 0 && len(r.cells[i]) != 0 {
				col.strayLine, col.strayCol = r.line(i), r.col(i)
			}
			continue
		case col.at < 0:
			continue
		case col.extra:
			col.cells = append(col.cells, r.cells[i])
			continue
		}
		kind := t.Columns[col.at].Kind
		v, msg, serial := col.value(r.cells[i], kind, c)
		switch {
		case msg != "" && len(r.cells[i]) == 0 && c.lines != nil:
			c.addLate(r.line(i), r.col(i), msg+mergedHint, shape(i, r.cells[i]))
		case msg != "":
			c.addLate(r.line(i), r.col(i), msg, shape(i, r.cells[i]))
		case serial && !c.serials:
			c.note(r.line(i), r.col(i), fmt.Sprint(i, ":serial"), "%s is an Excel date number: read as %s; format the column as dates in Excel (or save the dates as text) so that they show as dates", r.cells[i], v.Date)
		}
		row.Cells[col.at] = v
		if (kind == model.DateKind || kind == model.MonthKind) && row.Date.IsZero() {
			row.Date = v.Date
		}
	}
	return row
}

// mergedHint names a common cause of blank cells in a CSV file.
const mergedHint = " (if it was merged with the cell above in Excel: a CSV file keeps merged cells blank; write the value on every row, or keep the table as .xlsx)"

// value types one cell of the column, as cell does, and reports whether
// it read a date from an Excel date number (see serialDate). Equal cells
// of the column share one Raw string.
func (col *column) value(raw []byte, kind model.Kind, c *csvReader) (model.Value, string, bool) {
	if v, ok := col.values[string(raw)]; ok {
		return v, "", false
	}
	s := string(raw)
	v, msg := cell(s, kind, col.spec)
	serial := false
	if msg != "" && (kind == model.DateKind || kind == model.MonthKind) {
		if d, ok := serialDate(s, c.serials, c.date1904); ok {
			if kind == model.MonthKind {
				d.Day = 0
			}
			v, msg, serial = model.Value{Raw: d.String(), Date: d, Set: true}, "", true
		}
	}
	if msg == "" && !(serial && !c.serials) && len(col.values) < maxValues {
		col.values[s] = v
	}
	return v, msg, serial
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
