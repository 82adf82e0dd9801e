package query

import (
	"encoding/binary"
	"hash/maphash"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/houqin/report/generator/internal/model"
)

// What a page reads of the tables, recorded so that serve re-renders,
// after a table edit, only the pages whose rows changed: a repair entered
// in 2019 changes the 2019 and 2020 summaries (2020 compares itself with
// 2019), the trends over all years and the safety record, not the other
// eighteen years. An engine made by Recording notes each question it is
// asked as a ReadKey; Sum tells later whether the answers may differ.

// ReadKind is what a ReadKey names.
type ReadKind uint8

const (
	// ReadRows is the rows of a table in a period (Year), or all of them
	// (Year 0).
	ReadRows ReadKind = iota
	// ReadSchema is which tables there are and their columns.
	ReadSchema
	// ReadPeriods is the list of periods.
	ReadPeriods
	// ReadValues is the distinct values of a column in any period (Table
	// is "TABLE.COLUMN"): a change of counts does not change the answer.
	ReadValues
)

// ReadKey is one thing an engine was asked about.
type ReadKey struct {
	Kind  ReadKind
	Table string
	Year  int
}

// Reads collects ReadKeys. It is safe for concurrent use.
type Reads struct {
	mu   sync.Mutex
	keys map[ReadKey]bool
}

// NewReads returns an empty record.
func NewReads() *Reads { return &Reads{keys: map[ReadKey]bool{}} }

// Keys lists what was read, sorted.
func (r *Reads) Keys() []ReadKey {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]ReadKey, 0, len(r.keys))
	for k := range r.keys {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		if a.Table != b.Table {
			return a.Table < b.Table
		}
		return a.Year < b.Year
	})
	return out
}

// Recording returns an engine that answers as e does, sharing its caches,
// and records in rec what it is asked.
func (e *Engine) Recording(rec *Reads) *Engine {
	n := *e
	n.rec = rec
	return &n
}

func (e *Engine) read(k ReadKey) {
	if e.rec == nil {
		return
	}
	e.rec.mu.Lock()
	e.rec.keys[k] = true
	e.rec.mu.Unlock()
}

// readRows records a read of table's rows in p. A Delta reads the period
// before too, through Figure.
func (e *Engine) readRows(table string, p model.Period) {
	e.read(ReadKey{Kind: ReadSchema}) // a missing table is an answer too
	e.read(ReadKey{Kind: ReadRows, Table: table, Year: p.Year})
}

// Values lists the distinct values of column in table, in any period,
// sorted; nil when there is no such column. Charts use it to give a value
// the same colour on every page. It is recorded as a read of the values
// alone: a new row of a known value changes no answer.
func (e *Engine) Values(table, column string) []string {
	e.read(ReadKey{Kind: ReadSchema})
	e.read(ReadKey{Kind: ReadValues, Table: table + "." + column})
	return e.values(table, column)
}

func (e *Engine) values(table, column string) []string {
	t := e.tables[table]
	if t == nil {
		return nil
	}
	i := t.Col(column)
	if i < 0 {
		return nil
	}
	out := slices.Clone(e.textColumn(t, i).texts)
	slices.Sort(out)
	return out
}

// seed keys the hashes of one process: sums are compared within a serve
// session only.
var seed = maphash.MakeSeed()

// Sum is a hash of the answers to keys: the same keys over the same
// tables give the same sum.
func (e *Engine) Sum(keys []ReadKey) uint64 {
	var h maphash.Hash
	h.SetSeed(seed)
	for _, k := range keys {
		var v uint64
		switch k.Kind {
		case ReadRows:
			v = e.rowsSum(k.Table, k.Year)
		case ReadSchema:
			v = e.schemaSum()
		case ReadPeriods:
			v = e.periodsSum()
		case ReadValues:
			table, column, _ := strings.Cut(k.Table, ".")
			var vh maphash.Hash
			vh.SetSeed(seed)
			for _, s := range e.values(table, column) {
				vh.WriteString(s)
				vh.WriteByte(0)
			}
			v = vh.Sum64()
		}
		writeUint(&h, uint64(k.Kind))
		h.WriteString(k.Table)
		writeUint(&h, uint64(int64(k.Year)))
		writeUint(&h, v)
	}
	return h.Sum64()
}

// rowsSum hashes the rows of a table in a period (year 0: all).
func (e *Engine) rowsSum(table string, year int) uint64 {
	t := e.tables[table]
	if t == nil {
		return 0
	}
	sums := e.c.sums.get(table, func() []uint64 { return e.periodSums(t) })
	if year == 0 || undated(t) { // an undated table is in every period (see inPeriod)
		return sums[0]
	}
	if k, ok := slices.BinarySearch(e.rowPeriods(t).years, year); ok {
		return sums[1+k]
	}
	return uint64(len(t.Rows)) // a period without rows
}

// periodSums hashes all the rows of t, then the rows of each of its
// periods (in the order of rowPeriods.years), from the rows' own hashes.
func (e *Engine) periodSums(t *model.Table) []uint64 {
	hashes := e.rowHashes(t)
	rp := e.rowPeriods(t)
	// FNV-1a over the row hashes and, last, the number of rows.
	const basis, prime = 14695981039346656037, 1099511628211
	sums := make([]uint64, 1+len(rp.rows))
	sum := uint64(basis)
	for _, h := range hashes {
		sum = (sum ^ h) * prime
	}
	sums[0] = (sum ^ uint64(len(t.Rows))) * prime
	for k, rows := range rp.rows {
		sum := uint64(basis)
		for _, i := range rows {
			sum = (sum ^ hashes[i]) * prime
		}
		sums[1+k] = (sum ^ uint64(len(t.Rows))) * prime
	}
	return sums
}

// rowHashes hashes each row of t: its line and its cells as written
// (their types follow from the columns, which schemaSum covers).
func (e *Engine) rowHashes(t *model.Table) []uint64 {
	return e.c.rowHashes.get(t.Name, func() []uint64 {
		out := make([]uint64, len(t.Rows))
		// One call of maphash.Bytes per row costs less than writing each
		// cell to a maphash.Hash, and gives the same hash.
		var buf []byte
		for i := range t.Rows {
			r := &t.Rows[i]
			buf = binary.LittleEndian.AppendUint64(buf[:0], uint64(r.Line))
			for _, c := range r.Cells {
				buf = append(buf, c.Raw...)
				if c.Set {
					buf = append(buf, 1)
				} else {
					buf = append(buf, 0)
				}
			}
			out[i] = maphash.Bytes(seed, buf)
		}
		return out
	})
}

// schemaSum hashes the tables' names, files and columns.
func (e *Engine) schemaSum() uint64 {
	var h maphash.Hash
	h.SetSeed(seed)
	names := make([]string, 0, len(e.tables))
	for n := range e.tables {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		t := e.tables[n]
		h.WriteString(n + "\x00" + t.File + "\x00")
		for _, c := range t.Columns {
			h.WriteString(c.Key + "\x00" + c.Header + "\x00")
			writeUint(&h, uint64(c.Kind))
		}
	}
	return h.Sum64()
}

func (e *Engine) periodsSum() uint64 {
	var h maphash.Hash
	h.SetSeed(seed)
	e.o.periodsOnce.Do(func() { e.o.periods = e.findPeriods() })
	for _, p := range e.o.periods {
		writeUint(&h, uint64(p.Year))
	}
	return h.Sum64()
}

func writeUint(h *maphash.Hash, v uint64) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], v)
	h.Write(b[:])
}
