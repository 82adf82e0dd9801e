// Package render draws the site: it runs the entries of the site's plan
// (package plan), each through its view and layout, and returns the
// output files in memory, with the problems it met drawing them. It
// writes nothing and reads no file of the site: the model (load) holds
// the pages, tables and layouts, and the query engine the figures.
//
// # Views and layouts
//
// New prepares a Renderer: the goldmark instance with the data-reference
// extension ({{< sum repairs >}}, {{< chart ... >}}, {{< table ... >}},
// {{< timeline >}}; see extension.go, reference.go, blocks.go), the
// language (i18n*.go) and the layouts. A layout is a page layout
// (home.html, years.html, year.html, booklet.html, safety.html,
// timeline.html, project.html, notices.html, notice.html, page.html,
// 404.html) executed with the shared files (baseof.html, partials.html,
// and any other .html file of the site's layouts/). A file of the site's
// layouts/ replaces the built-in file of the same name; layouts/assets/
// replaces or adds to the built-in style sheets, scripts and icon.
//
// Render runs the plan: each Page entry is a job (the view named by
// Entry.View, run.go) that builds its view (views.go) and executes its
// layout; the jobs run concurrently, one per processor, and a panic in
// one is an error at its source while the others go on. The files that
// list the pages (the notices' feed, the sitemap) follow, then the
// resources of content/ and the assets, named by a hash of their bytes.
// RenderTo does the same and hands each file to an Output as soon as it
// is made, so that a build writes its files while the others render.
//
// # Writers
//
// Where html/template is too slow for a district's thousands of notices
// and table rows, a writer (writers.go) is registered as the
// implementation of built-in templates and writes the same bytes
// directly. A writer draws a site's pages only while the site keeps those
// templates built in, and TestWritersMatchLayouts holds each writer to
// its templates.
//
// # Reuse
//
// Render given the previous render's Memo (Options.Memo, as serve does;
// NewMemo for the first of a series) reruns only the entries whose sources
// changed: files are compared by their hash, and an entry that reads the
// tables reruns only when the rows it read changed (see query.Reads),
// which a render records whenever it is given a Memo. Everything
// reruns when site.yaml, a layout, the chart runtime or the build date
// changes.
//
// Render draws; it does not judge. The rules of the site are in package
// check; render reports only what stops it from drawing (a reference it
// cannot resolve, a layout that fails).
package render
