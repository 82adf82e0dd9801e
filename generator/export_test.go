package main

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"image/png"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/houqin/report/generator/internal/chrome/chrometest"
	"github.com/houqin/report/generator/internal/export"
	"github.com/houqin/report/generator/internal/plan"
)

// noBrowserEnv is pdfEnv with a browser that does not exist, so that the
// export writes the charts as tables whatever this machine has.
func noBrowserEnv(k string) string {
	if k == "HOUQIN_CHROMIUM" {
		return "/nonexistent/chromium"
	}
	return pdfEnv(k)
}

// exported is one export of the example site's 2023 without a browser,
// shared by the tests that read it.
var exported struct {
	once           sync.Once
	out            string
	stdout, stderr string
	err            error
	took           time.Duration
}

func exportExample(t *testing.T) string {
	t.Helper()
	exported.once.Do(func() {
		dir, err := os.MkdirTemp("", "houqin-export-test-")
		if err != nil {
			exported.err = err
			return
		}
		exported.out = filepath.Join(dir, "public")
		var stdout, stderr bytes.Buffer
		start := time.Now()
		exported.err = run(t.Context(), []string{"export", "--site", "..", "--out", exported.out, "--year", "2023"}, noBrowserEnv, &stdout, &stderr)
		exported.took = time.Since(start)
		exported.stdout, exported.stderr = stdout.String(), stderr.String()
	})
	if exported.err != nil {
		t.Fatalf("export: %v\nstdout:\n%s\nstderr:\n%s", exported.err, exported.stdout, exported.stderr)
	}
	return exported.out
}

func TestMain(m *testing.M) {
	code := m.Run()
	if exported.out != "" {
		os.RemoveAll(filepath.Dir(exported.out))
	}
	os.Exit(code)
}

// TestExport exports the example site's 2023 without a browser and reads
// the pack back as a district official would: the Word document's text
// holds the title and every figure of the yearly page, each chart is
// there as its data table, the workbook's indicators are the page's key
// figures, and the pages link both files.
func TestExport(t *testing.T) {
	out := exportExample(t)
	t.Logf("export took %v:\n%s%s", exported.took.Round(time.Millisecond), exported.stdout, exported.stderr)
	if !strings.Contains(exported.stderr, "没有找到可以画图的浏览器") || !strings.Contains(exported.stderr, "chromium") {
		t.Errorf("stderr does not say that the charts are tables and what to install:\n%s", exported.stderr)
	}
	files := plan.Export(2023)
	for _, f := range files.All() {
		if !strings.Contains(exported.stdout, "wrote "+filepath.Join(out, filepath.FromSlash(f))+": ") {
			t.Errorf("stdout lacks the line for %s:\n%s", f, exported.stdout)
		}
	}
	page := read(t, filepath.Join(out, "years", "2023", "index.html"))
	paras := docxText(t, filepath.Join(out, filepath.FromSlash(files.Docx)))
	text := strings.Join(paras, "\n")
	if len(paras) == 0 || paras[0] != "2023年后勤工作总结" {
		t.Errorf("the document does not start with the title: %q", paras[:min(3, len(paras))])
	}
	figs := regexp.MustCompile(`<data class="fig" value="[^"]*"[^>]*>([^<]*)</data>`).FindAllStringSubmatch(page, -1)
	if len(figs) < 20 {
		t.Fatalf("the yearly page has %d figures; want the example's dozens", len(figs))
	}
	// Each paragraph of the narrative, figures filled in, is a paragraph
	// of the document: compare the narrative's paragraphs as text.
	for _, p := range regexp.MustCompile(`(?s)<p>(.*?)</p>`).FindAllStringSubmatch(narrative(page), -1) {
		want := squash(html.UnescapeString(regexp.MustCompile(`<[^>]+>`).ReplaceAllString(p[1], "")))
		if !strings.Contains(squash(text), want) {
			t.Errorf("the document lacks the page's paragraph %q", want)
		}
	}
	for _, f := range figs {
		if !strings.Contains(text, html.UnescapeString(f[1])) {
			t.Errorf("the document lacks the figure %q", f[1])
		}
	}
	charts := regexp.MustCompile(`<span class="chart-title">([^<]*)</span>`).FindAllStringSubmatch(page, -1)
	for i, c := range charts {
		if !regexp.MustCompile(`(?m)^表\d+ ` + regexp.QuoteMeta(html.UnescapeString(c[1])) + `$`).MatchString(text) {
			t.Errorf("chart %d %q is not a captioned table of the document", i+1, c[1])
		}
	}
	for _, link := range []string{files.Docx, files.Xlsx} {
		if !strings.Contains(page, `href="../../`+link+`" download="示例市青禾小学2023年`) {
			t.Errorf("the yearly page does not link %s with a download name", link)
		}
		booklet := read(t, filepath.Join(out, "booklet", "2023", "index.html"))
		if !strings.Contains(booklet, "https://example.edu.cn/houqin/"+link) {
			t.Errorf("the booklet does not print the address of %s", link)
		}
	}
	if other := read(t, filepath.Join(out, "years", "2022", "index.html")); strings.Contains(other, "export/") {
		t.Errorf("the page of 2022, not exported, links an export")
	}
	checkWorkbook(t, filepath.Join(out, filepath.FromSlash(files.Xlsx)), page)
}

