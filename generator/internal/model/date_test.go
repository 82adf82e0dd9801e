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
