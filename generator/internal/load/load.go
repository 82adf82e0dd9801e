package load

import (
	"context"
	"errors"
	"io/fs"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/par"
)

// Options changes what Site reads.
type Options struct {
	Drafts bool // include pages whose front matter says draft: true
	// Cache, when set, keeps the parsed tables of this load for the next
	// load of the same site: a CSV whose bytes did not change is not
	// parsed again (serve reloads the site on every save).
	Cache *Cache
	// Changed, with a Cache that holds a previous load, lists the files
	// (site-relative, slash-separated) that changed since that load: the
	// CSV tables and Markdown files it does not name are taken from the
	// cache without being read again. nil, or a list holding "*", means
	// that anything may have changed.
	Changed []string
}

// Cache holds parsed CSV tables between loads of one site. The tables are
// shared, so nothing may change a loaded table. It is safe for concurrent use.
type Cache struct {
	mu      sync.Mutex
	tables  map[string]cachedTable
	pages   map[string]readPage // the Markdown files of the last load
	records map[string]cachedRecords
	books   map[string]cachedBook
	walk    *contentWalk // what the last load found under content/
	loaded  bool         // a load has filled the cache
}

// contentWalk is what a walk of content/ found.
type contentWalk struct {
	files     []string // the Markdown files, sorted
	resources []string // the other files, sorted
	errs      model.ErrorList
}

type cachedRecords struct {
	text  []byte
	errs  model.ErrorList
	value any // []model.Project, []model.Honor or []model.ChartSpec
}

type cachedTable struct {
	sum   [32]byte
	table *model.Table
	errs  model.ErrorList
	text  []byte // the file as UTF-8, when it had to be decoded
	data  []byte // the file as read
	parts *csvParts
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{tables: map[string]cachedTable{}, pages: map[string]readPage{}, records: map[string]cachedRecords{}, books: map[string]cachedBook{}}
}

const siteFile = "data/site.yaml"

// loader holds the state of one Site call.
type loader struct {
	fsys fs.FS
	opt  Options
	site *model.Site
	errs model.ErrorList
	// unchanged reports whether a file is known not to have changed since
	// the load that filled opt.Cache (see Options.Changed).
	unchanged func(file string) bool
	known     bool // Options.Changed lists every change since the cached load
}

// knownChanges returns the test Options.Changed allows, or one that
// knows nothing.
// It also reports whether the changes are known at all.
func knownChanges(opt Options) (func(string) bool, bool) {
	c := opt.Cache
	if c == nil || opt.Changed == nil {
		return func(string) bool { return false }, false
	}
	c.mu.Lock()
	loaded := c.loaded
	c.mu.Unlock()
	changed := map[string]bool{}
	for _, f := range opt.Changed {
		if f == "*" || !loaded {
			return func(string) bool { return false }, false
		}
		changed[f] = true
	}
	return func(file string) bool {
		// A folder moved in or out is reported as the folder: what is
		// under it changed too.
		for f := file; f != "."; f = path.Dir(f) {
			if changed[f] {
				return false
			}
		}
		return true
	}, true
}

// Site reads the site folder fsys into a model.Site. It returns every
// problem found, errors and warnings, sorted by position. The site is
// non-nil whenever data/site.yaml could be read, so that later stages can
// report more problems in the same run.
func Site(ctx context.Context, fsys fs.FS, opt Options) (*model.Site, model.ErrorList) {
	unchanged, known := knownChanges(opt)
	l := &loader{fsys: fsys, opt: opt, unchanged: unchanged, known: known, site: &model.Site{
		Tables: map[string]*model.Table{},
		Files:  map[string][]byte{},
	}}
	hasConfig := l.config()
	if err := l.data(ctx); err == nil {
		err = l.content(ctx)
		if err == nil {
			l.layouts()
		} else {
			l.errs.Add(model.Pos{File: "content"}, "%v", err)
		}
	} else {
		l.errs.Add(model.Pos{File: "data"}, "%v", err)
	}
	l.errs.Sort()
	if c := opt.Cache; c != nil {
		c.mu.Lock()
		c.loaded = true
		c.mu.Unlock()
	}
	if !hasConfig {
		return nil, l.errs
	}
	return l.site, l.errs
}

