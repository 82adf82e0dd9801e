package build

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/plan"
	"github.com/houqin/report/generator/internal/publish"
)

// The booklet PDFs (booklet/YEAR.pdf) are printed by the pdf command, not
// by build. A build keeps each PDF of the previous output that still
// matches its booklet, and links it from the pages; it drops a PDF whose
// booklet changed, so the site never offers a PDF with other figures than
// its pages. A PDF matches when its keywords hold the mark of the booklet
// HTML it was printed from.

// markPrefix starts the mark in a PDF's keywords.
const markPrefix = "houqin-booklet-sha256:"

// BookletMark is the mark of a booklet page, for the PDF printed from it.
// The print date on the cover is left out: a build on a later day keeps a
// PDF whose figures and text are unchanged.
func BookletMark(html []byte) string {
	sum := sha256.Sum256(coverDate.ReplaceAll(html, nil))
	return markPrefix + hex.EncodeToString(sum[:])
}

var coverDate = regexp.MustCompile(`<p class="cover-date">[^<]*</p>`)

var markRe = regexp.MustCompile(regexp.QuoteMeta(markPrefix) + `[0-9a-f]{64}`)

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
		year, err := strconv.Atoi(filepath.Base(name[:len(name)-len(".pdf")]))
		if err != nil {
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
func renderKeepingPDFs(ctx context.Context, opt Options, stream func() (*publish.Writer, error)) ([]model.File, model.ErrorList, *publish.Writer, error) {
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
		// The marks of the booklets rendered, taken as they are written
		// when the files come back without their bytes (Options.Lean).
		var mu sync.Mutex
		marks := map[int]string{}
		if stream != nil {
			abort() // a render again after dropping a PDF starts over
			var err error
			if w, err = stream(); err != nil {
				return nil, nil, nil, err
			}
			opt.emit = func(files ...model.File) {
				for _, f := range files {
					if y, ok := plan.BookletOf(f.Path); ok && prev[y] != nil {
						m := BookletMark(f.Data)
						mu.Lock()
						marks[y] = m
						mu.Unlock()
					}
				}
				w.Add(files...)
			}
		}
		files, problems, err := Render(ctx, opt)
		if err != nil {
			abort()
			return files, problems, nil, err
		}
		stale := false
		for y, pdf := range prev {
			mark, rendered := marks[y]
			if page := fileData(files, plan.Index(plan.Booklet(y))); page != nil {
				mark, rendered = BookletMark(page), true
			}
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
		return files, problems, w, nil
	}
}

func fileData(files []model.File, path string) []byte {
	for _, f := range files {
		if f.Path == path {
			return f.Data
		}
	}
	return nil
}

func sortFiles(files []model.File) {
	slices.SortFunc(files, func(a, b model.File) int { return strings.Compare(a.Path, b.Path) })
}