// narrative is the yearly page's narrative (<article class="prose narrative">).
func narrative(page string) string {
	_, after, _ := strings.Cut(page, `<article class="prose narrative">`)
	body, _, _ := strings.Cut(after, "</article>")
	return body
}

// checkWorkbook compares the workbook with the page: each key figure of
// the page is the indicator of the same name, and the tables hold the
// period's rows as numbers and dates.
func checkWorkbook(t *testing.T, file, page string) {
	t.Helper()
	f, err := excelize.OpenFile(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if want := []string{"指标", "维修", "隐患排查", "安全演练与教育", "安全事件", "采购", "水电气"}; len(sheets) < len(want) || strings.Join(sheets[:len(want)], ",") != strings.Join(want, ",") {
		t.Errorf("sheets %q, want %q first", sheets, want)
	}
	rows, err := f.GetRows("指标")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 2 || strings.Join(rows[0][:4], ",") != "指标,单位,2023年,2022年" {
		t.Fatalf("the indicators' header is %q", rows[:min(1, len(rows))])
	}
	byLabel := map[string]int{}
	for i, r := range rows {
		byLabel[r[0]] = i + 1
	}
	cards := regexp.MustCompile(`(?s)<span class="card-label">([^<]*)</span>.*?<span class="card-number">([^<]*)</span>.*?class="card-delta[^"]*"(?: title="[^"]*: ([^"]*)")?`).FindAllStringSubmatch(page, -1)
	if len(cards) < 5 {
		t.Fatalf("the page has %d key figures", len(cards))
	}
	for _, c := range cards {
		row, ok := byLabel[c[1]]
		if !ok {
			t.Errorf("no indicator %q in the workbook", c[1])
			continue
		}
		for col, want := range map[string]string{"C": c[2], "D": c[3]} {
			if want == "" {
				continue
			}
			v := cellFloat(t, f, "指标", fmt.Sprintf("%s%d", col, row))
			if got := pageNumber(v, strings.HasSuffix(want, "%")); got != want {
				t.Errorf("%s %s%d = %v (%s), the page shows %s", c[1], col, row, v, got, want)
			}
		}
	}
	repairs, _ := f.GetRows("维修")
	if count := regexp.MustCompile(`受理维修单 <data class="fig" value="(\d+)"`).FindStringSubmatch(page); count == nil || strconv.Itoa(len(repairs)-1) != count[1] {
		t.Errorf("the sheet 维修 has %d rows; the page counts %v", len(repairs)-1, count)
	}
	if typ, _ := f.GetCellType("维修", "A2"); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber && typ != excelize.CellTypeDate {
		t.Errorf("维修!A2 (a date) has cell type %v, want a date serial", typ)
	}
	if v, _ := f.GetCellValue("维修", "A2", excelize.Options{RawCellValue: true}); !regexp.MustCompile(`^4\d{4}$`).MatchString(v) {
		t.Errorf("维修!A2 holds %q, want a date serial number such as 44927", v)
	}
	if v, _ := f.GetCellValue("维修", "A2"); !strings.HasPrefix(v, "2023-") {
		t.Errorf("维修!A2 shows %q, want a 2023 date", v)
	}
	head, _ := f.GetRows("采购")
	if len(head) == 0 || !strings.Contains(strings.Join(head[0], ","), "金额（元）") {
		t.Errorf("the header of 采购 lacks 金额（元）: %q", head[:min(1, len(head))])
	}
	if panes, err := f.GetPanes("采购"); err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("the header row of 采购 is not frozen: %+v %v", panes, err)
	}
	if w, _ := f.GetColWidth("采购", "C"); w < 12 {
		t.Errorf("column C of 采购 (物品) is %v wide", w)
	}
}

