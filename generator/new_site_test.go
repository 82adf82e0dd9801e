package main

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/houqin/report/generator/internal/starter"
)

// TestNewSite: new site writes the starter site, which builds with charts
// and passes check --strict with no warning; it refuses a folder that is
// not empty and leaves it as it was.
func TestNewSite(t *testing.T) {
	base := env(t)
	getenv := func(k string) string {
		if k == "SOURCE_DATE_EPOCH" {
			return "1740787200" // 2025-03-01: the starter's year 2024 is over
		}
		return base(k)
	}
	cmd := func(args ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		err := run(context.Background(), args, getenv, &stdout, &stderr)
		return exitCode(err), stdout.String(), stderr.String()
	}
	dir := filepath.Join(t.TempDir(), "我的学校")
	code, out, errs := cmd("new", "site", dir)
	if code != 0 || !strings.HasPrefix(out, "已创建站点 "+dir) {
		t.Fatalf("new site: exit %d\n%s%s", code, out, errs)
	}
	var want []string
	fs.WalkDir(starter.Files(), ".", func(name string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			want = append(want, name)
		}
		return err
	})
	for _, name := range append(want, "data/site.yaml", "content/_index.md", "content/years/2024.md") {
		if !fileExists(filepath.Join(dir, filepath.FromSlash(name))) {
			t.Errorf("new site did not write %s", name)
		}
	}
	if len(want) < 12 {
		t.Errorf("the starter has %d files, want a table of each kind, projects, honors and three pages: %v", len(want), want)
	}

	if code, out, errs := cmd("check", "--site", dir, "--strict"); code != 0 || !strings.Contains(out, "0 warning(s), no errors") {
		t.Errorf("check --strict of the starter site: exit %d\n%s%s", code, out, errs)
	}
	if code, _, errs := cmd("build", "--site", dir); code != 0 {
		t.Fatalf("build of the starter site: exit %d\n%s", code, errs)
	}
	year := readText(t, filepath.Join(dir, "public", "years", "2024", "index.html"))
	for _, chart := range []string{"chart-repairs-by-trade", "chart-inspections", "chart-utilities-monthly"} {
		if !strings.Contains(year, `data-option-for="`+chart+`"`) {
			t.Errorf("the 2024 summary lacks the chart %s", chart)
		}
	}
	if safety := readText(t, filepath.Join(dir, "public", "safety", "index.html")); strings.Contains(safety, "未达标") || !strings.Contains(safety, "达标") {
		t.Error("the starter site's safety page does not show every rule of site.yaml as met")
	}

	before := readText(t, filepath.Join(dir, "data", "site.yaml"))
	if code, _, errs := cmd("new", "site", dir); code != 1 || !strings.Contains(errs, "不是空的") {
		t.Errorf("new site into a site: exit %d, %q; want 1 and a refusal in Chinese", code, errs)
	}
	if readText(t, filepath.Join(dir, "data", "site.yaml")) != before {
		t.Error("new site changed a file of the folder it refused")
	}
	empty := t.TempDir()
	if code, _, errs := cmd("new", "site", empty); code != 0 || !fileExists(filepath.Join(empty, "data", "site.yaml")) {
		t.Errorf("new site into an empty folder: exit %d, %s", code, errs)
	}
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := cmd("new", "site", file); code != 1 || !strings.Contains(errs, "不是文件夹") {
		t.Errorf("new site onto a file: exit %d, %q", code, errs)
	}
	if code, _, _ := cmd("new", "site"); code != 2 {
		t.Errorf("new site without a folder: exit %d, want 2", code)
	}
}
