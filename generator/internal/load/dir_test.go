package load_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/houqin/report/generator/internal/load"
)

// TestDir: the site folder reads like os.DirFS, contents and errors alike.
func TestDir(t *testing.T) {
	dir := t.TempDir()
	big := bytes.Repeat([]byte("通知正文\n"), 10_000)
	for name, data := range map[string][]byte{"content/a.md": []byte("# 标题\n"), "content/empty.md": nil, "data/big.csv": big} {
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("a.md", filepath.Join(dir, "content", "link.md")); err != nil {
		t.Fatal(err)
	}
	fsys := load.Dir(dir)
	if err := fstest.TestFS(fsys, "content/a.md", "content/empty.md", "data/big.csv"); err != nil {
		t.Fatal(err)
	}
	want := os.DirFS(dir)
	for _, name := range []string{"content/a.md", "content/empty.md", "data/big.csv", "content/link.md", "content", "missing.md", "../x", "/etc/passwd", "content//a.md"} {
		got, gotErr := fs.ReadFile(fsys, name)
		exp, expErr := fs.ReadFile(want, name)
		if !bytes.Equal(got, exp) || (gotErr == nil) != (expErr == nil) || (gotErr != nil && gotErr.Error() != expErr.Error()) {
			t.Errorf("ReadFile(%q) = %d bytes, %v; os.DirFS: %d bytes, %v", name, len(got), gotErr, len(exp), expErr)
		}
	}
	if info, err := fs.Lstat(fsys, "content/link.md"); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("Lstat of a symbolic link = %v, %v; want the link itself", info, err)
	}
}
