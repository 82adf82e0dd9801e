package publish

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/houqin/report/generator/internal/model"
)

func TestWriteReplacesAndKeepsUnchangedFiles(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	if _, err := Write(context.Background(), out, []model.File{
		{Path: "index.html", Data: []byte("home v1")},
		{Path: "years/2023/index.html", Data: []byte("2023")},
		{Path: "old/index.html", Data: []byte("gone next time")},
	}); err != nil {
		t.Fatal(err)
	}
	stable := filepath.Join(out, "years", "2023", "index.html")
	past := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := os.Chtimes(stable, past, past); err != nil {
		t.Fatal(err)
	}
	st, err := Write(context.Background(), out, []model.File{
		{Path: "index.html", Data: []byte("home v2")},
		{Path: "years/2023/index.html", Data: []byte("2023")},
	})
	if err != nil {
		t.Fatal(err)
	}
	if st.Written != 1 || st.Unchanged != 1 {
		t.Errorf("stats %+v, want 1 written, 1 unchanged", st)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "index.html")); string(b) != "home v2" {
		t.Errorf("index.html = %q", b)
	}
	if fi, err := os.Stat(stable); err != nil || !fi.ModTime().Equal(past) {
		t.Errorf("an unchanged file must keep its modification time (for rsync): %v %v", fi.ModTime(), err)
	}
	if _, err := os.Stat(filepath.Join(out, "old")); !os.IsNotExist(err) {
		t.Error("a page no longer built is still in the output")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary folders left beside the output: %v", entries)
	}
}

func TestWriteRefusesPathsOutside(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	for _, p := range []string{"../escape.html", "/abs.html"} {
		if _, err := Write(context.Background(), out, []model.File{{Path: p, Data: []byte("x")}}); err == nil {
			t.Errorf("%s was written", p)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "escape.html")); !os.IsNotExist(err) {
		t.Error("a file escaped the output folder")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("a refused write left %v", entries)
	}
}

func TestWriteRefusesAFileAsOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := os.WriteFile(out, []byte("not a folder"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(context.Background(), out, []model.File{{Path: "index.html"}}); err == nil {
		t.Error("a file was replaced by the output folder")
	}
	if b, _ := os.ReadFile(out); string(b) != "not a folder" {
		t.Error("the file was changed")
	}
}

func TestWriteCancelled(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	if _, err := Write(context.Background(), out, []model.File{{Path: "index.html", Data: []byte("v1")}}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Write(ctx, out, []model.File{{Path: "index.html", Data: []byte("v2")}}); err == nil {
		t.Fatal("a cancelled write succeeded")
	}
	if b, _ := os.ReadFile(filepath.Join(out, "index.html")); string(b) != "v1" {
		t.Errorf("a cancelled write changed the output: %q", b)
	}
}
