// Package build runs the pipeline; it is what the build, check, serve and
// pdf commands share. Build reads, in order:
//
//	load     load.Site reads the site folder (data/, content/, layouts/) into a model.Site
//	query    query.Engine computes the periods, selections and figures, once per table and period
//	plan     plan.New lists the pages and files, with their addresses and sources
//	run      render.Renderer runs the plan's entries: each view drawn with its layout
//	check    check.Begin and Finish report every problem of the site and of its pages
//	publish  publish.Writer swaps the new output in, or throws it away on an error
//
// A site with errors writes nothing: Build returns an error wrapping
// ErrSite, and Result.Problems lists every error and warning, sorted by
// position. The files are handed to publish as they are rendered, so that
// writing overlaps rendering (Options.Lean keeps only the pages being
// written in memory); the output is replaced only once the checks pass.
//
// Render runs the same pipeline in memory and writes nothing (the check
// command, tests). A Session renders the same site again and again, as
// serve does after each save: it reads again only the files that changed
// and re-renders only the plan's entries whose sources changed (see
// Caches); Session.Last says which.
//
// # Caches
//
// A build keeps nothing. A Session keeps one memo (memo.go), the only
// cache of the generator: serve's whole reuse is there, and nowhere
// else. The plan's entries are its unit: an entry reruns when one of its
// sources (plan.Entry.Sources: files of the site, and the groups
// plan.Data, NoticeGroup, YearGroup, NoticeList, PageList) changed, and
// is otherwise taken as it was. Every part of the memo is keyed the same
// way, on a source: a file's path and its bytes (the very slice load
// hands over again while the file is unchanged, or their SHA-256), or a
// group of such files. Each part lives in the package whose work it
// keeps, and is filled and read only through the memo:
//
//	part      type           keeps, by source
//	files     load.Cache     each file's parse (tables, pages, YAML records) and the walk of
//	                         content/, while the file is not in the watcher's list of changes
//	                         (or, with "*", while its bytes are the same)
//	figures   query.Engine   each table's periods, selections and figures, while the table is
//	                         the very one files handed over; query.Reads records which rows an
//	                         entry read, so that a CSV edit reruns only the entries whose rows changed
//	entries   render.Memo    each plan entry's files and problems, under the SHA-256 of its
//	                         sources (and of the rows it read); it decides what reruns
//	findings  check.Memo     each table's and Markdown file's findings, by its bytes, and the
//	                         pages whose links all resolved, while the set of output files is the same
//
// The set of pages is a source only of the entries that show it (the
// sitemap; the notice lists, the home page and the feed show the notices):
// a new notice re-renders its page and those, not the site.
//
// # Files made later
//
// The pdf command prints each booklet (booklet/YEAR/) to booklet/YEAR.pdf,
// and the export command writes a period's submission pack
// (export/YEAR/): files of the plan that a later step makes (plan.Later,
// plan.LaterFiles). Each holds the mark of what it was made from
// (render.Renderer.Mark): a PDF its booklet's (render.BookletMark, in the
// PDF's keywords), a pack its period's (render.Renderer.ExportMark, in
// the document properties of both files). A build keeps the files of the
// previous output whose mark is still their source's, and links them
// from the pages; the files a step made together are kept or dropped
// together. Files whose source changed are dropped, the pages rendered
// again without the links, and Result.Notes says which and what to run
// again, so that the site never offers a file with other figures than
// its pages. The marks leave out the links to the files made later, so
// that printing a PDF keeps a pack and exporting keeps a PDF.
// Options.Make lists the files about to be made.
//
// # Output folder
//
// The output (Options.Out, by default SITE/public) is replaced on every
// build, so CheckOut refuses a folder that is the site, contains it or
// looks like a site (an OutError: bad usage), and publish refuses a
// folder holding files it did not write.
package build
