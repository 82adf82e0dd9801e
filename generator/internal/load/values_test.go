package load

import (
	"strings"
	"testing"

	"github.com/houqin/report/generator/internal/model"
)

// lines of an ErrorList as a user sees them.
func messages(errs model.ErrorList) []string {
	out := make([]string, len(errs))
	for i, e := range errs {
		out[i] = e.Error()
	}
	return out
}

func sameMessages(t *testing.T, got model.ErrorList, want ...string) {
	t.Helper()
	g := messages(got)
	if strings.Join(g, "\n") != strings.Join(want, "\n") {
		t.Errorf("messages:\n got: %s\nwant: %s", strings.Join(g, "\n      "), strings.Join(want, "\n      "))
	}
}

func TestParseDate(t *testing.T) {
	for _, tc := range []struct {
		in, want, err string
	}{
		{in: "2023-09-01", want: "2023-09-01"},
		{in: "2023/9/1", want: "2023-09-01"},
		{in: "2023年9月1日", want: "2023-09-01"},
		{in: "  2024-02-29 ", want: "2024-02-29"},
		{in: "２０２３／９／１", want: "2023-09-01"},
		{in: "2023.9.1", want: "2023-09-01"},
		{in: "2023.09.01", want: "2023-09-01"},
		{in: "2023-9-1 08:30", want: "2023-09-01"},
		{in: "2023/9/1 8:30:15", want: "2023-09-01"},
		{in: "2023-09-01T08:30:00", want: "2023-09-01"},
		{in: "2023.9.31", err: `"2023.9.31" is not a date: write 2023-09-01, 2023/9/1, 2023.9.1 or 2023年9月1日`},
		{in: "2023-9-1 25", err: `"2023-9-1 25" is not a date: write 2023-09-01, 2023/9/1, 2023.9.1 or 2023年9月1日`},
		{in: "2023.9/1", err: `"2023.9/1" is not a date: write 2023-09-01, 2023/9/1, 2023.9.1 or 2023年9月1日`},
		{in: "2023-13-01", err: `"2023-13-01" is not a date: write 2023-09-01, 2023/9/1, 2023.9.1 or 2023年9月1日`},
		{in: "2023-02-29", err: `"2023-02-29" is not a date: write 2023-09-01, 2023/9/1, 2023.9.1 or 2023年9月1日`},
		{in: "2023-09", err: `"2023-09" is not a date: write 2023-09-01, 2023/9/1, 2023.9.1 or 2023年9月1日`},
		{in: "2023-9/1", err: `"2023-9/1" is not a date: write 2023-09-01, 2023/9/1, 2023.9.1 or 2023年9月1日`},
		{in: "", err: `"" is not a date: write 2023-09-01, 2023/9/1, 2023.9.1 or 2023年9月1日`},
	} {
		t.Run(tc.in, func(t *testing.T) {
			d, err := ParseDate(tc.in)
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Fatalf("ParseDate(%q) error = %v, want %s", tc.in, err, tc.err)
				}
				return
			}
			if err != nil || d.String() != tc.want {
				t.Fatalf("ParseDate(%q) = %v, %v; want %s", tc.in, d, err, tc.want)
			}
		})
	}
}

func TestParseMonth(t *testing.T) {
	for _, tc := range []struct {
		in, want, err string
	}{
		{in: "2023-09", want: "2023-09"},
		{in: "2023/9", want: "2023-09"},
		{in: "2023年9月", want: "2023-09"},
		{in: "2023.9", want: "2023-09"},
		{in: " 2023-12 ", want: "2023-12"},
		{in: "2023-09-01", err: `"2023-09-01" is a day, not a month: write 2023-09, 2023/9, 2023.9 or 2023年9月`},
		{in: "2023-13", err: `"2023-13" is not a month: write 2023-09, 2023/9, 2023.9 or 2023年9月`},
		{in: "九月", err: `"九月" is not a month: write 2023-09, 2023/9, 2023.9 or 2023年9月`},
	} {
		t.Run(tc.in, func(t *testing.T) {
			d, err := ParseMonth(tc.in)
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Fatalf("ParseMonth(%q) error = %v, want %s", tc.in, err, tc.err)
				}
				return
			}
			if err != nil || d.String() != tc.want || !d.IsMonth() {
				t.Fatalf("ParseMonth(%q) = %v, %v; want %s", tc.in, d, err, tc.want)
			}
		})
	}
}

func TestParseNumber(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want float64
		ok   bool
	}{
		{"1,250.00", 1250, true},
		{"1250", 1250, true},
		{"-3", -3, true},
		{"12.5", 12.5, true},
		{"1,250,000", 1250000, true},
		{"１，２５０", 1250, true},
		{" 7 ", 7, true},
		{"1,2,3", 0, false},
		{"12,50", 0, false},
		{"12元", 12, true},
		{"¥1,250.50", 1250.5, true},
		{"￥ 80", 80, true},
		{"-¥5", -5, true},
		{"1,250.00 元", 1250, true},
		{"1.5万元", 0, false},
		{"¥", 0, false},
		{"inf", 0, false},
		{"NaN", 0, false},
		{"1e5", 0, false},
		{".5", 0, false},
		{"", 0, false},
	} {
		t.Run(tc.in, func(t *testing.T) {
			n, err := ParseNumber(tc.in)
			if (err == nil) != tc.ok || n != tc.want {
				t.Fatalf("ParseNumber(%q) = %v, %v; want %v (ok %v)", tc.in, n, err, tc.want, tc.ok)
			}
			if !tc.ok && !strings.Contains(err.Error(), "is not a number: write digits, e.g. 1250 or 1,250.50") {
				t.Errorf("message %q does not say what to write", err)
			}
		})
	}
}

func TestBoolAndSeverity(t *testing.T) {
	for in, want := range map[string]bool{"yes": true, "No": false, "TRUE": true, "false": false, "是": true, "否": false, "Y": true, "n": false, "1": true, "0": false} {
		if got, err := parseBool(in); err != nil || got != want {
			t.Errorf("parseBool(%q) = %v, %v", in, got, err)
		}
	}
	for in, want := range map[string]string{"minor": "minor", "Moderate": "moderate", "serious": "serious", "轻微": "minor", "一般": "moderate", "严重": "serious"} {
		if got, err := parseSeverity(in); err != nil || got != want {
			t.Errorf("parseSeverity(%q) = %v, %v", in, got, err)
		}
	}
}

// TestSerialDate: Excel keeps dates as numbers of days; a sheet's are
// read as dates, and in a CSV file only whole numbers that are dates of
// this century and the last (45170, not the 12 of a quantity).
func TestSerialDate(t *testing.T) {
	for _, tc := range []struct {
		in       string
		sheet    bool
		date1904 bool
		want     string
	}{
		{in: "45170", want: "2023-09-01"},
		{in: "45170", sheet: true, want: "2023-09-01"},
		{in: "45170.75", sheet: true, want: "2023-09-01"},
		{in: "45170.99999999", sheet: true, want: "2023-09-02"},
		{in: "43708", sheet: true, date1904: true, want: "2023-09-01"},
		{in: "45170.5"},
		{in: "12"},
		{in: "12", sheet: true, want: "1900-01-12"},
		{in: "4.517E4"},
		{in: "2023"},
		{in: "abc", sheet: true},
	} {
		d, ok := serialDate(tc.in, tc.sheet, tc.date1904)
		if got := map[bool]string{true: d.String()}[ok]; got != tc.want {
			t.Errorf("serialDate(%q, sheet %v, 1904 %v) = %q, want %q", tc.in, tc.sheet, tc.date1904, got, tc.want)
		}
	}
}
