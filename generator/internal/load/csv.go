package load

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"path"
	"strings"

	"github.com/houqin/report/generator/internal/model"
)

// maxFileErrors caps the problems reported for one file, so that a file
// that is not a table at all does not flood the output.
const maxFileErrors = 1000

// csvReader holds the state of reading one CSV file.
type csvReader struct {
	file   string
	schema *model.Schema
	lines  *lines
	r      *csv.Reader
	errs   model.ErrorList
	full   bool // maxFileErrors reached
}

func (c *csvReader) add(line, byteCol int, format string, args ...any) {
	if c.full {
		return
	}
	if len(c.errs) >= maxFileErrors {
		c.errs.Add(model.Pos{File: c.file, Line: line, Col: 1}, "too many errors in this file (%d); fix these and run again", maxFileErrors)
		c.full = true
		return
	}
	c.errs.Add(c.pos(line, byteCol), format, args...)
}

func (c *csvReader) pos(line, byteCol int) model.Pos {
	return model.Pos{File: c.file, Line: line, Col: c.lines.col(line, byteCol)}
}

// CSV reads a record table. file is the site-relative path, used in
// positions and, for a custom table (schema nil), to name the table.
// Every problem of the file is returned; the table is nil only when the
// file cannot be read as text at all.
func CSV(file string, data []byte, schema *model.Schema) (*model.Table, model.ErrorList) {
	var errs model.ErrorList
	start := model.Pos{File: file, Line: 1, Col: 1}
	if len(data) > maxCSV {
		errs.Add(start, "the file is larger than %d MB: split it into smaller tables", maxCSV>>20)
		return nil, errs
	}
	text, err := decodeText(data)
	if err != nil {
		errs.Append(start, err)
		return nil, errs
	}
	if schema == nil {
		name := strings.TrimSuffix(path.Base(file), path.Ext(file))
		schema = &model.Schema{Name: name, Title: name}
	}
	c := &csvReader{file: file, schema: schema, lines: newLines(text)}
	c.r = csv.NewReader(strings.NewReader(text))
	c.r.FieldsPerRecord = -1
	t := &model.Table{Name: schema.Name, File: file, Schema: schema}
	c.read(t)
	return t, c.errs
}

// read fills t from the reader: the header, then every row.
func (c *csvReader) read(t *model.Table) {
	header, _, ok := c.next()
	for ok && header == nil {
		header, _, ok = c.next()
	}
	if !ok {
		c.add(1, 1, "the file is empty: the first row must be the header%s", c.headerExample())
		return
	}
	cols := c.header(t, header)
	// One record per line at most: no reallocation while reading.
	recs := make([]record, 0, len(c.lines.starts))
	for {
		rec, line, ok := c.next()
		if !ok {
			break
		}
		if rec == nil {
			continue
		}
		if len(rec.cells) != len(header.cells) {
			c.ragged(rec, line, len(header.cells))
			continue
		}
		recs = append(recs, *rec)
	}
	c.typeExtras(t, cols, recs)
	t.Rows = make([]model.Row, 0, len(recs))
	for i := range recs {
		t.Rows = append(t.Rows, c.row(t, cols, &recs[i]))
		recs[i] = record{} // let the collector have it: rows are kept, records are not
	}
}

// record is one row as read, with the position of each cell.
type record struct {
	cells []string
	at    []int32 // line and byte column of each cell, in pairs
}

func (r *record) line(i int) int { return int(r.at[2*i]) }
func (r *record) col(i int) int  { return int(r.at[2*i+1]) }

func (r *record) pos(c *csvReader, i int) model.Pos {
	return c.pos(r.line(i), r.col(i))
}

// next returns the next record with its cells trimmed and its line, nil for
// a row whose cells are all blank, and false at the end of the file.
// Syntax errors are reported and the reader goes on with the next line.
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
		r := &record{cells: rec, at: make([]int32, 2*len(rec))}
		blank := true
		for i := range rec {
			rec[i] = strings.TrimSpace(rec[i])
			blank = blank && rec[i] == ""
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
