package load

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/houqin/report/generator/internal/model"
)

// wideTable is a custom table of n columns with Chinese headers and one row.
func wideTable(n int) []byte {
	var b bytes.Buffer
	b.WriteString("日期")
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, ",列%d", i)
	}
	b.WriteString("\n2023-01-01")
	for i := 1; i < n; i++ {
		b.WriteString(",1")
	}
	b.WriteString("\n")
	return b.Bytes()
}

// A spreadsheet exported with a runaway row must not keep the build busy
// for minutes: the cost of a wide row grows with its width, not with its
// square (counting each column from the line's start took 35 s for 40,000
// columns, and hours for a million).
func TestWideRowIsReadInLinearTime(t *testing.T) {
	if testing.Short() {
		t.Skip("reads tables of 100,000 columns")
	}
	read := func(n int) time.Duration {
		data := wideTable(n)
		start := time.Now()
		tbl, errs, _, _ := readCSV("data/wide.csv", data, model.SchemaOf("wide"), nil)
		if tbl == nil || len(tbl.Columns) != n || len(errs) > 0 {
			t.Fatalf("%d columns: the table was not read: %v", n, errs)
		}
		return time.Since(start)
	}
	// Four times the columns: four times the time when linear, sixteen
	// when quadratic. The machine is shared, so a slow run is tried again.
	var small, large time.Duration
	for range 3 {
		small, large = read(25_000), read(100_000)
		if large < 8*small {
			return
		}
	}
	t.Errorf("25,000 columns took %v, 100,000 took %v: the time grows faster than the width", small, large)
}

func TestColumnsOfALongLine(t *testing.T) {
	line := strings.Repeat("ab,维修,", 2000) + "x"
	text := []byte("h\n" + line + "\nend")
	l := newLines(text)
	for byteCol := 1; byteCol <= len(line)+1; byteCol += 7 {
		for byteCol <= len(line) && !utf8.RuneStart(line[byteCol-1]) {
			byteCol++ // cells start at characters
		}
		want := utf8.RuneCountInString(line[:byteCol-1]) + 1
		if got := l.col(2, byteCol); got != want {
			t.Fatalf("byte column %d: column %d, want %d", byteCol, got, want)
		}
	}
}

func BenchmarkMillionColumns(b *testing.B) {
	data := wideTable(1_000_000)
	for b.Loop() {
		readCSV("data/wide.csv", data, model.SchemaOf("wide"), nil)
	}
}
