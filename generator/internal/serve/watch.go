package serve

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/fsnotify/fsnotify"
)

// watched are the site folders whose changes trigger a rebuild.
var watched = []string{"content", "data", "layouts"}

// everything is the change reported when the watcher lost track (an event
// queue overflow): the next build must not assume anything is unchanged.
const everything = "*"

// watcher turns fsnotify events under a site's content/, data/ and
// layouts/ into site-relative, slash-separated paths of changed inputs.
//
// fsnotify watches one folder at a time, never a tree, so every folder is
// added on its own, and folders created later (or moved in, or renamed back
// after an editor's save) are added when their Create event arrives. The
// site folder itself is watched too, so that content/ or layouts/ created
// after the start are noticed. Files are never watched one by one: editors
// that save by writing a temporary file and renaming it over the original
// would leave such a watch on a deleted file.
type watcher struct {
	site string // absolute site folder
	w    *fsnotify.Watcher
	logf func(format string, args ...any)
	mu   sync.Mutex
	dirs map[string]bool // the folders watched, by absolute path
}

func newWatcher(site string, logf func(string, ...any)) (*watcher, error) {
	abs, err := filepath.Abs(site)
	if err != nil {
		return nil, err
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("cannot watch the site for changes: %w", err)
	}
	wt := &watcher{site: abs, w: w, logf: logf, dirs: map[string]bool{}}
	if err := w.Add(abs); err != nil {
		return nil, errors.Join(fmt.Errorf("cannot watch %s: %w", site, err), w.Close())
	}
	for _, dir := range watched {
		if err := wt.addTree(filepath.Join(abs, dir)); err != nil {
			return nil, errors.Join(err, w.Close())
		}
	}
	return wt, nil
}

// addTree watches dir and every folder under it, skipping ignored names
// and never following symbolic links. A missing dir is not an error.
func (wt *watcher) addTree(dir string) error {
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && ignoredName(d.Name()) {
			return filepath.SkipDir
		}
		if err := wt.w.Add(p); err != nil {
			return fmt.Errorf("cannot watch %s: %w", p, err)
		}
		wt.mu.Lock()
		wt.dirs[p] = true
		wt.mu.Unlock()
		return nil
	})
	return err
}

// run sends each relevant change to out until ctx is done, then closes the
// fsnotify watcher.
func (wt *watcher) run(ctx context.Context, out chan<- string) error {
	defer wt.w.Close()
	for {
		select {
		case <-ctx.Done():
			return nil
		case err, ok := <-wt.w.Errors:
			if !ok {
				return nil
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				wt.logf("watch: too many changes at once; rebuilding everything")
				if !send(ctx, out, everything) {
					return nil
				}
				continue
			}
			wt.logf("watch: %v", err)
		case ev, ok := <-wt.w.Events:
			if !ok {
				return nil
			}
			rel, ok := wt.relevant(ev)
			if !ok {
				continue
			}
			if ev.Has(fsnotify.Create) && isDir(ev.Name) {
				// A new or moved-in folder: watch it and what is already
				// inside; the rebuild that follows reads its files.
				if err := wt.addTree(ev.Name); err != nil {
					wt.logf("watch: %v", err)
				}
			}
			if !send(ctx, out, rel) {
				return nil
			}
		}
	}
}

func send(ctx context.Context, out chan<- string, s string) bool {
	select {
	case out <- s:
		return true
	case <-ctx.Done():
		return false
	}
}

// relevant returns the site-relative path of an event that can change the
// build, or false for events to ignore: attribute changes, files outside
// content/, data/ and layouts/, and editor and Office temporary files.
func (wt *watcher) relevant(ev fsnotify.Event) (string, bool) {
	if ev.Op == fsnotify.Chmod || ev.Op == 0 {
		return "", false
	}
	rel, err := filepath.Rel(wt.site, ev.Name)
	if err != nil || !filepath.IsLocal(rel) {
		return "", false
	}
	rel = filepath.ToSlash(rel)
	top, _, _ := strings.Cut(rel, "/")
	if !isWatched(top) {
		return "", false
	}
	elems := strings.Split(rel, "/")
	for _, elem := range elems {
		if ignoredName(elem) {
			return "", false
		}
	}
	if top == "data" && len(elems) > 1 && !wt.dataFile(ev.Name, elems) {
		return "", false
	}
	return rel, true
}

// tableExts are the extensions of the files of data/ that hold tables.
var tableExts = []string{".csv", ".xlsx", ".xlsm", ".tsv", ".txt"}

// dataFile reports whether a path under data/ can change the build: the
// build reads the tables and YAML files of data/, and the tables of its
// folders data/NAME/ (a table in parts). Excel's and other programs'
// temporary files there change nothing.
func (wt *watcher) dataFile(abs string, elems []string) bool {
	ext := strings.ToLower(path.Ext(elems[len(elems)-1]))
	table := slices.Contains(tableExts, ext)
	switch len(elems) {
	case 2:
		if table || ext == ".yaml" {
			return true
		}
		wt.mu.Lock()
		known := wt.dirs[abs]
		wt.mu.Unlock()
		return known || isDir(abs) // a folder of a table's parts, made, moved or removed
	case 3:
		return table
	}
	return false
}

func isDir(p string) bool {
	info, err := os.Lstat(p)
	return err == nil && info.IsDir()
}

func isWatched(top string) bool {
	for _, d := range watched {
		if top == d {
			return true
		}
	}
	return false
}

// ignoredName reports whether a file or folder name is one the build never
// reads or a temporary file of an editor or of Office:
//
//   - names starting with "." (hidden files, LibreOffice's .~lock.NAME#,
//     Emacs' .#NAME) or "~$" (Excel and Word lock files, ~$repairs.xlsx);
//   - names ending with "~" (backups) or ".swp", ".swx", ".tmp", ".part",
//     ".crdownload" (Vim swap files, Office and browser temporary files);
//   - "#NAME#" (Emacs auto-save) and "4913" (the file Vim creates to test
//     whether a folder is writable).
//
// Excel saves by writing a temporary file with a random name and renaming
// it over the original; the rename's Create event names the real file,
// which is what rebuilds.
func ignoredName(name string) bool {
	if name == "" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") || strings.HasSuffix(name, "~") || name == "4913" {
		return true
	}
	if len(name) > 1 && strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#") {
		return true
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".swp", ".swx", ".tmp", ".part", ".crdownload":
		return true
	}
	return false
}
