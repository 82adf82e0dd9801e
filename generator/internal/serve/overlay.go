package serve

import (
	"bytes"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/houqin/report/generator/internal/model"
)

// failure is a failed build: what the overlay and the terminal show.
type failure struct {
	Problems []problem
	Msg      string // a failure that is not the site's (no chart runtime)
}

// problem is one error with the line of the site file it points at.
type problem struct {
	Pos  model.Pos
	Msg  string
	Line string // the offending line, "" when unknown
}

// newFailure collects the errors of problems, with their source lines read
// from the site folder, or err itself when the site has no errors.
func newFailure(site string, problems model.ErrorList, err error) *failure {
	f := &failure{}
	lines := newLineReader(site)
	for _, e := range problems.Errors() {
		f.Problems = append(f.Problems, problem{Pos: e.Pos, Msg: e.Msg, Line: lines.line(e.Pos)})
	}
	if len(f.Problems) == 0 && err != nil {
		f.Msg = err.Error()
	}
	return f
}

// terminal formats p for the terminal: the message, then the offending
// line indented.
func (p problem) terminal() string {
	s := p.Pos.String() + ": " + p.Msg + "\n"
	if p.Line != "" {
		s += "    " + p.Line + "\n"
	}
	return s
}

// lineReader reads lines of site files, each file once. Files are read from
// the disk, since a site that failed to load has no model.Site.Files, and
// decoded as the loader does: UTF-8 (BOM dropped), or GB18030 when the
// bytes are not UTF-8.
type lineReader struct {
	site  string
	files map[string][]string
}

func newLineReader(site string) *lineReader {
	return &lineReader{site: site, files: map[string][]string{}}
}

// maxLine is the most characters of an offending line shown.
const maxLine = 240

func (r *lineReader) line(pos model.Pos) string {
	if pos.File == "" || pos.Line <= 0 || pos.Sheet != "" { // a workbook's cell has no line to show
		return ""
	}
	lines, ok := r.files[pos.File]
	if !ok {
		lines = r.read(pos.File)
		r.files[pos.File] = lines
	}
	if pos.Line > len(lines) {
		return ""
	}
	s := strings.TrimRight(lines[pos.Line-1], "\r")
	if utf8.RuneCountInString(s) > maxLine {
		s = string([]rune(s)[:maxLine]) + "…"
	}
	return s
}

func (r *lineReader) read(file string) []string {
	rel := filepath.FromSlash(file)
	if !filepath.IsLocal(rel) {
		return nil
	}
	b, err := os.ReadFile(filepath.Join(r.site, rel))
	if err != nil || bytes.IndexByte(b, 0) >= 0 {
		return nil
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(b) {
		d, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
		if err != nil {
			return nil
		}
		b = d
	}
	return strings.Split(string(b), "\n")
}

// overlayHTML is the box shown over every page while the last build
// failed. It is added to responses in serve mode only, never to the build.
func (f *failure) overlayHTML(hasGood bool) string {
	var b strings.Builder
	b.WriteString(`<div id="houqin-overlay" role="alert" style="position:fixed;left:0;right:0;top:0;max-height:70vh;overflow:auto;z-index:2147483647;margin:0;padding:12px 16px;background:#fff4f4;color:#1a1a1a;border-bottom:3px solid #c62828;box-shadow:0 2px 12px rgba(0,0,0,.3);font:14px/1.5 system-ui,sans-serif;text-align:left">`)
	b.WriteString(`<button type="button" id="houqin-overlay-close" aria-label="close" style="float:right;font:inherit;border:0;background:none;cursor:pointer">✕</button>`)
	n := len(f.Problems)
	kept := "正在显示上一次成功生成的网站 · the last good build is shown"
	if !hasGood {
		kept = "还没有可显示的网站 · nothing built yet"
	}
	fmt.Fprintf(&b, `<strong style="color:#c62828">生成失败 · build failed: %s</strong> <span>(%s; 改正后保存即可自动刷新 · fix and save to reload)</span>`, plural(max(n, 1), "error"), kept)
	b.WriteString(`<ol style="margin:8px 0 0;padding-left:1.5em">`)
	for _, p := range f.Problems {
		fmt.Fprintf(&b, `<li><code style="font-weight:bold">%s</code>: %s`, html.EscapeString(p.Pos.String()), html.EscapeString(p.Msg))
		if p.Line != "" {
			fmt.Fprintf(&b, `<pre style="margin:2px 0 6px;padding:4px 8px;background:#fff;border:1px solid #e0caca;white-space:pre-wrap;font:13px/1.4 ui-monospace,monospace">%s</pre>`, markColumn(p.Line, p.Pos.Col))
		}
		b.WriteString("</li>")
	}
	if f.Msg != "" {
		fmt.Fprintf(&b, `<li>%s</li>`, html.EscapeString(f.Msg))
	}
	b.WriteString("</ol></div>")
	return b.String()
}

// markColumn escapes line and highlights the character at col (counted in
// characters from 1, as the messages count them).
func markColumn(line string, col int) string {
	r := []rune(line)
	if col <= 0 || col > len(r) {
		return html.EscapeString(line)
	}
	return html.EscapeString(string(r[:col-1])) +
		`<mark style="background:#ffcdd2;outline:1px solid #c62828">` + html.EscapeString(string(r[col-1])) + "</mark>" +
		html.EscapeString(string(r[col:]))
}
