package load

import (
	"testing"
	"time"

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
