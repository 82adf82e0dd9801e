package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestArchivesDeterministic: the same files give the same archive bytes
// whatever order they come in, with sorted entries, one date and the
// program's mode kept.
func TestArchivesDeterministic(t *testing.T) {
	files := []entry{
		{"快速上手.txt", 0o644, []byte("\ufeff# 快速上手\n")},
		{"houqin", 0o755, bytes.Repeat([]byte("program"), 1000)},
		{"ECHARTS-LICENSE.txt", 0o644, []byte("Apache License")},
	}
	reversed := []entry{files[2], files[1], files[0]}
	date := time.Date(2024, 5, 1, 8, 30, 0, 0, time.UTC)
	for _, kind := range []string{"zip", "tar.gz"} {
		t.Run(kind, func(t *testing.T) {
			write := writeTarGz
			if kind == "zip" {
				write = writeZip
			}
			var a, b bytes.Buffer
			if err := write(&a, "houqin_v1_x_y", files, date); err != nil {
				t.Fatal(err)
			}
			if err := write(&b, "houqin_v1_x_y", reversed, date); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Fatal("the same files in another order give another archive")
			}
			got := listArchive(t, kind, a.Bytes())
			want := []string{
				"houqin_v1_x_y/ drwxr-xr-x",
				"houqin_v1_x_y/ECHARTS-LICENSE.txt -rw-r--r--",
				"houqin_v1_x_y/houqin -rwxr-xr-x",
				"houqin_v1_x_y/快速上手.txt -rw-r--r--",
			}
			if strings.Join(got.entries, "\n") != strings.Join(want, "\n") {
				t.Errorf("entries:\n%s\nwant:\n%s", strings.Join(got.entries, "\n"), strings.Join(want, "\n"))
			}
			for _, d := range got.dates {
				if !d.Equal(date) {
					t.Errorf("an entry is dated %v, want %v", d, date)
				}
			}
		})
	}
}

type listing struct {
	entries []string
	dates   []time.Time
	files   map[string][]byte
}

// listArchive reads a zip or tar.gz archive: each entry's name and mode
// in order, its date and its contents.
func listArchive(t *testing.T, kind string, data []byte) listing {
	t.Helper()
	l := listing{files: map[string][]byte{}}
	add := func(name string, mode fs.FileMode, date time.Time, r io.Reader) {
		l.entries = append(l.entries, fmt.Sprintf("%s %v", name, mode))
		l.dates = append(l.dates, date)
		b, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		l.files[name] = b
	}
	if kind == "zip" {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			add(f.Name, f.Mode(), f.Modified, rc)
			rc.Close()
		}
		return l
	}
	gz, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return l
		}
		if err != nil {
			t.Fatal(err)
		}
		add(h.Name, h.FileInfo().Mode(), h.ModTime, tr)
	}
}

// release is the output of .ci/release found by the tests: the archives
// listed in its checksums file, each checked against its sum.
func release(t *testing.T) (dir string, archives []string) {
	t.Helper()
	dir = os.Getenv("HOUQIN_DIST")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "dist")
	}
	sums, _ := filepath.Glob(filepath.Join(dir, "houqin_*_checksums.txt"))
	if len(sums) != 1 {
		missing(t, fmt.Sprintf("%d checksums files in %s, want 1: run .ci/release first", len(sums), dir))
	}
	text, err := os.ReadFile(sums[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(text)), "\n") {
		sum, name, ok := strings.Cut(line, "  ")
		data, err := os.ReadFile(filepath.Join(dir, name))
		if !ok || err != nil {
			t.Fatalf("%s: line %q: %v", sums[0], line, err)
		}
		if got := fmt.Sprintf("%x", sha256.Sum256(data)); got != sum {
			t.Errorf("%s: SHA-256 %s, the checksums file says %s", name, got, sum)
		}
		archives = append(archives, name)
	}
	return dir, archives
}

// missing skips a test that needs a release, or fails it when CI=true.
func missing(t *testing.T, why string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s (CI=true makes a missing release a failure)", why)
	}
	t.Skipf("skipping: %s (with CI=true this is a failure)", why)
}

// archive returns the contents of the archive for goos/goarch.
func archive(t *testing.T, goos, goarch string) (name string, l listing) {
	t.Helper()
	dir, names := release(t)
	kind := "tar.gz"
	if goos == "windows" {
		kind = "zip"
	}
	suffix := fmt.Sprintf("_%s_%s.%s", goos, goarch, kind)
	for _, n := range names {
		if strings.HasSuffix(n, suffix) {
			data, err := os.ReadFile(filepath.Join(dir, n))
			if err != nil {
				t.Fatal(err)
			}
			return n, listArchive(t, kind, data)
		}
	}
	missing(t, fmt.Sprintf("the release in %s has no archive *%s", dir, suffix))
	return "", listing{}
}

// TestWindowsArchive: the Windows download holds houqin.exe, a Windows
// program, with the quick start and the chart runtime's license.
func TestWindowsArchive(t *testing.T) {
	name, l := archive(t, "windows", "amd64")
	top := strings.TrimSuffix(name, ".zip")
	exe := l.files[top+"/houqin.exe"]
	if !bytes.HasPrefix(exe, []byte("MZ")) || len(exe) < 1<<20 {
		t.Errorf("%s: houqin.exe is not a Windows program (%d bytes, starts %q)", name, len(exe), exe[:min(len(exe), 2)])
	}
	if guide := l.files[top+"/快速上手.txt"]; !bytes.HasPrefix(guide, []byte("\ufeff# ")) {
		t.Errorf("%s: 快速上手.txt missing or without its byte order mark: %.40q", name, guide)
	}
	if lic := l.files[top+"/ECHARTS-LICENSE.txt"]; !bytes.Contains(lic, []byte("Apache License")) {
		t.Errorf("%s: ECHARTS-LICENSE.txt lacks the Apache License", name)
	}
}
