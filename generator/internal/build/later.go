package build

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/plan"
	"github.com/houqin/report/generator/internal/publish"
	"github.com/houqin/report/generator/internal/render"
)

// Files made later (plan.Later): the booklet PDFs (booklet/YEAR.pdf) of
// the pdf command and the submission packs (export/YEAR/) of the export
// command are not made by build. Each holds the mark of what it was made
// from (render.Renderer.Mark): a PDF its booklet's, in its keywords; a
// pack's files their period's, in their document properties. A build
// keeps the files of the previous output whose mark is still that of
// their source, and links them from the pages; it drops those whose
// source changed, and says so, so that the site never offers a file with
// other figures than its pages. The files a step makes together (the two
// of a pack) are kept or dropped together.

var markRe = regexp.MustCompile(`houqin-[a-z]+-sha256:[0-9a-f]{64}`)

// fileMark reads the mark written into a file made later: the last one
// of a PDF (the pdf command writes its document information as an
// incremental update at the end), or the one in the properties of a
// Word document or workbook (docProps/core.xml).
func fileMark(data []byte) string {
	if zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data))); err == nil {
		data = nil
		if f, err := zr.Open("docProps/core.xml"); err == nil {
			data, _ = io.ReadAll(io.LimitReader(f, 1<<20))
			_ = f.Close()
		}
	}
	all := markRe.FindAll(data, -1)
	if len(all) == 0 {
		return ""
	}
	return string(all[len(all)-1])
}

// A made is what one step made for one period: the files of
// plan.LaterFiles.
type made struct {
	step string
	year int
}

// previousLater reads the files made later of the previous output, by
// what made them; a set of files with one missing is left out.
func previousLater(out string) map[made][]model.File {
	found := map[made][]model.File{}
	for _, pattern := range []string{"booklet/*.pdf", "export/*/*"} {
		names, _ := filepath.Glob(filepath.Join(out, filepath.FromSlash(pattern)))
		for _, name := range names {
			rel, err := filepath.Rel(out, name)
			if err != nil {
				continue
			}
			path := filepath.ToSlash(rel)
			step, year, ok := plan.LaterOf(path)
			if !ok {
				continue
			}
			if data, err := os.ReadFile(name); err == nil {
				m := made{step, year}
				found[m] = append(found[m], model.File{Path: path, Data: data})
			}
		}
	}
	for m, files := range found {
		if len(files) != len(plan.LaterFiles(m.step, m.year)) {
			delete(found, m)
		}
	}
	return found
}

// madeOf reads the files a later step is about to make (Options.Make)
// as what made them.
func madeOf(files []string) map[made]bool {
	set := map[made]bool{}
	for _, f := range files {
		if step, year, ok := plan.LaterOf(f); ok {
			set[made{step, year}] = true
		}
	}
	return set
}

// laterFiles lists the files the steps of set make, sorted: what the
// pages link (Options.Make of a render).
func laterFiles(set map[made]bool) []string {
	var files []string
	for m := range set {
		files = append(files, plan.LaterFiles(m.step, m.year)...)
	}
	slices.Sort(files)
	return files
}

// dropNote tells that the files m made were dropped, and how to make
// them again.
func dropNote(m made) string {
	y := strconv.Itoa(m.year)
	if m.step == plan.PDFStep {
		return plan.BookletPDF(m.year) + ": " + y + "年的打印版年报改过了，旧的 PDF 已去掉；需要时再运行 houqin pdf --year " + y +
			" (the booklet changed since its PDF was printed, so the PDF was dropped: run houqin pdf --year " + y + " again)"
	}
	return plan.Export(m.year).Dir + ": " + y + "年的台账或文字改过了，报送材料已去掉；请再运行一次 houqin export --year " + y +
		" (the " + y + " data or text changed since the submission pack was exported, so the pack was dropped: run houqin export --year " + y + " again)"
}

// renderKeeping renders the site with links to the files made later
// that will be in the output: those being made (opt.Make) and the
// previous ones that still match their source, which it adds to
// the files.
//
// When stream is set, each render writes its files as they come to a
// writer stream starts, which is returned to be committed; on an error it
// has been aborted already.
//
// It returns the marks of the booklets rendered, by period, the marks of
// the packs being exported, and notes on the files dropped.
func renderKeeping(ctx context.Context, opt Options, stream func() (*publish.Writer, error)) (files []model.File, problems model.ErrorList, r *render.Renderer, notes []string, w *publish.Writer, err error) {
	prev := map[made][]model.File{}
	if !opt.DryRun {
		prev = previousLater(opt.OutDir())
	}
	making := madeOf(opt.Make)  // the pdf or export command is about to write these
	links := maps.Clone(making) // the files the pages link
	for m := range prev {
		links[m] = true
	}
	abort := func() {
		if w != nil {
			_ = w.Abort()
			w = nil
		}
	}
	for {
		opt.Make = laterFiles(links)
		if stream != nil {
			abort() // a render again after dropping files starts over
			if w, err = stream(); err != nil {
				return nil, nil, nil, nil, nil, err
			}
			opt.emit = w.Add
		}
		files, problems, r, err = renderWith(ctx, opt, nil)
		if err != nil {
			abort()
			return files, problems, r, nil, nil, err
		}
		stale := false
		for m, kept := range prev {
			mark := r.Mark(plan.Entry{View: m.step, Year: m.year})
			if mark != "" && !slices.ContainsFunc(kept, func(f model.File) bool { return fileMark(f.Data) != mark }) {
				continue
			}
			delete(prev, m)
			if !making[m] || mark == "" {
				delete(links, m)
				notes = append(notes, dropNote(m))
				stale = true
			}
		}
		if stale {
			continue // render again without links to the files dropped
		}
		n := len(files)
		for _, kept := range prev {
			files = append(files, kept...)
		}
		if w != nil {
			w.Add(files[n:]...)
		}
		sortFiles(files)
		slices.Sort(notes)
		return files, problems, r, notes, w, nil
	}
}

func sortFiles(files []model.File) {
	slices.SortFunc(files, func(a, b model.File) int { return strings.Compare(a.Path, b.Path) })
}
