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
