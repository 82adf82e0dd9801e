// Package plan is the site's pages as data: the address of every page
// and file the generator makes, and for each part of the site (an
// Entry) its address, its sources, its layout and the view that makes
// it.
//
// # Addresses
//
// Every page is a folder holding an index.html, and an address is that
// folder relative to the site root, with a trailing slash:
//
//	""                         the home page (content/_index.md)
//	years/  years/YEAR/        the yearly summaries (content/years/YEAR.md)
//	booklet/YEAR/              a period's booklet, printed to booklet/YEAR.pdf
//	safety/  safety/YEAR/      the safety record
//	timeline/  timeline/ID/    the projects (data/projects.yaml)
//	timeline/category/C/  timeline/status/S/
//	notices/  notices/SLUG/  notices/category/C/  notices/feed.xml
//	SLUG/                      any other page of content/
//	404.html  sitemap.xml
//	assets/NAME.HASH.EXT        style sheets, scripts, the icon (Asset)
//	export/YEAR/summary-YEAR.docx  export/YEAR/figures-YEAR.xlsx   a period's submission pack (Export)
//
// The functions of addresses.go are the only place these are spelled:
// render, check and build ask them (Year, Notice, Of, Shows, BookletOf).
// URLs makes the links: relative between pages (Root), absolute from
// base_url (Abs) for the feed, the sitemap and canonical links.
//
// # The plan
//
// New lists the entries of a site: one per page, or per group of pages
// made together, with the sources it is made from (files, and the groups
// Data, NoticeGroup, YearGroup, NoticeList and PageList). Render runs the
// Page and File entries, calling the view registered under each entry's
// View, and serve reruns an entry only when its sources changed. Later
// entries are files a later step makes: the booklet PDFs of the pdf
// command and the submission packs of the export command (LaterFiles
// lists what a step makes for a period, LaterOf reads a path back). Make
// records that the output will hold one (its step made it or is about
// to, or a build keeps it because its source is unchanged: see package
// build), so that the pages link it; a new output format lists its files
// in New and LaterFiles the same way.
//
// # Following a page
//
// A notice, content/notices/water.md, from the command to its file:
//
//	generator/main.go      run -> runBuild (build.go) -> build.Build
//	build/build.go         renderWith: load.Site reads the file into a model.Page;
//	                       query.Engine; plan.New makes the entry "notice:content/notices/water.md",
//	                       View "notice", Layout "notice.html", Dir Notice("water") = "notices/water/",
//	                       Sources: the file (and Data if it refers to a table)
//	render/run.go          Render runs the entry as a job; view calls builder.notice
//	render/notices.go      notice: the Markdown, the NoticeView, then the writer "notices"
//	                       (fastnotice.go) or the layout notice.html
//	check/                 the site's rules, and the page's links
//	publish/publish.go     Writer.Add writes notices/water/index.html into the new output,
//	                       Commit swaps it in
//
// In serve, an edit of the file reruns the entries whose Sources name it:
// the notice, and the lists and the home page if what they show of it
// changed (NoticeList).
//
// The package imports only model.
package plan
