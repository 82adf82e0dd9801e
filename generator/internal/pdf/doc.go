// Package pdf prints a period's booklet page to a PDF with headless
// Chromium, through the DevTools protocol (chromedp). The pdf command
// uses it; package chrome finds and starts the browser.
//
//	srv, err := pdf.Serve("public")          // the built site, on 127.0.0.1
//	...
//	defer srv.Close()
//	browser, stop, err := chrome.Start(ctx, exe)
//	...
//	defer stop()
//	doc, err := pdf.Print(ctx, browser, srv.URL+"/booklet/2023/", pdf.Options{Date: buildTime})
//	// doc.PDF, doc.Pages, doc.Sections (with their pages), doc.Problems
//
// # What the page must be
//
// Print expects the booklet page the render package writes to
// booklet/YEAR/index.html:
//
//   - <html data-booklet>; <body data-charts-eager>, so that charts draw
//     without scrolling. Every .chart-canvas gets data-rendered="true"
//     once drawn. Print waits for all of them and for document.fonts.ready,
//     at most Options.ChartTimeout (30 s); the error names the charts that
//     did not draw.
//   - Sections <section class="booklet-section" id="sec-…">, each starting
//     with an <h2>, and a table of contents <nav class="booklet-toc"> with
//     <span class="toc-page" data-section="sec-…"></span> for the page
//     numbers, which Print fills in.
//   - Page size, margins and the running header and footer ("第 N 页 / 共
//     M 页") in CSS @page rules with margin boxes (counter(page),
//     counter(pages)); Print uses the CSS page size (preferCSSPageSize)
//     and no header or footer of Chromium's own.
//   - <title> becomes the PDF's Title, <meta name="author"> its Author,
//     unless Options says otherwise.
//   - Everything loads from the page's own server: requests to other hosts,
//     failed requests and console errors are returned as Document.Problems.
//
// While the charts draw, the tab has the width of an A4 page (794 CSS
// pixels) and the print media type, so charts are drawn for the width
// they are printed at and print-only styles apply.
//
// # Page numbers in the table of contents
//
// Chromium has no CSS target-counter(), so the numbers are computed:
// Print prints with a document outline (bookmarks, one per heading; the
// generateDocumentOutline parameter of Page.printToPDF), reads the
// outline with pdfcpu, finds each section's <h2> in it by its text, in
// document order, writes the pages into the .toc-page spans and prints
// again. When the numbers the TOC shows are the pages the sections are
// printed on, that print is the result; usually the second. After three
// fillings that did not settle, Print fails. A PDF without an outline
// (Chromium before 125) is an error: there is no fallback.
//
// # The PDF
//
// Chromium 156 writes a tagged PDF with the outline, A4 pages, and text
// as text: the Noto CJK fonts (Debian: fonts-noto-cjk) are CFF-based, and
// Skia embeds them as Type 3 fonts with a ToUnicode map, so the Chinese
// text is searchable and extracts correctly (pdftotext), though it is
// not hinted. Without fonts-noto-cjk Chinese prints in whatever font
// fontconfig finds, or as boxes.
//
// [SetInfo] then replaces the document information (Title, Author and
// the dates) with an incremental update appended to Chromium's bytes; see
// its doc. With Options.Date set (the pdf command passes the build time,
// SOURCE_DATE_EPOCH when set), two prints of the same page are byte for
// byte the same: Chromium 156 writes no /ID and no random bytes, only its
// print time, which SetInfo overwrites. The superseded information object
// stays in the file (with the new dates), as incremental updates do.
//
// pdfcpu is used only to read (the outline, the page count, the
// information dictionary), with a configuration made here, so that it
// writes no configuration folder into the user's home.
package pdf
