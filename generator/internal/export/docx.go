package export

import (
	"bytes"
	_ "embed"
	"fmt"
	"image"
	_ "image/png" // chart pictures
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gomutex/godocx/common/constants"
	"github.com/gomutex/godocx/common/units"
	"github.com/gomutex/godocx/docx"
	"github.com/gomutex/godocx/packager"
	"github.com/gomutex/godocx/wml/stypes"
	"golang.org/x/net/html"
)

// builtinReference is the reference document used when the site has no
// layouts/export/reference.docx (made by reference_gen.go).
//
//go:generate go run reference_gen.go
//go:embed reference.docx
var builtinReference []byte

// BuiltinReference returns a copy of the built-in reference document, for
// a site to start its own from.
func BuiltinReference() []byte { return bytes.Clone(builtinReference) }

// textWidth is the width of the text on the page, in inches: A4 less the
// GB/T 9704 margins of the reference document (28 mm and 26 mm).
const textWidth = 6.1

// maxChartHeight keeps a chart, in inches, to less than half a page.
const maxChartHeight = 4.0

// doc writes the body of the Word document.
type doc struct {
	rd       *docx.RootDoc
	charts   map[string][]byte // PNG by chart DOM id
	tmp      string            // folder for the pictures (the library reads files)
	figures  int               // 图 N
	tables   int               // 表 N
	asTables []string          // charts written as tables, by title
}

// newDoc opens the reference document and empties its body, keeping its
// styles, page setup and footer.
func newDoc(reference []byte) (*docx.RootDoc, error) {
	if reference == nil {
		reference = builtinReference
	}
	data := bytes.Clone(reference)
	rd, err := packager.Unpack(&data)
	if err != nil {
		return nil, fmt.Errorf("reading the reference document: %w", err)
	}
	rd.Document.Body.Children = nil
	dropPictures(rd)
	// New relationships must not reuse an id of the reference's.
	for _, r := range rd.Document.DocRels.Relationships {
		if n, err := strconv.Atoi(strings.TrimPrefix(r.ID, "rId")); err == nil && n > rd.Document.RID {
			rd.Document.RID = n
		}
	}
	return rd, nil
}

// dropPictures removes the pictures of the reference's body, gone with
// it (a reference made from an exported document has the charts): their
// relationships, files and content types. Those of headers and footers
// stay.
func dropPictures(rd *docx.RootDoc) {
	rels := rd.Document.DocRels.Relationships[:0]
	gone := map[string]bool{}
	for _, r := range rd.Document.DocRels.Relationships {
		if r.Type == constants.SourceRelationshipImage && r.TargetMode == "" {
			gone["/word/"+strings.TrimPrefix(r.Target, "/word/")] = true
			rd.FileMap.Delete("word/" + strings.TrimPrefix(r.Target, "/word/"))
			continue
		}
		rels = append(rels, r)
	}
	rd.Document.DocRels.Relationships = rels
	over := rd.ContentType.Override[:0]
	for _, o := range rd.ContentType.Override {
		if !gone[o.PartName] {
			over = append(over, o)
		}
	}
	rd.ContentType.Override = over
	// New pictures are named after the highest number in word/media/.
	rd.ImageCount = 0
	rd.FileMap.Range(func(k, _ any) bool {
		name := k.(string)
		if strings.HasPrefix(name, constants.MediaPath+"image") {
			n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(name, constants.MediaPath+"image"), filepath.Ext(name)))
			rd.ImageCount = max(rd.ImageCount, uint(n))
		}
		return true
	})
}

// paragraph adds a paragraph of style with the inline content of n.
func (d *doc) paragraph(style string, n *html.Node) *docx.Paragraph {
	p := d.rd.AddEmptyParagraph()
	if style != "" {
		p.Style(style)
	}
	if n != nil {
		d.inline(p, n, false)
		trimRuns(p)
	}
	return p
}

// text adds a paragraph of style holding s.
func (d *doc) text(style, s string) *docx.Paragraph {
	p := d.rd.AddEmptyParagraph()
	if style != "" {
		p.Style(style)
	}
	p.AddText(s)
	return p
}

// inline adds the text of n's children to p, bold inside <strong>.
func (d *doc) inline(p *docx.Paragraph, n *html.Node, bold bool) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode:
			s := collapse(c.Data)
			if s == "" {
				continue
			}
			r := p.AddText(s)
			if bold {
				r.Bold(true)
			}
		case c.Type != html.ElementNode:
		case c.Data == "script" || c.Data == "style" || hasClass(c, "card-tone"):
		case c.Data == "br":
			p.AddRun().AddBreak(nil)
		case c.Data == "strong" || c.Data == "b":
			d.inline(p, c, true)
		default:
			d.inline(p, c, bold)
		}
	}
}

