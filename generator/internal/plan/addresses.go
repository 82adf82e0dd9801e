package plan

import (
	"strconv"
	"strings"

	"github.com/houqin/report/generator/internal/model"
)

// The addresses of the site. Every page is a folder with an index.html;
// an address is the folder, relative to the site root, with a trailing
// slash ("years/2023/"); the home page's is "". These functions are the
// only place the generator spells an address.
const (
	Home        = ""
	Years       = "years/"
	Safety      = "safety/"
	Timeline    = "timeline/"
	Notices     = "notices/"
	Feed        = "notices/feed.xml"
	NotFound    = "404.html"
	Sitemap     = "sitemap.xml"
	bookletRoot = "booklet/"
	// Assets holds the style sheets, scripts and pictures, each named by
	// a hash of its bytes.
	Assets = "assets/"
)

// Asset is the address of an asset file: name with the hash of its bytes
// before the extension (style.3f9a0c1b2d.css).
func Asset(name, hash string) string {
	dot := strings.LastIndexByte(name, '.')
	if dot < 0 {
		return Assets + name + "." + hash
	}
	return Assets + name[:dot] + "." + hash + name[dot:]
}

// Year is the yearly summary of a period.
func Year(y int) string { return Years + strconv.Itoa(y) + "/" }

// SafetyYear is a period's safety record.
func SafetyYear(y int) string { return Safety + strconv.Itoa(y) + "/" }

// Booklet is a period's booklet, the page the pdf command prints.
func Booklet(y int) string { return bookletRoot + strconv.Itoa(y) + "/" }

// BookletPDF is the PDF the pdf command prints from Booklet(y).
func BookletPDF(y int) string { return bookletRoot + strconv.Itoa(y) + ".pdf" }

// Notice is a notice's page.
func Notice(slug string) string { return Notices + slug + "/" }

// NoticeCategory lists the notices of one category.
func NoticeCategory(code string) string { return Notices + "category/" + code + "/" }

// Project is a project's page on the timeline.
func Project(id string) string { return Timeline + id + "/" }

// TimelineCategory and TimelineStatus list the projects of a category or
// of a status.
func TimelineCategory(code string) string { return Timeline + "category/" + code + "/" }

// TimelineStatus lists the projects of a status.
func TimelineStatus(code string) string { return Timeline + "status/" + code + "/" }

// Index is the file of the page at address dir.
func Index(dir string) string { return dir + "index.html" }

// Of is the address of a content page: the page its Markdown makes.
func Of(p *model.Page) string {
	switch p.Kind {
	case model.HomePage:
		return Home
	case model.YearPage:
		return Year(p.Year)
	case model.NoticePage:
		return Notice(p.Slug)
	}
	return p.Slug + "/"
}

// Shows lists the files of the output pages on which a content page's
// Markdown is shown: a yearly summary is on its page and in its booklet.
func Shows(p *model.Page) []string {
	if p.Kind == model.YearPage {
		return []string{Index(Year(p.Year)), Index(Booklet(p.Year))}
	}
	return []string{Index(Of(p))}
}

// BookletPDFOf returns the period of the booklet PDF named name
// (booklet/YEAR.pdf).
func BookletPDFOf(name string) (year int, ok bool) {
	return yearIn(name, bookletRoot, ".pdf")
}

// IsBooklet reports whether a site path is under the booklets' folder.
func IsBooklet(name string) bool { return strings.HasPrefix(name, bookletRoot) }

// yearIn parses prefix+YEAR+suffix, YEAR being four digits.
func yearIn(name, prefix, suffix string) (int, bool) {
	y, ok := strings.CutPrefix(name, prefix)
	if !ok {
		return 0, false
	}
	if y, ok = strings.CutSuffix(y, suffix); !ok || len(y) != 4 {
		return 0, false
	}
	for _, c := range y {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	year, err := strconv.Atoi(y)
	return year, err == nil
}
