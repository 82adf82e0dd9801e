package render

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/houqin/report/generator/internal/load"
	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/query"
)

// testSite is a small site: repairs over two calendar years, inspections
// in one, and whatever files a test adds.
func testSite(t *testing.T, extra map[string]string) (*Renderer, *model.Site) {
	t.Helper()
	files := map[string]string{
		"data/site.yaml": "title: 年报\nschool: 测试小学\nbase_url: https://example.edu.cn/hq/\n",
		"data/repairs.csv": "日期,工种,项目,数量,单位,地点,费用\n" +
			"2022-03-01,水道,水管,2,根,A楼,\"1,200\"\n" +
			"2022-04-01,电工,灯具,1,只,B楼,80\n" +
			"2023-03-01,水道,水管,3,根,A楼,300\n" +
			"2023/4/2,水道,龙头,1,只,A楼,\n" +
			"2023年5月3日,电工,灯具,4,只,B楼,40.5\n" +
			"2023-06-01,木工,门锁,2,把,C楼,60\n",
		"data/inspections.csv": "date,scope,hazards_found,hazards_fixed,notes\n" +
			"2023-02-01,全校,10,9,\n2023-09-01,食堂,10,10,\n",
	}
	for k, v := range extra {
		files[k] = v
	}
	fsys := fstest.MapFS{}
	for k, v := range files {
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	site, errs := load.Site(context.Background(), fsys, load.Options{})
	if len(errs.Errors()) > 0 {
		t.Fatalf("test site does not load:\n%v", errs)
	}
	r, errs := New(site, query.New(site), Options{Now: time.Date(2024, 1, 10, 0, 0, 0, 0, time.UTC), ChartRuntime: []byte("/*rt*/"), RuntimeVersion: "0"})
	if len(errs) > 0 {
		t.Fatalf("layouts: %v", errs)
	}
	return r, site
}

// render renders one Markdown snippet as the body of content/years/2023.md
// (body on line 5) for period 2023.
func renderMD(t *testing.T, r *Renderer, md string) (string, model.ErrorList) {
	t.Helper()
	doc, errs := r.Markdown(context.Background(), Source{File: "content/years/2023.md", Dir: "years/2023/", Body: []byte(md), Line: 5}, r.site.Config.PeriodOf(2023))
	return string(doc.HTML), errs
}

func TestFigures(t *testing.T) {
	r, _ := testSite(t, nil)
	tests := []struct {
		md, want string
	}{
		{"{{< count repairs >}}", ">4</data>"},
		{"{{< count repairs trade=水道 >}}", ">2</data>"},
		{"{{< count repairs 工种=水道 >}}", ">2</data>"},
		{"{{< count repairs year=2022 >}}", ">2</data>"},
		{"{{< count repairs period=all >}}", ">6</data>"},
		{"{{< sum repairs quantity >}}", ">10</data>"},
		{"{{< sum repairs cost >}}", ">400.5</data>"},
		{"{{< sum repairs cost year=2022 >}}", ">1,280</data>"},
		{"{{< rate inspections hazards_fixed hazards_found >}}", ">95%</data>"},
		{"{{< rate inspections hazards_fixed hazards_found digits=2 >}}", ">95.00%</data>"},
		{`{{< count repairs location="A楼" >}}`, ">2</data>"},
	}
	for _, tt := range tests {
		t.Run(tt.md, func(t *testing.T) {
			got, errs := renderMD(t, r, tt.md)
			if len(errs) > 0 {
				t.Fatalf("errors: %v", errs)
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("got %s\nwant it to contain %s", got, tt.want)
			}
		})
	}
}

func TestProvenance(t *testing.T) {
	r, _ := testSite(t, nil)
	got, _ := renderMD(t, r, "{{< count repairs trade=水道 >}}")
	want := `<data class="fig" value="2" title="来源 data/repairs.csv · 2023年 · trade=水道 · 2 行" tabindex="0">2</data>` // focusable: a tap or Tab shows the source
	if !strings.Contains(got, want) {
		t.Errorf("got %s\nwant %s", got, want)
	}
}

func TestDeltaWords(t *testing.T) {
	r, _ := testSite(t, nil)
	tests := []struct {
		md, want string
	}{
		{"{{< delta count repairs >}}", "增加 2 次"}, // 2 → 4: a small count changes by a number, not 100%
		{"{{< delta count repairs as=abs >}}", "增加 2 次"},
		{"{{< delta count repairs trade=电工 >}}", "与上年持平"},
		{"{{< delta count repairs trade=木工 >}}", "增加 1 次"}, // previous period had 0: no percentage
		{"{{< delta sum repairs cost >}}", "减少 68.7%"},
		{"{{< delta count inspections >}}", "上一周期无数据，不作比较"},
	}
	for _, tt := range tests {
		t.Run(tt.md, func(t *testing.T) {
			got, errs := renderMD(t, r, tt.md)
			if len(errs) > 0 {
				t.Fatalf("errors: %v", errs)
			}
			if !strings.Contains(got, ">"+tt.want+"</span>") {
				t.Errorf("got %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestDeltaEnglish(t *testing.T) {
	r, _ := testSite(t, map[string]string{"data/site.yaml": "title: R\nschool: S\nlanguage: en\n"})
	for md, want := range map[string]string{
		"{{< delta count repairs >}}":                              "up 2 orders",
		"{{< delta sum repairs cost >}}":                           "down 68.7%",
		"{{< delta count repairs trade=电工 >}}":                     "unchanged",
		"{{< delta count inspections >}}":                          "no data for the previous period",
		"{{< delta count repairs as=abs >}}":                       "up 2 orders",
		"{{< count repairs >}} {{< sum repairs cost year=2022 >}}": ">1,280</data>",
	} {
		got, errs := renderMD(t, r, md)
		if len(errs) > 0 || !strings.Contains(got, want) {
			t.Errorf("%s: got %s (errors %v), want %s", md, got, errs, want)
		}
	}
}

// TestReferenceErrors checks each mistake an author can make in a
// reference gets a message at the right line and column.
func TestReferenceErrors(t *testing.T) {
	r, _ := testSite(t, nil)
	tests := []struct {
		md   string
		want string
	}{
		{"共 {{< cnt repairs >}} 次", `content/years/2023.md:5:6: unknown reference "cnt": use one of count, sum, rate, delta, chart, table, timeline`},
		{"第一行\n\n维修 {{< count repair >}} 次", `content/years/2023.md:7:14: unknown table "repair" (there is no data/repair.csv or .xlsx): use one of inspections, repairs`},
		{"{{< count repairs trades=水道 >}}", `content/years/2023.md:5:19: unknown column "trades" in data/repairs.csv: use one of date, trade, item, quantity, unit, location, cost`},
		{"{{< sum repairs trade >}}", `content/years/2023.md:5:17: column "trade" of data/repairs.csv is not numeric: use one of quantity, cost`},
		{"{{< rate inspections hazards_fixed hazards_found year=2022 >}}", `content/years/2023.md:5:4: zero denominator: hazards_found of data/inspections.csv sums to 0 in period 2022 over 0 rows; a rate needs a denominator above 0`},
		{"{{< chart nope >}}", `content/years/2023.md:5:11: unknown chart "nope"`},
		{"{{< count repairs year=20x3 >}}", `content/years/2023.md:5:19: year="20x3" is not a year: write year=2023`},
		{"{{< count repairs", `content/years/2023.md:5:4: reference is not closed: end it with >}} on the same line`},
		{"见 {{< chart repairs-by-trade >}} 图", `content/years/2023.md:5:6: chart is a block: put {{< chart ... >}} on a line of its own`},
		{"{{< sum repairs >}}", `content/years/2023.md:5:4: sum takes 2 argument(s) before its filters, got 1: write {{< sum TABLE COLUMN [COLUMN=VALUE...] >}}`},
		{`{{< count repairs trade="水道 >}}`, `content/years/2023.md:5:25: unterminated quoted value: close it with "`},
		{"{{< delta rate inspections >}}", `content/years/2023.md:5:4: delta compares a count or a sum`},
	}
	for _, tt := range tests {
		t.Run(tt.md, func(t *testing.T) {
			_, errs := renderMD(t, r, tt.md)
			if len(errs) != 1 {
				t.Fatalf("got %d errors, want 1: %v", len(errs), errs)
			}
			if got := errs[0].Error(); !strings.HasPrefix(got, tt.want) {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestAllErrorsOfAPageAtOnce(t *testing.T) {
	r, _ := testSite(t, nil)
	_, errs := renderMD(t, r, "{{< count nope >}}\n\n{{< sum repairs item >}}\n\n{{< chart x >}}\n")
	if len(errs) != 3 {
		t.Fatalf("got %d errors, want 3: %v", len(errs), errs)
	}
}

func TestRawHTMLEscaped(t *testing.T) {
	r, _ := testSite(t, nil)
	got, _ := renderMD(t, r, "<script>alert(1)</script>\n\n段落 <b onclick=x>粗</b>\n")
	if strings.Contains(got, "<script>") || strings.Contains(got, "<b ") {
		t.Errorf("raw HTML passed through: %s", got)
	}
	if !strings.Contains(got, "&lt;script&gt;alert(1)&lt;/script&gt;") || !strings.Contains(got, "&lt;b onclick=x&gt;") {
		t.Errorf("raw HTML not shown as text: %s", got)
	}
	r, _ = testSite(t, map[string]string{"data/site.yaml": "title: R\nschool: S\nunsafe_html: true\n"})
	got, _ = renderMD(t, r, "段落 <b>粗</b>\n")
	if !strings.Contains(got, "<b>粗</b>") {
		t.Errorf("unsafe_html: true should pass HTML through: %s", got)
	}
}

func TestReferencesInCodeAreText(t *testing.T) {
	r, _ := testSite(t, nil)
	got, errs := renderMD(t, r, "写 `{{< count repairs >}}` 即可\n\n```\n{{< nope >}}\n```\n")
	if len(errs) > 0 {
		t.Fatalf("references inside code must not be evaluated: %v", errs)
	}
	if !strings.Contains(got, "<code>{{&lt; count repairs &gt;}}</code>") {
		t.Errorf("got %s", got)
	}
}

func TestChartBlock(t *testing.T) {
	r, _ := testSite(t, nil)
	got, errs := renderMD(t, r, "前文\n\n{{< chart repairs-by-trade >}}\n\n后文\n")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for _, want := range []string{
		`<figure class="chart" id="chart-repairs-by-trade">`,
		`<div class="chart-canvas" data-chart="chart-repairs-by-trade"`,
		`<script type="application/json" data-option-for="chart-repairs-by-trade">{`,
		`"renderer"`, // not in the option; see below
	} {
		if want == `"renderer"` {
			continue
		}
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in\n%s", want, got)
		}
	}
	// The data table has the same numbers as the chart: 水道 2, 电工 1, 木工 1.
	for _, want := range []string{`<th scope="row">水道</th><td class="num">2</td>`, `<th scope="row">电工</th><td class="num">1</td>`} {
		if !strings.Contains(got, want) {
			t.Errorf("data table lacks %s", want)
		}
	}
	if strings.Contains(got, "<p><figure") {
		t.Error("a block reference must not be wrapped in a paragraph")
	}
}

func TestTableReference(t *testing.T) {
	r, _ := testSite(t, nil)
	got, errs := renderMD(t, r, "{{< table repairs trade=水道 columns=\"date,item,cost\" >}}\n")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for _, want := range []string{`<div class="table-wrap" tabindex="0" role="region" aria-label="维修">`, "<th scope=\"col\">日期</th>", "<th scope=\"col\" class=\"num\">费用（元）</th>", "2023年 · 工种=水道 · 每行 1 次 · 费用单位：元</span></caption>", "<td class=\"date\">2023年3月1日</td><td>水管</td><td class=\"num\">300.0</td>", "<td class=\"date\">2023年4月2日</td><td>龙头</td><td class=\"num\"></td>", "2 行"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in\n%s", want, got)
		}
	}
}

func TestNumberFormat(t *testing.T) {
	l := NewLang("zh-CN")
	for v, want := range map[float64]string{0: "0", 1250: "1,250", 1234567.891: "1,234,567.89", -3: "-3", 12.5: "12.5", 999.999: "1,000"} {
		if got := l.Number(v); got != want {
			t.Errorf("Number(%v) = %s, want %s", v, got, want)
		}
	}
}

func TestPeriodLabels(t *testing.T) {
	cal := model.Config{Period: model.Calendar}
	school := model.Config{Period: model.SchoolYear, PeriodStart: model.MonthDay{Month: 9, Day: 1}}
	zh, en := NewLang("zh-CN"), NewLang("en")
	for _, tt := range []struct {
		l    Lang
		c    model.Config
		want string
	}{
		{zh, cal, "2023年"}, {en, cal, "2023"}, {zh, school, "2023—2024学年"}, {en, school, "2023–24 school year"},
	} {
		if got := tt.l.Period(tt.c.PeriodOf(2023)); got != tt.want {
			t.Errorf("got %s, want %s", got, tt.want)
		}
	}
}
