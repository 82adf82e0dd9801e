package publish

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/houqin/report/generator/internal/model"
)

// Stats counts what a publish did.
type Stats struct {
	Written   int // files whose bytes changed or are new
	Unchanged int // files kept from the previous output
}

// Write replaces the folder out with files.
func Write(ctx context.Context, out string, files []model.File) (Stats, error) {
	w, err := Begin(ctx, out)
	if err != nil {
		return Stats{}, err
	}
	w.Add(files...)
	return w.Commit()
}

// A Writer writes files into a temporary folder with a few workers, until
// Commit puts the folder in the place of the output or Abort removes it.
// Add may be called from several goroutines.
type Writer struct {
	ctx  context.Context
	out  string // the output folder
	tmp  string // the folder being written
	prev bool   // whether out holds a previous output to keep files from
	old  *previous

	queue chan model.File
	wg    sync.WaitGroup

	mu      sync.Mutex
	dirs    map[string]bool // folders made under tmp ("." is tmp itself)
	stats   Stats
	written map[string]bool // the paths written
	errs    []error
	done    bool
}

// Begin starts writing a new output for the folder out.
func Begin(ctx context.Context, out string) (*Writer, error) {
	out = filepath.Clean(out)
	parent := filepath.Dir(out)
	if parent == "" {
		parent = "."
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	prev := false
	if fi, err := os.Lstat(out); err == nil {
		if !fi.IsDir() {
			return nil, fmt.Errorf("publish: %s exists and is not a folder; remove it or choose another --out", out)
		}
		prev = true
	}
	old, err := inspect(out)
	if err != nil {
		return nil, err
	}
	cleanLeftovers(out)
	tmp, err := os.MkdirTemp(parent, tempPattern(out))
	if err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, errors.Join(fmt.Errorf("publish: %w", err), os.RemoveAll(tmp))
	}
	w := &Writer{ctx: ctx, out: out, tmp: tmp, prev: prev, old: old, written: map[string]bool{}, queue: make(chan model.File, 64), dirs: map[string]bool{".": true}}
	// Thousands of small files are bound by system calls, not by the
	// disk: a few workers keep the file system busy while pages render.
	for range runtime.GOMAXPROCS(0) + 2 {
		w.wg.Add(1)
		go w.work()
	}
	return w, nil
}

// Add queues files to be written. Files added after a failure are dropped:
// Commit reports the failure.
func (w *Writer) Add(files ...model.File) {
	for _, f := range files {
		if w.failed() {
			return
		}
		w.queue <- f
	}
}

func (w *Writer) failed() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.errs) > 0 || w.ctx.Err() != nil
}

func (w *Writer) work() {
	defer w.wg.Done()
	for f := range w.queue {
		if w.failed() {
			continue // drain
		}
		kept, err := w.writeRecovering(f)
		w.mu.Lock()
		switch {
		case err != nil:
			w.errs = append(w.errs, err)
		case kept:
			w.stats.Unchanged++
		default:
			w.stats.Written++
		}
		if err == nil {
			w.written[f.Path] = true
		}
		w.mu.Unlock()
	}
}

// finish stops the workers and returns the first failure.
func (w *Writer) finish() error {
	if !w.done {
		w.done = true
		close(w.queue)
		w.wg.Wait()
	}
	if len(w.errs) > 0 {
		return w.errs[0]
	}
	return w.ctx.Err()
}

// Commit waits for the queued files and puts them in the place of the
// output folder. On failure the previous output is left as it was.
func (w *Writer) Commit() (Stats, error) {
	if err := w.finish(); err != nil {
		return w.stats, errors.Join(fmt.Errorf("publish: %w", err), os.RemoveAll(w.tmp))
	}
	if err := w.old.check(w.out, w.written); err != nil {
		return w.stats, errors.Join(err, os.RemoveAll(w.tmp))
	}
	paths := make([]string, 0, len(w.written))
	for p := range w.written {
		paths = append(paths, p)
	}
	if err := writeFile(filepath.Join(w.tmp, ManifestName), manifest(paths)); err != nil {
		return w.stats, errors.Join(fmt.Errorf("publish: %w", err), os.RemoveAll(w.tmp))
	}
	return w.stats, swap(w.tmp, w.out)
}

// Abort throws away what was written; the output folder is not touched.
func (w *Writer) Abort() error {
	_ = w.finish()
	return os.RemoveAll(w.tmp)
}

// writeRecovering is write, with a panic (a bug) turned into the error
// of the publish, which then leaves the previous output as it was.
func (w *Writer) writeRecovering(f model.File) (kept bool, err error) {
	defer func() {
		if p := model.Recovered(recover()); p != nil {
			err = fmt.Errorf("internal error while writing %s: %w", f.Path, p)
		}
	}()
	return w.write(f)
}

// write writes f under the temporary folder, linking the previous version
// when its bytes are the same. It reports whether the old file was kept.
func (w *Writer) write(f model.File) (bool, error) {
	rel := filepath.FromSlash(f.Path)
	if !filepath.IsLocal(rel) {
		return false, fmt.Errorf("refusing to write %q outside the output folder", f.Path)
	}
	if err := w.mkdir(filepath.Dir(rel)); err != nil {
		return false, err
	}
	dst := filepath.Join(w.tmp, rel)
	if w.prev {
		old := filepath.Join(w.out, rel)
		if fi, err := os.Lstat(old); err == nil && fi.Mode().IsRegular() && fi.Size() == int64(len(f.Data)) {
			if b, err := os.ReadFile(old); err == nil && bytes.Equal(b, f.Data) {
				if os.Link(old, dst) == nil {
					return true, nil
				}
				if err := writeFile(dst, f.Data); err != nil {
					return false, err
				}
				return true, os.Chtimes(dst, fi.ModTime(), fi.ModTime())
			}
		}
	}
	return false, writeFile(dst, f.Data)
}

// mkdir makes the folder dir (relative to the temporary folder) and its
// parents, each once: one system call a folder, which matters on file
// systems where making a folder is slow and a site of notices has a
// folder per page.
func (w *Writer) mkdir(dir string) error {
	w.mu.Lock()
	made := w.dirs[dir]
	w.mu.Unlock()
	if made {
		return nil
	}
	if err := w.mkdir(filepath.Dir(dir)); err != nil {
		return err
	}
	if err := os.Mkdir(filepath.Join(w.tmp, dir), 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return err // another worker may have made it meanwhile
	}
	w.mu.Lock()
	w.dirs[dir] = true
	w.mu.Unlock()
	return nil
}
