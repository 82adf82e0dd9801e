package build

import (
	"github.com/houqin/report/generator/internal/check"
	"github.com/houqin/report/generator/internal/load"
	"github.com/houqin/report/generator/internal/query"
	"github.com/houqin/report/generator/internal/render"
)

// memo is everything a Session keeps between renders, and the one place
// that decides what a render reuses (see "Caches" in doc.go). Each part
// lives in the package whose work it keeps, but all of them are keyed
// the same way: on a source of the plan, that is a site file's path and
// its bytes (the very slice load hands over again while the file is
// unchanged, or its SHA-256), or a group of such files (plan.Data,
// plan.NoticeGroup, ...).
//
// The plan's entries decide what reruns: render reruns an entry whose
// sources changed, and the other parts keep what that rerun would
// compute again from a source that did not change.
type memo struct {
	files    *load.Cache   // each file's parse: tables, pages, YAML records
	figures  *query.Engine // each table's periods, selections and figures
	entries  *render.Memo  // each plan entry's files and problems
	findings *check.Memo   // each file's findings, each page's links
}

func newMemo() *memo {
	return &memo{files: load.NewCache(), entries: render.NewMemo(), findings: check.NewMemo()}
}

// update takes what a render made for the next one; nothing of a render
// that failed, so that the next render reruns what this one could not
// finish.
func (m *memo) update(r *render.Renderer) {
	m.entries = r.Memo()
}
