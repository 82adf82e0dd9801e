package build

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/houqin/report/generator/internal/check"
	"github.com/houqin/report/generator/internal/echarts"
	"github.com/houqin/report/generator/internal/load"
	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/plan"
	"github.com/houqin/report/generator/internal/publish"
	"github.com/houqin/report/generator/internal/query"
	"github.com/houqin/report/generator/internal/render"
)

// Options says what to build and where.
type Options struct {
	Site   string    // the site folder
	Out    string    // the output folder; default Site/public
	Now    time.Time // the build time; decides expired notices
	Drafts bool      // include draft pages
	// Charts says where the ECharts runtime comes from.
	Charts echarts.Options
	// DryRun renders in memory and writes nothing.
	DryRun bool
	// Make lists files of the plan that a later step is about to make
	// (plan.Later): the booklet PDFs the pdf command prints
	// (plan.BookletPDF), the submission packs the export command writes
	// (plan.Export). The pages link them already. A build without them
	// keeps such files of the previous output only while their source is
	// unchanged (see later.go).
	Make []string
	// Lean leaves the bytes of the files written out of Result.Files: they
	// are in Out. The build then holds in memory only the pages being
	// written, not its whole output. (DryRun keeps them.)
	Lean bool

	emit    func(...model.File) // receives the files as they are rendered
	changed []string            // see Session.Render
}

// Result is what a build produced.
type Result struct {
	Files    []model.File
	Problems model.ErrorList // errors and warnings, sorted
	Stats    publish.Stats
	Pages    int
	// Booklets are the marks of the booklets, by period: the pdf command
	// writes a booklet's into the PDF it prints (see render.BookletMark).
	Booklets map[int]string
	// Exports are the marks of the submission packs being exported
	// (in Options.Make), by period: the export command writes a pack's
	// into its files (see render.Renderer.ExportMark).
	Exports map[int]string
	// Notes tell of the files made later that the build dropped, their
	// source having changed, and how to make them again.
	Notes []string
}

// ErrSite is returned (wrapped around the problems) when the site has errors.
var ErrSite = errors.New("the site has errors")

// Build loads, renders and publishes a site. When the site has errors
// nothing is written and the error wraps ErrSite; Result.Problems lists them.
func Build(ctx context.Context, opt Options) (Result, error) {
	var res Result
	if opt.Out == "" {
		opt.Out = filepath.Join(opt.Site, "public")
	}
	if err := checkOut(opt.Site, opt.Out); err != nil && !opt.DryRun {
		return res, err
	}
	var stream func() (*publish.Writer, error)
	if !opt.DryRun {
		// Files are written to a temporary folder while the pages render;
		// the folder replaces the output only if the site has no errors.
		stream = func() (*publish.Writer, error) { return publish.Begin(ctx, opt.Out) }
	}
	files, problems, r, notes, w, err := renderKeeping(ctx, opt, stream)
	res.Files, res.Problems, res.Notes = files, problems, notes
	if err != nil {
		return res, refused(err)
	}
	res.Booklets = r.Booklets()
	for _, f := range opt.Make {
		if step, y, ok := plan.LaterOf(f); ok && step == plan.ExportStep {
			if res.Exports == nil {
				res.Exports = map[int]string{}
			}
			res.Exports[y] = r.ExportMark(y)
		}
	}
	for _, f := range files {
		if strings.HasSuffix(f.Path, "index.html") {
			res.Pages++
		}
	}
	if w == nil {
		return res, nil
	}
	res.Stats, err = w.Commit()
	return res, refused(err)
}

// refused turns publish's refusal to replace a folder it did not write
// into an OutError: a wrong --out is bad usage.
func refused(err error) error {
	var re *publish.RefusedError
	if errors.As(err, &re) {
		return &OutError{re.Error()}
	}
	return err
}

// Render runs the pipeline in memory, without writing anything.
func Render(ctx context.Context, opt Options) ([]model.File, model.ErrorList, error) {
	files, problems, _, err := renderWith(ctx, opt, nil)
	return files, problems, err
}

// Session renders the same site again and again, as serve does after each
// change: every render reuses the pages of the previous one whose inputs
// did not change (see Caches in doc.go).
type Session struct {
	opt  Options
	memo *memo // what the last render made, by source (see memo.go)
	// Last says how much the last render redid.
	Last render.Stats
}

// NewSession prepares repeated renders of the site opt names.
func NewSession(opt Options) *Session {
	return &Session{opt: opt, memo: newMemo()}
}

// Render renders the site in memory, like Render, reusing what it can.
// changed lists the files (site-relative, slash-separated) that changed
// since the previous render, as a file watcher reports them: the others
// are not even read again. nil, or a list holding "*", means that
// anything may have changed: every file is read, and what is reused is
// decided by content.
func (s *Session) Render(ctx context.Context, changed []string) ([]model.File, model.ErrorList, error) {
	opt := s.opt
	opt.changed = changed
	files, problems, r, err := renderWith(ctx, opt, s.memo)
	if r != nil && err == nil {
		s.memo.update(r)
		s.Last = r.Stats()
	}
	return files, problems, err
}

