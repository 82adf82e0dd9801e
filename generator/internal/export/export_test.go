package export

import (
	"archive/zip"
	"bytes"
	"image"
	"image/color"
	"image/png"
	"io"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/houqin/report/generator/internal/load"
	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/query"
	"github.com/houqin/report/generator/internal/render"
)

// page is a yearly page as render writes it, cut down to what the
// document takes from it.
const page = `<!doctype html><html><body><header class="site-header"><a>网站</a></header><main><div class="wrap">
<header class="page-head"><p class="eyebrow">年度总结</p><h1>2023年后勤工作总结</h1><p class="lead">一年的概况。</p>
<p class="print-links"><a href="../../booklet/2023/">打印版年报</a></p></header>
<section class="section"><h2 class="visually-hidden">主要数据</h2><ul class="cards">
<li class="card"><span class="card-label">维修单</span><span class="card-value"><span class="card-number">1,419</span><small> 次</small></span>
<span class="card-delta delta-up" title="2022年: 373">增加 12.3% <span class="card-tone">向好</span></span></li></ul></section>
<div class="year-body"><nav class="toc"><h2>目录</h2></nav><article class="prose narrative">
<h2 id="a">一、维修</h2>
<p>全年受理 <data class="fig" value="1419">1,419</data> 张,<strong>水道</strong>
最多。</p>
<ul><li>甲 <data class="fig" value="2">2</data> 次</li><li>乙</li></ul>
<figure class="chart" id="chart-a"><figcaption><span class="chart-title">甲图</span><span class="chart-source">来源 data/a.csv</span></figcaption>
<div class="chart-canvas"></div><script type="application/json">{}</script><details class="chart-data"><summary>数据表</summary>
<table><thead><tr><th>工种</th><th>数量</th></tr></thead><tbody><tr><th>水道</th><td class="num">180</td></tr></tbody></table></details></figure>
<figure class="chart" id="chart-b"><figcaption><span class="chart-title">乙图</span><span class="chart-source">来源 data/b.csv</span></figcaption>
<div class="chart-canvas"></div><details class="chart-data"><table><thead><tr><th>月份</th><th>数量</th></tr></thead><tbody><tr><th>1月</th><td class="num">7</td></tr></tbody></table></details></figure>
<h3 id="b">(一)小节</h3>
<div class="data-table"><div class="table-wrap"><table><caption>采购 <span class="muted">2023年</span></caption>
<thead><tr><th>物品</th><th class="num">金额</th></tr></thead><tbody><tr><td>篮球架</td><td class="num">61,200</td></tr></tbody></table></div>
<p class="table-source">来源 data/purchases.csv · 1 行</p></div>
</article></div><nav class="pager"><a>← 2022年</a></nav></div></main><footer><p>页脚</p></footer></body></html>`

