package render

import (
	"crypto/sha256"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/plan"
	"github.com/houqin/report/generator/internal/query"
)

// Memo remembers, for each part of a render (a job: one page, or a group
// of pages made together), what it produced and a fingerprint of the
// inputs it read. A render given the previous render's Memo reruns only
// the jobs whose inputs changed and reuses the output of the others: a
// notice edit re-renders that notice and the lists that show it, a CSV
// edit the pages that use data, a layout edit everything.
type Memo struct {
	jobs map[string]memoJob
	sums map[string]fileSum // the input files' hashes
}

// NewMemo returns the memo of a first render of a series: it holds
// nothing to reuse yet, but makes the render record what it reads for
// the next one (Options.Memo).
func NewMemo() *Memo { return &Memo{} }

// fileSum is the hash of an input file's bytes. A later render whose site
// holds the very same slice (a load that took the file from its cache)
// reuses it rather than hashing megabytes of tables again.
type fileSum struct {
	data []byte
	sum  [32]byte
}

// sameBytes reports whether a and b are the same slice of memory.
func sameBytes(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

type memoJob struct {
	fp    [32]byte
	files []model.File
	errs  model.ErrorList
	pages []string
	value string
	// reads is what a job that depends on depData asked of the tables,
	// and readsSum the answers' hash (see query.Reads).
	reads    []query.ReadKey
	readsSum uint64
}

// Stats says how much of a render was redone.
type Stats struct {
	Jobs, Rerun int      // jobs in all, and jobs run rather than reused
	Pages       int      // pages written by the jobs that ran
	Ran         []string // the keys of the jobs that ran, sorted
	// Files are the output paths the jobs that ran produced, sorted: what
	// a change re-rendered, as a page's reader would name it.
	Files []string
}

// Input groups a job may depend on, besides single files.
const (
	// depData is the YAML files under data/ but site.yaml, and the tables
	// as far as the job reads them: the engine records which rows it asked
	// for, and the job reruns only when those rows change.
	depData    = plan.Data
	depNotices = plan.NoticeGroup // every notice
	depYears   = plan.YearGroup   // every yearly narrative
)

// fingerprints hashes the site's inputs once per render: each file, each
// group, and what every page depends on (site.yaml, layouts, the chart
// runtime and the build date).
type fingerprints struct {
	global [32]byte
	file   map[string][32]byte
	group  map[string][32]byte
	sums   map[string]fileSum // kept in the Memo for the next render
}

func newFingerprints(r *Renderer) *fingerprints {
	n := len(r.site.Files)
	fp := &fingerprints{file: make(map[string][32]byte, n), group: map[string][32]byte{}, sums: make(map[string]fileSum, n)}
	var prev map[string]fileSum
	if r.opt.Memo != nil {
		prev = r.opt.Memo.sums
	}
	names := make([]string, 0, len(r.site.Files))
	for name, data := range r.site.Files {
		s, ok := prev[name]
		if !ok || !sameBytes(s.data, data) {
			s = fileSum{data: data, sum: sha256.Sum256(data)}
		}
		fp.file[name], fp.sums[name] = s.sum, s
		names = append(names, name)
	}
	sort.Strings(names)
	groups := map[string]*strings.Builder{depData: {}, depNotices: {}, depYears: {}}
	for _, name := range names {
		var g string
		switch {
		case strings.HasPrefix(name, "data/") && name != "data/site.yaml" && !strings.HasSuffix(name, ".csv"):
			g = depData
		case strings.HasPrefix(name, "content/notices/"):
			g = depNotices
		case strings.HasPrefix(name, "content/years/"):
			g = depYears
		default:
			continue
		}
		h := fp.file[name]
		groups[g].WriteString(name)
		groups[g].Write(h[:])
	}
	for g, s := range groups {
		fp.group[g] = sha256.Sum256([]byte(s.String()))
	}
	var global strings.Builder
	site := fp.file["data/site.yaml"]
	global.Write(site[:])
	global.WriteString(model.DateOf(r.opt.Now).String())
	rt := sha256.Sum256(r.opt.ChartRuntime)
	global.Write(rt[:])
	var made []int // the booklet PDFs the pages link
	for _, e := range r.plan.Later() {
		if e.Made && e.View == "pdf" {
			made = append(made, e.Year)
		}
	}
	sort.Ints(made)
	fmt.Fprint(&global, made)
	var exports []int // the periods whose submission pack the pages link
	for _, e := range r.plan.Later() {
		if e.Made && e.View == "export" && !slices.Contains(exports, e.Year) {
			exports = append(exports, e.Year)
		}
	}
	sort.Ints(exports)
	fmt.Fprint(&global, "exports", exports)
	for _, p := range r.site.Layouts.Names() {
		h := sha256.Sum256(r.site.Layouts[p])
		global.WriteString(p)
		global.Write(h[:])
	}
	fp.global = sha256.Sum256([]byte(global.String()))
	return fp
}

// of fingerprints a job from its dependencies: file paths or groups.
func (fp *fingerprints) of(deps []string) [32]byte {
	h := sha256.New()
	h.Write(fp.global[:])
	for _, d := range deps {
		v, ok := fp.group[d]
		if !ok {
			v = fp.file[d]
		}
		h.Write([]byte(d))
		h.Write(v[:])
	}
	var out [32]byte
	copy(out[:], h.Sum(nil))
	return out
}

// run runs fn as the job key and remembers its output.
func (b *builder) run(key string, fp [32]byte, fn func() string) string {
	b.stats.Jobs++
	f0, e0, p0 := len(b.files), len(b.errs), len(b.pages)
	value := fn()
	b.stats.Rerun++
	b.stats.Ran = append(b.stats.Ran, key)
	b.stats.Pages += len(b.pages) - p0
	for _, f := range b.files[f0:] {
		b.stats.Files = append(b.stats.Files, f.Path)
	}
	var files []model.File
	if !b.r.handOver() { // a memo that keeps no file is not used
		files = append(files, b.files[f0:]...)
	}
	b.memo.jobs[key] = memoJob{fp: fp, value: value,
		files: files,
		errs:  append(model.ErrorList(nil), b.errs[e0:]...),
		pages: append([]string(nil), b.pages[p0:]...)}
	return value
}

// emit hands files to Output.Emit and remembers their paths, so that
// Render can emit the files that no job made at the end.
func (b *builder) emit(files []model.File) {
	if b.r.out.Emit == nil || len(files) == 0 {
		return
	}
	b.emitMu.Lock()
	for _, f := range files {
		b.emitted[f.Path] = true
	}
	b.emitMu.Unlock()
	b.r.out.Emit(files...)
	if b.r.handOver() {
		for i := range files {
			files[i].Data = nil
		}
	}
}

// withNav makes every job depend on the navigation, which every page
// shows and which the tables decide in part (a site with no data has no
// yearly summaries).
func (fp *fingerprints) withNav(items []NavItem) {
	h := sha256.New()
	h.Write(fp.global[:])
	for _, n := range items {
		h.Write([]byte(n.Title + "\x00" + n.Path + "\x00"))
	}
	h.Sum(fp.global[:0])
}

// jobSpec is a job to run with runJobs.
type jobSpec struct {
	key  string
	deps []string
	fn   func(cb *builder) string // adds its output to cb
}

// runJobs runs the jobs concurrently, one per processor, each on a builder
// of its own, then adds their output to b in the order given, so that the
// result does not depend on which finished first. It returns the jobs'
// values in order.
func (b *builder) runJobs(jobs []jobSpec) []string {
	b.nav() // computed once, before the builders share it
	children := make([]*builder, len(jobs))
	values := make([]string, len(jobs))
	reused := make([]*memoJob, len(jobs))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, j := range jobs {
		// A job whose inputs did not change is taken as it was, without a
		// goroutine or a builder of its own: after one edit in serve,
		// that is all but a few of thousands of jobs.
		fp := b.fp.of(j.deps)
		recorded := b.r.opt.Memo != nil && slices.Contains(j.deps, depData)
		if prev, ok := b.prev[j.key]; ok && prev.fp == fp && (!recorded || prev.readsSum == b.r.q.Sum(prev.reads)) {
			reused[i], values[i] = &prev, prev.value
			if b.emitted != nil {
				b.emit(prev.files)
			}
			continue
		}
		cb := &builder{r: b.r, assets: b.assets, fp: b.fp, prev: b.prev, navItems: b.navItems,
			memo: &Memo{jobs: map[string]memoJob{}}}
		children[i] = cb
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			defer func() {
				// A bug in one page is reported at that page; the other
				// pages render, and serve goes on serving the last good
				// build. The job is not remembered, so it runs again.
				if v := recover(); v != nil {
					cb.errs = append(cb.errs, model.Recovered(v).Positioned(b.r.jobPos(j.key), "rendering "+j.key))
				}
			}()
			var rec *query.Reads
			if recorded {
				rec = query.NewReads()
				rr := *b.r
				rr.q = b.r.q.Recording(rec)
				cb.r = &rr
			}
			values[i] = cb.run(j.key, fp, func() string { return j.fn(cb) })
			if rec != nil {
				m := cb.memo.jobs[j.key]
				m.reads = rec.Keys()
				m.readsSum = b.r.q.Sum(m.reads)
				cb.memo.jobs[j.key] = m
			}
			if b.emitted != nil {
				b.emit(cb.files)
			}
		}()
	}
	wg.Wait()
	for i, cb := range children {
		if prev := reused[i]; prev != nil {
			b.files = append(b.files, prev.files...)
			b.errs = append(b.errs, prev.errs...)
			b.pages = append(b.pages, prev.pages...)
			b.memo.jobs[jobs[i].key] = *prev
			b.stats.Jobs++
			continue
		}
		b.files = append(b.files, cb.files...)
		b.errs = append(b.errs, cb.errs...)
		b.pages = append(b.pages, cb.pages...)
		for k, v := range cb.memo.jobs {
			b.memo.jobs[k] = v
		}
		b.stats.Jobs += cb.stats.Jobs
		b.stats.Rerun += cb.stats.Rerun
		b.stats.Ran = append(b.stats.Ran, cb.stats.Ran...)
		b.stats.Files = append(b.stats.Files, cb.stats.Files...)
		b.stats.Pages += cb.stats.Pages
	}
	return values
}

// jobPos is the source a job renders, where its internal errors are
// reported: the Markdown file of a page, notice or yearly summary; data/
// for the pages drawn from the tables alone; layouts/ for the 404 page.
func (r *Renderer) jobPos(key string) model.Pos {
	kind, arg, _ := strings.Cut(key, ":")
	file := ""
	switch kind {
	case "page", "notice":
		file = arg
	case "year", "booklet":
		if y, err := strconv.Atoi(arg); err == nil {
			if p := r.yearPage(y); p != nil {
				file = p.File
			}
		}
	case "home":
		for _, p := range r.site.Pages {
			if p.Kind == model.HomePage {
				file = p.File
			}
		}
	case "404":
		return model.Pos{File: "layouts"}
	}
	if file == "" {
		return model.Pos{File: "data"}
	}
	return model.Pos{File: file, Line: 1, Col: 1}
}
