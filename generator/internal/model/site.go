package model

import (
	"fmt"
	"path"
	"sort"
	"time"
)

// MonthDay is a day of the year, like 09-01.
type MonthDay struct {
	Month int
	Day   int
}

func (m MonthDay) String() string { return fmt.Sprintf("%02d-%02d", m.Month, m.Day) }

// Config is data/site.yaml.
type Config struct {
	Title       string
	School      string
	Office      string // e.g. 后勤处; defaults to the UI word for "logistics office"
	Description string
	Language    string // "zh-CN" or "en"
	BaseURL     string // absolute, ends with "/"; empty when not set
	Period      PeriodKind
	PeriodStart MonthDay
	UnsafeHTML  bool
	Allow       []string           // personal-data patterns that may be published (e.g. a hotline)
	Rules       map[string]float64 // safety rules, e.g. drills_per_term
	// BookletLedger is what the booklet's appendix prints of each table:
	// LedgerSummary (the default) or LedgerFull.
	BookletLedger string
	Pos           map[string]Pos // position of each key's value
}

// The values of Config.BookletLedger (site.yaml booklet: {ledger: ...}).
const (
	LedgerSummary = "summary" // counts and sums by month and kind
	LedgerFull    = "full"    // every row, all columns
)

// En reports whether the site's language is English.
func (c *Config) En() bool { return c.Language == "en" }

// PeriodOf returns the period labelled year.
func (c *Config) PeriodOf(year int) Period {
	if c.Period == SchoolYear {
		start := time.Date(year, time.Month(c.PeriodStart.Month), c.PeriodStart.Day, 0, 0, 0, 0, time.UTC)
		return Period{Year: year, Kind: SchoolYear, Start: start, End: start.AddDate(1, 0, 0)}
	}
	start := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	return Period{Year: year, Kind: Calendar, Start: start, End: start.AddDate(1, 0, 0)}
}

// PeriodFor returns the period that contains d.
func (c *Config) PeriodFor(d Date) Period { return c.PeriodOf(c.PeriodYear(d)) }

// PeriodYear returns the Year of PeriodFor(d). Tables place every row in
// its period, so a date and a period start whose fields are in range are
// compared field by field, without time.Date. That holds for a start of
// 02-29 too: in other years it is 1 March, and no day lies in between.
func (c *Config) PeriodYear(d Date) int {
	start := MonthDay{Month: 1, Day: 1}
	if c.Period == SchoolYear {
		start = c.PeriodStart
	}
	if d.plain() && start.Day >= 1 && (Date{Year: 2000, Month: start.Month, Day: start.Day}).plain() {
		if d.Month > start.Month || d.Month == start.Month && max(d.Day, 1) >= start.Day {
			return d.Year
		}
		return d.Year - 1
	}
	if c.PeriodOf(d.Year).Contains(d) {
		return d.Year
	}
	return d.Year - 1
}

// Filter is an exact-match condition on a column: COLUMN=VALUE. In
// data/charts.yaml it may also name several values (one of them must
// match) or, with Not, values that must not match.
type Filter struct {
	Column string
	Value  string
	Pos    Pos
	Values []string // any of these, when set (Value is then the first)
	Not    bool     // the row matches when its value is none of them
}

// Any lists the values the filter names: Values, or Value.
func (f Filter) Any() []string {
	if len(f.Values) > 0 {
		return f.Values
	}
	return []string{f.Value}
}

// ProjectStatuses are the states a project may be in (the contract's
// status of data/projects.yaml), in the order of its life.
var ProjectStatuses = []string{"planned", "approved", "in_progress", "done", "cancelled"}

// Project is one entry of data/projects.yaml.
type Project struct {
	ID       string
	Title    string
	Category string
	Status   string // one of ProjectStatuses
	Start    Date
	End      Date // zero: still running, or not known
	Cost     float64
	HasCost  bool
	Funding  string
	Summary  string // Markdown
	Pos      Pos    // the start of the entry
	FieldPos map[string]Pos
}

// Honor is one entry of data/honors.yaml.
type Honor struct {
	Date   Date
	Title  string
	Level  string // national | province | city | district | other
	Issuer string
	Pos    Pos
}

// ChartSpec is a chart of data/charts.yaml, or a built-in one.
type ChartSpec struct {
	ID     string
	Title  string
	Type   string // bar | line | pie | stacked-bar
	Table  string
	X      string // a column, or month | year
	Y      string // a numeric column to sum; empty: count rows
	Series string
	// Rate, "NUM/DEN", adds a line of sum(NUM)/sum(DEN) in % per category
	// on a second axis (hazards fixed of found, per inspection round).
	Rate  string
	Where []Filter
	// Apart, one filter, takes the rows it matches out of the series:
	// they are summed into one series of their own, drawn beside the
	// others and not added to them (planned projects beside the money
	// committed).
	Apart    []Filter
	Pos      Pos
	FieldPos map[string]Pos
	BuiltIn  bool
}

// PageKind tells what a content file is.
type PageKind int

const (
	// PlainPage is content/NAME.md, at /NAME/.
	PlainPage PageKind = iota
	// HomePage is content/_index.md.
	HomePage
	// YearPage is content/years/YEAR.md.
	YearPage
	// NoticePage is content/notices/SLUG.md.
	NoticePage
)

// Page is one Markdown file of content/.
type Page struct {
	Kind     PageKind
	File     string // site-relative path, e.g. content/notices/flu.md
	Slug     string // file name without .md; for a year page the year
	Title    string
	Summary  string
	Draft    bool
	Year     int  // year pages
	Date     Date // notices
	Category string
	Pinned   bool
	Expires  Date
	Reviewed Date
	// SupersededBy is the slug of the notice that replaces this one.
	SupersededBy string
	Body         []byte
	BodyLine     int // line of the file on which Body starts
	Pos          Pos
	FieldPos     map[string]Pos
}

// NoticeCategories are the categories a notice may have.
var NoticeCategories = []string{"safety", "health", "traffic", "food", "facilities", "other"}

// Site is everything a build reads.
type Site struct {
	Config    Config
	Tables    map[string]*Table
	Projects  []Project
	Honors    []Honor
	Charts    []ChartSpec // from data/charts.yaml
	Pages     []*Page
	Layouts   Layouts           // the files of the site's layouts/ folder; nil without one
	Resources []Resource        // non-Markdown files under content/, copied as they are
	Files     map[string][]byte // sources by site-relative path, for showing offending lines
}

// Resource is a file under content/ that is not Markdown (a picture, a
// PDF): its site-relative name and its bytes.
type Resource struct {
	Name string
	Data []byte
}

// Layouts are the files of a site's layouts/ folder, as load read them,
// by their path in it: "notice.html", "assets/style.css".
type Layouts map[string][]byte

// Glob returns the names that match pattern (see path.Match), sorted.
func (l Layouts) Glob(pattern string) []string {
	var out []string
	for name := range l {
		if ok, _ := path.Match(pattern, name); ok {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// Names returns every name, sorted.
func (l Layouts) Names() []string {
	out := make([]string, 0, len(l))
	for name := range l {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// Table returns the named table, or nil when the site has none.
func (s *Site) Table(name string) *Table { return s.Tables[name] }

// File is one output file: a path relative to the output folder, with
// forward slashes, and its bytes.
type File struct {
	Path string
	Data []byte
}
