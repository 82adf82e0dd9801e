package check

import (
	"bytes"
	"encoding/binary"
	"encoding/csv"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"math"
	"math/bits"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/par"
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
		if t.Sources != nil {
			sourceCells(&found, t, site.Files, site.Config.Allow)
		} else if hasText && suspect(text) { // most files are not: no need to read them again
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

// sourceCells looks for blanks and personal data in a table read from
// several files or from a workbook: in each CSV file, as cells does, and
// in the cells of each sheet.
func sourceCells(errs *model.ErrorList, t *model.Table, files map[string][]byte, allow []string) {
	for _, s := range t.Sources {
		if s.Sheet == "" {
			if text, ok := files[s.File]; ok && suspect(text) {
				cells(errs, s.File, string(text), allow)
			}
		}
	}
	found := 0
	for i := range t.Rows {
		r := &t.Rows[i]
		if t.Source(r).Sheet == "" {
			continue
		}
		for c, v := range r.Cells {
			if !suspect(v.Raw) {
				continue
			}
			hits := blanks(v.Raw, nil)
			if len(hits) > 0 {
				hits = blanks(v.Raw, urls(v.Raw))
			}
			for _, h := range append(hits, personal(v.Raw, allow)...) {
				if found++; found > maxCellFindings {
					errs.Add(model.Pos{File: t.File}, "more than %d blanks or personal data in this table: fix these and run again", maxCellFindings)
					return
				}
				errs.Add(t.CellPos(r, c), "%s", h.msg)
			}
		}
	}
}

// repeated names the row that r repeats: its line, or its position when
// it is in another file or sheet.
func repeated(t *model.Table, r, same *model.Row) string {
	if r.Src == same.Src && t.Source(r).Sheet == "" {
		return fmt.Sprintf("line %d", same.Line)
	}
	if r.Src == same.Src {
		return fmt.Sprintf("row %d", same.Line)
	}
	return t.RowPos(same).String()
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
		errs.Warn(t.RowPos(r), "the row is dated %s, after today (%s): a record of something that has not happened yet; check the year", r.Date, today)
	}
}

// duplicates warns about rows whose every cell equals an earlier row's.
func duplicates(errs *model.ErrorList, t *model.Table) {
	hashes := rowHashes(t)
	shared := sharedBuckets(hashes)
	// hash of the values -> index of the first row with them, for the
	// rows whose bucket holds other rows: the others have a hash of their
	// own. Two different rows with the same 64-bit hash are not worth a
	// slice each.
	first := map[uint64]int{}
	n := 0
	for i, key := range hashes {
		if !shared.has(key) {
			continue
		}
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
		errs.Warn(t.RowPos(&t.Rows[i]), "the row repeats %s cell for cell: remove it if it was entered twice", repeated(t, &t.Rows[i], &t.Rows[same]))
	}
}

// buckets is a set of buckets of 64-bit hashes, which the top bits of a
// hash name.
type buckets struct {
	bits  []uint64
	shift int // 64 less the number of top bits
}

// newBuckets returns an empty set of 32 buckets per hash of n or more.
func newBuckets(n int) buckets {
	top := max(bits.Len(uint(n))+5, 6)
	return buckets{bits: make([]uint64, 1<<(top-6)), shift: 64 - top}
}

func (b buckets) has(hash uint64) bool {
	i := hash >> b.shift
	return b.bits[i/64]&(1<<(i%64)) != 0
}

func (b buckets) add(hash uint64) {
	i := hash >> b.shift
	b.bits[i/64] |= 1 << (i % 64)
}

// sharedBuckets returns the buckets that hold more than one of hashes.
// Few do, and only the hashes in those can repeat: two sets of bits that
// fit in a cache find them faster than a map of every hash.
func sharedBuckets(hashes []uint64) buckets {
	seen, shared := newBuckets(len(hashes)), newBuckets(len(hashes))
	for _, h := range hashes {
		if seen.has(h) {
			shared.add(h)
		}
		seen.add(h)
	}
	return shared
}

// rowsPerHasher is the least number of rows rowHashes gives a goroutine.
const rowsPerHasher = 1 << 14

// rowHashes hashes the values of each row of t (see appendKey), a share
// of the rows per core.
func rowHashes(t *model.Table) []uint64 {
	seed := maphash.MakeSeed()
	hashes := make([]uint64, len(t.Rows))
	share := max(rowsPerHasher, len(t.Rows)/runtime.GOMAXPROCS(0)+1)
	par.Each((len(t.Rows)+share-1)/share, func(c int) {
		var key []byte
		for i := c * share; i < min((c+1)*share, len(t.Rows)); i++ {
			key = key[:0]
			for k := range t.Rows[i].Cells {
				key = appendKey(key, t, &t.Rows[i], k)
			}
			hashes[i] = maphash.Bytes(seed, key)
		}
	})
	return hashes
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
// 2023-03-01 and 1,250 equals 1250.
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

// appendKey appends a key of cell k of r, which is the same for two cells
// exactly when appendValue is, without formatting numbers and dates: the
// table may have a million cells. What appendValue gives is keyed as a
// number when it is how AppendFloat writes one, as a date when it is how
// Date.Append writes a date of years 1 to 9999, and as text otherwise.
// Keys tell their kind by their first byte, and end where they can be
// told to, so a row's keys side by side make the key of the row.
func appendKey(b []byte, t *model.Table, r *model.Row, k int) []byte {
	c := &r.Cells[k]
	kind := model.Text
	if k < len(t.Columns) {
		kind = t.Columns[k].Kind
	}
	switch {
	case c.Set && kind == model.Number:
		return appendNumberKey(b, c.Num)
	case c.Set && (kind == model.DateKind || kind == model.MonthKind):
		if d := c.Date; keyedDate(d) {
			return appendDateKey(b, d)
		}
		return appendTextKey(b, c.Date.String())
	case c.Set || c.Raw == "":
		return appendTextKey(b, c.Raw)
	}
	// A cell that is not a value of its column's kind: its text can still
	// be how a value is written, e.g. 1e+06.
	switch kind {
	case model.Number:
		if f, err := strconv.ParseFloat(c.Raw, 64); err == nil && strconv.FormatFloat(f, 'g', -1, 64) == c.Raw {
			return appendNumberKey(b, f)
		}
	case model.DateKind, model.MonthKind:
		if d, ok := parseDateKey(c.Raw); ok {
			return appendDateKey(b, d)
		}
	}
	return appendTextKey(b, c.Raw)
}

func appendNumberKey(b []byte, f float64) []byte {
	if math.IsNaN(f) {
		f = math.NaN() // every NaN is written NaN
	}
	return binary.LittleEndian.AppendUint64(append(b, 'n'), math.Float64bits(f))
}

// keyedDate reports whether d is keyed by its fields: it is written
// YYYY-MM-DD, or YYYY-MM when Day is 0, and no other date is written so.
func keyedDate(d model.Date) bool {
	return d.Year >= 1 && d.Year <= 9999 && d.Month >= 1 && d.Month <= 12 && d.Day >= 0 && d.Day <= 99
}

func appendDateKey(b []byte, d model.Date) []byte {
	return binary.LittleEndian.AppendUint32(append(b, 'd'), uint32(d.Year<<11|d.Month<<7|d.Day))
}

// parseDateKey reads the date that s writes as Date.Append does, if
// keyedDate.
func parseDateKey(s string) (model.Date, bool) {
	num := func(s string) int {
		n := 0
		for i := range len(s) {
			if s[i] < '0' || s[i] > '9' {
				return -1
			}
			n = n*10 + int(s[i]-'0')
		}
		return n
	}
	if len(s) != len("2023-09") && len(s) != len("2023-09-01") || s[4] != '-' {
		return model.Date{}, false
	}
	d := model.Date{Year: num(s[:4]), Month: num(s[5:7])}
	if len(s) > len("2023-09") {
		if s[7] != '-' {
			return model.Date{}, false
		}
		if d.Day = num(s[8:]); d.Day == 0 {
			return model.Date{}, false // Day 0 is written YYYY-MM
		}
	}
	return d, keyedDate(d)
}

func appendTextKey(b []byte, text string) []byte {
	return append(binary.AppendUvarint(append(b, 't'), uint64(len(text))), text...)
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
