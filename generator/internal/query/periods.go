package query

import (
	"math"
	"slices"

	"github.com/houqin/report/generator/internal/model"
)

// rowPeriods is a table's rows by period. Which periods have rows, the
// rows of each period, the sums that tell whether they changed (reads.go)
// and the year of each row in charts all follow from it, so that they
// agree on every row, and it takes three passes over the rows however
// many periods there are. It also keeps each row's month, which charts
// by month read: the rows of a period are spread over the whole table,
// and reading their dates from the rows would wait on memory for each.
type rowPeriods struct {
	years  []int   // the periods that have a dated row, oldest first
	rows   [][]int // rows[k]: the indexes of the rows in period years[k], in row order
	all    []int   // the indexes of every row
	period []int32 // per row: k of its period years[k], or -1 for a row without a date
	month  []int32 // per row: year*100 + month of its date (202309), or 0
}

// in returns the indexes of the rows in the period labelled year.
func (rp *rowPeriods) in(year int) []int {
	if k, ok := slices.BinarySearch(rp.years, year); ok {
		return rp.rows[k]
	}
	return nil
}

// rowPeriods returns the rows of t by period, computed once per table.
// A row is in the period that contains its date; a row without one is in
// no period.
func (e *Engine) rowPeriods(t *model.Table) *rowPeriods {
	return e.c.periods.get(t.Name, func() *rowPeriods {
		n := len(t.Rows)
		rp := &rowPeriods{all: make([]int, n), period: make([]int32, n), month: make([]int32, n)}
		// period holds each row's year at first: dates have four-digit
		// years (see load), so there are at most 10,000 periods.
		const none = math.MinInt32
		lo, hi := int32(math.MaxInt32), int32(none)
		for i := range t.Rows {
			rp.all[i] = i
			rp.period[i] = none
			if d := t.Rows[i].Date; !d.IsZero() {
				y := int32(e.site.Config.PeriodYear(d))
				rp.month[i] = int32(d.Year*100 + d.Month)
				rp.period[i], lo, hi = y, min(lo, y), max(hi, y)
			}
		}
		if lo > hi { // no row has a date
			for i := range rp.period {
				rp.period[i] = -1
			}
			return rp
		}
		// A counting sort by period, which keeps the row order within
		// each. at[y-lo] is where the next row of year y goes.
		at := make([]int, hi-lo+1)
		for _, y := range rp.period {
			if y != none {
				at[y-lo]++
			}
		}
		index := make([]int32, len(at)) // index[y-lo]: k of years[k] = y
		dated := 0
		for off, count := range at {
			if count > 0 {
				index[off] = int32(len(rp.years))
				rp.years = append(rp.years, int(lo)+off)
			}
			at[off] = dated
			dated += count
		}
		sorted := make([]int, dated)
		for i, y := range rp.period {
			if y == none {
				rp.period[i] = -1
				continue
			}
			sorted[at[y-lo]] = i
			at[y-lo]++
			rp.period[i] = index[y-lo]
		}
		// at[y-lo] is now where the rows of year y end.
		rp.rows = make([][]int, len(rp.years))
		from := 0
		for k, y := range rp.years {
			to := at[y-int(lo)]
			rp.rows[k] = sorted[from:to:to]
			from = to
		}
		return rp
	})
}

// undated reports whether t has no date column: a custom list such as the
// office's staff, whose facts are true in every period.
func undated(t *model.Table) bool {
	return t.DateCol() < 0
}
