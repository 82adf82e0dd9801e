package check

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/houqin/report/generator/internal/load"
	"github.com/xuri/excelize/v2"
)

// TestWorkbookCells: the cells of a workbook are checked as a CSV file's
// are: a parent's mobile number, a blank left to fill and a repeated row
// are found, at the sheet and cell, in a table joined from two files.
func TestWorkbookCells(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "维修")
	for i, row := range [][]any{
		{"日期", "工种", "项目", "备注"},
		{"2023-09-01", "水道", "水管", "家长电话 13812345678"},
		{"2023-09-02", "电工", "灯管", "共__次"},
		{"2023-09-02", "电工", "灯管", "共__次"},
	} {
		f.SetSheetRow("维修", "A"+string(rune('1'+i)), &row)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"data/site.yaml":       {Data: []byte("title: t\nschool: s\n")},
		"data/repairs/1月.csv":  {Data: []byte("日期,工种,项目,备注\n2023-01-05,木工,门,\n")},
		"data/repairs/9月.xlsx": {Data: buf.Bytes()},
	}
	site, errs := load.Site(context.Background(), fsys, load.Options{})
	if len(errs.Errors()) > 0 {
		t.Fatal(errs)
	}
	got := Tables(site, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)).Error()
	for _, want := range []string{
		"data/repairs/9月.xlsx:维修!D2: ",
		"data/repairs/9月.xlsx:维修!D3: ",
		"data/repairs/9月.xlsx:维修!A4: warning: the row repeats row 3 cell for cell",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("findings lack %q:\n%s", want, got)
		}
	}
}