// ignored reports whether a file or folder name is left out everywhere:
// hidden files, Office lock files (~$x.xlsx) and editor backups (x~).
func ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") || strings.HasSuffix(name, "~")
}

// read reads a file after checking its size, and records it in Site.Files.
func (l *loader) read(name string, limit int64) ([]byte, bool) {
	data, errs := readLimited(l.fsys, name, limit, false)
	l.errs = append(l.errs, errs...)
	if errs != nil {
		return nil, false
	}
	l.site.Files[name] = data
	return data, true
}

// readLimited reads a file that is not a symbolic link and not larger
// than limit; otherwise it says why not. walked says that a directory
// listing showed a regular file just now: it is not looked up again, one
// system call less for each of thousands of notices. It is safe for
// concurrent use.
func readLimited(fsys fs.FS, name string, limit int64, walked bool) ([]byte, model.ErrorList) {
	var errs model.ErrorList
	pos := model.Pos{File: name, Line: 1, Col: 1}
	if !walked {
		info, err := fs.Lstat(fsys, name)
		if err == nil && info.Mode()&fs.ModeSymlink != 0 {
			errs.Warn(model.Pos{File: name}, "%s is a symbolic link; links are not followed", name)
			return nil, errs
		}
		if err == nil && info.Size() > limit {
			errs.Add(pos, "the file is larger than %d MB: it is not read", limit>>20)
			return nil, errs
		}
	}
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		errs.Add(model.Pos{File: name}, "cannot read the file: %v", err)
		return nil, errs
	}
	if int64(len(data)) > limit {
		errs.Add(pos, "the file is larger than %d MB: it is not read", limit>>20)
		return nil, errs
	}
	return data, nil
}

// text reads a file as UTF-8 text.
func (l *loader) text(name string, limit int64) (string, bool) {
	data, ok := l.read(name, limit)
	if !ok {
		return "", false
	}
	text, err := decodeText(data)
	if err != nil {
		l.errs.Add(model.Pos{File: name, Line: 1, Col: 1}, "%v", err)
		return "", false
	}
	l.site.Files[name] = []byte(text)
	return text, true
}

func (l *loader) config() bool {
	if _, err := fs.Lstat(l.fsys, siteFile); errors.Is(err, fs.ErrNotExist) {
		l.errs.Add(model.Pos{File: siteFile}, "missing: every site needs data/site.yaml with at least title: and school:")
		return false
	}
	text, ok := l.text(siteFile, maxYAML)
	if !ok {
		return false
	}
	l.site.Config = config(siteFile, text, &l.errs)
	return true
}

