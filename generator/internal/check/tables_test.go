package check

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/scale/scaletables"
)

// keyKinds are the kinds of column appendKey tells apart.
var keyKinds = []model.Kind{model.Text, model.Number, model.DateKind, model.MonthKind, model.Bool}

// FuzzCellKey: two cells have the same key exactly when appendValue
// writes them alike, in a column of each kind.
func FuzzCellKey(f *testing.F) {
	for _, c := range [][2]cellArgs{
		{{raw: "1e+06"}, {set: true, raw: "1000000", num: 1e6}},
		{{raw: "NaN"}, {set: true, num: math.NaN()}},
		{{set: true, num: math.Copysign(0, -1)}, {set: true}},
		{{raw: "2023-09-01"}, {set: true, raw: "2023/9/1", year: 2023, month: 9, day: 1}},
		{{raw: "2023-09"}, {set: true, year: 2023, month: 9}},
		{{raw: "2023-09-00"}, {set: true, year: 2023, month: 9}},
		{{raw: "2023-13-01"}, {set: true, year: 2023, month: 13, day: 1}},
		{{raw: "12345-01-01"}, {set: true, year: 12345, month: 1, day: 1}},
		{{raw: ""}, {set: true, raw: "x"}},
		{{raw: "1,250"}, {set: true, raw: "1,250", num: 1250}},
	} {
		f.Add(c[0].set, c[0].raw, c[0].num, c[0].year, c[0].month, c[0].day, c[1].set, c[1].raw, c[1].num, c[1].year, c[1].month, c[1].day)
	}
	f.Fuzz(func(t *testing.T, set1 bool, raw1 string, num1 float64, year1, month1, day1 int, set2 bool, raw2 string, num2 float64, year2, month2, day2 int) {
		a := cellArgs{set1, raw1, num1, year1, month1, day1}.value()
		b := cellArgs{set2, raw2, num2, year2, month2, day2}.value()
		for _, kind := range keyKinds {
			tab := &model.Table{Columns: []model.Column{{Kind: kind}}}
			ra, rb := &model.Row{Cells: []model.Value{a}}, &model.Row{Cells: []model.Value{b}}
			sameValue := bytes.Equal(appendValue(nil, tab, ra, 0), appendValue(nil, tab, rb, 0))
			sameKey := bytes.Equal(appendKey(nil, tab, ra, 0), appendKey(nil, tab, rb, 0))
			if sameValue != sameKey {
				t.Fatalf("%s cells %+v and %+v: same value %v, same key %v", kind, a, b, sameValue, sameKey)
			}
		}
	})
}

type cellArgs struct {
	set              bool
	raw              string
	num              float64
	year, month, day int
}

func (c cellArgs) value() model.Value {
	return model.Value{Set: c.set, Raw: c.raw, Num: c.num, Date: model.Date{Year: c.year, Month: c.month, Day: c.day}}
}

// TestDuplicates: rows are the same when their values are, however they
// are written, and cells that are not values compare as written.
func TestDuplicates(t *testing.T) {
	march := model.Date{Year: 2023, Month: 3, Day: 1}
	date := func(raw string) model.Value { return model.Value{Raw: raw, Date: march, Set: true} }
	num := func(raw string, f float64) model.Value { return model.Value{Raw: raw, Num: f, Set: true} }
	text := func(raw string) model.Value { return model.Value{Raw: raw, Set: raw != ""} }
	bad := func(raw string) model.Value { return model.Value{Raw: raw} }
	rows := [][]model.Value{
		{date("2023-03-01"), text("水管"), num("1250", 1250)},
		{date("2023/3/1"), text("水管"), num("1,250", 1250)}, // 2
		{date("2023-03-01"), text("水管 "), num("1250", 1250)},
		{bad("2023-3-32"), text("水管"), num("1250", 1250)},
		{bad("2023-3-32"), text("水管"), num("1250", 1250)}, // 5
		{bad("2023-3-32"), text("水管"), bad("12x")},
		{bad("2023-3-32"), text("水管"), bad("12X")},
		{bad("2023-3-32"), text("水管"), bad("12x")}, // 7
		{date("2023-03-01"), text("水管"), num("1000000", 1e6)},
		{date("2023-03-01"), text("水管"), bad("1e+06")}, // 10: written as AppendFloat writes 1000000
		{date("2023-03-01"), text(""), bad("")},
		{date("2023年3月1日"), text(""), bad("")}, // 12
	}
	tab := &model.Table{File: "data/x.csv", Columns: []model.Column{{Kind: model.DateKind}, {Kind: model.Text}, {Kind: model.Number}}}
	for i, cells := range rows {
		tab.Rows = append(tab.Rows, model.Row{Line: i + 2, Cells: cells})
	}
	var errs model.ErrorList
	duplicates(&errs, tab)
	var got []string
	for _, e := range errs {
		got = append(got, e.Error())
	}
	want := []string{
		"data/x.csv:3:1: warning: the row repeats line 2 cell for cell: remove it if it was entered twice",
		"data/x.csv:6:1: warning: the row repeats line 5 cell for cell: remove it if it was entered twice",
		"data/x.csv:9:1: warning: the row repeats line 7 cell for cell: remove it if it was entered twice",
		"data/x.csv:11:1: warning: the row repeats line 10 cell for cell: remove it if it was entered twice",
		"data/x.csv:13:1: warning: the row repeats line 12 cell for cell: remove it if it was entered twice",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestDuplicatesCap: past maxCellFindings duplicates, one warning says
// there are more, whichever rows are hashed on which core.
func TestDuplicatesCap(t *testing.T) {
	tab := &model.Table{File: "data/x.csv", Columns: []model.Column{{Kind: model.Number}}}
	for i := range 3 * rowsPerHasher {
		v := float64(i)
		if i%100 == 0 {
			v = -1 // a repeat every hundred rows
		}
		tab.Rows = append(tab.Rows, model.Row{Line: i + 2, Cells: []model.Value{{Raw: fmt.Sprint(v), Num: v, Set: true}}})
	}
	var errs model.ErrorList
	duplicates(&errs, tab)
	if len(errs) != maxCellFindings+1 {
		t.Fatalf("%d findings, want %d", len(errs), maxCellFindings+1)
	}
	if got, want := errs[0].Error(), "data/x.csv:102:1: warning: the row repeats line 2 cell for cell: remove it if it was entered twice"; got != want {
		t.Errorf("first finding %q, want %q", got, want)
	}
	if got, want := errs[maxCellFindings].Error(), "data/x.csv: warning: more than 100 duplicate rows"; got != want {
		t.Errorf("last finding %q, want %q", got, want)
	}
}

// BenchmarkDuplicates looks for repeated rows in the large preset's
// repairs (200,000 rows), which have one:
//
//	go test ./generator/internal/check -run '^$' -bench Duplicates
func BenchmarkDuplicates(b *testing.B) {
	t := scaletables.Large(b).Tables["repairs"]
	b.ReportAllocs()
	for b.Loop() {
		var errs model.ErrorList
		if duplicates(&errs, t); len(errs) != 1 {
			b.Fatalf("want one repeated row, got %v", errs)
		}
	}
}
