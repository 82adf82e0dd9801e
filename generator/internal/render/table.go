package render

import (
	"html/template"
	"io"
	"strings"

	"github.com/houqin/report/generator/internal/model"
)

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