// data reads the tables and YAML records of data/.
func (l *loader) data(ctx context.Context) error {
	entries, err := fs.ReadDir(l.fsys, "data")
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	// The tables are parsed concurrently, each file by a loader of its
	// own, and assembled in the folder's order.
	files := l.tableFiles(entries)
	readers := make([]*loader, len(files))
	pieces := make([][]piece, len(files))
	var wg sync.WaitGroup
	defer func() {
		wg.Wait()
		var all []piece
		for i, t := range readers {
			if t == nil {
				continue // canceled before it was read
			}
			l.errs = append(l.errs, t.errs...)
			maps.Copy(l.site.Files, t.site.Files)
			all = append(all, pieces[i]...)
		}
		l.assemble(all)
	}()
	for i, tf := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		t := &loader{fsys: l.fsys, opt: l.opt, unchanged: l.unchanged, site: &model.Site{Tables: map[string]*model.Table{}, Files: map[string][]byte{}}}
		readers[i] = t
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				// A panic reading a file (excelize's, say) is a bug to
				// report at the file, not a crash.
				if p := model.Recovered(recover()); p != nil {
					t.errs = append(t.errs, p.Positioned(model.Pos{File: tf.file}, "reading "+tf.file))
				}
			}()
			pieces[i] = t.tableFile(tf)
		}()
	}
	for _, de := range entries {
		name := de.Name()
		file := "data/" + name
		switch {
		case ignored(name) || de.IsDir():
		case de.Type()&fs.ModeSymlink != 0:
			if name != "site.yaml" { // config has reported it
				symlink(&l.errs, file)
			}
		case name == "projects.yaml":
			if v, ok := l.records(file, func(text string, errs *model.ErrorList) any { return projects(file, text, errs) }); ok {
				l.site.Projects = v.([]model.Project)
			}
		case name == "honors.yaml":
			if v, ok := l.records(file, func(text string, errs *model.ErrorList) any { return honors(file, text, errs) }); ok {
				l.site.Honors = v.([]model.Honor)
			}
		case name == "charts.yaml":
			if v, ok := l.records(file, func(text string, errs *model.ErrorList) any { return charts(file, text, errs) }); ok {
				l.site.Charts = v.([]model.ChartSpec)
			}
		}
	}
	return nil
}

// records reads and parses a YAML file of records, or takes it from the
// cache when it is known not to have changed.
func (l *loader) records(file string, parse func(text string, errs *model.ErrorList) any) (any, bool) {
	c := l.opt.Cache
	if c != nil && l.unchanged(file) {
		c.mu.Lock()
		hit, ok := c.records[file]
		c.mu.Unlock()
		if ok {
			l.errs = append(l.errs, hit.errs...)
			l.site.Files[file] = hit.text
			return hit.value, true
		}
	}
	text, ok := l.text(file, maxYAML)
	if !ok {
		return nil, false
	}
	var errs model.ErrorList
	v := parse(text, &errs)
	l.errs = append(l.errs, errs...)
	if c != nil {
		c.mu.Lock()
		c.records[file] = cachedRecords{text: l.site.Files[file], errs: errs, value: v}
		c.mu.Unlock()
	}
	return v, true
}

func symlink(errs *model.ErrorList, file string) {
	errs.Warn(model.Pos{File: file}, "%s is a symbolic link; links are not followed", file)
}

// content reads every file under content/. The Markdown files are read
// and parsed concurrently (a district site has thousands of notices), and
// added in the order of their paths.
func (l *loader) content(ctx context.Context) error {
	if _, err := fs.Stat(l.fsys, "content"); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	w, err := l.walk(ctx)
	if err != nil {
		return err
	}
	l.errs = append(l.errs, w.errs...)
	for _, name := range w.resources {
		data, err := fs.ReadFile(l.fsys, name)
		if err != nil {
			l.errs.Add(model.Pos{File: name}, "cannot read: %v", err)
			continue
		}
		l.site.Resources = append(l.site.Resources, model.Resource{Name: name, Data: data})
	}
	files := w.files
	read := make([]readPage, len(files))
	var cached map[string]readPage
	if c := l.opt.Cache; c != nil {
		c.mu.Lock()
		cached = c.pages
		c.mu.Unlock()
	}
	var todo []int
	for i, file := range files {
		if r, ok := cached[file]; ok && l.unchanged(file) {
			read[i] = r
		} else {
			todo = append(todo, i)
		}
	}
	par.Each(len(todo), func(n int) { read[todo[n]] = l.readPage(files[todo[n]]) })
	if c := l.opt.Cache; c != nil {
		pages := make(map[string]readPage, len(files))
		for i, file := range files {
			pages[file] = read[i]
		}
		c.mu.Lock()
		c.pages = pages
		c.mu.Unlock()
	}
	for i, r := range read {
		l.errs = append(l.errs, r.errs...)
		if r.text != nil {
			l.site.Files[files[i]] = r.text
		}
		if r.page != nil && (!r.page.Draft || l.opt.Drafts) {
			l.site.Pages = append(l.site.Pages, r.page)
		}
	}
	return err
}

