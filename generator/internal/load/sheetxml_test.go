package load

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"
)

// excelizeCells reads the cells of every sheet with excelize's Rows, the
// reference that sheetCells must match.
func excelizeCells(t testing.TB, w *workbook, name string) [][]string {
	rows, err := w.f.Rows(name)
	if err != nil {
		t.Fatal(err)
	}
	var out [][]string
	for rows.Next() {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, cells)
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	return out
}

// sameCells compares rows of cells, trailing blanks left out.
func sameCells(a, b [][]string) bool {
	trim := func(rows [][]string) [][]string {
		out := make([][]string, len(rows))
		for i, r := range rows {
			for len(r) > 0 && r[len(r)-1] == "" {
				r = r[:len(r)-1]
			}
			out[i] = r
		}
		for len(out) > 0 && len(out[len(out)-1]) == 0 {
			out = out[:len(out)-1]
		}
		return out
	}
	return slices.EqualFunc(trim(a), trim(b), slices.Equal)
}

// checkSheetCells fails when sheetCells reads a sheet of data otherwise
// than excelize does; it reports how many sheets the fast path read.
func checkSheetCells(t testing.TB, data []byte) int {
	w, err := openWorkbook("data/x.xlsx", data)
	if err != nil {
		return 0
	}
	defer w.close()
	fast := 0
	for _, name := range w.sheets {
		got, ok := w.fastCells(name)
		if !ok {
			continue
		}
		fast++
		strs := make([][]string, len(got))
		for i, r := range got {
			for _, c := range r {
				strs[i] = append(strs[i], string(c))
			}
		}
		if want := excelizeCells(t, w, name); !sameCells(strs, want) {
			t.Errorf("sheet %q:\n fast %q\n excelize %q", name, strs, want)
		}
	}
	return fast
}

// TestSheetCells: the fast path reads every sheet of the workbooks made
// by LibreOffice and by excelize as excelize does.
func TestSheetCells(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "testdata", "office", "*", "data", "*.xlsx"))
	files = append(files, filepath.Join("..", "..", "..", "data", "utilities.xlsx"))
	fast := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		fast += checkSheetCells(t, data)
	}
	for _, data := range seedBooks(t) {
		fast += checkSheetCells(t, data)
	}
	if fast < 10 {
		t.Errorf("the fast path read only %d sheets", fast)
	}
}

// TestSheetCellsHalves: a sheet large enough to be read in two halves
// at once gives the rows excelize reads, in order.
func TestSheetCellsHalves(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	for r := 1; r <= 40000; r++ {
		if r%1000 == 7 {
			continue // rows left out
		}
		cell, _ := excelize.CoordinatesToCellName(1, r)
		if err := sw.SetRow(cell, []any{r, "水道 & 电工", float64(r) / 7, nil, "<地点>"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	w, err := openWorkbook("data/x.xlsx", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	defer w.close()
	v, _ := w.f.Pkg.Load(w.sheetPart("Sheet1"))
	if data, _ := v.([]byte); len(data) < 3<<20 {
		t.Fatalf("the sheet's XML is %d bytes: too small to be read in halves", len(data))
	}
	if checkSheetCells(t, buf.Bytes()) != 1 {
		t.Error("the fast path did not read the sheet")
	}
}