func cellFloat(t *testing.T, f *excelize.File, sheet, cell string) float64 {
	t.Helper()
	s, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("%s!%s = %q, not a number", sheet, cell, s)
	}
	return v
}

// pageNumber formats v as the pages do: 313,307 and 95%.
func pageNumber(v float64, percent bool) string {
	if percent {
		return strings.TrimSuffix(strconv.FormatFloat(v, 'f', 1, 64), ".0") + "%"
	}
	s := strconv.FormatFloat(v, 'f', -1, 64)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// TestExportIsReproducible exports twice with the same SOURCE_DATE_EPOCH:
// the files are the same bytes, and dated that time.
func TestExportIsReproducible(t *testing.T) {
	first := exportExample(t)
	out := filepath.Join(t.TempDir(), "public")
	var stdout, stderr bytes.Buffer
	if err := run(t.Context(), []string{"export", "--site", "..", "--out", out, "--year", "2023"}, noBrowserEnv, &stdout, &stderr); err != nil {
		t.Fatalf("export: %v\n%s", err, &stderr)
	}
	for _, f := range plan.Export(2023).All() {
		a, b := read(t, filepath.Join(first, f)), read(t, filepath.Join(out, f))
		if a != b {
			t.Errorf("two exports wrote different %s (%d and %d bytes)", f, len(a), len(b))
		}
		zr, err := zip.NewReader(strings.NewReader(a), int64(len(a)))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range zr.File {
			if !e.Modified.Equal(time.Unix(1705276800, 0)) {
				t.Errorf("%s: %s is dated %v, want SOURCE_DATE_EPOCH", f, e.Name, e.Modified)
				break
			}
		}
		if core := zipPart(t, []byte(a), "docProps/core.xml"); !strings.Contains(core, "2024-01-15T00:00:00Z") {
			t.Errorf("%s: docProps/core.xml lacks the date of SOURCE_DATE_EPOCH:\n%s", f, core)
		}
	}
}

// TestExportCharts exports with the browser: every chart of the yearly
// page is a picture drawn at twice its size, none a table.
func TestExportCharts(t *testing.T) {
	chrometest.Executable(t)
	out := filepath.Join(t.TempDir(), "public")
	var stdout, stderr bytes.Buffer
	start := time.Now()
	if err := run(t.Context(), []string{"export", "--site", "..", "--out", out, "--year", "2023"}, pdfEnv, &stdout, &stderr); err != nil {
		t.Fatalf("export: %v\n%s", err, &stderr)
	}
	t.Logf("export with charts took %v:\n%s%s", time.Since(start).Round(time.Millisecond), &stdout, &stderr)
	if stderr.Len() > 0 {
		t.Errorf("stderr: %s", &stderr)
	}
	page := read(t, filepath.Join(out, "years", "2023", "index.html"))
	charts := strings.Count(page, `<figure class="chart"`)
	data := []byte(read(t, filepath.Join(out, filepath.FromSlash(plan.Export(2023).Docx))))
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	pictures := 0
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "word/media/") {
			continue
		}
		pictures++
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.DecodeConfig(rc)
		rc.Close()
		if err != nil {
			t.Errorf("%s: %v", f.Name, err)
		} else if img.Width < 1000 || img.Width > 1120 || img.Height < 300 {
			t.Errorf("%s is %d×%d, want 1000..1120 wide (a chart of about 540 CSS pixels at 2×) and a chart's height", f.Name, img.Width, img.Height)
		}
	}
	if pictures != charts || charts == 0 {
		t.Errorf("the document has %d pictures; the page has %d charts", pictures, charts)
	}
	if text := strings.Join(docxParas(t, data), "\n"); !strings.Contains(text, fmt.Sprintf("图%d ", charts)) || strings.Contains(text, "表2 各工种维修单数") {
		t.Errorf("the charts are not captioned 图1..图%d", charts)
	}
	// The browser draws the same pictures again: the document is the
	// same bytes.
	again := filepath.Join(t.TempDir(), "public")
	if err := run(t.Context(), []string{"export", "--site", "..", "--out", again, "--year", "2023"}, pdfEnv, &stdout, &stderr); err != nil {
		t.Fatalf("export again: %v\n%s", err, &stderr)
	}
	if read(t, filepath.Join(again, filepath.FromSlash(plan.Export(2023).Docx))) != string(data) {
		t.Error("two exports with the browser wrote different documents")
	}
}

