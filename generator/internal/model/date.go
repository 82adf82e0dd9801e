package model

import (
	"strconv"
	"time"
)

// Date is a calendar date or, when Day is 0, a whole month. The zero Date
// means "no date".
type Date struct {
	Year  int
	Month int // 1..12
	Day   int // 1..31, or 0 for month precision
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d.Year == 0 }

// IsMonth reports whether d has month precision only.
func (d Date) IsMonth() bool { return !d.IsZero() && d.Day == 0 }

// Start is the first instant of the day (or of the month), UTC.
func (d Date) Start() time.Time {
	day := d.Day
	if day == 0 {
		day = 1
	}
	return time.Date(d.Year, time.Month(d.Month), day, 0, 0, 0, 0, time.UTC)
}

// End is the first instant after the day (or after the month), UTC.
func (d Date) End() time.Time {
	if d.Day == 0 {
		return d.Start().AddDate(0, 1, 0)
	}
	return d.Start().AddDate(0, 0, 1)
}

// Before reports whether d starts before e.
func (d Date) Before(e Date) bool { return d.Start().Before(e.Start()) }

// Compare orders dates by start, month precision before a day of the same month.
func (d Date) Compare(e Date) int {
	if !d.plain() || !e.plain() {
		if c := d.Start().Compare(e.Start()); c != 0 {
			return c
		}
		return d.Day - e.Day
	}
	// Without time.Date: sorting thousands of notices compares often.
	switch {
	case d.Year != e.Year:
		return cmpInt(d.Year, e.Year)
	case d.Month != e.Month:
		return cmpInt(d.Month, e.Month)
	case max(d.Day, 1) != max(e.Day, 1):
		return cmpInt(d.Day, e.Day)
	}
	return d.Day - e.Day
}

// plain reports whether d's fields are in range, so that comparing them
// in order is comparing the days (time.Date would normalize others).
func (d Date) plain() bool {
	if d.Month < 1 || d.Month > 12 || d.Day < 0 {
		return false
	}
	days := [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[d.Month]
	if d.Month == 2 && (d.Year%4 == 0 && d.Year%100 != 0 || d.Year%400 == 0) {
		days = 29
	}
	return d.Day <= days
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// String formats d as 2023-09-01 or 2023-09.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	var buf [len("2023-09-01")]byte
	return string(d.Append(buf[:0]))
}

// Append appends the String form of d to b. It does not allocate when b
// has room, so checks that compare every row's dates can format them.
func (d Date) Append(b []byte) []byte {
	if d.IsZero() {
		return b
	}
	b = appendPadded(b, d.Year, 4)
	b = append(b, '-')
	b = appendPadded(b, d.Month, 2)
	if d.Day == 0 {
		return b
	}
	b = append(b, '-')
	return appendPadded(b, d.Day, 2)
}

// appendPadded appends n in decimal, padded with zeros after any sign to
// width characters, as fmt's %0*d does.
func appendPadded(b []byte, n, width int) []byte {
	var digits [20]byte
	d := strconv.AppendUint(digits[:0], absInt(n), 10)
	if n < 0 {
		b = append(b, '-')
		width--
	}
	for range width - len(d) {
		b = append(b, '0')
	}
	return append(b, d...)
}

func absInt(n int) uint64 {
	if n < 0 {
		return uint64(-(n + 1)) + 1
	}
	return uint64(n)
}

// DateOf returns the Date of t (day precision).
func DateOf(t time.Time) Date {
	return Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
}

// PeriodKind is how a site divides time into the periods its yearly
// summaries cover.
type PeriodKind string

const (
	// Calendar periods run from January 1 to December 31.
	Calendar PeriodKind = "calendar"
	// SchoolYear periods start on Config.PeriodStart and last a year.
	SchoolYear PeriodKind = "school-year"
)

// Period is what one yearly summary covers: [Start, End).
type Period struct {
	Year  int
	Kind  PeriodKind
	Start time.Time
	End   time.Time
}

// All is the pseudo-period that contains every row.
var All = Period{Year: 0}

// IsAll reports whether p is the all-time pseudo-period.
func (p Period) IsAll() bool { return p.Year == 0 }

// Contains reports whether the date (or the start of the month) falls in p.
func (p Period) Contains(d Date) bool {
	if p.IsAll() {
		return true
	}
	t := d.Start()
	return !t.Before(p.Start) && t.Before(p.End)
}

// Overlaps reports whether [from, to) meets p. A zero to means open-ended.
func (p Period) Overlaps(from, to time.Time) bool {
	if p.IsAll() {
		return true
	}
	if !to.IsZero() && !to.After(p.Start) {
		return false
	}
	return from.Before(p.End)
}

// Prev is the period before p.
func (p Period) Prev() Period {
	return Period{Year: p.Year - 1, Kind: p.Kind, Start: p.Start.AddDate(-1, 0, 0), End: p.End.AddDate(-1, 0, 0)}
}

// Last is the last day of p.
func (p Period) Last() Date { return DateOf(p.End.AddDate(0, 0, -1)) }
