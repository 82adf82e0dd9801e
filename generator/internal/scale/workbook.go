package scale

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// workbook turns the CSV table name (data/NAME.csv) into a workbook
// data/NAME.xlsx as offices keep it: dates as date cells, amounts as
// numbers, text as text; the CSV file is removed.
func (w *writer) workbook(name string) {
	if w.err != nil {
		return
	}
	p := filepath.Join(w.dir, filepath.FromSlash(name))
	w.err = Workbook(p, strings.TrimSuffix(p, ".csv")+".xlsx")
	if w.err == nil {
		w.err = os.Remove(p)
	}
}

// Workbook writes the table of the CSV file src (as the scale sites write
// them: UTF-8, dates 2023-09-01) into a workbook dst of one sheet.
func Workbook(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	records, err := csv.NewReader(in).ReadAll()
	if err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	dates, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		return err
	}
	for k, rec := range records {
		row := make([]any, len(rec))
		for i, c := range rec {
			row[i] = c
			if k == 0 {
				continue
			}
			if d, err := time.Parse("2006-01-02", c); err == nil {
				row[i] = excelize.Cell{StyleID: dates, Value: d}
			} else if n, err := strconv.ParseFloat(strings.ReplaceAll(c, ",", ""), 64); err == nil {
				row[i] = n
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, k+1)
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.SaveAs(dst)
}
