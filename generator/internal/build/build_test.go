package build

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/houqin/report/generator/internal/echarts"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// exampleSite is the repository root: the example school.
var exampleSite = filepath.Join("..", "..", "..")

var buildTime = time.Date(2024, 1, 15, 8, 0, 0, 0, time.UTC)

// fakeRuntime stands in for the ECharts bundle, so these tests need no npm;
// the browser test uses the real one.
func fakeRuntime(t testing.TB) echarts.Options {
	t.Helper()
	f := filepath.Join(t.TempDir(), "echarts.js")
	if err := os.WriteFile(f, []byte("/* test runtime */"), 0o644); err != nil {
		t.Fatal(err)
	}
	return echarts.Options{File: f}
}

func buildExample(t *testing.T, out string) Result {
	t.Helper()
	res, err := Build(context.Background(), Options{Site: exampleSite, Out: out, Now: buildTime, Charts: fakeRuntime(t)})
	if err != nil {
		t.Fatalf("example site does not build: %v\n%v", err, res.Problems)
	}
	return res
}

// TestExampleGolden compares pages of the example site with testdata/golden.
// Run "go test ./generator/internal/build -run Golden -update" after an
// intended change and review the diff.
func TestExampleGolden(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	buildExample(t, out)
	checkGolden(t, out, []string{"index.html", "years/index.html", "years/2023/index.html", "safety/index.html", "timeline/index.html", "timeline/greening-phase-2-replanting/index.html", "notices/2023-school-gate-traffic/index.html", "sitemap.xml", "404.html"})
}

// checkGolden compares output pages with testdata/golden/PAGE.golden, or
// rewrites those with -update.
func checkGolden(t *testing.T, out string, pages []string) {
	t.Helper()
	for _, page := range pages {
		got, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(page)))
		if err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join("testdata", "golden", filepath.FromSlash(page)+".golden")
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run with -update to create it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s; run with -update and review the diff:\n%s", page, golden, firstDiff(want, got))
		}
	}
}

func firstDiff(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return "line " + strconv.Itoa(i+1) + ":\n- " + al[i] + "\n+ " + bl[i]
		}
	}
	return "lengths differ"
}

// TestExampleFigures checks figures a reader sees against the CSVs.
func TestExampleFigures(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	buildExample(t, out)
	page := readFile(t, filepath.Join(out, "years", "2023", "index.html"))
	for _, want := range []string{
		// 419 repair orders in 2023, 180 of them plumbing, 170 basin pipes.
		`<data class="fig" value="419"`, `<data class="fig" value="180"`, `<data class="fig" value="170"`,
		// 4 inspection rounds, 38 of 40 hazards fixed.
		`title="来源 data/inspections.csv · 2023年 · hazards_fixed / hazards_found · 4 行" tabindex="0">95%</data>`,
		// the purchases table is GB18030 with CRLF: its total still comes through.
		`value="313307"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("/years/2023/ lacks %s", want)
		}
	}
	for _, blank := range []string{"__", "x万元", "x月", "ref-error"} {
		if strings.Contains(page, blank) {
			t.Errorf("/years/2023/ shows a blank or an error: %q", blank)
		}
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSafetyRecord checks the safety record's figures against the CSVs:
// 2023 has 4 inspection rounds finding 40 hazards and fixing 38, 9 drills
// with 9,022 participants, 5 incidents (4 minor, 1 moderate), 1 open.
func TestSafetyRecord(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	buildExample(t, out)
	latest := readFile(t, filepath.Join(out, "safety", "index.html"))
	if y2023 := readFile(t, filepath.Join(out, "safety", "2023", "index.html")); !strings.Contains(y2023, "安全记录 · 2023年") {
		t.Error("/safety/2023/ is not the 2023 record")
	}
	cards := []struct{ label, value, delta string }{
		{"隐患排查", "4", "与上年持平"},
		{"发现隐患", "40", "增加 5.3%"},
		{"已整改隐患", "38", "增加 11.8%"},
		{"整改率", "95%", "提高 5.5 个百分点"},
		{"安全演练", "9", "增加 1 次"}, // 8 → 9: a small count changes by a number
		{"参与人次", "9,022", "增加 1.6%"},
		{"安全事件", "5", "增加 1 起"},
		{"轻微事件", "4", "增加 1 起"},
		{"一般事件", "1", "与上年持平"},
		{"严重事件", "0", "与上年持平"},
		{"未处理事件", "1", "增加 1 起"},
	}
	for _, c := range cards {
		re := regexp.MustCompile(`<span class="card-label">` + regexp.QuoteMeta(c.label) + `</span>\s*<span class="card-value"[^>]*>` +
			`<span class="card-number">` + regexp.QuoteMeta(c.value) + `</span>(<small>[^<]*</small>)?</span>\s*<span class="card-delta[^>]*>` + regexp.QuoteMeta(c.delta) + `( <span class="card-tone">[^<]*</span>)?</span>`)
		if !re.MatchString(latest) {
			t.Errorf("/safety/ lacks the card %s = %s (%s)", c.label, c.value, c.delta)
		}
	}
	for _, want := range []string{
		`id="chart-inspections"`, `id="chart-drills-by-kind"`, `id="chart-incidents-by-month"`,
		`<th scope="col">整改率</th>`, // the rate line's numbers are in the data table too
		`<a href="../safety/2021/">2021年</a>`, `aria-current="page">2023年</a>`,
		"省级平安校园", "历年荣誉",
	} {
		if !strings.Contains(latest, want) {
			t.Errorf("/safety/ lacks %s", want)
		}
	}
	home := readFile(t, filepath.Join(out, "index.html"))
	if !strings.Contains(home, `href="safety/"`) || !strings.Contains(home, "<span class=\"card-label\">整改率</span>") {
		t.Error("the home page lacks the safety figures and their link")
	}
}

