package load

import (
	"bytes"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/houqin/report/generator/internal/model"
)

var (
	pageKeys   = []string{"title", "summary", "draft"}
	yearKeys   = []string{"title", "year", "summary", "draft"}
	noticeKeys = []string{"title", "date", "category", "pinned", "expires", "reviewed", "superseded_by", "summary", "draft"}
	yearName   = regexp.MustCompile(`^\d{4}$`)
)

// SplitFrontMatter splits a Markdown file into its YAML front matter and
// its body. The front matter sits between a first line "---" and the next
// line "---" (trailing spaces, CRLF line ends and a UTF-8 BOM are
// tolerated). frontLine and bodyLine are the 1-based lines of the file on
// which front and body start. The error is a *model.Error with a position.
func SplitFrontMatter(file string, data []byte) (front []byte, frontLine int, body []byte, bodyLine int, err error) {
	data = bytes.TrimPrefix(data, utf8BOM)
	first, rest, found := bytes.Cut(data, []byte("\n"))
	if !isFence(first) {
		return nil, 0, nil, 0, &model.Error{Pos: model.Pos{File: file, Line: 1, Col: 1},
			Msg: `missing front matter: start the file with a line "---", then title: ..., then a line "---"`}
	}
	line := 2
	start := rest
	for found {
		var l []byte
		l, rest, found = bytes.Cut(rest, []byte("\n"))
		if isFence(l) {
			end := len(start) - len(rest) - len(l)
			if found {
				end-- // the fence's line feed
			}
			return start[:end], 2, rest, line + 1, nil
		}
		line++
	}
	return nil, 0, nil, 0, &model.Error{Pos: model.Pos{File: file, Line: 1, Col: 1},
		Msg: `the front matter is not closed: add a line "---" after its last key`}
}

func isFence(line []byte) bool {
	return string(bytes.TrimRight(line, " \t\r")) == "---"
}

// page reads one Markdown file of content/. rel is the path under content/.
func page(file, rel string, data []byte, errs *model.ErrorList) *model.Page {
	start := model.Pos{File: file, Line: 1, Col: 1}
	text, err := decodeBytes(data)
	if err != nil {
		errs.Append(start, err)
		return nil
	}
	front, frontLine, body, bodyLine, err := SplitFrontMatter(file, text)
	if err != nil {
		errs.Append(start, err)
		return nil
	}
	p := &model.Page{File: file, Body: body, BodyLine: bodyLine, Pos: start, Slug: strings.TrimSuffix(rel, ".md")}
	d := parseYAML(file, frontLine-1, string(front), errs)
	fs, ok := d.fields(d.body)
	if !ok && d.body != nil {
		errs.Add(d.nodePos(d.body), "the front matter must be keys and values, e.g. title: 通知")
	}
	e := newEntry(d, start, fs)
	p.FieldPos = e.fieldPos
	dir, name := path.Split(rel)
	switch {
	case rel == "_index.md":
		p.Kind, p.Slug = model.HomePage, ""
		d.knownKeys(fs, "the front matter", pageKeys)
		p.Title = e.str("title")
	case dir == "years/":
		p.Kind = model.YearPage
		d.knownKeys(fs, "the front matter of a yearly summary", yearKeys)
		yearPage(p, e, strings.TrimSuffix(name, ".md"))
	case dir == "notices/":
		p.Kind, p.Slug = model.NoticePage, strings.TrimSuffix(name, ".md")
		d.knownKeys(fs, "the front matter of a notice", noticeKeys)
		notice(p, e)
	default:
		d.knownKeys(fs, "the front matter", pageKeys)
		p.Title = e.required("title", "title: followed by the page's title")
	}
	p.Summary = e.str("summary")
	p.Draft = e.boolean("draft")
	return p
}

func yearPage(p *model.Page, e *entry, name string) {
	p.Slug = name
	p.Title = e.required("title", "title: followed by the summary's title, e.g. title: 2023年后勤工作总结")
	fileYear := 0
	if yearName.MatchString(name) {
		fileYear, _ = strconv.Atoi(name)
	} else {
		e.d.errs.Add(p.Pos, "the file name of a yearly summary must be a year, e.g. content/years/2023.md")
	}
	if !e.has("year") {
		e.required("year", "year: followed by the year of the file name")
		p.Year = fileYear
		return
	}
	year, ok := e.integer("year")
	if !ok {
		p.Year = fileYear // the error is reported; the page stays the file name's year
		return
	}
	if year < 1900 || year > 9999 {
		example := fileYear
		if example == 0 {
			example = 2023
		}
		e.errf("year", "year %d is not valid: write the year the period starts in, e.g. year: %d", year, example)
		p.Year = fileYear
		return
	}
	p.Year = year
	if fileYear != 0 && year != fileYear {
		e.errf("year", "year %d does not match the file name: write year: %d or rename the file", year, fileYear)
	}
}

func notice(p *model.Page, e *entry) {
	p.Title = e.required("title", "title: followed by the notice's title")
	if e.has("date") {
		p.Date = e.day("date")
	} else {
		e.required("date", "date: followed by the notice's date, e.g. date: 2023-09-01")
	}
	p.Category = e.required("category", "category: "+oneOf(model.NoticeCategories))
	if p.Category != "" && !slices.Contains(model.NoticeCategories, p.Category) {
		e.errf("category", "category %q is not a notice category: use %s", p.Category, oneOf(model.NoticeCategories))
	}
	p.Pinned = e.boolean("pinned")
	p.Expires = e.day("expires")
	p.Reviewed = e.day("reviewed")
	p.SupersededBy = e.str("superseded_by")
}
