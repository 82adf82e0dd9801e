package main

import (
	"archive/tar"
	"archive/zip"
	"compress/gzip"
	"io"
	"io/fs"
	"slices"
	"strings"
	"time"
)

// entry is one file of an archive.
type entry struct {
	name string // slash-separated, inside the archive's top folder
	mode fs.FileMode
	data []byte
}

// sorted returns the entries ordered by name, so that an archive does not
// depend on the order its files were gathered in.
func sorted(files []entry) []entry {
	files = slices.Clone(files)
	slices.SortFunc(files, func(a, b entry) int { return strings.Compare(a.name, b.name) })
	return files
}

// writeZip writes a zip archive of files under the folder top/, every entry
// dated mtime: the same files give the same bytes.
func writeZip(w io.Writer, top string, files []entry, mtime time.Time) error {
	zw := zip.NewWriter(w)
	dir := &zip.FileHeader{Name: top + "/", Modified: mtime.UTC(), Method: zip.Store}
	dir.SetMode(fs.ModeDir | 0o755)
	if _, err := zw.CreateHeader(dir); err != nil {
		return err
	}
	for _, f := range sorted(files) {
		h := &zip.FileHeader{Name: top + "/" + f.name, Modified: mtime.UTC(), Method: zip.Deflate}
		h.SetMode(f.mode)
		fw, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		if _, err := fw.Write(f.data); err != nil {
			return err
		}
	}
	return zw.Close()
}

// writeTarGz writes a gzip-compressed tar archive of files under the
// folder top/, every entry dated mtime and owned by root, with no name or
// time in the gzip header: the same files give the same bytes.
func writeTarGz(w io.Writer, top string, files []entry, mtime time.Time) error {
	gz, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	tw := tar.NewWriter(gz)
	hdr := func(name string, mode fs.FileMode, size int64, typ byte) *tar.Header {
		return &tar.Header{Name: name, Mode: int64(mode.Perm()), Size: size, Typeflag: typ,
			ModTime: mtime.UTC().Truncate(time.Second), Format: tar.FormatPAX}
	}
	if err := tw.WriteHeader(hdr(top+"/", 0o755, 0, tar.TypeDir)); err != nil {
		return err
	}
	for _, f := range sorted(files) {
		if err := tw.WriteHeader(hdr(top+"/"+f.name, f.mode, int64(len(f.data)), tar.TypeReg)); err != nil {
			return err
		}
		if _, err := tw.Write(f.data); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}