// TestTimeline checks the campus improvement pages against projects.yaml:
// 14 projects costing 3,057,017 yuan; 5 completed in 2023 for 388,917.
func TestTimeline(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	buildExample(t, out)
	list := readFile(t, filepath.Join(out, "timeline", "index.html"))
	for _, want := range []string{
		"共 14 个项目。已完成、在建和已批准的项目投入 2,702,017 元。",
		`<h2 class="timeline-period">2024年</h2>`, `<h2 class="timeline-period">2021年</h2>`,
		`<a href="../timeline/status/in_progress/">进行中 <span class="count">1</span></a>`,
		`id="chart-projects-by-funding"`, `id="chart-projects-by-status"`,
		"已进行 6 个月", // building 2 started 2023-07; the test builds on 2024-01-15
	} {
		if !strings.Contains(list, want) {
			t.Errorf("/timeline/ lacks %s", want)
		}
	}
	done := readFile(t, filepath.Join(out, "timeline", "status", "done", "index.html"))
	if strings.Contains(done, "食堂后厨") || !strings.Contains(done, "共 11 个项目") {
		t.Error("/timeline/status/done/ should list the 11 done projects only")
	}
	page := readFile(t, filepath.Join(out, "timeline", "greening-phase-2-replanting", "index.html"))
	if !strings.Contains(page, "<strong>雪松、红枫、合欢</strong>") || !strings.Contains(page, `rel="next"`) {
		t.Error("the project page lacks its Markdown summary or its place in the timeline")
	}
	year := readFile(t, filepath.Join(out, "years", "2023", "index.html"))
	if !strings.Contains(year, "2023年共完成 5 个项目，投入合计 388,917 元。") {
		t.Error("/years/2023/ lacks the period's completed projects and their cost")
	}
}

