package build

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/houqin/report/generator/internal/render"
)

// TestBuildKeepsMatchingPDFs: a build keeps a booklet PDF (written by the
// pdf command) while its booklet is unchanged and links it; once the data
// changes the booklet, the PDF is stale and the build drops it and the link.
// A lean build, which takes the booklets' marks as they are written, does
// the same.
func TestBuildKeepsMatchingPDFs(t *testing.T) {
	for _, lean := range []bool{false, true} {
		t.Run(map[bool]string{false: "files", true: "lean"}[lean], func(t *testing.T) { keepsMatchingPDFs(t, lean) })
	}
}

func keepsMatchingPDFs(t *testing.T, lean bool) {
	site := copySite(t)
	out := filepath.Join(t.TempDir(), "public")
	opt := Options{Site: site, Out: out, Now: buildTime, Charts: fakeRuntime(t), Lean: lean}
	ctx := context.Background()

	// What the pdf command does: build with the link, print, write the PDF.
	withLink := opt
	withLink.PDFs = map[int]bool{2023: true}
	res, err := Build(ctx, withLink)
	if err != nil {
		t.Fatal(err)
	}
	booklet, err := os.ReadFile(filepath.Join(out, "booklet", "2023", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	mark := res.Booklets[2023]
	if mark != render.BookletMark(booklet) {
		t.Fatalf("the build's mark of booklet/2023/ is %q, not that of the page it wrote", mark)
	}
	pdf := []byte("%PDF-1.7\n... <</Keywords (" + mark + ")>>\n%%EOF\n")
	if err := os.WriteFile(filepath.Join(out, "booklet", "2023.pdf"), pdf, 0o644); err != nil {
		t.Fatal(err)
	}

	if _, err := Build(ctx, opt); err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(filepath.Join(out, "booklet", "2023.pdf")); err != nil || string(got) != string(pdf) {
		t.Fatalf("a build dropped a PDF that matches its booklet: %v", err)
	}
	year := readFile(t, filepath.Join(out, "years", "2023", "index.html"))
	if !strings.Contains(year, `href="../../booklet/2023.pdf"`) {
		t.Error("the yearly page does not link the PDF it has")
	}

	edit(t, site, "data/repairs.csv", "2023-09-", "2023-10-")
	if _, err := Build(ctx, opt); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "booklet", "2023.pdf")); !os.IsNotExist(err) {
		t.Error("a build kept a PDF whose booklet changed")
	}
	if year := readFile(t, filepath.Join(out, "years", "2023", "index.html")); strings.Contains(year, "2023.pdf") {
		t.Error("the yearly page links a PDF that was dropped")
	}
}
