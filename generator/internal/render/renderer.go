package render

import (
	"context"
	"fmt"
	"html/template"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/plan"
	"github.com/houqin/report/generator/internal/query"
)

// Options are the inputs of a render besides the site.
type Options struct {
	// Now is the build time: it decides which notices have expired and is
	// printed on booklets. Passed in so that builds are reproducible.
	Now time.Time
	// ChartRuntime is the ECharts browser bundle the site serves, and
	// ChartLicense its license text.
	ChartRuntime []byte
	ChartLicense []byte
	// RuntimeVersion names the bundle file (echarts-VERSION.js).
	RuntimeVersion string
	// Memo, when set, makes the render one of a series (serve): it
	// reuses the parts of the previous render of the same site whose
	// inputs did not change, and the jobs that read the tables record what
	// they read, so that the next render after a table edit reruns only
	// those whose rows changed. NewMemo makes the first one's.
	Memo *Memo
	// Plan is the site's plan (see package plan); nil plans the site
	// from its periods.
	Plan *plan.Plan
}

// Renderer turns a loaded site into output files.
type Renderer struct {
	site  *model.Site
	q     *query.Engine
	lang  Lang
	md    goldmark.Markdown
	tmpl  *layouts
	opt   Options
	out   Output // of the running Render
	print bool   // rendering for paper: static charts with patterns
	urls  *plan.URLs
	plan  *plan.Plan

	writers map[string]bool // the writers that draw the site's pages (see writers.go)

	list *listedNotices // shared by the copies booklets make

	memo  *Memo // what the last Render made, for the next one
	stats Stats

	noticeList []*model.Page  // the notices, pinned first then newest
	booklets   map[int]string // the marks of the booklets rendered, by period
	years      map[int]string // the hashes of the yearly pages rendered (see ExportMark)
}

// Memo returns what the last Render made, to pass to the next render of
// the same site in Options.Memo; nil after a render that handed its
// files over (Output.HandOver).
func (r *Renderer) Memo() *Memo {
	if r.handOver() {
		return nil
	}
	return r.memo
}

// Output says where Render hands the files as they are made, besides
// returning them: a build that writes its pages as they come (package
// publish). The zero Output keeps them all until Render returns.
type Output struct {
	// Emit, when set, receives every output file as soon as the part of
	// the render that made it is done (from several goroutines), so that
	// writing can overlap rendering. Render still returns all the files.
	Emit func(...model.File)
	// HandOver, with Emit, hands the emitted files' bytes over: Render
	// keeps no reference to them and returns those files without their
	// Data, and its Memo is nil. A build that writes its pages as they
	// come then needs memory for the pages being written, not for its
	// whole output (81 MB for the large scale preset).
	HandOver bool
}

// handOver says that emitted files are not kept (Output.HandOver).
func (r *Renderer) handOver() bool { return r.out.HandOver && r.out.Emit != nil }

// Stats says how much the last Render redid.
func (r *Renderer) Stats() Stats { return r.stats }

// New prepares a renderer: the Markdown converter and the layouts.
func New(site *model.Site, q *query.Engine, opt Options) (*Renderer, model.ErrorList) {
	r := &Renderer{site: site, q: q, lang: NewLang(site.Config.Language), opt: opt}
	rendererOpts := []goldmark.Option{
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify, refExtension{unsafe: site.Config.UnsafeHTML},
			// A line break between two Chinese characters is not a space.
			extension.NewCJK(extension.WithEastAsianLineBreaks(extension.EastAsianLineBreaksCSS3Draft))),
	}
	if site.Config.UnsafeHTML {
		rendererOpts = append(rendererOpts, goldmark.WithRendererOptions(html.WithUnsafe()))
	}
	rendererOpts = append(rendererOpts, goldmark.WithParserOptions(parser.WithAutoHeadingID()))
	r.md = goldmark.New(rendererOpts...)
	if opt.Plan == nil {
		opt.Plan = plan.New(site, q.Periods())
		r.opt.Plan = opt.Plan
	}
	r.plan, r.urls = opt.Plan, opt.Plan.URLs
	r.noticeList = plan.NoticesOf(r.site)
	r.list = &listedNotices{}
	var errs model.ErrorList
	r.tmpl, errs = loadLayouts(site.Layouts, r.funcs())
	r.writers = builtinWriters(site.Layouts)
	return r, errs
}

// Doc is a rendered Markdown body.
type Doc struct {
	HTML     template.HTML
	Charts   []string  // DOM ids of the charts it shows
	Headings []Heading // its second-level headings, for a table of contents
	Timeline bool      // it lists projects with {{< timeline >}}
}

// Heading is a section heading with its anchor.
type Heading struct {
	ID    string
	Title string
}

// Source is a Markdown text to render: its file, the output folder of the
// page it appears on (links from it are relative to that folder), its
// text, and the file line on which the text starts.
type Source struct {
	File string
	Dir  string
	Body []byte
	Line int
}