// walk lists the files under content/. After changes that only edited
// Markdown files the last walk found, it returns that walk: a district's
// folder of thousands of notices is not listed again on every save.
func (l *loader) walk(ctx context.Context) (*contentWalk, error) {
	c := l.opt.Cache
	if c != nil {
		c.mu.Lock()
		prev := c.walk
		c.mu.Unlock()
		if prev != nil && l.onlyEdited(prev) {
			return prev, nil
		}
	}
	w := &contentWalk{}
	err := fs.WalkDir(l.fsys, "content", func(file string, de fs.DirEntry, err error) error {
		if err != nil {
			w.errs.Add(model.Pos{File: file}, "cannot read: %v", err)
			return nil
		}
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		switch {
		case file != "content" && ignored(de.Name()):
			if de.IsDir() {
				return fs.SkipDir
			}
		case de.Type()&fs.ModeSymlink != 0:
			symlink(&w.errs, file)
		case de.IsDir():
		case path.Ext(file) == ".md":
			w.files = append(w.files, file)
		default:
			w.resources = append(w.resources, file)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(w.resources)
	sort.Strings(w.files)
	if c != nil {
		c.mu.Lock()
		c.walk = w
		c.mu.Unlock()
	}
	return w, nil
}

// onlyEdited reports whether the changes Options.Changed lists leave the
// files under content/ as the walk prev found them: each changed path
// there is one of its Markdown files, still a regular file, or a path
// the walk leaves out (a hidden file, an editor's backup).
func (l *loader) onlyEdited(prev *contentWalk) bool {
	if !l.known {
		return false
	}
	for _, f := range l.opt.Changed {
		rel, under := strings.CutPrefix(f, "content/")
		switch {
		case f == "." || f == "content":
			return false
		case !under:
			continue
		case slices.ContainsFunc(strings.Split(rel, "/"), ignored):
			continue
		}
		if _, found := slices.BinarySearch(prev.files, f); !found {
			return false
		}
		if info, err := fs.Lstat(l.fsys, f); err != nil || !info.Mode().IsRegular() {
			return false
		}
	}
	return true
}

// readPage is a Markdown file read and parsed.
type readPage struct {
	page *model.Page
	text []byte // the file as UTF-8, or as read when it is not text
	errs model.ErrorList
}

func (l *loader) readPage(file string) readPage {
	var r readPage
	data, errs := readLimited(l.fsys, file, maxText, true) // the walk saw a regular file
	if errs != nil {
		r.errs = errs
		return r
	}
	r.text = data
	r.page = page(file, strings.TrimPrefix(file, "content/"), data, &r.errs)
	if text, err := decodeBytes(data); err == nil {
		r.text = text // data itself, when it is UTF-8 already
	}
	return r
}

// layouts reads the site's layouts/ folder into Site.Layouts: the page
// layouts, partials and assets that replace the built-in ones.
func (l *loader) layouts() {
	info, err := fs.Stat(l.fsys, "layouts")
	if err != nil || !info.IsDir() {
		return
	}
	files := model.Layouts{}
	err = fs.WalkDir(l.fsys, "layouts", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			l.errs.Add(model.Pos{File: name}, "cannot read: %v", err)
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			l.errs.Warn(model.Pos{File: name}, "%s is a symbolic link; links are not followed", name)
			return nil
		}
		data, err := fs.ReadFile(l.fsys, name)
		if err != nil {
			l.errs.Add(model.Pos{File: name}, "cannot read layout: %v", err)
			return nil
		}
		files[strings.TrimPrefix(name, "layouts/")] = data
		return nil
	})
	if err != nil {
		l.errs.Add(model.Pos{File: "layouts"}, "cannot read: %v", err)
	}
	l.site.Layouts = files
}