// blocks writes the block elements under n.
func (d *doc) blocks(n *html.Node) error {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if err := d.block(c); err != nil {
			return err
		}
	}
	return nil
}

func (d *doc) block(n *html.Node) error {
	if n.Type != html.ElementNode {
		if n.Type == html.TextNode && strings.TrimSpace(n.Data) != "" {
			d.text("", strings.TrimSpace(collapse(n.Data)))
		}
		return nil
	}
	switch {
	case skipped(n):
	case n.Data == "h1":
		d.paragraph("Title", n)
	case n.Data == "h2":
		d.paragraph("Heading1", n)
	case n.Data == "h3":
		d.paragraph("Heading2", n)
	case n.Data == "h4" || n.Data == "h5" || n.Data == "h6":
		d.paragraph("Heading3", n)
	case n.Data == "p" && (hasClass(n, "table-source") || hasClass(n, "chart-source")):
		d.paragraph("Source", n)
	case n.Data == "p":
		d.paragraph("", n)
	case n.Data == "ul" || n.Data == "ol":
		if hasClass(n, "projects") {
			d.projects(n)
			return nil
		}
		i := 0
		for li := n.FirstChild; li != nil; li = li.NextSibling {
			if li.Type != html.ElementNode || li.Data != "li" {
				continue
			}
			i++
			p := d.rd.AddEmptyParagraph()
			if n.Data == "ol" {
				p.AddText(strconv.Itoa(i) + ". ")
			}
			d.inline(p, li, false)
			trimRuns(p)
		}
	case n.Data == "figure" && hasClass(n, "chart"):
		return d.chart(n)
	case n.Data == "table":
		d.table(n, nil)
	case hasClass(n, "data-table"):
		var caption *html.Node
		if t := find(n, func(x *html.Node) bool { return x.Data == "table" }); t != nil {
			caption = find(t, func(x *html.Node) bool { return x.Data == "caption" })
			d.table(t, caption)
		}
		if src := find(n, func(x *html.Node) bool { return hasClass(x, "table-source") }); src != nil {
			d.paragraph("Source", src)
		}
	case n.Data == "blockquote" || n.Data == "div" || n.Data == "section" || n.Data == "article" || n.Data == "main":
		return d.blocks(n)
	default:
		if n.FirstChild != nil {
			d.paragraph("", n)
		}
	}
	return nil
}

// skipped reports whether n is an element of the web page only: the
// table of contents, hidden headings, links to other pages.
func skipped(n *html.Node) bool {
	switch n.Data {
	case "nav", "script", "style", "details", "summary", "noscript", "template":
		return true
	}
	for _, c := range []string{"visually-hidden", "print-links", "eyebrow", "pager", "toc", "chart-data"} {
		if hasClass(n, c) {
			return true
		}
	}
	return false
}

// chart writes a chart: its title, its picture (or, without one, its
// data table) and its source.
func (d *doc) chart(n *html.Node) error {
	id := attr(n, "id")
	title := textOf(find(n, func(x *html.Node) bool { return hasClass(x, "chart-title") }))
	png := d.charts[id]
	if png == nil {
		d.tables++
		d.asTables = append(d.asTables, title)
		d.text("Caption", fmt.Sprintf("表%d %s", d.tables, title))
		if t := find(n, func(x *html.Node) bool { return x.Data == "table" }); t != nil {
			d.table(t, nil)
		}
	} else {
		d.figures++
		cfg, _, err := image.DecodeConfig(bytes.NewReader(png))
		if err != nil {
			return fmt.Errorf("chart %s: %w", id, err)
		}
		name := filepath.Join(d.tmp, fmt.Sprintf("chart%d.png", d.figures))
		if err := os.WriteFile(name, png, 0o600); err != nil {
			return err
		}
		w := min(textWidth, float64(cfg.Width)/2/96*1.1) // drawn at 2×, 96 px an inch
		h := w * float64(cfg.Height) / float64(cfg.Width)
		if h > maxChartHeight {
			w, h = w*maxChartHeight/h, maxChartHeight
		}
		pic, err := d.rd.AddPicture(name, units.Inch(w), units.Inch(h))
		if err != nil {
			return fmt.Errorf("chart %s: %w", id, err)
		}
		pic.Para.Style("Figure")
		d.text("Caption", fmt.Sprintf("图%d %s", d.figures, title))
	}
	if src := find(n, func(x *html.Node) bool { return hasClass(x, "chart-source") }); src != nil {
		d.paragraph("Source", src)
	}
	return nil
}

