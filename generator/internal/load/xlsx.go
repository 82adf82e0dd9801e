package load

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/houqin/report/generator/internal/model"
	"github.com/xuri/excelize/v2"
)

// Workbooks (.xlsx) are read with excelize: every sheet's cells as they
// are stored, not as they are shown (no rounding by a number format),
// dates from the numbers Excel keeps them as, merged cells filled from
// their first cell. A position in a workbook is FILE:SHEET!CELL.

// maxUnzip bounds what a workbook may hold unpacked, so that a small
// file that unpacks to gigabytes (a zip bomb) is refused, not read.
const maxUnzip = 256 << 20

// workbook is an open .xlsx file.
type workbook struct {
	file     string
	f        *excelize.File
	sheets   []string
	date1904 bool
	sst      [][]byte          // the shared strings, once read
	parts    map[string]string // the XML of each sheet, once found
}

// openWorkbook opens the workbook data, or says why it cannot be read.
func openWorkbook(file string, data []byte) (*workbook, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		RawCellValue: true, UnzipSizeLimit: maxUnzip, UnzipXMLSizeLimit: maxUnzip,
	})
	if err != nil {
		switch {
		case strings.Contains(err.Error(), "unzip size exceeds"): // excelize has no error value for it
			return nil, fmt.Errorf("the workbook unpacks to more than %d MB: split it into smaller workbooks", maxUnzip>>20)
		case errors.Is(err, excelize.ErrWorkbookFileFormat), errors.Is(err, excelize.ErrWorkbookPassword):
			return nil, fmt.Errorf("the file is not an Excel workbook that can be read (%v): open it in Excel or WPS and save it as \"Excel 工作簿 (*.xlsx)\" without a password", err)
		}
		return nil, fmt.Errorf("cannot read the workbook: %v; open it in Excel or WPS and save it again as .xlsx", err)
	}
	w := &workbook{file: file, f: f, sheets: f.GetSheetList()}
	if wb := f.WorkBook; wb != nil && wb.WorkbookPr != nil {
		w.date1904 = wb.WorkbookPr.Date1904
	}
	return w, nil
}

func (w *workbook) close() { _ = w.f.Close() } // read from memory: nothing to lose

// sheet is the cells of one sheet, with its merged cells filled: row n
// at index n-1, nil for a blank row.
type sheet struct {
	name    string
	rows    [][][]byte
	merges  *mergeSet
	widths  int // the number of columns of the widest row
	numbers []problem
}

// readAll reads the records of a sheet with excelize's Rows.
func (s *sheet) readAll(w *workbook, name string) error {
	rows, err := w.f.Rows(name)
	if err != nil {
		return err
	}
	n := 0
	for rows.Next() {
		n++
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err == nil && len(cells) > excelize.MaxColumns {
			err = fmt.Errorf("row %d has more than %d columns, the most a sheet can have", n, excelize.MaxColumns)
		}
		if err != nil {
			_ = rows.Close()
			return err
		}
		for len(s.rows) < n-1 {
			s.rows = append(s.rows, nil)
		}
		b := make([][]byte, len(cells))
		for i, c := range cells {
			b[i] = []byte(c)
		}
		s.rows = append(s.rows, b)
	}
	return rows.Close()
}

// fastCells reads the cells of a sheet with sheetCells, or reports
// false.
func (w *workbook) fastCells(name string) ([][][]byte, bool) {
	v, ok := w.f.Pkg.Load(w.sheetPart(name))
	if !ok {
		return nil, false
	}
	data, _ := v.([]byte)
	sst, ok := w.sharedStrings()
	if !ok {
		return nil, false
	}
	return sheetCells(data, sst)
}

// sharedStrings returns the workbook's table of shared strings, as
// excelize reads them, once.
func (w *workbook) sharedStrings() ([][]byte, bool) {
	if w.sst != nil {
		return w.sst, true
	}
	if len(w.sheets) == 0 {
		return nil, false
	}
	// excelize reads its table when cells are first asked for; asked
	// before the first row, it reads no cell.
	rows, err := w.f.Rows(w.sheets[0])
	if err != nil {
		return nil, false
	}
	_, _ = rows.Columns()
	if rows.Close() != nil || w.f.SharedStrings == nil {
		return nil, false
	}
	w.sst = make([][]byte, len(w.f.SharedStrings.SI))
	for i, si := range w.f.SharedStrings.SI {
		w.sst[i] = []byte(si.String())
	}
	return w.sst, true
}

