package serve

import (
	"context"

	"github.com/houqin/report/generator/internal/build"
	"github.com/houqin/report/generator/internal/model"
)

// Renderer renders a site in memory. It is what the server calls after
// each batch of changes.
type Renderer interface {
	// Render returns every output file of the site, with the warnings.
	// changed lists the site-relative, slash-separated paths of the inputs
	// that changed since the previous call, sorted: nil on the first call,
	// and a list holding "*" when the watcher lost track, so that nothing
	// may be assumed unchanged. An implementation may use changed to
	// re-render only the pages that depend on those inputs, but it returns
	// the complete site, never a part of it.
	//
	// When the site has errors Render returns no files, the problems
	// (errors and warnings, sorted) and a non-nil error; an error with no
	// problems is a failure that is not the site's (the chart runtime
	// cannot be found, the context was cancelled).
	Render(ctx context.Context, changed []string) ([]model.File, model.ErrorList, error)
}

// FullRenderer renders the whole site with build.Render on every call,
// whatever changed. The example school's site takes about 80 ms.
//
// An incremental renderer, which keeps the loaded site and re-renders only
// the pages that depend on the changed inputs (a notice and the lists that
// show it, the pages that use a table), can replace it without any change
// to the server: the server compares the files it gets with the previous
// build's and reloads only the tabs whose page changed.
type FullRenderer struct {
	Options build.Options
}

// Render implements Renderer.
func (r FullRenderer) Render(ctx context.Context, changed []string) ([]model.File, model.ErrorList, error) {
	return build.Render(ctx, r.Options)
}

// SessionRenderer re-renders only what a change affects: it keeps a
// build.Session, which reads again only the files the watcher reports
// changed and re-renders only the pages whose inputs (by content) changed.
// When the watcher lost track it reads everything again.
type SessionRenderer struct {
	Session *build.Session
}

// Render implements Renderer.
func (r SessionRenderer) Render(ctx context.Context, changed []string) ([]model.File, model.ErrorList, error) {
	return r.Session.Render(ctx, changed)
}