// TestBooklet checks the printable booklet of 2023: cover, contents, every
// section, charts drawn for paper with their tables, and the appendix.
func TestBooklet(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	buildExample(t, out)
	b := readFile(t, filepath.Join(out, "booklet", "2023", "index.html"))
	for _, want := range []string{
		`<h1 class="cover-title">2023年后勤工作总结</h1>`,
		`<p class="cover-date">数据截至 2023年12月31日</p>`,                    // 2023 is over: the booklet describes it as of its end
		`content: "第 " counter(page) " 页 \2f  共 " counter(pages) " 页";`, // \2f is "/" escaped in CSS
		`@top-left { content: "示例市青禾小学 后勤处"; }`,
		`<body class="kind-booklet" data-charts-eager>`,
	} {
		if !strings.Contains(b, want) {
			t.Errorf("booklet lacks %s", want)
		}
	}
	for _, sec := range []string{"sec-summary", "sec-figures", "sec-charts", "sec-safety", "sec-honors", "sec-appendix"} {
		if !strings.Contains(b, `<span class="toc-page" data-section="`+sec+`"></span>`) || !strings.Contains(b, `id="`+sec+`">`) {
			t.Errorf("booklet lacks section %s or its contents entry", sec)
		}
	}
	// Charts on paper: no animation, patterns on, the table printed open.
	if strings.Contains(b, `"animation":true`) || !strings.Contains(b, `"decal":{"show":true}`) || strings.Contains(b, "<details") {
		t.Error("booklet charts are not set up for print")
	}
	// The narrative's sections are one level below the booklet's.
	if !strings.Contains(b, `<h3 id="一校舍维修与日常保障">`) {
		t.Error("narrative headings were not demoted in the booklet")
	}
	// The appendix sums every table up by month and kind: repairs in a
	// line per month and a total, a column per trade, units in the
	// caption and the headings, money with one decimal.
	table := appendixTable(t, b, "维修")
	if n := strings.Count(table, "<tr>") - 1; n != 13 {
		t.Errorf("appendix repairs summary has %d rows, want 12 months and a total", n)
	}
	for _, want := range []string{
		`2023年 · 按月份、工种汇总 · 次数单位：次 · 费用单位：元</span></caption>`,
		`<th scope="col" class="num">水道（次）</th>`,
		`<th scope="col" class="num">费用（元）</th>`,
		`<tr><td class="date">合计</td><td class="num">180</td><td class="num">98</td><td class="num">92</td><td class="num">27</td><td class="num">22</td><td class="num">419</td><td class="num">211,048.0</td></tr>`,
	} {
		if !strings.Contains(table, want) {
			t.Errorf("appendix repairs summary lacks %s:\n%s", want, table)
		}
	}
	purchases := appendixTable(t, b, "采购")
	if !strings.Contains(purchases, `<th scope="col" class="num">教学设备（元）</th>`) || !strings.Contains(purchases, `<td class="num">313,307.0</td></tr>`) {
		t.Errorf("appendix purchases summary lacks amounts by category in 元 with one decimal:\n%s", purchases)
	}
	if !strings.Contains(b, `<h2>附录：本年度记录汇总</h2>`) {
		t.Error("the appendix is not titled as a summary")
	}
	year := readFile(t, filepath.Join(out, "years", "2023", "index.html"))
	if !strings.Contains(year, `<a href="../../booklet/2023/">打印版年报</a>`) {
		t.Error("/years/2023/ does not link its booklet")
	}
}

// appendixTable returns the table of the booklet's appendix whose caption
// starts with title.
func appendixTable(t *testing.T, booklet, title string) string {
	t.Helper()
	app := booklet[strings.Index(booklet, `id="sec-appendix"`):]
	i := strings.Index(app, `<caption>`+title+` `)
	if i < 0 {
		t.Fatalf("appendix lacks the %s table", title)
	}
	table := app[i:]
	return table[:strings.Index(table, "</table>")]
}

// TestBookletLedgerFull: with booklet: {ledger: full} in site.yaml the
// appendix prints every repair order of 2023, 419 rows.
func TestBookletLedgerFull(t *testing.T) {
	site := copySite(t)
	edit(t, site, "data/site.yaml", "title:", "booklet: {ledger: full}\ntitle:")
	out := filepath.Join(t.TempDir(), "public")
	if res, err := Build(context.Background(), Options{Site: site, Out: out, Now: buildTime, Charts: fakeRuntime(t)}); err != nil {
		t.Fatalf("%v\n%v", err, res.Problems)
	}
	b := readFile(t, filepath.Join(out, "booklet", "2023", "index.html"))
	table := appendixTable(t, b, "维修")
	if n := strings.Count(table, "<tr>") - 1; n != 419 {
		t.Errorf("appendix repairs ledger has %d rows, want 419", n)
	}
	if !strings.Contains(table, `2023年 · 每行 1 次 · 费用单位：元</span></caption>`) || !strings.Contains(b, `<h2>附录：本年度记录明细</h2>`) {
		t.Errorf("the full ledger lacks its title or units:\n%s", table[:min(len(table), 600)])
	}
}

