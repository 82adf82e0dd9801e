package model

import (
	"fmt"
	"testing"
)

// TestDateString checks the hand-written formatting against fmt's, for
// the dates the loader makes and for out-of-range fields a caller may set.
func TestDateString(t *testing.T) {
	for _, d := range []Date{
		{Year: 2023, Month: 9, Day: 1}, {Year: 2023, Month: 12}, {Year: 1, Month: 1, Day: 31},
		{Year: 9999, Month: 12, Day: 31}, {Year: 12345, Month: 123, Day: 456}, {Year: -5, Month: -1, Day: -12},
		{Year: 7, Month: 0, Day: 3}, {Year: -1 << 63, Month: 1}, {},
	} {
		want := ""
		switch {
		case d.Year == 0:
		case d.Day == 0:
			want = fmt.Sprintf("%04d-%02d", d.Year, d.Month)
		default:
			want = fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
		}
		if got := d.String(); got != want {
			t.Errorf("%#v.String() = %q, want %q", d, got, want)
		}
		if got := string(d.Append([]byte("x"))); got != "x"+want {
			t.Errorf("%#v.Append(x) = %q, want %q", d, got, "x"+want)
		}
	}
}

// TestDateCompare: Compare orders dates as their days do, month-precision
// dates first in their month, whatever the fields.
func TestDateCompare(t *testing.T) {
	dates := []Date{{2023, 9, 0}, {2023, 9, 1}, {2023, 9, 30}, {2023, 10, 0}, {2023, 2, 29}, {2024, 2, 29}, {2024, 2, 30}, {2023, 3, 1}, {2023, 4, 31}, {2023, 5, 1}, {2024, 1, 31}, {2024, 13, 1}, {2025, 1, 1}, {2022, 12, 31}, {0, 0, 0}}
	slow := func(d, e Date) int {
		if c := d.Start().Compare(e.Start()); c != 0 {
			return c
		}
		return d.Day - e.Day
	}
	sign := func(n int) int { return cmpInt(n, 0) }
	for _, d := range dates {
		for _, e := range dates {
			if got, want := sign(d.Compare(e)), sign(slow(d, e)); got != want {
				t.Errorf("%v.Compare(%v) = %d, want %d", d, e, got, want)
			}
		}
	}
}

// TestPeriodYear: the period of a date, compared field by field, is the
// one whose times contain the date's start, on both sides of every
// period start a site may set (02-29 included) and, through the time
// comparison, for fields out of range.
func TestPeriodYear(t *testing.T) {
	configs := []Config{{Period: Calendar}, {}}
	for _, md := range []MonthDay{{9, 1}, {2, 15}, {2, 28}, {2, 29}, {1, 1}, {12, 31}, {3, 1}, {0, 0}, {2, 30}, {4, 31}, {13, 1}} {
		configs = append(configs, Config{Period: SchoolYear, PeriodStart: md})
	}
	var dates []Date
	for y := 2022; y <= 2025; y++ {
		for m := 1; m <= 12; m++ {
			dates = append(dates, Date{Year: y, Month: m})
			for d := 1; d <= 31; d++ {
				dates = append(dates, Date{Year: y, Month: m, Day: d}) // 02-31 and the like too
			}
		}
	}
	dates = append(dates, Date{2024, 13, 1}, Date{2024, 0, 5}, Date{2024, 3, -1}, Date{1, 1, 1})
	for _, c := range configs {
		for _, d := range dates {
			want := d.Year
			if !c.PeriodOf(d.Year).Contains(d) {
				want = d.Year - 1
			}
			if got := c.PeriodYear(d); got != want {
				t.Errorf("%s %v: %v is in period %d, want %d", c.Period, c.PeriodStart, d, got, want)
			}
			if got := c.PeriodFor(d); got != c.PeriodOf(want) {
				t.Errorf("%s %v: PeriodFor(%v) = %v, want %v", c.Period, c.PeriodStart, d, got, c.PeriodOf(want))
			}
		}
	}
	school := Config{Period: SchoolYear, PeriodStart: MonthDay{9, 1}}
	for _, tt := range []struct {
		d    Date
		want int
	}{{Date{2024, 8, 31}, 2023}, {Date{2024, 9, 1}, 2024}, {Date{2024, 8, 0}, 2023}, {Date{2024, 9, 0}, 2024}, {Date{2025, 1, 1}, 2024}} {
		if got := school.PeriodYear(tt.d); got != tt.want {
			t.Errorf("school year from 09-01: %v is in %d, want %d", tt.d, got, tt.want)
		}
	}
}