// TestExportLibreOffice opens the Word document with LibreOffice, as an
// office without Word would, converts it to PDF and reads it back.
func TestExportLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		msg := "soffice not found (Debian: apt-get install libreoffice-writer-nogui)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg + "; CI=true makes this a failure")
		}
		t.Skip("skipping: " + msg)
	}
	needPoppler(t)
	docx := filepath.Join(exportExample(t), filepath.FromSlash(plan.Export(2023).Docx))
	dir := t.TempDir()
	start := time.Now()
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.ToSlash(filepath.Join(dir, "profile")), "--headless", "--convert-to", "pdf", "--outdir", dir, docx)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	file := filepath.Join(dir, strings.TrimSuffix(filepath.Base(docx), ".docx")+".pdf")
	pages, _ := strconv.Atoi(field(poppler(t, "pdfinfo", file), "Pages"))
	t.Logf("LibreOffice converted it to %d pages in %v", pages, time.Since(start).Round(time.Millisecond))
	// The example's 2023 is about 16 pages as tables (9 with pictures).
	if pages < 3 || pages > 40 {
		t.Errorf("the PDF has %d pages, want 3..40", pages)
	}
	// Spaces as pdftotext puts them between Chinese and digits do not count.
	text := squash(poppler(t, "pdftotext", "-layout", file, "-"))
	for _, want := range []string{"2023年后勤工作总结", "示例市青禾小学后勤处", "全年共受理维修单419张", "313,307", "—1—", "2023年12月31日"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF's text lacks %q", want)
		}
	}
	if last := fmt.Sprintf("—%d—", pages); !strings.Contains(text, last) {
		t.Errorf("the last page is not numbered %q", last)
	}
}

// TestExportUsage checks the export command's bad usage: no year, and a
// year the site has no period of (exit 2, naming the periods).
func TestExportUsage(t *testing.T) {
	dir := site(t, good)
	runCase(t, []string{"export", "--site", dir}, 2, "", "--year")
	runCase(t, []string{"export", "--site", dir, "--year", "2019"}, 2, "", "it has 2023")
	bad := maps.Clone(good)
	bad["layouts/export/reference.docx"] = "这不是 Word 文档"
	runCase(t, []string{"export", "--site", site(t, bad), "--year", "2023"}, 1, "", "layouts/export/reference.docx:1:1: not a Word document")
}

func read(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// docxText is the text of a Word document, a string per paragraph.
func docxText(t *testing.T, name string) []string {
	t.Helper()
	return docxParas(t, []byte(read(t, name)))
}

func docxParas(t *testing.T, data []byte) []string {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(zipPart(t, data, "word/document.xml")))
	var paras []string
	var cur strings.Builder
	inText := false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			inText = tok.Name.Local == "t"
		case xml.EndElement:
			inText = false
			if tok.Name.Local == "p" {
				paras = append(paras, cur.String())
				cur.Reset()
			}
		case xml.CharData:
			if inText {
				cur.Write(tok)
			}
		}
	}
	return paras
}

