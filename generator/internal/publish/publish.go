// Package publish writes a build's files to the output folder. It is the
// only package of the generator that writes to the disk.
//
// The new output is written to a temporary folder beside the output
// folder and then swapped in with two renames, so readers (a web server,
// rsync) never see a half-written site, and a failed build leaves the
// previous output untouched. Files whose bytes did not change keep their
// modification time (they are hard-linked from the previous output when
// possible), so rsync deployments transfer only what changed.
//
// Nothing outside the output folder is ever removed: the temporary and
// the previous folders are siblings the package itself created.
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
	"strings"
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
	var st Stats
	out = filepath.Clean(out)
	parent, name := filepath.Split(out)
	if parent == "" {
		parent = "."
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return st, fmt.Errorf("publish: %w", err)
	}
	if fi, err := os.Lstat(out); err == nil && !fi.IsDir() {
		return st, fmt.Errorf("publish: %s exists and is not a folder; remove it or choose another --out", out)
	}
	tmp, err := os.MkdirTemp(parent, "."+name+".new-")
	if err != nil {
		return st, fmt.Errorf("publish: %w", err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return st, errors.Join(fmt.Errorf("publish: %w", err), os.RemoveAll(tmp))
	}
	if err := makeDirs(tmp, files); err != nil {
		return st, errors.Join(fmt.Errorf("publish: %w", err), os.RemoveAll(tmp))
	}
	// Write with a few workers: thousands of small files are bound by
	// system calls, not by the disk.
	var (
		mu    sync.Mutex
		first error
		wg    sync.WaitGroup
		next  = make(chan model.File)
	)
	for range runtime.GOMAXPROCS(0) + 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range next {
				kept, err := writeFile(tmp, out, f)
				mu.Lock()
				switch {
				case err != nil && first == nil:
					first = err
				case kept:
					st.Unchanged++
				case err == nil:
					st.Written++
				}
				mu.Unlock()
			}
		}()
	}
	for _, f := range files {
		mu.Lock()
		failed := first != nil
		mu.Unlock()
		if failed || ctx.Err() != nil {
			break
		}
		next <- f
	}
	close(next)
	wg.Wait()
	if err := errors.Join(first, ctx.Err()); err != nil {
		return st, errors.Join(fmt.Errorf("publish: %w", err), os.RemoveAll(tmp))
	}
	return st, swap(tmp, out)
}

// makeDirs creates every folder the files need, once each, a few at a
// time (a site of notices has a folder per page).
func makeDirs(root string, files []model.File) error {
	made := map[string]bool{}
	var dirs []string
	for _, f := range files {
		rel := filepath.FromSlash(f.Path)
		if !filepath.IsLocal(rel) {
			return fmt.Errorf("refusing to write %q outside the output folder", f.Path)
		}
		if dir := filepath.Dir(rel); !made[dir] {
			made[dir] = true
			dirs = append(dirs, dir)
		}
	}
	errs := make([]error, len(dirs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0)+2)
	for i, dir := range dirs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			errs[i] = os.MkdirAll(filepath.Join(root, dir), 0o755) // tolerates a parent made meanwhile
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// writeFile writes f under dir, linking the previous version from prev
// when its bytes are the same. It reports whether the old file was kept.
func writeFile(dir, prev string, f model.File) (bool, error) {
	rel := filepath.FromSlash(f.Path)
	if !filepath.IsLocal(rel) {
		return false, fmt.Errorf("refusing to write %q outside the output folder", f.Path)
	}
	dst := filepath.Join(dir, rel)
	old := filepath.Join(prev, rel)
	if fi, err := os.Lstat(old); err == nil && fi.Mode().IsRegular() && fi.Size() == int64(len(f.Data)) {
		if b, err := os.ReadFile(old); err == nil && bytes.Equal(b, f.Data) {
			if os.Link(old, dst) == nil {
				return true, nil
			}
			if err := os.WriteFile(dst, f.Data, 0o644); err != nil {
				return false, err
			}
			return true, os.Chtimes(dst, fi.ModTime(), fi.ModTime())
		}
	}
	return false, os.WriteFile(dst, f.Data, 0o644)
}

// swap puts the folder tmp in the place of out.
func swap(tmp, out string) error {
	old := ""
	if _, err := os.Lstat(out); err == nil {
		old = tmp[:strings.LastIndex(tmp, ".new-")] + ".old-" + tmp[strings.LastIndex(tmp, ".new-")+5:]
		if err := os.Rename(out, old); err != nil {
			return errors.Join(fmt.Errorf("publish: cannot move the previous output aside: %w", err), os.RemoveAll(tmp))
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return errors.Join(fmt.Errorf("publish: %w", err), os.RemoveAll(tmp))
	}
	if err := os.Rename(tmp, out); err != nil {
		if old != "" {
			_ = os.Rename(old, out)
		}
		return errors.Join(fmt.Errorf("publish: %w", err), os.RemoveAll(tmp))
	}
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("publish: the new output is in place, but the previous one could not be removed: %w", err)
		}
	}
	return nil
}
