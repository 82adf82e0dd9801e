package load

import (
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
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, s := range []*model.Schema{model.SchemaOf("repairs"), model.SchemaOf("utilities"), nil} {
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