// TestDeterministic builds twice and compares every byte.
func TestDeterministic(t *testing.T) {
	a := buildExample(t, filepath.Join(t.TempDir(), "a"))
	b := buildExample(t, filepath.Join(t.TempDir(), "b"))
	if len(a.Files) != len(b.Files) {
		t.Fatalf("%d files, then %d", len(a.Files), len(b.Files))
	}
	for i := range a.Files {
		if a.Files[i].Path != b.Files[i].Path || !bytes.Equal(a.Files[i].Data, b.Files[i].Data) {
			t.Errorf("%s differs between two builds", a.Files[i].Path)
		}
	}
}

// TestLean: a lean build writes the same output, and its result lists the
// same files, without their bytes.
func TestLean(t *testing.T) {
	full := buildExample(t, filepath.Join(t.TempDir(), "full"))
	out := filepath.Join(t.TempDir(), "lean")
	lean, err := Build(context.Background(), Options{Site: exampleSite, Out: out, Now: buildTime, Charts: fakeRuntime(t), Lean: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(lean.Files) != len(full.Files) || lean.Pages != full.Pages {
		t.Fatalf("lean build: %d files, %d pages; full: %d, %d", len(lean.Files), lean.Pages, len(full.Files), full.Pages)
	}
	for i, f := range full.Files {
		if lean.Files[i].Path != f.Path {
			t.Fatalf("file %d: %s, full build %s", i, lean.Files[i].Path, f.Path)
		}
		if lean.Files[i].Data != nil {
			t.Errorf("%s: a lean build keeps the bytes", f.Path)
		}
		if got := readFile(t, filepath.Join(out, filepath.FromSlash(f.Path))); got != string(f.Data) {
			t.Errorf("%s: a lean build writes other bytes", f.Path)
		}
	}
}

// fetching finds what makes a browser fetch: src, href of link elements,
// url() in CSS, and srcset.
var fetching = regexp.MustCompile(`(?i)(?:\bsrc|\bsrcset|<link[^>]*\bhref|\bdata-runtime)\s*=\s*["']?([^"'\s>]+)|url\(\s*["']?([^"')]+)`)

// TestNoOtherHost scans every output file: nothing is fetched from another host.
func TestNoOtherHost(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	res := buildExample(t, out)
	for _, f := range res.Files {
		if !strings.HasSuffix(f.Path, ".html") && !strings.HasSuffix(f.Path, ".css") && !strings.HasSuffix(f.Path, ".js") {
			continue
		}
		for _, m := range fetching.FindAllStringSubmatch(string(f.Data), -1) {
			u := m[1] + m[2]
			if strings.Contains(u, "//") && !strings.HasPrefix(u, "https://example.edu.cn/houqin/") {
				t.Errorf("%s fetches %s from another host", f.Path, u)
			}
		}
		if bytes.Contains(f.Data, []byte("@import")) {
			t.Errorf("%s imports a stylesheet", f.Path)
		}
	}
}

// writeSite writes files (site-relative paths) into a new folder.
func writeSite(t *testing.T, files map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func gb18030(t *testing.T, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestExcelCSV builds a site whose CSV is what Excel writes for Chinese:
// GB18030, CRLF, Chinese headers, quoted thousands.
func TestExcelCSV(t *testing.T) {
	site := writeSite(t, map[string][]byte{
		"data/site.yaml": []byte("title: 年报\nschool: 测试小学\n"),
		"data/purchases.csv": gb18030(t, "日期,类别,物品,数量,金额,采购方式,供应商\r\n"+
			"2023/9/1,办公用品,打印纸,20,\"1,250.50\",询价,文具店\r\n"+
			"2023年10月8日,体育器材,篮球架,9,\"36,000\",政府采购,\"器材公司, 有限\"\r\n"),
		"content/years/2023.md": []byte("---\ntitle: 2023年总结\nyear: 2023\n---\n采购 {{< sum purchases amount >}} 元，体育器材 {{< sum purchases amount 类别=体育器材 >}} 元。\n"),
	})
	out := filepath.Join(t.TempDir(), "out")
	res, err := Build(context.Background(), Options{Site: site, Out: out, Now: buildTime, Charts: fakeRuntime(t)})
	if err != nil {
		t.Fatalf("%v\n%v", err, res.Problems)
	}
	page := readFile(t, filepath.Join(out, "years", "2023", "index.html"))
	for _, want := range []string{">37,250.5</data> 元", ">36,000</data> 元", "各类别采购金额"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "years", "2023", "index.html")); err != nil {
		t.Error(err)
	}
}

// TestFailedBuildKeepsOutput: a broken site reports every error with its
// position and leaves the previous output as it was.
func TestFailedBuildKeepsOutput(t *testing.T) {
	files := map[string][]byte{
		"data/site.yaml":        []byte("title: 年报\nschool: 测试小学\n"),
		"data/repairs.csv":      []byte("date,trade,item\n2023-09-01,水道,水管\n"),
		"content/years/2023.md": []byte("---\ntitle: 总结\nyear: 2023\n---\n共 {{< count repairs >}} 次\n"),
	}
	site := writeSite(t, files)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Site: site, Out: out, Now: buildTime, Charts: fakeRuntime(t)}); err != nil {
		t.Fatal(err)
	}
	before := readFile(t, filepath.Join(out, "years", "2023", "index.html"))

	broken := map[string][]byte{
		"data/repairs.csv":      []byte("date,trade,item,cost\n2023-13-01,水道,水管,12吨\n"),
		"content/years/2023.md": []byte("---\ntitle: 总结\nyear: 2022\n---\n共 {{< count repairs trade=x >}} 次，{{< sum repairs price >}}\n"),
	}
	for name, data := range broken {
		if err := os.WriteFile(filepath.Join(site, filepath.FromSlash(name)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := Build(context.Background(), Options{Site: site, Out: out, Now: buildTime, Charts: fakeRuntime(t)})
	if !errors.Is(err, ErrSite) {
		t.Fatalf("got %v, want ErrSite", err)
	}
	want := []string{
		`content/years/2023.md:3:7: year 2022 does not match the file name`,
		`data/repairs.csv:2:1: "2023-13-01" is not a date`,
		`data/repairs.csv:2:18: "12吨" is not a number`,
	}
	got := res.Problems.Error()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("problems lack %q:\n%s", w, got)
		}
	}
	if after := readFile(t, filepath.Join(out, "years", "2023", "index.html")); after != before {
		t.Error("a failed build changed the previous output")
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("a failed build left files beside the output: %v", entries)
	}
}

func TestRefusesDangerousOut(t *testing.T) {
	site := writeSite(t, map[string][]byte{"data/site.yaml": []byte("title: a\nschool: b\n")})
	other := writeSite(t, map[string][]byte{"content/keep.md": []byte("---\ntitle: keep\n---\n")})
	for _, out := range []string{site, filepath.Dir(site), other} {
		_, err := Build(context.Background(), Options{Site: site, Out: out, Now: buildTime, Charts: fakeRuntime(t)})
		if err == nil {
			t.Errorf("--out %s was accepted", out)
		}
	}
	if _, err := os.Stat(filepath.Join(other, "content", "keep.md")); err != nil {
		t.Errorf("a refused --out lost a file: %v", err)
	}
}

// TestMissingTables: a site with one table gets its pages and charts and
// no broken page for the tables it lacks.
func TestMissingTables(t *testing.T) {
	site := writeSite(t, map[string][]byte{
		"data/site.yaml":       []byte("title: 年报\nschool: 测试小学\n"),
		"data/drills.csv":      []byte("date,kind,participants\n2023-03-01,消防疏散,\"1,200\"\n"),
		"content/about.md":     []byte("---\ntitle: 关于\n---\n全部演练 {{< count drills period=all >}} 次。\n\n![平面图](../img/plan.png)\n"),
		"content/img/plan.png": []byte("\x89PNG\r\n"),
	})
	out := filepath.Join(t.TempDir(), "public")
	res, err := Build(context.Background(), Options{Site: site, Out: out, Now: buildTime, Charts: fakeRuntime(t)})
	if err != nil {
		t.Fatalf("%v\n%v", err, res.Problems)
	}
	year := readFile(t, filepath.Join(out, "years", "2023", "index.html"))
	if !strings.Contains(year, `id="chart-drills-by-kind"`) || strings.Contains(year, "chart-repairs") {
		t.Error("the yearly page should show the drills chart and no repairs chart")
	}
	if !strings.Contains(readFile(t, filepath.Join(out, "about", "index.html")), `value="1"`) {
		t.Error("about page lacks its figure")
	}
	if got := readFile(t, filepath.Join(out, "img", "plan.png")); got != "\x89PNG\r\n" {
		t.Errorf("content/img/plan.png was not copied to img/plan.png: %q", got)
	}
}