// picture is a small PNG, as a chart drawn at 2× would be.
func picture(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	img.Set(1, 1, color.RGBA{R: 200, A: 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var date = time.Date(2024, 1, 15, 0, 0, 0, 0, time.UTC)

// TestDocument converts a page and reads the document's paragraphs with
// their styles: the title, the author under it, the key figures, the
// headings, the figures in the text, one chart as a picture and one as
// its table (the one without a picture), tables with their captions and
// sources, and the signature; nothing of the web page's navigation.
func TestDocument(t *testing.T) {
	data, asTables, err := Document([]byte(page), Options{Date: date, Author: "测试小学 后勤处", Signed: "2023年12月31日",
		Charts: map[string][]byte{"chart-a": picture(t, 1000, 400)}})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(asTables, ",") != "乙图" {
		t.Errorf("charts as tables: %q, want 乙图", asTables)
	}
	got := strings.Join(styledParas(t, data), "\n")
	want := strings.Join([]string{
		"Title|2023年后勤工作总结", "Subtitle|测试小学 后勤处", "|一年的概况。",
		"Caption|表1 主要数据", "TableHeading|指标", "TableHeading|本年度", "TableHeading|较上年",
		"TableText|维修单", "TableText|1,419 次", "TableText|增加 12.3%", "Source|",
		"Heading1|一、维修", "|全年受理 1,419 张,水道 最多。", "|甲 2 次", "|乙",
		"Figure|", "Caption|图1 甲图", "Source|来源 data/a.csv",
		"Caption|表2 乙图", "TableHeading|月份", "TableHeading|数量", "TableText|1月", "TableText|7", "Source|来源 data/b.csv",
		"Heading2|(一)小节",
		"Caption|表3 采购 2023年", "TableHeading|物品", "TableHeading|金额", "TableText|篮球架", "TableText|61,200", "Source|来源 data/purchases.csv · 1 行",
		"|", "Signature|测试小学 后勤处", "Signature|2023年12月31日",
	}, "\n")
	if got != want {
		t.Errorf("paragraphs (style|text):\n%s\nwant:\n%s", got, want)
	}
	media := parts(t, data, "word/media/")
	if len(media) != 1 {
		t.Errorf("pictures %q, want one", media)
	}
	doc := part(t, data, "word/document.xml")
	// 1000 px at 2× is 500 CSS px, 5.21 inches at 96 px an inch; a tenth
	// more, as a page prints, is 5.73 inches: 5238750 EMU.
	if !strings.Contains(doc, `cx="5238750"`) {
		t.Errorf("the picture is not 5.73 inches wide: %s", regexp.MustCompile(`<wp:extent[^>]*>`).FindString(doc))
	}
	if styles := part(t, data, "word/styles.xml"); !strings.Contains(styles, `<w:spacing w:line="560" w:lineRule="exact"/>`) {
		t.Error("the body's fixed 28 pt line spacing of the reference is lost")
	}
	if n, grids := strings.Count(doc, "<w:tbl>"), regexp.MustCompile(`<w:tblGrid>(<w:gridCol w:w="\d+"></w:gridCol>)+</w:tblGrid>`).FindAllString(doc, -1); len(grids) != n {
		t.Errorf("%d of %d tables have their column widths (w:tblGrid)", len(grids), n)
	}
	if !strings.Contains(doc, `w:top="2098"`) || !strings.Contains(doc, "footerReference") {
		t.Errorf("the page setup of the reference document is lost: %s", regexp.MustCompile(`<w:sectPr.*</w:sectPr>`).FindString(doc))
	}
}

// TestReference makes a reference document from an exported one, as the
// docs tell offices to, with another body font: the next export has that
// font, the page number footer, and only its own picture.
func TestReference(t *testing.T) {
	charts := map[string][]byte{"chart-a": picture(t, 800, 400), "chart-b": picture(t, 800, 300)}
	first, _, err := Document([]byte(page), Options{Date: date, Charts: charts})
	if err != nil {
		t.Fatal(err)
	}
	ref := replacePart(t, first, "word/styles.xml", func(s string) string {
		return strings.Replace(s, `w:eastAsia="仿宋_GB2312"`, `w:eastAsia="学校仿宋"`, 1)
	})
	ref = replacePart(t, ref, "word/document.xml", func(s string) string {
		return strings.Replace(s, "</w:sectPr>", `<w:cols w:space="425"/><w:titlePg/></w:sectPr>`, 1)
	})
	out, _, err := Document([]byte(page), Options{Date: date, Reference: ref, Charts: map[string][]byte{"chart-a": picture(t, 800, 400)}})
	if err != nil {
		t.Fatal(err)
	}
	if styles := part(t, out, "word/styles.xml"); !strings.Contains(styles, "学校仿宋") {
		t.Error("the styles of the reference document are not used")
	}
	if doc := part(t, out, "word/document.xml"); !strings.Contains(doc, `<w:cols w:space="425"/><w:titlePg/></w:sectPr></w:body>`) {
		t.Errorf("the section properties of the reference are not the document's: %s", regexp.MustCompile(`<w:sectPr.*</w:sectPr>`).FindString(doc))
	}
	if footer := part(t, out, "word/footer1.xml"); !strings.Contains(footer, "PAGE") || !strings.Contains(footer, "— ") {
		t.Errorf("the footer lacks the page number: %s", footer)
	}
	if media := parts(t, out, "word/media/"); len(media) != 1 {
		t.Errorf("pictures %q, want only the new one", media)
	}
	rels := part(t, out, "word/_rels/document.xml.rels")
	if n := strings.Count(rels, "relationships/image"); n != 1 {
		t.Errorf("%d picture relationships, want 1:\n%s", n, rels)
	}
	if ids := regexp.MustCompile(`Id="(rId\d+)"`).FindAllStringSubmatch(rels, -1); len(ids) != len(uniq(ids)) {
		t.Errorf("relationship ids repeat: %s", rels)
	}
	ct := part(t, out, "[Content_Types].xml")
	for _, m := range regexp.MustCompile(`PartName="/([^"]+)"`).FindAllStringSubmatch(ct, -1) {
		if len(parts(t, out, m[1])) == 0 {
			t.Errorf("[Content_Types].xml names %s, which the document lacks", m[1])
		}
	}
	if _, _, err := Document([]byte(page), Options{Reference: []byte("not a docx")}); err == nil || !strings.Contains(err.Error(), "reference document") {
		t.Errorf("a broken reference gives %v, want an error naming the reference document", err)
	}
}

// TestDocumentIsReproducible writes the same document twice: the same
// bytes; and with another date: other bytes, with that date inside.
func TestDocumentIsReproducible(t *testing.T) {
	opt := Options{Date: date, Charts: map[string][]byte{"chart-a": picture(t, 800, 400)}}
	a, _, err1 := Document([]byte(page), opt)
	b, _, err2 := Document([]byte(page), opt)
	opt.Date = date.AddDate(0, 0, 1)
	c, _, err3 := Document([]byte(page), opt)
	if err1 != nil || err2 != nil || err3 != nil {
		t.Fatal(err1, err2, err3)
	}
	if !bytes.Equal(a, b) {
		t.Error("two documents of the same page and date differ")
	}
	if bytes.Equal(a, c) || !strings.Contains(part(t, c, "docProps/core.xml"), "2024-01-16T00:00:00Z") {
		t.Error("the date is not the document's")
	}
}

// TestWorkbook writes the workbook of a small site and reads its cells.
func TestWorkbook(t *testing.T) {
	site, problems := load.Site(t.Context(), fstest.MapFS{
		"data/site.yaml":       {Data: []byte("title: 年报\nschool: 测试小学\n")},
		"data/repairs.csv":     {Data: []byte("date,trade,item,cost\n2022-03-01,水道,水管,10\n2023-09-01,水道,水管,1250.5\n2023-10-02,电工,灯,20\n")},
		"data/utilities.csv":   {Data: []byte("month,water\n2023-01,100\n2023-02,120\n")},
		"data/inspections.csv": {Data: []byte("date,scope,hazards_found,hazards_fixed\n2022-05-01,全校,10,8\n2023-05-01,全校,10,9\n")},
		"data/incidents.csv":   {Data: []byte("date,kind,severity,description,resolved\n2023-03-14,安全,minor,摔倒,yes\n")},
		"data/projects.yaml":   {Data: []byte("- {id: roof, title: 屋顶防水, category: building, status: done, start: 2023-06, cost: 96000, funding: government}\n")},
	}, load.Options{})
	if site == nil || len(problems.Errors()) > 0 {
		t.Fatal(problems)
	}
	q := query.New(site)
	r, errs := render.New(site, q, render.Options{})
	if len(errs.Errors()) > 0 {
		t.Fatal(errs)
	}
	var p model.Period
	for _, x := range q.Periods() {
		if x.Year == 2023 {
			p = x
		}
	}
	data, err := Workbook(q, r, p, Options{Date: date, Author: "测试小学"})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "指标,维修,隐患排查,安全事件,水电气,项目" {
		t.Errorf("sheets %s", got)
	}
	rows, _ := f.GetRows("指标", excelize.Options{RawCellValue: true})
	table := map[string]string{}
	for _, r := range rows {
		table[r[0]] = strings.Join(r[1:min(6, len(r))], "|")
	}
	for label, want := range map[string]string{
		"指标":    "单位|2023年|2022年|变化|变化率（%）",
		"维修单":   "次|2|1|1|100",
		"隐患整改率": "%（变化为百分点）|90|80|10|",
		"用水":    "m³|220|||",
		"严重事件":  "起|0|||", // no serious incident is news
	} {
		if table[label] != want {
			t.Errorf("指标 %s: %q, want %q", label, table[label], want)
		}
	}
	for sheet, want := range map[string]string{
		"安全事件": "日期,类型,等级,描述,已处理|2023-03-14,安全,轻微,摔倒,是",
		"项目":   "编号,项目,类别,状态,开始,结束,投入（元）,资金来源|roof,屋顶防水,校舍,已完成,2023-06,,96,000,财政拨款",
	} {
		rows, _ := f.GetRows(sheet)
		var got []string
		for _, r := range rows {
			got = append(got, strings.Join(r, ","))
		}
		if strings.Join(got, "|") != want {
			t.Errorf("sheet %s:\n%s\nwant\n%s", sheet, strings.Join(got, "|"), want)
		}
	}
	if layout, err := f.GetPageLayout("维修"); err != nil || layout.Orientation == nil || *layout.Orientation != "landscape" || layout.FitToWidth == nil || *layout.FitToWidth != 1 {
		t.Errorf("维修 does not print landscape, one page wide: %+v %v", layout, err)
	}
	head, _ := f.GetRows("维修")
	if got := strings.Join(head[0], ","); got != "日期,工种,项目,费用（元）" {
		t.Errorf("header of 维修: %s", got)
	}
	if v, _ := f.GetCellValue("维修", "D2", excelize.Options{RawCellValue: true}); v != "1250.5" {
		t.Errorf("维修!D2 = %q, want the number 1250.5", v)
	}
	for cell, want := range map[string]string{"维修!A2": "2023-09-01", "水电气!A3": "2023-02"} {
		sheet, c, _ := strings.Cut(cell, "!")
		shown, _ := f.GetCellValue(sheet, c)
		raw, _ := f.GetCellValue(sheet, c, excelize.Options{RawCellValue: true})
		if shown != want || !regexp.MustCompile(`^\d{5}$`).MatchString(raw) {
			t.Errorf("%s shows %q (raw %q), want %s as a date serial", cell, shown, raw, want)
		}
	}
	again, _ := Workbook(q, r, p, Options{Date: date, Author: "测试小学"})
	if !bytes.Equal(data, again) {
		t.Error("two workbooks of the same site and date differ")
	}
}

// styledParas lists the document's paragraphs as STYLE|TEXT.
func styledParas(t *testing.T, data []byte) []string {
	t.Helper()
	doc := part(t, data, "word/document.xml")
	var out []string
	for _, p := range regexp.MustCompile(`(?s)<w:p>.*?</w:p>|<w:p [^>]*>.*?</w:p>`).FindAllString(doc, -1) {
		style := ""
		if m := regexp.MustCompile(`<w:pStyle w:val="([^"]*)"`).FindStringSubmatch(p); m != nil {
			style = m[1]
		}
		var text strings.Builder
		for _, m := range regexp.MustCompile(`<w:t(?: [^>]*)?>([^<]*)</w:t>`).FindAllStringSubmatch(p, -1) {
			text.WriteString(m[1])
		}
		out = append(out, style+"|"+text.String())
	}
	return out
}

func part(t *testing.T, data []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, _ := f.Open()
			b, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
	}
	t.Fatalf("no %s in the document", name)
	return ""
}

func parts(t *testing.T, data []byte, prefix string) []string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, prefix) {
			names = append(names, f.Name)
		}
	}
	return names
}

func replacePart(t *testing.T, data []byte, name string, edit func(string) string) []byte {
	t.Helper()
	b, err := restamp(data, date, map[string][]byte{name: []byte(edit(part(t, data, name)))})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func uniq(ids [][]string) map[string]bool {
	m := map[string]bool{}
	for _, id := range ids {
		m[id[1]] = true
	}
	return m
}
