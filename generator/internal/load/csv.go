package load

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"path"
	"slices"
	"strings"

	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/par"
)

// maxFileErrors caps the problems reported for one file, so that a file
// that is not a table at all does not flood the output.
const maxFileErrors = 1000

// partSize is the size of the parts of a large file, which are read
// concurrently: a part ends at the first end of a record after that many
// bytes, and a smaller file is read whole. It is fixed, so that the parts
// before an edit are the same in both versions of a file: serve reads
// only the parts that changed (see csvParts).
const partSize = 1 << 20

// csvParts is what reading a file in parts found, kept for the next read
// of the same file (load.Cache): a part whose bytes and first line did
// not change is taken as it was read.
type csvParts struct {
	schema *model.Schema // as passed to readCSV
	text   []byte
	head   int // the offset of the first part: what comes before is the header
	parts  map[int]csvPart
}

// csvPart is what one part held; it starts on line line.
type csvPart struct {
	from, to, line int // its bytes and first line
	at             int // the index of its first row in the table
	found, late    []problem
	cols           []column // the extra cells and stray cells of the part
	rows           []model.Row
}

// reuse returns what prev found in the part of text from..to that starts
// on line, if the part is the same.
func (prev *csvParts) reuse(c *csvReader, from, to, line int) (csvPart, bool) {
	if prev == nil || prev.schema != c.prevSchema || prev.head != c.head ||
		!bytes.Equal(prev.text[:prev.head], c.lines.text[:c.head]) {
		return csvPart{}, false
	}
	p, ok := prev.parts[line]
	return p, ok && bytes.Equal(prev.text[p.from:p.to], c.lines.text[from:to])
}

// csvReader holds the state of reading one CSV file, or one part of it.
// The problems found are kept in the order of a reader that reads every
// record first (see fill), and report returns them.
type csvReader struct {
	file   string
	schema *model.Schema
	lines  *lines
	r      *csv.Reader
	part   int       // the size of the parts of the file read concurrently (see split)
	found  []problem // the problems in the order they are found, but those in late
	late   []problem // the problems of typed cells, which come last

	// prev is the last read of the file in parts, if any, and prevSchema
	// the schema this read was asked for; parts is what this one found,
	// when it read the file in parts, and head where its first part starts.
	prev       *csvParts
	prevSchema *model.Schema
	parts      *csvParts
	head       int

	// A sheet of a workbook is read as a CSV file is, from its records:
	// sheet is its name, merges its merged cells, serials says that its
	// dates are numbers (see serialDate) and date1904 that they count
	// from 1904. lines is nil.
	sheet    string
	records  int // the rows of the sheet, and one
	merges   *mergeSet
	serials  bool
	date1904 bool
	// comma separates the cells of a CSV file: ',' or, in the text that
	// Excel saves as "Unicode Text", a tab.
	comma rune
}

// CSV reads a record table. file is the site-relative path, used in
// positions and, for a custom table (schema nil), to name the table.
// Every problem of the file is returned; the table is nil only when the
// file cannot be read as text at all.
func CSV(file string, data []byte, schema *model.Schema) (*model.Table, model.ErrorList) {
	t, errs, _, _ := readCSV(file, data, schema, nil)
	return t, errs
}

// readCSV is CSV that also returns the file as UTF-8 text, or nil when it
// is not text. The text is data, or a part of it, when data is UTF-8: a
// large file is neither copied nor kept twice. prev is what the last read
// of the file in parts found, if any; readCSV returns this read's.
func readCSV(file string, data []byte, schema *model.Schema, prev *csvParts) (*model.Table, model.ErrorList, []byte, *csvParts) {
	var errs model.ErrorList
	start := model.Pos{File: file, Line: 1, Col: 1}
	if len(data) > maxCSV {
		errs.Add(start, "the file is larger than %d MB: split it into smaller tables", maxCSV>>20)
		return nil, errs, nil, nil
	}
	text, err := decodeBytes(data)
	if err != nil {
		errs.Append(start, err)
		return nil, errs, nil, nil
	}
	c := &csvReader{prev: prev, prevSchema: schema}
	t, errs := c.parse(file, text, schema, partSize)
	return t, errs, text, c.parts
}