// read reads the cells of a sheet.
func (w *workbook) read(name string) (*sheet, error) {
	s := &sheet{name: name, merges: w.merges(name)}
	rows, ok := w.fastCells(name)
	if !ok && tooWide(rows) {
		return nil, fmt.Errorf("a row has more than %d columns, the most a sheet can have", excelize.MaxColumns)
	}
	if ok {
		s.rows = rows
	} else if err := s.readAll(w, name); err != nil {
		return nil, err
	}
	for n, cells := range s.rows {
		s.clean(n+1, cells)
	}
	s.fill()
	return s, nil
}

// clean trims the cells of row n and writes the numbers Excel stores as
// 1.2345E+19 with their digits.
func (s *sheet) clean(n int, cells [][]byte) {
	for i, c := range cells {
		c = trimSpace(c)
		if bytes.IndexByte(c, 'E') > 0 && exponent.Match(c) {
			c = []byte(s.plain(n, i+1, string(c)))
		}
		cells[i] = c
	}
	s.widths = max(s.widths, len(cells))
}

// exponent matches a number as Excel stores a very large or small one.
var exponent = regexp.MustCompile(`^-?\d(\.\d+)?E[+-]\d+$`)

// plain writes a number stored as 1.2345E+19 with its digits. Excel keeps
// 15 digits of a number: a longer one, as an invoice or ID number typed
// into a cell formatted as a number, has lost its last digits.
func (s *sheet) plain(row, col int, c string) string {
	f, err := strconv.ParseFloat(c, 64)
	if err != nil {
		return c
	}
	p := strconv.FormatFloat(f, 'f', -1, 64)
	if f >= 1e15 || f <= -1e15 {
		s.numbers = append(s.numbers, problem{line: row, col: col, level: model.LevelWarning,
			msg: fmt.Sprintf("Excel keeps only 15 digits of a number: %s may not be what was typed; format the column as text (设置单元格格式 → 文本) and type the number again", p)})
	}
	return p
}

// fill gives the cells below the first of a merged range its value: a
// date merged over three rows belongs to all three. A range across
// columns (a title over the table) keeps its value in its first column.
func (s *sheet) fill() {
	for _, m := range s.merges.ranges {
		top := s.cell(m.row1, m.col1)
		if top == nil {
			continue
		}
		v := *top
		for row := m.row1 + 1; row <= m.row2; row++ {
			s.set(row, m.col1, v)
		}
	}
}

func (s *sheet) cell(row, col int) *[]byte {
	if row > len(s.rows) || col > len(s.rows[row-1]) {
		return nil
	}
	return &s.rows[row-1][col-1]
}

func (s *sheet) set(row, col int, v []byte) {
	for len(s.rows) < row {
		s.rows = append(s.rows, nil)
	}
	for len(s.rows[row-1]) < col {
		s.rows[row-1] = append(s.rows[row-1], nil)
	}
	s.rows[row-1][col-1] = v
	s.widths = max(s.widths, col)
}

// next returns an iterator over the records of the sheet, as
// csvReader.next returns those of a file: nil for a blank row. Every
// record has the width of the widest row, so that a cell right of the
// header is under a blank header cell, as in a CSV file. The record it
// returns is reused by the next call.
func (s *sheet) next() func() (*record, int, bool) {
	i := 0
	rec := &record{}
	return func() (*record, int, bool) {
		if i >= len(s.rows) {
			return nil, 0, false
		}
		i++
		cells := s.rows[i-1]
		if !slices.ContainsFunc(cells, func(c []byte) bool { return len(c) > 0 }) {
			return nil, i, true
		}
		rec.cells = append(rec.cells[:0], cells...)
		rec.at = rec.at[:0]
		for k := range s.widths {
			if k >= len(cells) {
				rec.cells = append(rec.cells, nil)
			}
			rec.at = append(rec.at, int32(i), int32(k+1))
		}
		return rec, i, true
	}
}

