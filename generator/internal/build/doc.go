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
// render.Memo); Session.Last says which.
//
// # Booklet PDFs
//
// The pdf command prints each booklet (booklet/YEAR/) to booklet/YEAR.pdf,
// a file of the plan that a later step makes (plan.Later). A build keeps
// each PDF of the previous output whose mark (render.BookletMark, written
// in the PDF's keywords) is still its booklet's, and links it from the
// pages; a PDF whose booklet changed is dropped, and the pages rendered
// again without the link, so that the site never offers a PDF with other
// figures than its pages. Options.PDFs names the PDFs about to be printed.
//
// # Output folder
//
// The output (Options.Out, by default SITE/public) is replaced on every
// build, so CheckOut refuses a folder that is the site, contains it or
// looks like a site (an OutError: bad usage), and publish refuses a
// folder holding files it did not write.
package build
