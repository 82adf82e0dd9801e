package pdf

import (
	"bytes"
	"context"
	"encoding/hex"
	"fmt"
	"regexp"
	"strconv"
	"time"
	"unicode/utf16"

	pdfmodel "github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// Info is the document information a PDF's readers show.
type Info struct {
	Title, Author string
	// Keywords, when set, replaces the PDF's keywords (the build uses
	// them to tell whether a PDF still matches its booklet).
	Keywords string
	// Date is the creation and modification date; zero keeps the ones
	// the PDF has.
	Date time.Time
}

// SetInfo returns pdf with its document information dictionary replaced:
// Title and Author from info (empty ones are kept), Creator and Producer
// as they were, and the dates set to info.Date.
//
// It appends an incremental update (a new version of the information
// object and a trailer pointing back to the original cross-reference
// table), which every PDF reader understands and which leaves Chromium's
// objects as they are. The superseded object stays in the file, so its
// dates are overwritten in place (same length) for the output to depend
// only on info.Date. It needs a classic cross-reference table, which is
// what Chromium (Skia) writes.
func SetInfo(ctx context.Context, pdf []byte, info Info) ([]byte, error) {
	pc, err := read(ctx, pdf)
	if err != nil {
		return nil, err
	}
	prev, err := lastXref(pdf)
	if err != nil {
		return nil, err
	}
	xt := pc.XRefTable
	if xt.Root == nil || xt.Size == nil {
		return nil, fmt.Errorf("setting the PDF's title: the trailer has no /Root or /Size")
	}
	size := *xt.Size
	nr := size // the information object: the old one's number, or a new one
	out := bytes.Clone(pdf)
	if xt.Info != nil {
		nr = xt.Info.ObjectNumber.Value()
		if e, ok := xt.Table[nr]; ok && e.Offset != nil && !info.Date.IsZero() {
			restamp(out, *e.Offset, info.Date)
		}
	} else {
		size++
	}
	old, err := infoDict(pc)
	if err != nil {
		return nil, err
	}
	title, author, keywords := old["Title"], old["Author"], old["Keywords"]
	if info.Keywords != "" {
		keywords = info.Keywords
	}
	if info.Title != "" {
		title = info.Title
	}
	if info.Author != "" {
		author = info.Author
	}
	created, modified := old["CreationDate"], old["ModDate"]
	if !info.Date.IsZero() {
		created = date(info.Date)
		modified = created
	}

	var b bytes.Buffer
	if !bytes.HasSuffix(out, []byte("\n")) {
		b.WriteByte('\n')
	}
	objAt := len(out) + b.Len()
	fmt.Fprintf(&b, "%d 0 obj\n<<", nr)
	for _, kv := range [][2]string{
		{"Title", title}, {"Author", author}, {"Keywords", keywords}, {"Creator", old["Creator"]},
		{"Producer", old["Producer"]}, {"CreationDate", created}, {"ModDate", modified},
	} {
		if kv[1] != "" {
			fmt.Fprintf(&b, "/%s %s\n", kv[0], text(kv[1]))
		}
	}
	b.WriteString(">>\nendobj\n")
	xrefAt := len(out) + b.Len()
	fmt.Fprintf(&b, "xref\n%d 1\n%010d 00000 n \n", nr, objAt)
	fmt.Fprintf(&b, "trailer\n<</Size %d\n/Root %s\n/Info %d 0 R\n/Prev %d>>\nstartxref\n%d\n%%%%EOF\n",
		size, xt.Root.PDFString(), nr, prev, xrefAt)
	return append(out, b.Bytes()...), nil
}

// infoKeys are the entries of the document information SetInfo writes.
var infoKeys = []string{"Title", "Author", "Keywords", "Creator", "Producer", "CreationDate", "ModDate"}

// infoDict reads the text entries of the PDF's document information.
func infoDict(pc *pdfmodel.Context) (map[string]string, error) {
	m := make(map[string]string)
	if pc.Info == nil {
		return m, nil
	}
	d, err := pc.DereferenceDict(*pc.Info)
	if err != nil {
		return nil, fmt.Errorf("reading the PDF's document information: %w", err)
	}
	for _, k := range infoKeys {
		if o, ok := d.Find(k); ok {
			v, err := pc.DereferenceText(o)
			if err != nil {
				return nil, fmt.Errorf("reading the PDF's document information: /%s: %w", k, err)
			}
			m[k] = v
		}
	}
	return m, nil
}

var startxref = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)

// lastXref returns the offset of the PDF's last cross-reference section,
// which must be a classic table.
func lastXref(pdf []byte) (int, error) {
	m := startxref.FindSubmatch(pdf[max(0, len(pdf)-1024):])
	if m == nil {
		return 0, fmt.Errorf("setting the PDF's title: no startxref at the end of the file")
	}
	off, err := strconv.Atoi(string(m[1]))
	if err != nil || off >= len(pdf) || !bytes.HasPrefix(pdf[off:], []byte("xref")) {
		return 0, fmt.Errorf("setting the PDF's title: the file does not end with a classic cross-reference table (startxref %s)", m[1])
	}
	return off, nil
}

var dateValue = regexp.MustCompile(`\(D:[0-9]{14}[^)]*\)`)

// restamp overwrites, in place, the dates of the object at offset with t
// where the new date has the same length as the old one.
func restamp(pdf []byte, offset int64, t time.Time) {
	if offset < 0 || offset >= int64(len(pdf)) {
		return
	}
	obj := pdf[offset:]
	if end := bytes.Index(obj, []byte("endobj")); end >= 0 {
		obj = obj[:end]
	}
	stamp := []byte("(" + date(t) + ")")
	for _, loc := range dateValue.FindAllIndex(obj, -1) {
		if loc[1]-loc[0] == len(stamp) {
			copy(obj[loc[0]:loc[1]], stamp)
		}
	}
}

// date formats t as a PDF date in UTC.
func date(t time.Time) string { return t.UTC().Format("D:20060102150405+00'00'") }

// text encodes s as a PDF text string: plain ASCII as a literal, anything
// else as UTF-16BE with a byte order mark, in hex.
func text(s string) string {
	ascii := true
	for _, r := range s {
		if r < 0x20 || r > 0x7e || r == '(' || r == ')' || r == '\\' {
			ascii = false
			break
		}
	}
	if ascii {
		return "(" + s + ")"
	}
	u := []uint16{0xfeff}
	u = append(u, utf16.Encode([]rune(s))...)
	b := make([]byte, 0, 2*len(u))
	for _, c := range u {
		b = append(b, byte(c>>8), byte(c))
	}
	return "<" + hex.EncodeToString(b) + ">"
}
