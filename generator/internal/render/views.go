package render

import (
	"html/template"
	"strings"

	"github.com/houqin/report/generator/internal/model"
)

// Base is what every layout gets: the site, the page's place in it, and
// the helpers to link from it.
type Base struct {
	Site        *SiteView
	Lang        Lang
	Kind        string // home, years, year, page, notices, notice, 404
	Title       string
	Description string
	Dir         string // the page's folder in the output, like years/2023/
	Root        string // relative prefix to the site root, like ../../
	Canonical   string // absolute address, when base_url is set
	Nav         []NavItem
	Charts      bool // the page shows charts and loads the chart script
	Assets      *AssetPaths
	// Built is the build day. On the pages of a period that is over it
	// is that period's last day, as AsOf: such a page describes the
	// period as of its end and is the same whatever day it is built.
	Built model.Date
	AsOf  model.Date // the day a page of a period that is over describes; zero on the others
}

// Link returns the relative link from this page to a site path.
func (b Base) Link(p string) template.URL {
	l := b.Root + strings.TrimPrefix(p, "/")
	if l == "" {
		l = "./"
	}
	return template.URL(l)
}

// SiteView is data/site.yaml as layouts see it.
type SiteView struct {
	Title       string
	School      string
	Office      string
	Description string
}

// NavItem is one entry of the main navigation.
type NavItem struct {
	Title  string
	Path   string
	Active bool
}

// AssetPaths are the site-root paths of the fingerprinted assets.
type AssetPaths struct {
	CSS     string
	Charts  string // the small loader
	Runtime string // the ECharts bundle
	Icon    string
}

// Card is one key figure with its change against the previous period.
type Card struct {
	Label      string
	Value      string
	Unit       string
	Title      string // provenance
	Delta      string // in words
	Dir        string // up, down, flat, none
	Tone       string // good, bad, or "" for a change that is neither
	ToneText   string // the tone in words, so that it is not told by colour alone
	DeltaTitle string
}

// YearItem is a period in lists.
type YearItem struct {
	Period  model.Period
	Label   string
	Path    string
	Title   string
	Summary string
	Cards   []Card
}

// NoticeItem is a notice in lists.
type NoticeItem struct {
	Title    string
	Path     string
	Date     model.Date
	Category string // the code: safety, health...
	Label    string // the category in the UI language
	Summary  string
	Pinned   bool
	Expired  bool
	Reviewed model.Date // zero when not reviewed
	Expires  model.Date
}

// HomeView is the home page.
type HomeView struct {
	Base
	Intro      template.HTML
	IntroTitle string
	Latest     *YearItem
	Notices    []NoticeItem
	Pinned     []NoticeItem
	Trends     []template.HTML
	// Safety holds the safety key figures of the latest period.
	Safety       []Card
	SafetyPeriod string
}

// YearsView is /years/.
type YearsView struct {
	Base
	Periods []YearItem // newest first
	Trends  []template.HTML
}

// YearView is /years/YEAR/.
type YearView struct {
	Base
	Item      YearItem
	Narrative template.HTML // empty when the period has no content/years/YEAR.md
	Contents  []Heading     // the narrative's sections
	Charts    []template.HTML
	Projects  template.HTML
	Prev      *YearItem
	Next      *YearItem
	Booklet   string      // the printable booklet's path
	PDF       string      // the booklet PDF's path, when the pdf command has made it
	Export    *ExportView // the submission pack, when the export command has made it
}

// ExportView links the submission pack of a period (see plan.Export):
// site paths, the names a browser saves them under, and, with base_url,
// their addresses for the printed booklet.
type ExportView struct {
	Docx, Xlsx         string
	DocxName, XlsxName string
	DocxAbs, XlsxAbs   string
}

// PageView is a plain page.
type PageView struct {
	Base
	Body template.HTML
}

// NoticesView is /notices/ and /notices/category/CAT/.
type NoticesView struct {
	Base
	Items      []NoticeItem // current notices
	Archive    []NoticeItem // expired notices
	Categories []CategoryLink
	Category   string // the category of this page; "" on /notices/
	Total      int    // notices of all categories
	Feed       string // site path of the Atom feed; "" without base_url
}

// NoticeView is /notices/SLUG/.
type NoticeView struct {
	Base
	Item      NoticeItem
	Body      template.HTML
	Newer     *NoticeItem // the notice that supersedes this one
	QR        *QRView     // nil without base_url
	Feed      string
	Locale    string // Open Graph locale: zh_CN, en_US
	Published string // RFC 3339
}