// table writes an HTML table, with its caption above it.
func (d *doc) table(t, caption *html.Node) {
	if caption != nil {
		d.tables++
		p := d.text("Caption", fmt.Sprintf("表%d ", d.tables))
		d.inline(p, caption, false)
	}
	var rows [][]*html.Node
	var head []bool
	walk(t, func(n *html.Node) bool {
		if n.Data == "caption" {
			return false
		}
		if n.Data == "tr" {
			var cells []*html.Node
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && (c.Data == "td" || c.Data == "th") {
					cells = append(cells, c)
				}
			}
			rows = append(rows, cells)
			head = append(head, n.Parent != nil && n.Parent.Data == "thead")
			return false
		}
		return true
	})
	tbl := d.grid(columnWidths(rows))
	for i, cells := range rows {
		row := tbl.AddRow()
		for _, c := range cells {
			p := row.AddCell().AddEmptyPara()
			switch {
			case head[i]:
				p.Style("TableHeading")
			default:
				p.Style("TableText")
				if hasClass(c, "num") {
					p.Justification(stypes.JustificationRight)
				}
			}
			d.inline(p, c, false)
			trimRuns(p)
		}
	}
}

// textTwips is the width of the text in twentieths of a point (156 mm).
const textTwips = 8844

// columnWidths shares the text's width among the columns of a table in
// proportion to their longest cell (a Chinese character counting two),
// each column getting at least a tenth, so that dates and numbers do not
// wrap while long names do.
func columnWidths(rows [][]*html.Node) []uint64 {
	var longest []int
	for _, cells := range rows {
		for i, c := range cells {
			if i >= len(longest) {
				longest = append(longest, 4)
			}
			longest[i] = max(longest[i], min(width(textOf(c)), 40)+3) // and the cell's margins
		}
	}
	total := 0
	for _, n := range longest {
		total += n
	}
	out := make([]uint64, len(longest))
	floor := textTwips / 10
	if len(longest)*floor > textTwips {
		floor = textTwips / max(1, len(longest))
	}
	spare := textTwips - floor*len(longest)
	for i, n := range longest {
		out[i] = uint64(floor + spare*n/max(1, total))
	}
	return out
}

// grid adds a table across the page in the reference's Table Grid
// style, its columns as wide as widths say (Word wants them), with a
// header row of the given cells, if any.
func (d *doc) grid(widths []uint64, head ...string) *docx.Table {
	tbl := d.rd.AddTable()
	tbl.Style("TableGrid")
	tbl.Width(5000, stypes.TableWidthPct)
	tbl.Grid(widths...)
	if len(head) > 0 {
		row := tbl.AddRow()
		for _, h := range head {
			row.AddCell().AddParagraph(h).Style("TableHeading")
		}
	}
	return tbl
}

// projects writes the timeline of the period as a table.
func (d *doc) projects(n *html.Node) {
	d.tables++
	d.text("Caption", fmt.Sprintf("表%d 校园建设项目", d.tables))
	tbl := d.grid([]uint64{textTwips * 34 / 100, textTwips * 12 / 100, textTwips * 54 / 100}, "项目", "状态", "时间、类别、投入与资金来源")
	for li := n.FirstChild; li != nil; li = li.NextSibling {
		if li.Type != html.ElementNode || li.Data != "li" {
			continue
		}
		row := tbl.AddRow()
		for _, class := range []string{"project-title", "project-status", "project-meta"} {
			s := textOf(find(li, func(x *html.Node) bool { return hasClass(x, class) }))
			if class == "project-meta" {
				if pr := textOf(find(li, func(x *html.Node) bool { return hasClass(x, "project-progress") })); pr != "" {
					s += " · " + pr
				}
			}
			row.AddCell().AddParagraph(s).Style("TableText")
		}
	}
}

// trimRuns removes the spaces at the start and end of a paragraph.
func trimRuns(p *docx.Paragraph) {
	ch := p.GetCT().Children
	for i := 0; i < len(ch); i++ {
		if r := ch[i].Run; r != nil && len(r.Children) > 0 && r.Children[0].Text != nil {
			r.Children[0].Text.Text = strings.TrimLeft(r.Children[0].Text.Text, " ")
			break
		}
	}
	for i := len(ch) - 1; i >= 0; i-- {
		if r := ch[i].Run; r != nil && len(r.Children) > 0 && r.Children[0].Text != nil {
			r.Children[0].Text.Text = strings.TrimRight(r.Children[0].Text.Text, " ")
			break
		}
	}
}

// CheckReference reports whether data can serve as the reference
// document: a Word document (.docx) that the library can open.
func CheckReference(data []byte) error {
	_, err := newDoc(data)
	return err
}
