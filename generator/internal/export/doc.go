// Package export writes a period's submission pack for the district
// (报送材料): the yearly summary as a Word document and its key figures
// and tables as an Excel workbook. The export command (generator/export.go)
// builds the site with links to the pack (build.Options.Make), then
// calls [Charts], [Document] and [Workbook] and writes their bytes to the
// paths [plan.Export] gives: export/YEAR/summary-YEAR.docx and
// export/YEAR/figures-YEAR.xlsx. No other code names these paths.
//
// # The Word document
//
// [Document] converts the built yearly page (/years/YEAR/index.html), so
// every figure is the one render filled into the page, never computed
// again: the title (style Title) and the school and office under it
// (Subtitle), the lead, the key figures as a table (表1 主要数据), the
// narrative's headings (h2 Heading1, h3 Heading2), paragraphs and lists,
// its tables (captioned 表N, with their source line in style Source), the
// projects of the period as a table, and each chart as a picture
// captioned 图N, or, without a picture, as its data table. The page's
// navigation, table of contents and links are left out. A signature
// (style Signature) ends it: the school and office and the date.
//
// The styles, the page setup and the footer come from the reference
// document: the site's layouts/export/reference.docx, else the built-in
// reference.docx, made by reference_gen.go (go generate) in the layout of
// an official document (GB/T 9704: A4, 37/35/28/26 mm margins, 仿宋_GB2312
// 16 pt body, 方正小标宋简体 22 pt title, 黑体 and 楷体_GB2312 headings,
// "— 1 —" page numbers), naming a fallback for each Chinese font and
// embedding none. The document's body is emptied and written anew with
// github.com/gomutex/godocx; the reference's own body pictures are dropped.
// The reference's word/styles.xml and the section properties at the end
// of its body (w:sectPr) are copied to the output as they are, since the
// library keeps only the attributes it knows (it drops line spacing).
// The styles used are Title, Subtitle, Heading1, Heading2, Heading3,
// Caption, Figure, TableText, TableHeading, Source, Signature, Footer and
// the table style TableGrid; one the reference lacks shows as Normal.
//
// # The charts
//
// [Charts] opens the period's booklet in a headless browser (chrome.Start),
// waits for the charts, draws each again 560 CSS pixels wide, alone on its
// line, and takes it at 2× as PNG, by the id of its figure. The booklet's
// charts are drawn for paper: no animation, and patterns as well as
// colours. The picture is placed a tenth larger than its CSS size, at
// most the text's width and 4 inches high.
//
// # The workbook
//
// [Workbook] writes, with excelize, a sheet 指标 (each key figure of the
// yearly summary and the safety record, render.Renderer.Indicators, asked
// of the query engine for the period and the one before: this year, last
// year, the change and the change in %; rates change in points), then a
// sheet per table named as the contract names it (维修, 隐患排查, …) with
// the period's rows: numbers as numbers, dates and months as date cells,
// severities, yes/no and the projects' words in Chinese, units in the
// headers (金额（元）), the header row frozen and each column as wide as
// its content.
//
// # Reproducible files
//
// Both files are rewritten by restamp: every zip entry is dated
// Options.Date (SOURCE_DATE_EPOCH, else the build time), as are the
// created and modified dates of docProps/core.xml, so two exports of the
// same site with the same SOURCE_DATE_EPOCH are the same bytes.
package export
