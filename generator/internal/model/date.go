package model

import (
	"fmt"
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
	if c := d.Start().Compare(e.Start()); c != 0 {
		return c
	}
	return d.Day - e.Day
}

// String formats d as 2023-09-01 or 2023-09.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	if d.Day == 0 {
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
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
