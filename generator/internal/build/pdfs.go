package build

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/plan"
	"github.com/houqin/report/generator/internal/publish"
	"github.com/houqin/report/generator/internal/render"
)

// The booklet PDFs (booklet/YEAR.pdf) are printed by the pdf command, not
// by build. A build keeps each PDF of the previous output that still
// matches its booklet, and links it from the pages; it drops a PDF whose
// booklet changed, so the site never offers a PDF with other figures than
// its pages. A PDF matches when its keywords hold the mark of the booklet
// it was printed from (render.BookletMark).

var markRe = regexp.MustCompile(regexp.QuoteMeta(render.MarkPrefix) + `[0-9a-f]{64}`)

// pdfMark reads the last mark written into a PDF (the pdf command writes
// its document information as an incremental update at the end).
func pdfMark(pdf []byte) string {
	all := markRe.FindAll(pdf, -1)
	if len(all) == 0 {
		return ""
	}
	return string(all[len(all)-1])
}

// previousPDFs reads the booklet PDFs of the previous output.
func previousPDFs(out string) map[int][]byte {
	found := map[int][]byte{}
	names, _ := filepath.Glob(filepath.Join(out, "booklet", "*.pdf"))
	for _, name := range names {
		rel, err := filepath.Rel(out, name)
		if err != nil {
			continue
		}
		year, ok := plan.BookletPDFOf(filepath.ToSlash(rel))
		if !ok {
			continue
		}
		if data, err := os.ReadFile(name); err == nil {
			found[year] = data
		}
	}
	return found
}

// renderKeepingPDFs renders the site with links to the PDFs that will be
// in the output: those being printed (opt.PDFs) and the previous ones that
// still match their booklet, which it adds to the files.
//
// When stream is set, each render writes its files as they come to a
// writer stream starts, which is returned to be committed; on an error it
// has been aborted already.
//
// It returns the marks of the booklets rendered, by period.
func renderKeepingPDFs(ctx context.Context, opt Options, stream func() (*publish.Writer, error)) ([]model.File, model.ErrorList, map[int]string, *publish.Writer, error) {
	prev := map[int][]byte{}
	if !opt.DryRun {
		prev = previousPDFs(opt.OutDir())
	}
	printing := opt.PDFs // the pdf command is about to write these
	links := maps.Clone(opt.PDFs)
	if links == nil {
		links = map[int]bool{}
	}
	for y := range prev {
		links[y] = true
	}
	var w *publish.Writer
	abort := func() {
		if w != nil {
			_ = w.Abort()
			w = nil
		}
	}
	for {
		opt.PDFs = links
		if stream != nil {
			abort() // a render again after dropping a PDF starts over
			var err error
			if w, err = stream(); err != nil {
				return nil, nil, nil, nil, err
			}
			opt.emit = w.Add
		}
		files, problems, r, err := renderWith(ctx, opt, nil)
		if err != nil {
			abort()
			return files, problems, nil, nil, err
		}
		marks := r.Booklets()
		stale := false
		for y, pdf := range prev {
			mark, rendered := marks[y]
			if !rendered || pdfMark(pdf) != mark {
				delete(prev, y)
				if !printing[y] || !rendered {
					delete(links, y)
					stale = true
				}
			}
		}
		if stale {
			continue // render again without links to the PDFs dropped
		}
		n := len(files)
		for y, pdf := range prev {
			files = append(files, model.File{Path: plan.BookletPDF(y), Data: pdf})
		}
		if w != nil {
			w.Add(files[n:]...)
		}
		sortFiles(files)
		return files, problems, marks, w, nil
	}
}

func sortFiles(files []model.File) {
	slices.SortFunc(files, func(a, b model.File) int { return strings.Compare(a.Path, b.Path) })
}