// empty reports whether the sheet holds no filled cell.
func (s *sheet) empty() bool {
	next := s.next()
	for {
		r, _, ok := next()
		if !ok {
			return true
		}
		if r != nil {
			return false
		}
	}
}

// table reads the sheet as a record table of schema, and reports
// whether the sheet has a header row for it (see findHeader).
func (w *workbook) table(s *sheet, schema *model.Schema) (*model.Table, model.ErrorList, bool) {
	c := &csvReader{file: w.file, sheet: s.name, records: len(s.rows) + 1, merges: s.merges, serials: true, date1904: w.date1904, comma: ','}
	c.schema = schema
	t := &model.Table{Name: schema.Name, File: w.file, Schema: schema}
	skip, found := c.findHeader(s.next())
	c.fill(t, skipping(s.next(), skip), nil)
	c.found = append(c.found, s.numbers...)
	src := model.Source{File: w.file, Sheet: s.name, Cols: make([]int, len(t.Columns))}
	for i, col := range t.Columns {
		src.Cols[i] = col.Pos.Col
	}
	t.Sources = []model.Source{src}
	return t, c.report(), found
}

// mergeSet is the merged cells of a sheet.
type mergeSet struct {
	ranges []cellRange
}

type cellRange struct {
	row1, col1, row2, col2 int
	ref                    string
}

// at names the merged range that holds a cell, or "".
func (m *mergeSet) at(row, col int) string {
	if m == nil {
		return ""
	}
	for _, r := range m.ranges {
		if row >= r.row1 && row <= r.row2 && col >= r.col1 && col <= r.col2 {
			return r.ref
		}
	}
	return ""
}

// mergeRef matches a merged range of a worksheet's XML.
var mergeRef = regexp.MustCompile(`<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]+[0-9]+):([A-Z]+[0-9]+)"`)

// merges reads the merged ranges of a sheet from its XML, which holds
// them after the cells. (excelize's GetMergeCells would parse the whole
// sheet into memory once more.)
func (w *workbook) merges(name string) *mergeSet {
	part := w.sheetPart(name)
	v, ok := w.f.Pkg.Load(part)
	if !ok {
		return nil
	}
	data, _ := v.([]byte)
	if i := bytes.LastIndex(data, []byte("sheetData>")); i >= 0 {
		data = data[i:]
	}
	m := &mergeSet{}
	for _, g := range mergeRef.FindAllSubmatch(data, -1) {
		c1, r1, err1 := excelize.CellNameToCoordinates(string(g[1]))
		c2, r2, err2 := excelize.CellNameToCoordinates(string(g[2]))
		if err1 != nil || err2 != nil {
			continue
		}
		m.ranges = append(m.ranges, cellRange{min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2), string(g[1]) + ":" + string(g[2])})
	}
	return m
}

// sheetPart is the path in the package of the XML of a sheet.
func (w *workbook) sheetPart(name string) string {
	if w.parts == nil {
		w.parts = w.sheetParts()
	}
	return w.parts[name]
}

// sheetParts maps the names of the sheets to the paths of their XML.
func (w *workbook) sheetParts() map[string]string {
	parts := map[string]string{}
	v, ok := w.f.Pkg.Load("xl/_rels/workbook.xml.rels")
	if !ok || w.f.WorkBook == nil {
		return parts
	}
	data, _ := v.([]byte)
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if xml.Unmarshal(data, &rels) != nil {
		return parts
	}
	targets := map[string]string{}
	for _, r := range rels.Rel {
		if strings.HasPrefix(r.Target, "/") {
			targets[r.ID] = strings.TrimPrefix(r.Target, "/")
		} else {
			targets[r.ID] = path.Join("xl", r.Target)
		}
	}
	for _, s := range w.f.WorkBook.Sheets.Sheet {
		parts[s.Name] = targets[s.ID]
	}
	return parts
}