func zipPart(t *testing.T, data []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestExportSmallSite exports a small site with its own reference
// document in layouts/export/, then builds it again: the build keeps the
// pack and the links to it while what it was made from is unchanged
// (after an edit of a notice, or of a row of another year), and drops
// them, saying to export again, once a row of the year changes.
func TestExportSmallSite(t *testing.T) {
	files := maps.Clone(good)
	styles := zipPart(t, export.BuiltinReference(), "word/styles.xml")
	ref, err := replaceZipPart(export.BuiltinReference(), "word/styles.xml", strings.Replace(styles, `w:eastAsia="仿宋_GB2312"`, `w:eastAsia="学校仿宋"`, 1))
	if err != nil {
		t.Fatal(err)
	}
	files["layouts/export/reference.docx"] = string(ref)
	files["data/repairs.csv"] = "date,trade,item\n2022-05-01,电工,灯管\n2023-09-01,水道,水管\n"
	files["content/notices/water.md"] = "---\ntitle: 停水通知\ndate: 2023-09-02\ncategory: other\n---\n周六停水。\n"
	dir := site(t, files)
	getenv := func(k string) string {
		if k == "HOUQIN_CHROMIUM" {
			return "/nonexistent/chromium"
		}
		return env(t)(k)
	}
	var stdout, stderr bytes.Buffer
	if err := run(t.Context(), []string{"export", "--site", dir, "--year", "2023"}, getenv, &stdout, &stderr); err != nil {
		t.Fatalf("export: %v\n%s", err, &stderr)
	}
	pack := plan.Export(2023)
	docx := read(t, filepath.Join(dir, "public", filepath.FromSlash(pack.Docx)))
	xlsx := read(t, filepath.Join(dir, "public", filepath.FromSlash(pack.Xlsx)))
	if !strings.Contains(zipPart(t, []byte(docx), "word/styles.xml"), "学校仿宋") {
		t.Error("the export does not use layouts/export/reference.docx")
	}
	if text := strings.Join(docxParas(t, []byte(docx)), "\n"); !strings.Contains(text, "共 1 次。") {
		t.Errorf("the document lacks the narrative with its figure:\n%s", text)
	}
	year := filepath.Join(dir, "public", "years", "2023", "index.html")
	booklet := filepath.Join(dir, "public", "booklet", "2023", "index.html")
	for _, page := range []string{year, booklet} {
		if !strings.Contains(read(t, page), pack.Xlsx) {
			t.Errorf("%s does not link the workbook", page)
		}
	}
	edit := func(name, old, new string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		data := read(t, p)
		if !strings.Contains(data, old) {
			t.Fatalf("%s lacks %q", name, old)
		}
		if err := os.WriteFile(p, []byte(strings.Replace(data, old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	build := func(after string) string {
		t.Helper()
		stdout.Reset()
		stderr.Reset()
		if err := run(t.Context(), []string{"build", "--site", dir}, getenv, &stdout, &stderr); err != nil {
			t.Fatalf("build after %s: %v\n%s", after, err, &stderr)
		}
		return stderr.String()
	}
	for _, step := range []struct{ what, file, old, new string }{
		{"export", "", "", ""},
		{"an edit of a notice", "content/notices/water.md", "周六停水。", "周日停水。"},
		{"an edit of a 2022 row", "data/repairs.csv", "灯管", "灯泡"},
	} {
		if step.file != "" {
			edit(step.file, step.old, step.new)
		}
		if note := build(step.what); strings.Contains(note, "houqin export") {
			t.Errorf("build after %s says: %s", step.what, note)
		}
		for f, want := range map[string]string{pack.Docx: docx, pack.Xlsx: xlsx} {
			if got, err := os.ReadFile(filepath.Join(dir, "public", filepath.FromSlash(f))); err != nil || string(got) != want {
				t.Errorf("build after %s did not keep %s: %v", step.what, f, err)
			}
		}
		for _, page := range []string{year, booklet} {
			if !strings.Contains(read(t, page), pack.Docx) || !strings.Contains(read(t, page), pack.Xlsx) {
				t.Errorf("after build after %s, %s does not link the pack", step.what, page)
			}
		}
	}

	edit("data/repairs.csv", "水管", "水龙头")
	note := build("an edit of a 2023 row")
	if !strings.Contains(note, "2023年的台账或文字改过了") || !strings.Contains(note, "houqin export --year 2023") {
		t.Errorf("the build does not say that the pack was dropped and to export again: %q", note)
	}
	for _, f := range pack.All() {
		if _, err := os.Stat(filepath.Join(dir, "public", filepath.FromSlash(f))); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("build kept %s after its year's data changed: %v", f, err)
		}
	}
	for _, page := range []string{year, booklet} {
		if strings.Contains(read(t, page), "export/") {
			t.Errorf("after the pack was dropped, %s still links it", page)
		}
	}
	if note := build("the pack was dropped"); strings.Contains(note, "houqin export") {
		t.Errorf("a second build says again: %q", note)
	}
}

// replaceZipPart returns the archive data with the part name replaced.
func replaceZipPart(data []byte, name, body string) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		w, err := zw.Create(f.Name)
		if err != nil {
			return nil, err
		}
		if f.Name == name {
			_, err = io.WriteString(w, body)
		} else {
			var rc io.ReadCloser
			if rc, err = f.Open(); err == nil {
				_, err = io.Copy(w, rc)
				rc.Close()
			}
		}
		if err != nil {
			return nil, err
		}
	}
	err = zw.Close()
	return out.Bytes(), err
}
