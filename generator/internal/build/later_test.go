package build

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/houqin/report/generator/internal/plan"
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
	withLink.Make = []string{plan.BookletPDF(2023)}
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

// TestLaterFilesKeepEachOther: what the export command builds keeps a
// booklet PDF printed before that matches its booklet (the links to the
// pack change the booklet's page, not what it says), and what the pdf
// command builds keeps a pack exported before that matches its year (the
// link to the PDF changes the yearly page, not what it says); both stay
// linked.
func TestLaterFilesKeepEachOther(t *testing.T) {
	site := copySite(t)
	opt := Options{Site: site, Now: buildTime, Charts: fakeRuntime(t), Lean: true}
	ctx := context.Background()
	// build builds into out as the command named does, and finds it
	// drops nothing.
	build := func(command string, o Options, out string) Result {
		t.Helper()
		o.Out = out
		res, err := Build(ctx, o)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Notes) > 0 {
			t.Errorf("the %s command's build drops: %q", command, res.Notes)
		}
		return res
	}
	// print and export do what the pdf and export commands do: build,
	// then write the files with the build's mark.
	print := func(out string) []byte {
		t.Helper()
		res := build("pdf", Options{Site: site, Now: buildTime, Charts: opt.Charts, Lean: true, Make: []string{plan.BookletPDF(2023)}}, out)
		pdf := []byte("%PDF-1.7\n... <</Keywords (" + res.Booklets[2023] + ")>>\n%%EOF\n")
		writeOut(t, out, plan.BookletPDF(2023), pdf)
		return pdf
	}
	export := func(out string) map[string][]byte {
		t.Helper()
		mark := build("export", Options{Site: site, Now: buildTime, Charts: opt.Charts, Lean: true, Make: plan.Export(2023).All()}, out).Exports[2023]
		if !strings.HasPrefix(mark, render.ExportPrefix) {
			t.Fatalf("the export's build gives the mark %q", mark)
		}
		pack := map[string][]byte{}
		for _, f := range plan.Export(2023).All() {
			pack[f] = officeFile(t, mark)
			writeOut(t, out, f, pack[f])
		}
		return pack
	}
	kept := func(out, after string, files map[string][]byte) {
		t.Helper()
		for f, want := range files {
			if got, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(f))); err != nil || string(got) != string(want) {
				t.Errorf("%s dropped %s, which matches its source: %v", after, f, err)
			}
		}
		for _, page := range []string{"years/2023/index.html", "booklet/2023/index.html"} {
			text := readFile(t, filepath.Join(out, filepath.FromSlash(page)))
			if !strings.Contains(text, "2023.pdf") || !strings.Contains(text, plan.Export(2023).Xlsx) {
				t.Errorf("after %s, %s does not link both the PDF and the pack", after, page)
			}
		}
	}

	out := filepath.Join(t.TempDir(), "public")
	pdf := print(out)
	pack := export(out)
	kept(out, "the export command's build", map[string][]byte{plan.BookletPDF(2023): pdf})
	opt.Out = out
	if _, err := Build(ctx, opt); err != nil {
		t.Fatal(err)
	}
	pack[plan.BookletPDF(2023)] = pdf
	kept(out, "a build", pack)

	out = filepath.Join(t.TempDir(), "public")
	pack = export(out)
	print(out)
	kept(out, "the pdf command's build", pack)

	// A pack with one file missing is dropped.
	if err := os.Remove(filepath.Join(out, filepath.FromSlash(plan.Export(2023).Xlsx))); err != nil {
		t.Fatal(err)
	}
	opt.Out = out
	if _, err := Build(ctx, opt); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(plan.Export(2023).Docx))); !os.IsNotExist(err) {
		t.Error("a build kept half a pack")
	}
	if text := readFile(t, filepath.Join(out, "years", "2023", "index.html")); !strings.Contains(text, "2023.pdf") || strings.Contains(text, "export/") {
		t.Error("after dropping half a pack, the yearly page does not link the PDF alone")
	}
}

// officeFile is a Word document or workbook as far as a build reads it:
// a zip with the mark among its properties.
func officeFile(t *testing.T, mark string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("docProps/core.xml")
	if err == nil {
		_, err = w.Write([]byte(`<cp:coreProperties><cp:keywords>` + mark + `</cp:keywords></cp:coreProperties>`))
	}
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func writeOut(t *testing.T, out, path string, data []byte) {
	t.Helper()
	name := filepath.Join(out, filepath.FromSlash(path))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