// renderWith runs the pipeline, reusing what a session's memo m (if any)
// kept of its previous render.
func renderWith(ctx context.Context, opt Options, m *memo) (files []model.File, problems model.ErrorList, r *render.Renderer, err error) {
	defer func() {
		// A bug of the generator anywhere in the pipeline is one more
		// problem of the run, not the end of serve.
		if p := model.Recovered(recover()); p != nil {
			problems = append(problems, p.Positioned(model.Pos{File: "data/site.yaml"}, "building the site"))
			problems.Sort()
			files, err = nil, ErrSite
		}
	}()
	var (
		entries  *render.Memo
		cache    *load.Cache
		findings *check.Memo
		prev     *query.Engine
	)
	if m != nil {
		entries, cache, findings, prev = m.entries, m.files, m.findings, m.figures
	}
	// load: the site folder into the model.
	site, problems := load.Site(ctx, load.Dir(opt.Site), load.Options{Drafts: opt.Drafts, Cache: cache, Changed: opt.changed})
	if site == nil {
		problems.Sort()
		return nil, problems, nil, fmt.Errorf("%w", ErrSite)
	}
	// query: the periods and figures of the tables.
	q := prev.Update(site)
	if m != nil {
		m.figures = q
	}
	problems = append(problems, check.Charts(q)...)
	// plan: the pages and files, with their addresses and sources.
	pl := plan.New(site, q.Periods())
	for _, f := range opt.Make {
		pl.Make(f)
	}
	// run: each entry of the plan drawn by its view, while the checks that
	// need no rendered page run beside it and the pages' links are found
	// as the pages are written.
	bundle, err := echarts.Load(ctx, opt.Charts)
	if err != nil {
		problems.Sort()
		return nil, problems, nil, err
	}
	var checks *check.Checks
	emit := opt.emit
	if emit != nil {
		emit = func(files ...model.File) {
			opt.emit(files...)
			checks.Add(files...)
		}
	}
	r, errs := render.New(site, q, render.Options{Now: opt.Now, ChartRuntime: bundle.JS, ChartLicense: bundle.License,
		RuntimeVersion: bundle.Version, Plan: pl, Memo: entries})
	problems = append(problems, errs...)
	if len(errs.Errors()) == 0 {
		checks = check.Begin(q, check.Options{Now: opt.Now, Extra: later(opt, pl), Memo: findings})
		files, errs = r.RenderTo(ctx, render.Output{Emit: emit, HandOver: opt.Lean && m == nil})
		problems = append(problems, errs...)
		// check: the rules over the site and its rendered pages.
		if len(errs.Errors()) == 0 {
			problems = append(problems, checks.Finish(files)...)
		}
	}
	// publish is the caller's: Build commits the writer the files went to.
	problems.Sort()
	if len(problems.Errors()) > 0 {
		return nil, problems, r, ErrSite
	}
	return files, problems, r, nil
}

// later lists the files of the plan that a later step makes (the booklet
// PDFs of the pdf command, the submission packs of the export command)
// and the output will hold: those the output folder has, and those about
// to be made, so that links to them check.
func later(opt Options, pl *plan.Plan) []string {
	var list []string
	for _, e := range pl.Later() {
		if e.Made {
			list = append(list, e.Dir)
			continue
		}
		// A file made before is kept while its source is unchanged (see
		// later.go).
		if _, err := os.Stat(filepath.Join(opt.OutDir(), filepath.FromSlash(e.Dir))); err == nil {
			list = append(list, e.Dir)
		}
	}
	return list
}

// OutError is an --out that would be unsafe to replace: bad usage.
type OutError struct{ Msg string }

func (e *OutError) Error() string { return e.Msg }

// checkOut refuses an output folder that would replace the site itself or
// a folder holding a site's sources: publishing replaces the whole folder.
func checkOut(site, out string) error {
	s, err1 := filepath.Abs(site)
	o, err2 := filepath.Abs(out)
	if err := errors.Join(err1, err2); err != nil {
		return err
	}
	if s == o {
		return &OutError{fmt.Sprintf("--out %s is the site folder itself: the output folder is replaced on every build; use a folder of its own such as %s", out, filepath.Join(site, "public"))}
	}
	if rel, err := filepath.Rel(o, s); err == nil && !strings.HasPrefix(rel, "..") {
		return &OutError{fmt.Sprintf("--out %s contains the site folder: the output folder is replaced on every build; use a folder of its own", out)}
	}
	for _, sub := range []string{"content", "data", "layouts", ".git"} {
		if fi, err := os.Stat(filepath.Join(o, sub)); err == nil && fi.IsDir() {
			return &OutError{fmt.Sprintf("--out %s holds a %s/ folder, so it looks like a site or a repository, not an output folder: it would be replaced; choose another --out", out, sub)}
		}
	}
	return nil
}

// OutDir is the output folder the options name.
func (o Options) OutDir() string {
	if o.Out == "" {
		return filepath.Join(o.Site, "public")
	}
	return o.Out
}

// CheckOut reports whether the output folder is safe to replace: an
// OutError when it is the site folder, contains it, or looks like a site.
func (o Options) CheckOut() error { return checkOut(o.Site, o.OutDir()) }
