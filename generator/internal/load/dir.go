package load

import (
	"io/fs"
	"os"
	"path/filepath"
)

// Dir is the site folder dir as a file system, os.DirFS(dir), whose
// ReadFile reads a file with fewer system calls than os.ReadFile: a
// district's site has thousands of small notices to read.
func Dir(dir string) fs.FS { return siteDir{os: os.DirFS(dir).(dirFS), dir: dir} }

// dirFS is what os.DirFS provides and the loader uses.
type dirFS interface {
	fs.ReadFileFS
	fs.ReadDirFS
	fs.StatFS
	fs.ReadLinkFS
}

type siteDir struct {
	os  dirFS
	dir string
}

func (d siteDir) Open(name string) (fs.File, error)          { return d.os.Open(name) }
func (d siteDir) ReadDir(name string) ([]fs.DirEntry, error) { return d.os.ReadDir(name) }
func (d siteDir) Stat(name string) (fs.FileInfo, error)      { return d.os.Stat(name) }
func (d siteDir) Lstat(name string) (fs.FileInfo, error)     { return d.os.Lstat(name) }
func (d siteDir) ReadLink(name string) (string, error)       { return d.os.ReadLink(name) }

// ReadFile reads the named file, with the errors of os.DirFS.
func (d siteDir) ReadFile(name string) ([]byte, error) {
	if d.dir == "" || !fs.ValidPath(name) {
		return d.os.ReadFile(name) // with os.DirFS's error
	}
	data, err := readFile(filepath.Join(d.dir, filepath.FromSlash(name)))
	if err != nil {
		if e, ok := err.(*fs.PathError); ok {
			e.Path = name
		}
		return nil, err
	}
	return data, nil
}
