package render

import (
	"bytes"
	"html"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

var (
	refOpen  = []byte("{{<")
	refClose = []byte(">}}")
)

// RefNode is a data reference in the Markdown tree. Its HTML is filled in
// after parsing, when the page's period and data are known; the renderer
// only writes it.
type RefNode struct {
	ast.BaseInline
	RefData
}

// RefData is what inline and block references share.
type RefData struct {
	Inner  string // the text between {{< and >}}
	Offset int    // byte offset of "{{<" in the source
	Block  bool   // stood on a line of its own
	// Unterminated is set when the line has no closing >}}.
	Unterminated bool
	HTML         []byte // the resolved HTML
}

func (d *RefData) ref() *RefData { return d }

// KindRef is the ast.NodeKind of RefNode.
var KindRef = ast.NewNodeKind("Ref")

// Kind implements ast.Node.
func (n *RefNode) Kind() ast.NodeKind { return KindRef }

// Dump implements ast.Node.
func (n *RefNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Inner": n.Inner}, nil)
}

// IsRaw implements ast.Node: a block reference has no inline content.
func (n *RefBlock) IsRaw() bool { return true }

// RefBlock holds a reference that stands alone on its line (chart, table,
// timeline), so that its HTML is not wrapped in a paragraph.
type RefBlock struct {
	ast.BaseBlock
	RefData
}

// KindRefBlock is the ast.NodeKind of RefBlock.
var KindRefBlock = ast.NewNodeKind("RefBlock")

// Kind implements ast.Node.
func (n *RefBlock) Kind() ast.NodeKind { return KindRefBlock }

// Dump implements ast.Node.
func (n *RefBlock) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// refInlineParser recognises {{< ... >}} within a line.
type refInlineParser struct{}

func (refInlineParser) Trigger() []byte { return []byte{'{'} }

func (refInlineParser) Parse(_ ast.Node, block text.Reader, _ parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if !bytes.HasPrefix(line, refOpen) {
		return nil
	}
	end := bytes.Index(line, refClose)
	if end < 0 {
		// Unterminated: keep it as a reference so resolution reports it.
		rest := bytes.TrimRight(line, "\r\n")
		n := &RefNode{RefData: RefData{Inner: string(rest[len(refOpen):]), Offset: seg.Start, Unterminated: true}}
		block.Advance(len(rest))
		return n
	}
	n := &RefNode{RefData: RefData{Inner: string(line[len(refOpen):end]), Offset: seg.Start}}
	block.Advance(end + len(refClose))
	return n
}

// refBlockParser recognises a line that holds a single block reference.
type refBlockParser struct{}

func (refBlockParser) Trigger() []byte { return []byte{'{'} }

func (refBlockParser) Open(_ ast.Node, reader text.Reader, _ parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	trimmed := bytes.TrimSpace(line)
	if !bytes.HasPrefix(trimmed, refOpen) || !bytes.HasSuffix(trimmed, refClose) {
		return nil, parser.NoChildren
	}
	inner := trimmed[len(refOpen) : len(trimmed)-len(refClose)]
	if bytes.Contains(inner, refClose) {
		return nil, parser.NoChildren // more than one reference on the line
	}
	words := bytes.Fields(inner)
	if len(words) == 0 || !blockRefs[string(words[0])] {
		return nil, parser.NoChildren
	}
	lead := bytes.Index(line, refOpen)
	b := &RefBlock{RefData: RefData{Inner: string(inner), Offset: seg.Start + lead, Block: true}}
	reader.AdvanceToEOL()
	return b, parser.NoChildren
}

func (refBlockParser) Continue(ast.Node, text.Reader, parser.Context) parser.State {
	return parser.Close
}
func (refBlockParser) Close(ast.Node, text.Reader, parser.Context) {}
func (refBlockParser) CanInterruptParagraph() bool                 { return true }
func (refBlockParser) CanAcceptIndentedLine() bool                 { return false }

// nodeRenderer writes resolved references and escapes raw HTML.
type nodeRenderer struct {
	unsafe bool
}

func (r nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindRef, r.renderRef)
	reg.Register(KindRefBlock, r.renderRef)
	if !r.unsafe {
		reg.Register(ast.KindRawHTML, r.escapeRawHTML)
		reg.Register(ast.KindHTMLBlock, r.escapeHTMLBlock)
	}
}

func (nodeRenderer) renderRef(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.Write(n.(interface{ ref() *RefData }).ref().HTML)
		if n.Kind() == KindRefBlock {
			_ = w.WriteByte('\n')
		}
	}
	return ast.WalkSkipChildren, nil
}

// escapeRawHTML shows inline raw HTML as text: the contract passes no
// author HTML through unless site.yaml sets unsafe_html.
func (nodeRenderer) escapeRawHTML(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		segs := n.(*ast.RawHTML).Segments
		for i := 0; i < segs.Len(); i++ {
			seg := segs.At(i)
			_, _ = w.WriteString(html.EscapeString(string(seg.Value(source))))
		}
	}
	return ast.WalkSkipChildren, nil
}

func (nodeRenderer) escapeHTMLBlock(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	b := n.(*ast.HTMLBlock)
	_, _ = w.WriteString("<p>")
	for i := 0; i < b.Lines().Len(); i++ {
		seg := b.Lines().At(i)
		_, _ = w.WriteString(html.EscapeString(string(seg.Value(source))))
	}
	if b.HasClosure() {
		closure := b.ClosureLine
		_, _ = w.WriteString(html.EscapeString(string(closure.Value(source))))
	}
	_, _ = w.WriteString("</p>\n")
	return ast.WalkSkipChildren, nil
}

// refExtension is the goldmark extension for data references.
type refExtension struct {
	unsafe bool
}

// Extend implements goldmark.Extender.
func (e refExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(refBlockParser{}, 50)),
		parser.WithInlineParsers(util.Prioritized(refInlineParser{}, 50)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(nodeRenderer(e), 100)))
}
