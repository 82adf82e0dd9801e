package publish

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/houqin/report/generator/internal/model"
)

var site = []model.File{
	{Path: "index.html", Data: []byte("home")},
	{Path: "404.html", Data: []byte("not found")},
	{Path: "assets/site.css", Data: []byte("body{}")},
}

func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// assertKept fails unless every file is still there with its bytes.
func assertKept(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		if b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name))); err != nil || string(b) != data {
			t.Errorf("%s was lost or changed: %q, %v", name, b, err)
		}
	}
}

// --out pointed by mistake at a folder of office files must not delete them.
func TestWriteRefusesAFolderItDidNotWrite(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "财务")
	mine := map[string]string{"2024预算.xlsx": "budget", "会议纪要.docx": "minutes", "sub/a.txt": "a"}
	writeTree(t, out, mine)
	_, err := Write(context.Background(), out, site)
	var re *RefusedError
	if !errors.As(err, &re) {
		t.Fatalf("the folder was replaced or the error is not a refusal: %v", err)
	}
	for _, want := range []string{"2024预算.xlsx", "会议纪要.docx", "不是本生成器", "choose a new or empty folder"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the message does not say %q: %v", want, err)
		}
	}
	assertKept(t, out, mine)
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("a refused build left folders beside the output: %v", entries)
	}
}

// An output of a version from before the manifest is replaced (and marked
// from then on), unless it holds a file the generator would not write.
func TestWriteReplacesAnOutputOfAnEarlierVersion(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	old := map[string]string{"index.html": "old", "404.html": "x", "assets/site.css": "old", "years/2021/index.html": "gone",
		"booklet/2021.pdf": "%PDF", "img/photo.png": "png"}
	writeTree(t, out, old)
	if _, err := Write(context.Background(), out, site); err != nil {
		t.Fatalf("an earlier output was not replaced: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, ManifestName)); err != nil {
		t.Errorf("the new output is not marked: %v", err)
	}

	legacy := filepath.Join(t.TempDir(), "public")
	dropped := map[string]string{"index.html": "old", "404.html": "x", "assets/site.css": "old", "预算.xlsx": "budget"}
	writeTree(t, legacy, dropped)
	if _, err := Write(context.Background(), legacy, site); err == nil || !strings.Contains(err.Error(), "预算.xlsx") {
		t.Fatalf("an earlier output holding a spreadsheet was replaced: %v", err)
	}
	assertKept(t, legacy, dropped)
}

// A file put by hand into an output is not deleted by the next build; the
// booklet PDFs the pdf command prints there are the generator's.
func TestWriteRefusesAFileAddedToAnOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Write(context.Background(), out, site); err != nil {
		t.Fatal(err)
	}
	writeTree(t, out, map[string]string{"booklet/2023.pdf": "%PDF"})
	if _, err := Write(context.Background(), out, site); err != nil {
		t.Fatalf("a booklet PDF made the output look foreign: %v", err)
	}
	added := map[string]string{"notes/会议纪要.docx": "minutes"}
	writeTree(t, out, added)
	_, err := Write(context.Background(), out, site)
	if err == nil || !strings.Contains(err.Error(), "notes/会议纪要.docx") {
		t.Fatalf("a file added by hand would be deleted: %v", err)
	}
	assertKept(t, out, added)
}

func TestWriteIntoAnEmptyFolder(t *testing.T) {
	out := t.TempDir()
	if _, err := Write(context.Background(), out, site); err != nil {
		t.Fatalf("an empty folder was refused: %v", err)
	}
}

// The temporary folders of a build that was killed are removed by the
// next build; those of a build still running are not.
func TestWriteCleansLeftoversOfAKilledBuild(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	dead := deadPID(t)
	leftovers := []string{
		fmt.Sprintf(".public.new-p%d-123", dead),
		fmt.Sprintf(".public.old-p%d-123", dead),
	}
	running := fmt.Sprintf(".public.new-p%d-456", os.Getppid())
	for _, l := range append(leftovers, running) {
		writeTree(t, filepath.Join(dir, l), map[string]string{"index.html": "half"})
	}
	if _, err := Write(context.Background(), out, site); err != nil {
		t.Fatal(err)
	}
	for _, l := range leftovers {
		if _, err := os.Stat(filepath.Join(dir, l)); !os.IsNotExist(err) {
			t.Errorf("%s is still there", l)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, running)); err != nil {
		t.Errorf("the folder of a build still running was removed: %v", err)
	}
}

// deadPID is the id of a process that has ended.
func deadPID(t *testing.T) int {
	for pid := 4_000_000; pid > 3_000_000; pid -= 99_991 {
		if !running(pid) {
			return pid
		}
	}
	t.Skip("no free process id found")
	return 0
}
