package query

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/houqin/report/generator/internal/model"
)

// Op is an aggregation.
type Op string

const (
	OpCount Op = "count"
	OpSum   Op = "sum"
	OpRate  Op = "rate"
)

// Figure is a computed number with its provenance: where it comes from,
// under which conditions, from how many rows.
type Figure struct {
	Op      Op
	Table   string
	File    string
	Column  string // sum: the column; rate: the numerator
	Den     string // rate: the denominator column
	Filters []model.Filter
	Period  model.Period
	Value   float64 // rate: a percentage
	Rows    int
	Unit    string // count: the table's unit word (次, 轮)
}

// Spec says which figure to compute.
type Spec struct {
	Op      Op
	Table   string
	Column  string
	Den     string
	Filters []model.Filter
}

// ErrZeroDenominator is returned by a rate whose denominator sums to zero.
var ErrZeroDenominator = errors.New("zero denominator")

// Figure computes s for period p.
func (e *Engine) Figure(s Spec, p model.Period) (Figure, error) {
	e.readRows(s.Table, p)
	t, err := e.Lookup(s.Table)
	if err != nil {
		return Figure{}, err
	}
	rows, err := e.selection(t, p, s.Filters)
	if err != nil {
		return Figure{}, err
	}
	f := Figure{Op: s.Op, Table: t.Name, File: t.File, Column: s.Column, Den: s.Den, Filters: s.Filters, Period: p, Rows: len(rows)}
	switch s.Op {
	case OpCount:
		f.Value = float64(len(rows))
		if t.Schema != nil {
			f.Unit = t.Schema.Unit
			if e.site.Config.En() {
				f.Unit = t.Schema.UnitEn
			}
		}
	case OpSum:
		col, err := numericColumn(t, s.Column)
		if err != nil {
			return Figure{}, err
		}
		nums := e.numberColumn(t, col)
		for _, i := range rows {
			f.Value += nums[i]
		}
		if math.IsInf(f.Value, 0) {
			return Figure{}, overflow(s.Column, t)
		}
	case OpRate:
		num, err := numericColumn(t, s.Column)
		if err != nil {
			return Figure{}, err
		}
		den, err := numericColumn(t, s.Den)
		if err != nil {
			return Figure{}, err
		}
		nums, dens := e.numberColumn(t, num), e.numberColumn(t, den)
		var n, d float64
		for _, i := range rows {
			n += nums[i]
			d += dens[i]
		}
		if math.IsInf(n, 0) || math.IsInf(d, 0) {
			return Figure{}, overflow(s.Column+"/"+s.Den, t)
		}
		if d == 0 {
			return f, fmt.Errorf("%w: %s of %s sums to 0 in %s over %d rows; a rate needs a denominator above 0", ErrZeroDenominator, s.Den, t.File, periodName(p), len(rows))
		}
		f.Value = n / d * 100
	default:
		return Figure{}, fmt.Errorf("unknown aggregation %q: use count, sum or rate", s.Op)
	}
	return f, nil
}

// overflow is the error of a sum too large for a number: a cell with far
// too many digits.
func overflow(column string, t *model.Table) error {
	return fmt.Errorf("the sum of %s in %s is too large to compute: a cell of the column has far too many digits; correct it", column, t.File)
}

func periodName(p model.Period) string {
	if p.IsAll() {
		return "all periods"
	}
	return fmt.Sprintf("period %d", p.Year)
}

func numericColumn(t *model.Table, name string) (int, error) {
	i, err := Column(t, name)
	if err != nil {
		return -1, err
	}
	if t.Columns[i].Kind != model.Number {
		var nums []string
		for _, c := range t.Columns {
			if c.Kind == model.Number {
				nums = append(nums, c.Key)
			}
		}
		return -1, &NotNumericError{Column: name, File: t.File, Valid: nums}
	}
	return i, nil
}

// Delta is a figure and the same figure one period earlier.
type Delta struct {
	Cur, Prev Figure
	// NoPrev is true when the table has no row at all in the previous
	// period: the change is unknown, not zero.
	NoPrev bool
}

// Change is Cur - Prev.
func (d Delta) Change() float64 { return d.Cur.Value - d.Prev.Value }

// Percent is the relative change in %, and false when Prev is 0.
func (d Delta) Percent() (float64, bool) {
	if d.Prev.Value == 0 {
		return 0, false
	}
	return (d.Cur.Value - d.Prev.Value) / d.Prev.Value * 100, true
}

// Delta computes s for p and for the period before it.
func (e *Engine) Delta(s Spec, p model.Period) (Delta, error) {
	if p.IsAll() {
		return Delta{}, errors.New("delta needs a period: use it on a yearly page or add year=YEAR")
	}
	cur, err := e.Figure(s, p)
	if err != nil {
		return Delta{}, err
	}
	prevP := p.Prev()
	prev, err := e.Figure(s, prevP)
	if err != nil && !errors.Is(err, ErrZeroDenominator) {
		return Delta{}, err
	}
	t := e.tables[s.Table]
	return Delta{Cur: cur, Prev: prev, NoPrev: err != nil || len(e.inPeriod(t, prevP)) == 0}, nil
}

// NotNumericError is a sum or rate over a column that does not hold numbers.
type NotNumericError struct {
	Column string
	File   string
	Valid  []string // the numeric columns of the table
}

func (e *NotNumericError) Error() string {
	if len(e.Valid) == 0 {
		return fmt.Sprintf("column %q of %s is not numeric, and the table has no numeric column", e.Column, e.File)
	}
	return fmt.Sprintf("column %q of %s is not numeric: use one of %s", e.Column, e.File, strings.Join(e.Valid, ", "))
}
