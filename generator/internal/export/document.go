package export

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/gomutex/godocx/wml/stypes"
	"golang.org/x/net/html"
)

// Options say how to write the pack of one period.
type Options struct {
	// Reference is the site's layouts/export/reference.docx, or nil for
	// the built-in one.
	Reference []byte
	// Charts are the pictures of the charts, PNG by chart DOM id
	// (chart-repairs-by-trade). A chart without one is written as its
	// data table.
	Charts map[string][]byte
	// Date is the time of the files: their zip entries and the created
	// and modified dates of their properties (SOURCE_DATE_EPOCH, else the
	// build time), so that two exports of the same site are the same bytes.
	Date time.Time
	// Author is who issues the summary (school and office): it is the
	// line under the title, the signature and the files' author.
	Author string
	// Signed is the date under the signature, as the page writes dates.
	Signed string
	// Keywords go into the files' properties: the export command writes
	// the pack's mark (render.Renderer.ExportMark) there, which lets a
	// later build keep the pack while it is unchanged.
	Keywords string
}

// Document converts the built yearly page (/years/YEAR/index.html) to a
// Word document: its title, lead, key figures, narrative, tables and
// charts, in the styles of the reference document. It returns the titles
// of the charts it wrote as tables because Options.Charts had no picture
// of them.
func Document(page []byte, opt Options) ([]byte, []string, error) {
	root, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return nil, nil, fmt.Errorf("reading the yearly page: %w", err)
	}
	main := find(root, func(n *html.Node) bool { return n.Data == "main" })
	if main == nil {
		return nil, nil, errors.New("the yearly page has no <main>")
	}
	rd, err := newDoc(opt.Reference)
	if err != nil {
		return nil, nil, err
	}
	tmp, err := os.MkdirTemp("", "houqin-export-")
	if err != nil {
		return nil, nil, err
	}
	defer os.RemoveAll(tmp)
	d := &doc{rd: rd, charts: opt.Charts, tmp: tmp}
	title := textOf(find(main, func(n *html.Node) bool { return n.Data == "h1" }))
	if err := d.page(main, opt.Author); err != nil {
		return nil, nil, err
	}
	if opt.Author != "" || opt.Signed != "" {
		d.rd.AddEmptyParagraph()
		d.text("Signature", opt.Author)
		d.text("Signature", opt.Signed)
	}
	var buf bytes.Buffer
	if err := rd.Write(&buf); err != nil {
		return nil, nil, fmt.Errorf("writing the Word document: %w", err)
	}
	parts, err := keepReference(buf.Bytes(), opt.Reference)
	if err != nil {
		return nil, nil, err
	}
	parts["docProps/core.xml"] = coreProps(title, opt.Author, opt.Keywords, opt.Date)
	out, err := restamp(buf.Bytes(), opt.Date, parts)
	return out, d.asTables, err
}

// keepReference returns the parts of the written document that must be
// the reference's as they are: its styles, and its section properties
// (page size, margins, columns, headers and footers) at the end of the
// body. The library reads them into its own types and writes back only
// what those hold: it drops the line spacing of the styles, for one.
func keepReference(written, reference []byte) (map[string][]byte, error) {
	if reference == nil {
		reference = builtinReference
	}
	styles, err := zipFile(reference, "word/styles.xml")
	if err != nil {
		return nil, fmt.Errorf("reading the reference document: %w", err)
	}
	refDoc, err := zipFile(reference, "word/document.xml")
	if err != nil {
		return nil, fmt.Errorf("reading the reference document: %w", err)
	}
	doc, err := zipFile(written, "word/document.xml")
	if err != nil {
		return nil, err
	}
	parts := map[string][]byte{"word/styles.xml": styles}
	if sect := lastSection(refDoc); sect != nil {
		if old := lastSection(doc); old != nil {
			i := bytes.LastIndex(doc, old)
			parts["word/document.xml"] = slices.Concat(doc[:i], sect, doc[i+len(old):])
		}
	}
	return parts, nil
}

// lastSection is the last <w:sectPr>…</w:sectPr> of a document's XML:
// the section properties of its body.
func lastSection(doc []byte) []byte {
	i := bytes.LastIndex(doc, []byte("<w:sectPr"))
	if i < 0 {
		return nil
	}
	j := bytes.Index(doc[i:], []byte("</w:sectPr>"))
	if j < 0 {
		return nil
	}
	return doc[i : i+j+len("</w:sectPr>")]
}

