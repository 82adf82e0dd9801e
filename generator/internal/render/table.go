package render

import (
	"errors"
	"html/template"
	"io"
	"io/fs"
	"strings"
	"text/template/parse"

	"github.com/houqin/report/generator/internal/model"
)

// A booklet's appendix shows up to MaxTableRows rows of every table, and
// html/template spends a few microseconds on each cell of the "table"
// partial: most of the time of a district's booklets. When the site keeps
// the built-in partial, writeTable below writes the same bytes directly,
// escaping each value as html/template escapes text in an HTML element.
// TestTableWriterMatchesLayout renders tables both ways and compares
// them, so a change to the partial that is not made here too fails the
// tests.

// builtinTable reports whether the layouts draw tables with the built-in
// "table" partial: the site does not replace partials.html, and none of
// its other layout files (its own partials, its page layouts) defines
// "table" itself. It reads the site's layout files each time it is asked,
// which costs far less than drawing a table through the template.
func (r *Renderer) builtinTable() bool {
	site := r.site.Layouts
	if site == nil {
		return true
	}
	if _, err := fs.Stat(site, "partials.html"); !errors.Is(err, fs.ErrNotExist) {
		return false
	}
	return !siteDefines(site, "table")
}

// siteDefines reports whether one of the site's layout files defines (or
// may define: it cannot be read) one of the templates named.
func siteDefines(site fs.FS, templates ...string) bool {
	names, err := fs.Glob(site, "*.html")
	if err != nil {
		return true
	}
	for _, name := range names {
		src, err := fs.ReadFile(site, name)
		if err != nil {
			return true
		}
		for _, t := range templates {
			if definesTemplate(string(src), t) {
				return true
			}
		}
	}
	return false
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

// writeTable writes rows of t, cells cols, as the built-in "table"
// partial of partials.html draws v.
func (r *Renderer) writeTable(v *tableView, t *model.Table, rows []*model.Row, cols []int) template.HTML {
	var b strings.Builder
	b.Grow(512 + 40*len(rows)*len(cols))
	b.WriteString("<div class=\"data-table\">\n  <div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"")
	writeText(&b, v.Title)
	b.WriteString("\"><table>\n    <caption>")
	writeText(&b, v.Title)
	b.WriteString(` <span class="muted">`)
	writeText(&b, v.Caption)
	b.WriteString("</span></caption>\n    <thead><tr>")
	for i, h := range v.Header {
		b.WriteString(`<th scope="col"`)
		if v.Numeric[i] {
			b.WriteString(` class="num"`)
		}
		b.WriteString(">")
		writeText(&b, h)
		b.WriteString("</th>")
	}
	b.WriteString("</tr></thead>\n    <tbody>")
	for _, row := range rows {
		b.WriteString("<tr>")
		for i, c := range cols {
			b.WriteString("<td")
			if v.Numeric[i] {
				b.WriteString(` class="num"`)
			} else if v.Dates[i] {
				b.WriteString(` class="date"`)
			}
			b.WriteString(">")
			writeText(&b, r.cellText(t, row, c))
			b.WriteString("</td>")
		}
		b.WriteString("</tr>\n    ")
	}
	b.WriteString("</tbody>\n  </table></div>\n  <p class=\"table-source\">")
	writeText(&b, v.Source)
	b.WriteString("</p>\n</div>")
	return template.HTML(b.String())
}

// writeText writes s as html/template writes a string in an HTML text
// node (its htmlEscaper): NUL becomes U+FFFD, and " & ' + < > entities.
// The bytes escaped are ASCII, which never occur inside a multi-byte
// UTF-8 sequence, so scanning bytes finds what html/template's scan of
// runes finds, invalid UTF-8 included.
func writeText(b io.StringWriter, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(repl)
		last = i + 1
	}
	b.WriteString(s[last:])
}