// parse reads a record table from its text, in parts of part bytes or a
// little more that it reads concurrently.
func (c *csvReader) parse(file string, text []byte, schema *model.Schema, part int) (*model.Table, model.ErrorList) {
	if schema == nil {
		name := strings.TrimSuffix(path.Base(file), path.Ext(file))
		schema = &model.Schema{Name: name, Title: name}
	}
	c.file, c.schema, c.lines, c.part = file, schema, newLines(text), part
	t := &model.Table{Name: schema.Name, File: file, Schema: schema}
	c.comma = separator(text)
	if c.comma != ',' && path.Ext(file) == ".csv" {
		c.note(1, 1, "", "the cells of this file are separated by tabs (Excel's \"Unicode Text\"): it is read as such; \"CSV UTF-8\" is the usual way to save a table")
	}
	c.read(t)
	return t, c.report()
}

// separator returns what separates the cells of a CSV text: a tab when
// the first lines hold tabs and no commas, else a comma.
func separator(text []byte) rune {
	tabs := false
	for i, line := range bytes.SplitN(text, []byte("\n"), 6) {
		if i == 5 {
			break
		}
		if bytes.IndexByte(line, ',') >= 0 {
			return ','
		}
		tabs = tabs || bytes.IndexByte(line, '\t') >= 0
	}
	if tabs {
		return '\t'
	}
	return ','
}

// read fills t from the text: the header, then every row. It reads with
// scanners, and again with encoding/csv when they find a syntax error, so
// that the problems reported are encoding/csv's.
func (c *csvReader) read(t *model.Table) {
	if c.comma == ',' {
		pre := newScanner(c.lines)
		skip, _ := c.findHeader(pre.next)
		s := newScanner(c.lines)
		if !pre.failed && c.fill(t, skipping(s.next, skip), func() []*scanner { return s.split(c.part) }) && !s.failed {
			return
		}
		*t = model.Table{Name: t.Name, File: t.File, Schema: t.Schema}
		c.found, c.late, c.parts = nil, nil, nil
	}
	c.r = c.csvReader()
	pre := &csvReader{file: c.file, schema: c.schema, lines: c.lines, r: c.csvReader()}
	skip, _ := pre.findHeader(pre.next)
	for _, p := range pre.found {
		if p.level == model.LevelNote { // its errors are found again by c
			c.found = append(c.found, p)
		}
	}
	c.fill(t, skipping(c.next, skip), nil)
}

func (c *csvReader) csvReader() *csv.Reader {
	r := csv.NewReader(bytes.NewReader(c.lines.text))
	r.FieldsPerRecord = -1
	r.Comma = c.comma
	return r
}

// skipping returns next, which leaves out the first skip non-blank
// records: those above the header (see findHeader).
func skipping(next func() (*record, int, bool), skip int) func() (*record, int, bool) {
	return func() (*record, int, bool) {
		for {
			rec, line, ok := next()
			if !ok || rec == nil || skip == 0 {
				return rec, line, ok
			}
			skip--
		}
	}
}

// rowsPerBlock is how many rows' cells rows allocates at a time.
const rowsPerBlock = 1024

// fill reads the header and the rows of t from next, which returns the
// records of the file as csvReader.next does, or, when split returns
// scanners of the rest of the file after the header, from those,
// concurrently. It reports false when one of them fails. Rows are typed
// as they are read, but the problems are reported in the order of a
// reader that reads every record first: the header's, the ragged rows',
// the cells' under a blank header, then the typed cells'.
func (c *csvReader) fill(t *model.Table, next func() (*record, int, bool), split func() []*scanner) bool {
	header, _, ok := next()
	for ok && header == nil {
		header, _, ok = next()
	}
	if !ok {
		c.add(1, 1, "the file is empty: the first row must be the header%s", c.headerExample())
		return true
	}
	cols := c.header(t, header)
	var parts []*scanner
	if split != nil {
		parts = split()
	}
	if len(parts) > 1 {
		if !c.fillParts(t, cols, parts) {
			return false
		}
	} else {
		// A row per line at most.
		n := c.records
		if c.lines != nil {
			n = len(c.lines.starts)
		}
		t.Rows = c.rows(t, cols, next, make([]model.Row, 0, n-1), n+1)
	}
	if len(t.Rows) < cap(t.Rows)/2 {
		t.Rows = slices.Clone(t.Rows) // blank lines or cells on several lines
		if c.parts != nil {
			for line, p := range c.parts.parts {
				p.rows = t.Rows[p.at : p.at+len(p.rows) : p.at+len(p.rows)]
				c.parts.parts[line] = p
			}
		}
	}
	c.typeExtras(t, cols)
	return true
}

