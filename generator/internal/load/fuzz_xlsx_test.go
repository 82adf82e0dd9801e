package load

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/houqin/report/generator/internal/model"
)

// seedBooks are workbooks that excelize writes with the habits the
// reader knows: merged cells, dates, formulas, several sheets.
func seedBooks(t testing.TB) [][]byte {
	return [][]byte{
		book(t, sheetSpec{name: "维修", rows: [][]any{repairsHeader, {day(2023, 9, 1), "水道", "水管 & 阀门 <2>", 2, "根", "教学楼", 12.5}, {45171, "电工", "灯管", 3}}}),
		book(t, sheetSpec{name: "Sheet1", rows: [][]any{{"标题"}, {}, {"日期", "份数", "备注"}, {day(2023, 1, 5), 300, "午餐\n加餐"}, {nil, 280, true}, {"合计", 580}}, merges: []string{"A1:C1", "A4:A5"}}),
		book(t,
			sheetSpec{name: "9月", rows: [][]any{repairsHeader, {time.Date(2023, 9, 1, 8, 30, 0, 0, time.UTC), "木工", "门", 1.25, nil, nil, 1e16}}},
			sheetSpec{name: "说明", rows: [][]any{{"  空格  ", "", "x"}}},
		),
	}
}

// FuzzWorkbook reads workbooks, made and mangled: the reader never
// panics, and its fast path reads what excelize reads.
func FuzzWorkbook(f *testing.F) {
	for _, b := range seedBooks(f) {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkSheetCells(t, data)
		for _, tf := range []tableFile{{file: "data/repairs.xlsx", table: "repairs"}, {file: "data/台账.xlsx"}} {
			var errs model.ErrorList
			readWorkbook(tf, data, &errs)
		}
	})
}

// TestHostileWorkbooks: a workbook that unpacks to gigabytes, a row of
// more columns than a sheet can have and a workbook of 1,000 sheets are
// refused or read, each in bounded time and memory.
func TestHostileWorkbooks(t *testing.T) {
	t.Run("zip bomb", func(t *testing.T) {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, name := range []string{"[Content_Types].xml", "xl/workbook.xml"} {
			w, _ := zw.Create(name)
			w.Write([]byte("<x/>"))
		}
		w, _ := zw.Create("xl/worksheets/sheet1.xml")
		zeros := make([]byte, 1<<20)
		for range 300 { // 300 MB of zeros, a few hundred KB packed
			w.Write(zeros)
		}
		zw.Close()
		var errs model.ErrorList
		readWorkbook(tableFile{file: "data/repairs.xlsx", table: "repairs"}, buf.Bytes(), &errs)
		sameMessages(t, errs, `data/repairs.xlsx: the workbook unpacks to more than 256 MB: split it into smaller workbooks`)
	})
	t.Run("a million columns", func(t *testing.T) {
		row := strings.Repeat(`<c t="inlineStr"><is><t>x</t></is></c>`, 1_000_000)
		data := rawBook(t, `<sheetData><row r="1">`+row+`</row></sheetData>`)
		var errs model.ErrorList
		readWorkbook(tableFile{file: "data/repairs.xlsx", table: "repairs"}, data, &errs)
		if len(errs.Errors()) == 0 || !strings.Contains(errs.Error(), "data/repairs.xlsx") {
			t.Errorf("no error for a row of a million columns: %v", errs)
		}
	})
	t.Run("1000 sheets", func(t *testing.T) {
		f := excelize.NewFile()
		for i := range 1000 {
			name := fmt.Sprintf("S%d", i)
			if i > 0 {
				f.NewSheet(name)
			} else {
				f.SetSheetName("Sheet1", name)
			}
			f.SetSheetRow(name, "A1", &[]any{"日期", "工种", "项目"})
			f.SetSheetRow(name, "A2", &[]any{day(2023, 1+i%12, 1), "水道", "水管"})
		}
		buf, err := f.WriteToBuffer()
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		site, errs := loadData(t, map[string][]byte{"repairs.xlsx": buf.Bytes()})
		t.Logf("read 1000 sheets in %v", time.Since(start))
		if len(errs) > 0 || len(site.Tables["repairs"].Rows) != 1000 {
			t.Errorf("1000 sheets: %v", errs)
		}
	})
}

// rawBook is a workbook of one sheet whose XML is sheet.
func rawBook(t *testing.T, sheet string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	parts := map[string]string{
		"[Content_Types].xml":        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
		"_rels/.rels":                `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":            `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml":   `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` + sheet + `</worksheet>`,
	}
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml"} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(parts[name]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