// zipFile reads the part name of a zip archive.
func zipFile(data []byte, name string) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	rc, err := zr.Open(name)
	if err != nil {
		return nil, err
	}
	b, err := io.ReadAll(rc)
	return b, errors.Join(err, rc.Close())
}

// page writes the elements of the page's <main>, and the line naming
// the author under the title.
func (d *doc) page(main *html.Node, author string) error {
	var visit func(n *html.Node) error
	visit = func(n *html.Node) error {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type != html.ElementNode:
			case c.Data == "h1":
				d.paragraph("Title", c)
				if author != "" {
					d.text("Subtitle", author)
				}
			case hasClass(c, "cards"):
				d.cards(c)
			case c.Data == "header" || (c.Data == "div" && !hasClass(c, "data-table")) || c.Data == "section" || c.Data == "article":
				if err := visit(c); err != nil {
					return err
				}
			default:
				if err := d.block(c); err != nil {
					return err
				}
			}
		}
		return nil
	}
	return visit(main)
}

// cards writes the key figures as a table.
func (d *doc) cards(ul *html.Node) {
	d.tables++
	d.text("Caption", fmt.Sprintf("表%d 主要数据", d.tables))
	tbl := d.grid([]uint64{textTwips / 3, textTwips / 3, textTwips / 3}, "指标", "本年度", "较上年")
	for li := ul.FirstChild; li != nil; li = li.NextSibling {
		if !hasClass(li, "card") {
			continue
		}
		row := tbl.AddRow()
		label := textOf(find(li, func(x *html.Node) bool { return hasClass(x, "card-label") }))
		row.AddCell().AddParagraph(label).Style("TableText")
		p := row.AddCell().AddEmptyPara()
		p.Style("TableText")
		p.Justification(stypes.JustificationRight)
		if v := find(li, func(x *html.Node) bool { return hasClass(x, "card-value") }); v != nil {
			d.inline(p, v, false)
			trimRuns(p)
		}
		p = row.AddCell().AddEmptyPara()
		p.Style("TableText")
		if v := find(li, func(x *html.Node) bool { return hasClass(x, "card-delta") }); v != nil {
			d.inline(p, v, false)
			trimRuns(p)
		}
	}
	d.rd.AddEmptyParagraph().Style("Source") // a little space before the text
}

// coreProps are the document properties: title, author and dates.
func coreProps(title, author, keywords string, date time.Time) []byte {
	type dated struct {
		Type  string `xml:"xsi:type,attr"`
		Value string `xml:",chardata"`
	}
	stamp := dated{Type: "dcterms:W3CDTF", Value: date.UTC().Format("2006-01-02T15:04:05Z")}
	v := struct {
		XMLName  xml.Name `xml:"cp:coreProperties"`
		CP       string   `xml:"xmlns:cp,attr"`
		DC       string   `xml:"xmlns:dc,attr"`
		DCTerms  string   `xml:"xmlns:dcterms,attr"`
		XSI      string   `xml:"xmlns:xsi,attr"`
		Title    string   `xml:"dc:title"`
		Creator  string   `xml:"dc:creator"`
		Keywords string   `xml:"cp:keywords,omitempty"`
		Modifier string   `xml:"cp:lastModifiedBy"`
		Created  dated    `xml:"dcterms:created"`
		Modified dated    `xml:"dcterms:modified"`
	}{
		CP: "http://schemas.openxmlformats.org/package/2006/metadata/core-properties", DC: "http://purl.org/dc/elements/1.1/",
		DCTerms: "http://purl.org/dc/terms/", XSI: "http://www.w3.org/2001/XMLSchema-instance",
		Title: title, Creator: author, Keywords: keywords, Modifier: author, Created: stamp, Modified: stamp,
	}
	out, _ := xml.Marshal(v) // cannot fail: strings only
	return append([]byte(xml.Header), out...)
}

// restamp rewrites a zip archive with every entry dated date, replacing
// the entries named in parts, so that its bytes depend on its content
// and date alone.
func restamp(data []byte, date time.Time, parts map[string][]byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		body, ok := parts[f.Name]
		if !ok {
			rc, err := f.Open()
			if err != nil {
				return nil, err
			}
			body, err = io.ReadAll(rc)
			if err = errors.Join(err, rc.Close()); err != nil {
				return nil, err
			}
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: date.UTC()})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(body); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// sanitize keeps s usable as a sheet name or in a file name.
func sanitize(s string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`\/:*?"<>|[]`, r) {
			return '_'
		}
		return r
	}, s)
}
