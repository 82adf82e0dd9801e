package load

import (
	"bytes"
	"encoding/csv"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/houqin/report/generator/internal/model"
)

func FuzzCSV(f *testing.F) {
	for _, s := range []string{
		"date,trade,item\n2023-09-01,水道,水管\n",
		"\xef\xbb\xbf日期,工种,项目,数量\r\n2023/9/1,水道,\"a,b\nc\",\"1,250\"\r\n",
		"date,trade\n\"unclosed\n",
		"a,b\n1,2,3\n4\n",
		"\xc8\xd5\xc6\xda,x\n",
		"\x00\x01",
		"",
	} {
		f.Add([]byte(s))
	}
	for _, c := range partsCases {
		f.Add([]byte(c.data))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		schemas := []*model.Schema{model.SchemaOf("repairs"), model.SchemaOf("utilities"), nil}
		if text, err := decodeBytes(data); err == nil {
			sameRecords(t, text)
			// Read in parts, a large file gives what it gives read whole.
			sameRecordsInParts(t, text, 1, 2, 5, 16)
			for _, s := range schemas {
				sameTableInParts(t, text, s, 1, 2, 5, 16)
			}
		}
		for _, s := range schemas {
			tab, errs := CSV("data/x.csv", data, s)
			for _, e := range errs {
				if e.Pos.File != "data/x.csv" || e.Pos.Line < 1 || e.Msg == "" {
					t.Fatalf("error without a position: %v", e)
				}
			}
			if tab == nil {
				continue
			}
			for _, r := range tab.Rows {
				if len(r.Cells) != len(tab.Columns) {
					t.Fatalf("row %d has %d cells for %d columns", r.Line, len(r.Cells), len(tab.Columns))
				}
			}
		}
	})
}

// sameRecords checks that scanner reads text as encoding/csv does (the
// records, their trimmed cells and positions, blank rows as nil), and
// that it fails where encoding/csv finds a syntax error.
func sameRecords(t *testing.T, text []byte) {
	t.Helper()
	s := newScanner(newLines(text))
	r := csv.NewReader(bytes.NewReader(text))
	r.FieldsPerRecord = -1
	for n := 0; ; n++ {
		got, gotLine, ok := s.next()
		cells, err := r.Read()
		if err != nil && err != io.EOF {
			if !s.failed {
				t.Fatalf("scanner read record %d of %q, where encoding/csv finds %v", n, text, err)
			}
			return
		}
		if s.failed {
			t.Fatalf("scanner failed at record %d of %q, which encoding/csv reads", n, text)
		}
		if ok != (err == nil) {
			t.Fatalf("record %d of %q: scanner ok %v, encoding/csv error %v", n, text, ok, err)
		}
		if !ok {
			return
		}
		var at []int32
		blank := true
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
			blank = blank && cells[i] == ""
			line, col := r.FieldPos(i)
			at = append(at, int32(line), int32(col))
		}
		if blank {
			if got != nil || gotLine != int(at[0]) {
				t.Fatalf("record %d of %q: scanner read a row at line %d, encoding/csv a blank row at line %d", n, text, gotLine, at[0])
			}
			continue
		}
		same := func(g []byte, w string) bool { return string(g) == w }
		if got == nil || !slices.EqualFunc(got.cells, cells, same) || !slices.Equal(got.at, at) {
			t.Fatalf("record %d of %q: scanner read %+v, encoding/csv %q at %v", n, text, got, cells, at)
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2023-09-01", "2023/9/1", "2023年9月1日", "2023-02-29", "0000-01-01", "9999-12-31", " 2023-9 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d, err := ParseDate(s); err == nil {
			if back, err := ParseDate(d.String()); err != nil || back != d {
				t.Fatalf("ParseDate(%q) = %v does not round-trip: %v", s, d, err)
			}
		}
		if d, err := ParseMonth(s); err == nil && !d.IsMonth() {
			t.Fatalf("ParseMonth(%q) = %v is not a month", s, d)
		}
		_, _ = ParseNumber(s)
	})
}

func FuzzSplitFrontMatter(f *testing.F) {
	for _, s := range []string{"---\ntitle: x\n---\nbody", "---\r\n---\r\n", "---", "\xef\xbb\xbf---\na: [\n---\n", "no front"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		front, fl, body, bl, err := SplitFrontMatter("content/a.md", data)
		if err != nil {
			return
		}
		if fl != 2 || bl < 3 || len(front)+len(body) > len(data) {
			t.Fatalf("front %d@%d body %d@%d from %d bytes", len(front), fl, len(body), bl, len(data))
		}
		var errs model.ErrorList
		page("content/notices/a.md", "notices/a.md", data, &errs)
		for _, e := range errs {
			if e.Pos.File != "content/notices/a.md" || e.Pos.Line < 1 {
				t.Fatalf("error without a position: %v", e)
			}
		}
	})
}