// rows appends to rows the records that next returns, typed; end is the
// line after the last one next can return.
func (c *csvReader) rows(t *model.Table, cols []column, next func() (*record, int, bool), rows []model.Row, end int) []model.Row {
	n := len(t.Columns)
	var cells []model.Value // the rest of the block of cells being filled
	for {
		rec, line, ok := next()
		if !ok {
			return rows
		}
		if rec == nil {
			continue
		}
		if kind, text := frameRow(rec); kind != "" {
			c.frame(rec, kind, text)
			continue
		}
		if len(rec.cells) != len(cols) {
			c.ragged(rec, line, len(cols))
			continue
		}
		// A block holds rows that follow each other, as queries read
		// them, and no more rows than there are lines left.
		if len(cells) < n {
			cells = make([]model.Value, min(rowsPerBlock, end-line)*n)
		}
		rows = append(rows, c.row(t, cols, rec, cells[:n:n]))
		cells = cells[n:]
	}
}

// fillParts reads the rows of t from parts, the scanners of consecutive
// parts of the file, concurrently, each with a reader and columns of its
// own, and joins what they found in the order of the parts. It reports
// false when a scanner fails.
func (c *csvReader) fillParts(t *model.Table, cols []column, parts []*scanner) bool {
	type result struct {
		r    *csvReader
		cols []column
		rows []model.Row
	}
	// Part k starts on line starts[k]. Its rows go to its own stretch of
	// all, which has a row for each of its lines.
	starts := make([]int, len(parts)+1)
	for k, s := range parts {
		starts[k] = s.line
	}
	starts[len(parts)] = len(c.lines.starts) + 1
	all := make([]model.Row, len(c.lines.starts)-1)
	out := make([]result, len(parts))
	c.head = parts[0].i
	kept := &csvParts{schema: c.prevSchema, text: c.lines.text, head: c.head, parts: map[int]csvPart{}}
	bytesOf := make([][2]int, len(parts)) // where each part starts and ends in the text
	for k, s := range parts {
		bytesOf[k] = [2]int{s.i, len(s.text)}
	}
	par.Each(len(parts), func(k int) {
		s := parts[k]
		from, to := starts[k]-starts[0], starts[k+1]-starts[0]
		if p, ok := c.prev.reuse(c, bytesOf[k][0], bytesOf[k][1], starts[k]); ok {
			out[k] = result{r: &csvReader{found: p.found, late: p.late}, cols: p.cols, rows: all[from : from+copy(all[from:to], p.rows)]}
			return
		}
		f := result{r: &csvReader{file: c.file, schema: c.schema, lines: c.lines}, cols: slices.Clone(cols)}
		for i := range f.cols {
			f.cols[i].values = map[string]model.Value{}
		}
		f.rows = f.r.rows(t, f.cols, s.next, all[from:from:to], starts[k+1])
		out[k] = f
	})
	n := 0
	for k, f := range out {
		if parts[k].failed {
			return false
		}
		if n != starts[k]-starts[0] {
			copy(all[n:], f.rows) // over the lines of the parts before that held no row
		}
		keptCols := slices.Clone(f.cols)
		for i := range keptCols {
			keptCols[i].values = nil // the part's interned cells; its rows keep what they need
		}
		kept.parts[starts[k]] = csvPart{from: bytesOf[k][0], to: bytesOf[k][1], line: starts[k], at: n,
			found: f.r.found, late: f.r.late, cols: keptCols, rows: all[n : n+len(f.rows) : n+len(f.rows)]}
		n += len(f.rows)
		c.found = keep(c.found, f.r.found...)
		c.late = keep(c.late, f.r.late...)
		for i := range cols {
			if cols[i].strayLine == 0 {
				cols[i].strayLine, cols[i].strayCol = f.cols[i].strayLine, f.cols[i].strayCol
			}
			cols[i].cells = append(cols[i].cells, f.cols[i].cells...)
		}
	}
	t.Rows = all[:n]
	c.parts = kept
	return true
}