// htmlWriter collects goldmark's HTML. Having the methods of goldmark's
// util.BufWriter, it is written to directly: goldmark would otherwise put
// a 4 KB bufio.Writer of its own in front of it, for every page.
type htmlWriter struct{ strings.Builder }

var _ util.BufWriter = (*htmlWriter)(nil)

func (w *htmlWriter) Available() int { return w.Cap() - w.Len() }
func (w *htmlWriter) Buffered() int  { return 0 }
func (w *htmlWriter) Flush() error   { return nil }

// Markdown renders a page body, resolving its data references for period
// p. Errors carry the file position of the reference.
func (r *Renderer) Markdown(ctx context.Context, src Source, p model.Period) (Doc, model.ErrorList) {
	file, body, bodyLine := src.File, src.Body, src.Line
	sc := &scope{r: r, period: p, page: file, dir: src.Dir}
	var errs model.ErrorList
	var out Doc
	pc := parser.NewContext(parser.WithIDs(newHeadingIDs()))
	doc := r.md.Parser().Parse(text.NewReader(body), parser.WithContext(pc))
	lines := newLineIndex(body, bodyLine)
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering && h.Level == 2 {
			if id, ok := h.AttributeString("id"); ok {
				out.Headings = append(out.Headings, Heading{ID: string(id.([]byte)), Title: plainText(h, body)})
			}
		}
		holder, ok := n.(interface{ ref() *RefData })
		if !ok || !entering {
			return ast.WalkContinue, ctx.Err()
		}
		ref := holder.ref()
		h, err := r.resolveNode(sc, ref)
		if err != nil {
			pos := lines.pos(file, ref.Offset+len(refOpen))
			if ae, ok := err.(*argError); ok {
				pos = lines.pos(file, ref.Offset+len(refOpen)+ae.off)
			} else if se, ok := err.(*SyntaxError); ok {
				pos = lines.pos(file, ref.Offset+len(refOpen)+se.Off)
			}
			errs.Add(pos, "%s", err.Error())
			h = template.HTML(`<mark class="ref-error">{{&lt; ` + template.HTMLEscapeString(ref.Inner) + ` &gt;}}</mark>`)
		}
		ref.HTML = []byte(h)
		return ast.WalkSkipChildren, nil
	})
	var b htmlWriter
	b.Grow(2 * len(body))
	if err := r.md.Renderer().Render(&b, body, doc); err != nil {
		errs.Add(model.Pos{File: file}, "cannot render Markdown: %v", err)
	}
	out.HTML, out.Charts, out.Timeline = template.HTML(b.String()), sc.charts, sc.listsProjects
	return out, errs
}

// plainText is the text of a node's inline children.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			b.Write(t.Segment.Value(src))
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// headingIDs makes heading anchors from the heading text, keeping Chinese
// characters (一、校舍维修 -> 一校舍维修), so links to a section stay valid
// when sections are reordered.
type headingIDs struct{ seen map[string]int }

func newHeadingIDs() *headingIDs { return &headingIDs{seen: map[string]int{}} }

func (h *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	var b strings.Builder
	for _, r := range strings.ToLower(string(value)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		case (r == ' ' || r == '-' || r == '_') && b.Len() > 0:
			b.WriteRune('-')
		}
	}
	id := strings.Trim(b.String(), "-")
	if id == "" {
		id = "section"
	}
	h.seen[id]++
	if n := h.seen[id]; n > 1 {
		id = fmt.Sprintf("%s-%d", id, n)
	}
	return []byte(id)
}

func (h *headingIDs) Put(value []byte) { h.seen[string(value)]++ }

func (r *Renderer) resolveNode(sc *scope, n *RefData) (template.HTML, error) {
	if n.Unterminated {
		return "", &SyntaxError{0, "reference is not closed: end it with >}} on the same line"}
	}
	ref, err := ParseRef(n.Inner)
	if err != nil {
		return "", err
	}
	if blockRefs[ref.Name] && !n.Block {
		return "", &SyntaxError{0, ref.Name + " is a block: put {{< " + ref.Name + " ... >}} on a line of its own"}
	}
	return sc.resolve(ref)
}

// lineIndex maps byte offsets of a body to file positions.
type lineIndex struct {
	src   []byte
	first int   // file line of the body's first line
	start []int // offset of each line start
}

func newLineIndex(src []byte, first int) *lineIndex {
	li := &lineIndex{src: src, first: first, start: []int{0}}
	for i, b := range src {
		if b == '\n' {
			li.start = append(li.start, i+1)
		}
	}
	return li
}

// pos returns the position of byte offset off; the column counts characters.
func (li *lineIndex) pos(file string, off int) model.Pos {
	line := 0
	for line+1 < len(li.start) && li.start[line+1] <= off {
		line++
	}
	if off > len(li.src) {
		off = len(li.src)
	}
	col := utf8.RuneCount(li.src[li.start[line]:off]) + 1
	return model.Pos{File: file, Line: li.first + line, Col: col}
}
