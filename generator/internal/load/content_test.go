package load

import (
	"testing"

	"github.com/houqin/report/generator/internal/model"
)

func TestSplitFrontMatter(t *testing.T) {
	for _, tc := range []struct {
		name, in, front, body string
		frontLine, bodyLine   int
		err                   string
	}{
		{name: "LF", in: "---\ntitle: x\n---\nbody\n", front: "title: x\n", body: "body\n", frontLine: 2, bodyLine: 4},
		{name: "CRLF and BOM", in: "\xef\xbb\xbf---\r\ntitle: x\r\ny: 1\r\n--- \r\n\r\nbody", front: "title: x\r\ny: 1\r\n", body: "\r\nbody", frontLine: 2, bodyLine: 5},
		{name: "empty front matter, no body", in: "---\n---", front: "", body: "", frontLine: 2, bodyLine: 3},
		{name: "missing", in: "# title\n", err: `content/a.md:1:1: missing front matter: start the file with a line "---", then title: ..., then a line "---"`},
		{name: "unterminated", in: "---\ntitle: x\n", err: `content/a.md:1:1: the front matter is not closed: add a line "---" after its last key`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			front, fl, body, bl, err := SplitFrontMatter("content/a.md", []byte(tc.in))
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Fatalf("error = %v, want %s", err, tc.err)
				}
				return
			}
			if err != nil || string(front) != tc.front || string(body) != tc.body || fl != tc.frontLine || bl != tc.bodyLine {
				t.Errorf("got %q@%d %q@%d %v", front, fl, body, bl, err)
			}
		})
	}
}

func TestPageErrors(t *testing.T) {
	for _, tc := range []struct {
		rel, src string
		want     []string
	}{{
		rel:  "years/2023.md",
		src:  "---\ntitle: 2023年总结\nyear: 2022\n---\n",
		want: []string{`content/years/2023.md:3:7: year 2022 does not match the file name: write year: 2023 or rename the file`},
	}, {
		rel: "years/summary.md",
		src: "---\nyear: 2023\n---\n",
		want: []string{
			`content/years/summary.md:1:1: missing title: add title: followed by the summary's title, e.g. title: 2023年后勤工作总结`,
			`content/years/summary.md:1:1: the file name of a yearly summary must be a year, e.g. content/years/2023.md`,
		},
	}, {
		rel: "notices/flu.md",
		src: "---\ntitle: 流感\ndate: 2023-9-31\ncategory: weather\npinned: maybe\n---\n",
		want: []string{
			`content/notices/flu.md:3:7: date "2023-9-31" is not a date: write 2023-09-01, 2023/9/1, 2023.9.1 or 2023年9月1日`,
			`content/notices/flu.md:4:11: category "weather" is not a notice category: use safety, health, traffic, food, facilities or other`,
			`content/notices/flu.md:5:9: pinned "maybe" is not yes or no: write yes or no (also true/false, 是/否, Y/N, 1/0)`,
		},
	}, {
		rel:  "about.md",
		src:  "---\nsummary: x\n---\n",
		want: []string{`content/about.md:1:1: missing title: add title: followed by the page's title`},
	}} {
		t.Run(tc.rel, func(t *testing.T) {
			var errs model.ErrorList
			page("content/"+tc.rel, tc.rel, []byte(tc.src), &errs)
			errs.Sort()
			sameMessages(t, errs, tc.want...)
		})
	}
}

func TestNotice(t *testing.T) {
	var errs model.ErrorList
	p := page("content/notices/flu.md", "notices/flu.md", []byte("---\r\ntitle: 流感\r\ndate: 2023年11月2日\r\ncategory: health\r\npinned: 是\r\nexpires: 2023/12/31\r\nsuperseded_by: flu-2\r\n---\r\n正文\r\n"), &errs)
	sameMessages(t, errs)
	if p.Kind != model.NoticePage || p.Slug != "flu" || p.Date.String() != "2023-11-02" || !p.Pinned || p.Expires.String() != "2023-12-31" ||
		p.SupersededBy != "flu-2" || string(p.Body) != "正文\r\n" || p.BodyLine != 9 || p.FieldPos["category"].String() != "content/notices/flu.md:4:11" {
		t.Errorf("notice = %+v", p)
	}
}
