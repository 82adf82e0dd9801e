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