// record is one row as read, with the position of each cell.
type record struct {
	cells [][]byte
	at    []int32 // line and byte column of each cell, in pairs
}

func (r *record) line(i int) int { return int(r.at[2*i]) }
func (r *record) col(i int) int  { return int(r.at[2*i+1]) }

func (r *record) pos(c *csvReader, i int) model.Pos {
	return c.pos(r.line(i), r.col(i))
}

// next returns the next record read by encoding/csv with its cells trimmed
// and its line, nil for a row whose cells are all blank, and false at the
// end of the file. Syntax errors are reported and the reader goes on with
// the next line.
func (c *csvReader) next() (*record, int, bool) {
	for {
		rec, err := c.r.Read()
		if err == io.EOF {
			return nil, 0, false
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			if c.unclosed(pe) {
				c.add(pe.StartLine, 1, `a quoted cell of this row is not closed: add the closing quote (")`)
				return nil, 0, false
			}
			c.syntax(pe)
			continue
		}
		if err != nil {
			c.add(1, 1, "%v", err)
			return nil, 0, false
		}
		r := &record{cells: make([][]byte, len(rec)), at: make([]int32, 2*len(rec))}
		blank := true
		for i := range rec {
			r.cells[i] = []byte(strings.TrimSpace(rec[i]))
			blank = blank && len(r.cells[i]) == 0
			line, col := c.r.FieldPos(i)
			r.at[2*i], r.at[2*i+1] = int32(min(line, math.MaxInt32)), int32(min(col, math.MaxInt32))
		}
		if blank {
			return nil, r.line(0), true
		}
		return r, r.line(0), true
	}
}

func (c *csvReader) syntax(pe *csv.ParseError) {
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		c.add(pe.Line, pe.Column, `a quote (") in a cell that does not start with one: put the whole cell in quotes and double the quote, e.g. "12"" pipe"`)
	case errors.Is(pe.Err, csv.ErrQuote):
		c.add(pe.Line, pe.Column, `a quoted cell must end at its closing quote ("): put the whole cell in quotes and double quotes inside it`)
	default:
		c.add(pe.Line, pe.Column, "%v", pe.Err)
	}
}

// unclosed reports whether pe is a quoted cell that runs to the end of the
// file.
func (c *csvReader) unclosed(pe *csv.ParseError) bool {
	if !errors.Is(pe.Err, csv.ErrQuote) || pe.Line < 1 || pe.Line > len(c.lines.starts) {
		return false
	}
	return c.lines.starts[pe.Line-1]+pe.Column-1 >= len(c.lines.text)
}

func (c *csvReader) ragged(rec *record, line, want int) {
	n := len(rec.cells)
	if n > want {
		c.add(rec.line(want), rec.col(want), "the row has %d cells but the header has %d columns: quote cells that contain commas, e.g. \"1,250\"", n, want)
		return
	}
	c.add(line, 1, "the row has %d cells but the header has %d columns: add the missing cells, leaving blank ones empty (a,,c)", n, want)
}

func (c *csvReader) headerExample() string {
	if len(c.schema.Columns) == 0 {
		return ""
	}
	keys := make([]string, len(c.schema.Columns))
	for i, s := range c.schema.Columns {
		keys[i] = s.Key
	}
	return ", e.g. " + strings.Join(keys, ",")
}

// describe names a contract column with its alias, e.g. "trade" (工种).
func describe(spec model.ColumnSpec) string {
	if spec.Alias == "" {
		return fmt.Sprintf("%q", spec.Key)
	}
	return fmt.Sprintf("%q (%s)", spec.Key, spec.Alias)
}
