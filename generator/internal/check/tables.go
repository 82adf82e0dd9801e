package check

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/houqin/report/generator/internal/model"
)

// maxCellFindings caps the blanks and personal data reported per table, so
// that a column of phone numbers does not bury every other finding.
const maxCellFindings = 100

// Tables checks the record tables: every cell is published (the booklet's
// appendix lists every row), so cells must hold no unfilled blank and no
// personal data; a row dated after the build time is a warning, and so is
// a row that repeats an earlier one cell for cell.
func Tables(site *model.Site, now time.Time) model.ErrorList { return tables(site, now, nil) }

func tables(site *model.Site, now time.Time, memo *Memo) model.ErrorList {
	var errs model.ErrorList
	names := make([]string, 0, len(site.Tables))
	for name := range site.Tables {
		names = append(names, name)
	}
	sort.Strings(names)
	today := model.DateOf(now)
	for _, name := range names {
		t := site.Tables[name]
		text, hasText := site.Files[t.File]
		// The findings depend on the file's bytes (the very slice a load
		// cache hands over again when the file did not change), the day
		// and the allow list.
		key := fmt.Sprintf("%s\x00%q", today, site.Config.Allow)
		if memo != nil {
			memo.mu.Lock()
			hit, ok := memo.tables[t.File]
			memo.mu.Unlock()
			if ok && hit.key == key && hit.table == t && sameBytes(hit.data, text) {
				errs = append(errs, hit.errs...)
				continue
			}
		}
		var found model.ErrorList
		if hasText && suspect(text) { // most files are not: no need to read them again
			cells(&found, t.File, string(text), site.Config.Allow)
		}
		future(&found, t, today)
		duplicates(&found, t)
		errs = append(errs, found...)
		if memo != nil {
			memo.mu.Lock()
			memo.tables[t.File] = memoFindings{key: key, data: text, table: t, errs: found}
			memo.mu.Unlock()
		}
	}
	return errs
}

// cells reads a CSV file again, with the position of each cell, and looks
// for blanks and personal data in every cell.
func cells(errs *model.ErrorList, file, text string, allow []string) {
	idx := newTextIndex(text)
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = true
	found := 0
	for found < maxCellFindings {
		rec, err := r.Read()
		if err == io.EOF {
			return
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			continue // load has reported it
		}
		if err != nil {
			return
		}
		for i, cell := range rec {
			if !suspect(cell) {
				continue
			}
			// Addresses only hide blanks: look for them when there is one.
			hits := blanks(cell, nil)
			if len(hits) > 0 {
				hits = blanks(cell, urls(cell))
			}
			hits = append(hits, personal(cell, allow)...)
			if len(hits) == 0 {
				continue
			}
			line, col := r.FieldPos(i)
			start := idx.offset(line, col)
			for _, h := range hits {
				off := start
				if k := strings.Index(text[start:], h.text); k >= 0 {
					off = start + k
				}
				errs.Add(idx.pos(file, off), "%s", h.msg)
				found++
			}
		}
	}
	errs.Add(model.Pos{File: file}, "more than %d blanks or personal data in this table: fix these and run again", maxCellFindings)
}

// future warns about rows dated after the build time.
func future(errs *model.ErrorList, t *model.Table, today model.Date) {
	n := 0
	for i := range t.Rows {
		r := &t.Rows[i]
		if r.Date.IsZero() || !today.Before(r.Date) || r.Date.IsMonth() && r.Date.Year == today.Year && r.Date.Month == today.Month {
			continue
		}
		n++
		if n > maxCellFindings {
			errs.Warn(model.Pos{File: t.File}, "more than %d rows dated in the future", maxCellFindings)
			return
		}
		errs.Warn(model.Pos{File: t.File, Line: r.Line, Col: 1}, "the row is dated %s, after today (%s): a record of something that has not happened yet; check the year", r.Date, today)
	}
}

// duplicates warns about rows whose every cell equals an earlier row's.
func duplicates(errs *model.ErrorList, t *model.Table) {
	seed := maphash.MakeSeed()
	// hash of the values -> index of the first row with them; two
	// different rows with the same 64-bit hash are not worth a slice each.
	first := make(map[uint64]int, len(t.Rows))
	var values []byte
	n := 0
	for i := range t.Rows {
		values = values[:0]
		for k := range t.Rows[i].Cells {
			values = append(appendValue(values, t, &t.Rows[i], k), 0)
		}
		key := maphash.Bytes(seed, values)
		same, seen := first[key]
		if !seen {
			first[key] = i
			continue
		}
		if !sameRow(t, &t.Rows[i], &t.Rows[same]) {
			continue
		}
		n++
		if n > maxCellFindings {
			errs.Warn(model.Pos{File: t.File}, "more than %d duplicate rows", maxCellFindings)
			return
		}
		errs.Warn(model.Pos{File: t.File, Line: t.Rows[i].Line, Col: 1}, "the row repeats line %d cell for cell: remove it if it was entered twice", t.Rows[same].Line)
	}
}

func sameRow(t *model.Table, a, b *model.Row) bool {
	if len(a.Cells) != len(b.Cells) {
		return false
	}
	var x, y []byte
	for k := range a.Cells {
		x, y = appendValue(x[:0], t, a, k), appendValue(y[:0], t, b, k)
		if !bytes.Equal(x, y) {
			return false
		}
	}
	return true
}

// appendValue appends cell k of r as a value, so that 2023/3/1 equals
// 2023-03-01 and 1,250 equals 1250. It formats into b, without a string
// per cell: the table may have a million cells.
func appendValue(b []byte, t *model.Table, r *model.Row, k int) []byte {
	c := &r.Cells[k]
	if !c.Set || k >= len(t.Columns) {
		return append(b, c.Raw...)
	}
	switch t.Columns[k].Kind {
	case model.DateKind, model.MonthKind:
		return c.Date.Append(b)
	case model.Number:
		return strconv.AppendFloat(b, c.Num, 'g', -1, 64)
	}
	return append(b, c.Raw...)
}

// textIndex maps line and byte column to offsets and back to positions
// whose column counts characters.
type textIndex struct {
	text   string
	starts []int
}

func newTextIndex(text string) *textIndex {
	ti := &textIndex{text: text, starts: []int{0}}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			ti.starts = append(ti.starts, i+1)
		}
	}
	return ti
}

// offset is the byte offset of 1-based line and byte column.
func (ti *textIndex) offset(line, col int) int {
	if line < 1 || line > len(ti.starts) {
		return 0
	}
	off := ti.starts[line-1] + col - 1
	if off < 0 || off > len(ti.text) {
		return ti.starts[line-1]
	}
	return off
}

// pos is the position of a byte offset.
func (ti *textIndex) pos(file string, off int) model.Pos {
	line := sort.Search(len(ti.starts), func(i int) bool { return ti.starts[i] > off }) - 1
	if line < 0 {
		line = 0
	}
	return model.Pos{File: file, Line: line + 1, Col: utf8.RuneCountInString(ti.text[ti.starts[line]:off]) + 1}
}
