package pdf

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// tinyPDF is a one-page PDF shaped like Chromium's: a classic
// cross-reference table and an information dictionary with dates.
func tinyPDF() []byte {
	objs := []string{
		"<</Title (Old)\n/Producer (Skia/PDF m156)\n/CreationDate (D:20261124003552+00'00')\n/ModDate (D:20261124003552+00'00')>>",
		"<</Type /Catalog /Pages 3 0 R>>",
		"<</Type /Pages /Kids [4 0 R] /Count 1>>",
		"<</Type /Page /Parent 3 0 R /MediaBox [0 0 595 842]>>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	var offs []int
	for i, o := range objs {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d\n/Root 2 0 R\n/Info 1 0 R>>\nstartxref\n%d\n%%%%EOF", len(objs)+1, xref)
	return b.Bytes()
}

func TestSetInfo(t *testing.T) {
	in := tinyPDF()
	out, err := SetInfo(t.Context(), in, Info{Title: "青禾小学后勤工作年报 · 2023年", Author: "示例市青禾小学 后勤处", Date: when})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(out, in[:bytes.Index(in, []byte("D:2026"))]) {
		t.Error("SetInfo changed the bytes before the old dates: it must only append")
	}
	if bytes.Contains(out, []byte("D:2026")) {
		t.Error("the superseded information object keeps Chromium's print time: the output would differ on every run")
	}
	pc, err := read(t.Context(), out)
	if err != nil {
		t.Fatalf("reading the updated PDF: %v", err)
	}
	got, err := infoDict(pc)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"Title": "青禾小学后勤工作年报 · 2023年", "Author": "示例市青禾小学 后勤处", "Producer": "Skia/PDF m156",
		"CreationDate": "D:20240115083000+00'00'", "ModDate": "D:20240115083000+00'00'",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("/%s = %q, want %q", k, got[k], v)
		}
	}
	if pc.PageCount != 1 {
		t.Errorf("the updated PDF has %d pages, want 1", pc.PageCount)
	}

	// An empty Info keeps everything but still appends a valid update.
	same, err := SetInfo(t.Context(), in, Info{})
	if err != nil {
		t.Fatal(err)
	}
	if pc, err = read(t.Context(), same); err != nil {
		t.Fatal(err)
	}
	if got, _ := infoDict(pc); got["Title"] != "Old" || got["CreationDate"] != "D:20261124003552+00'00'" {
		t.Errorf("SetInfo with an empty Info changed the information: %v", got)
	}

	// poppler, which the test of the pdf command uses, reads it too.
	if _, err := exec.LookPath("pdfinfo"); err == nil {
		file := filepath.Join(t.TempDir(), "doc.pdf")
		if err := os.WriteFile(file, out, 0o644); err != nil {
			t.Fatal(err)
		}
		b, err := exec.Command("pdfinfo", file).CombinedOutput()
		if err != nil || !strings.Contains(string(b), "示例市青禾小学 后勤处") || strings.Contains(string(b), "Syntax") {
			t.Errorf("pdfinfo: %v\n%s", err, b)
		}
	}
}

func TestSetInfoRefusesXrefStreams(t *testing.T) {
	in := bytes.Replace(tinyPDF(), []byte("xref\n0 5"), []byte("XREF\n0 5"), 1)
	if _, err := SetInfo(t.Context(), in, Info{Title: "x"}); err == nil {
		t.Error("SetInfo accepted a PDF whose startxref does not point to a classic table")
	}
}

func TestSectionPages(t *testing.T) {
	outline := []Heading{
		{"青禾小学后勤工作年报", 1, 1}, {"目录", 2, 2}, {"年度概览", 3, 2}, {"小结", 3, 3},
		{"维修工作", 4, 2}, {"小结", 5, 3}, {"安全管理", 10, 2},
	}
	for _, tc := range []struct {
		name     string
		sections []string
		want     []int
		err      string
	}{
		{"in order", []string{"年度概览", "维修工作", "安全管理"}, []int{3, 4, 10}, ""},
		{"repeated titles take the next one", []string{"小结", "小结"}, []int{3, 5}, ""},
		{"missing", []string{"年度概览", "采购"}, nil, `heading "采购" is not in the PDF's outline`},
		{"out of order", []string{"安全管理", "年度概览"}, nil, `heading "年度概览"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var secs []Section
			for i, s := range tc.sections {
				secs = append(secs, Section{ID: fmt.Sprintf("sec-%d", i), Title: s})
			}
			got, err := sectionPages(secs, outline)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("sectionPages = %v, %v; want an error containing %q", got, err, tc.err)
				}
				return
			}
			if err != nil || !slices.Equal(got, tc.want) {
				t.Fatalf("sectionPages = %v, %v; want %v", got, err, tc.want)
			}
		})
	}
	if _, err := sectionPages([]Section{{ID: "sec-a", Title: "年度概览"}}, nil); err == nil || !strings.Contains(err.Error(), "no document outline") {
		t.Errorf("sectionPages without an outline = %v; want an error saying the PDF has no outline", err)
	}
}
