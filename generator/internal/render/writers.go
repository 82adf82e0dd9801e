package render

import (
	"text/template/parse"

	"github.com/houqin/report/generator/internal/model"
)

// A writer is a faster implementation of some templates of the built-in
// layouts, registered here as their implementation. html/template spends
// some hundred microseconds on a page and a few on each entry of a list
// or cell of a table: most of the time of a district's notices and
// booklets. A writer writes the same bytes directly, escaping each value
// the way html/template escapes it in that place.
//
// A writer stands for its templates only while the site keeps them built
// in (see builtinWriters), and TestWritersMatchLayouts renders sites with
// each writer and with the templates and wants the same bytes, so a
// change to a layout that is not made to its writer too fails the tests.
type writer struct {
	name string
	// files are the built-in layout files whose templates it stands for;
	// templates, the templates of those files it draws.
	files, templates []string
}

// writers are the fast writers.
var writers = []writer{
	// writeNotice and writeNoticeList (fastnotice.go): the notice pages
	// and the notice lists. The site header and footer are rendered
	// through the templates once and copied.
	{"notices", []string{"baseof.html", "partials.html", "notice.html", "notices.html"}, []string{"base", "head", "main", "notice-list"}},
	// writeTable (table.go): the "table" partial, for {{< table >}} and the
	// booklet's appendix.
	{"table", []string{"partials.html"}, []string{"table"}},
}

// builtinWriters says which writers may draw the site's pages: those
// whose layout files the site replaces none of, and whose templates none
// of the site's own layout files defines (a site may define "table" in a
// partial of its own).
func builtinWriters(site model.Layouts) map[string]bool {
	own := site.Glob("*.html")
	on := map[string]bool{}
	for _, w := range writers {
		on[w.name] = true
		for _, f := range w.files {
			if _, ok := site[f]; ok {
				on[w.name] = false
			}
		}
		for _, name := range own {
			for _, t := range w.templates {
				if definesTemplate(string(site[name]), t) {
					on[w.name] = false
				}
			}
		}
	}
	return on
}

// definesTemplate reports whether layout source src defines a template
// called name ({{define}} or {{block}}), or may: a file that does not
// parse is left to the layouts, which report the error.
func definesTemplate(src, name string) bool {
	trees := map[string]*parse.Tree{}
	t := parse.New("")
	t.Mode = parse.SkipFuncCheck
	if _, err := t.Parse(src, "", "", trees); err != nil {
		return true
	}
	_, ok := trees[name]
	return ok
}
