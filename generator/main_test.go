package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/houqin/report/generator/internal/echarts"
)

// site writes a small site into a new folder.
func site(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// env gives run a fake chart runtime, so these tests need no npm.
func env(t *testing.T) func(string) string {
	rt := filepath.Join(t.TempDir(), "echarts.js")
	if err := os.WriteFile(rt, []byte("/* rt */"), 0o644); err != nil {
		t.Fatal(err)
	}
	return func(k string) string {
		switch k {
		case "HOUQIN_CHART_RUNTIME":
			return rt
		case "SOURCE_DATE_EPOCH":
			return "1705276800"
		}
		return ""
	}
}

var good = map[string]string{
	"data/site.yaml":        "title: 年报\nschool: 测试小学\n",
	"data/repairs.csv":      "date,trade,item\n2023-09-01,水道,水管\n",
	"content/years/2023.md": "---\ntitle: 2023\nyear: 2023\n---\n共 {{< count repairs >}} 次。\n",
}

func TestRunExitCodes(t *testing.T) {
	dir := site(t, good)
	bad := site(t, map[string]string{
		"data/site.yaml":        "title: 年报\nschool: 测试小学\n",
		"content/years/2023.md": "---\ntitle: 2023\nyear: 2023\n---\n共 {{< count repairs >}} 次，{{< sum x y >}}\n",
	})
	tests := []struct {
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{[]string{"build", "--site", dir}, 0, "built 4 pages", ""},
		{[]string{"check", "--site", dir}, 0, "checked 4 pages: 0 warning(s), no errors", ""},
		{[]string{"build", "--site", bad}, 1, "", "content/years/2023.md:5:13: unknown table \"repairs\" (there is no data/repairs.csv or .xlsx)"},
		{[]string{"check", "--site", bad}, 1, "", "2 error(s); nothing was written"},
		{[]string{"build", "--site", dir, "--out", dir}, 2, "", "is the site folder itself"},
		{[]string{"build", "--nope"}, 2, "", "flag provided but not defined: -nope"},
		{[]string{"build", "extra"}, 2, "", `unexpected argument "extra"`},
		{[]string{"frobnicate"}, 2, "", `unknown command "frobnicate"`},
		{[]string{"build", "-h"}, 2, "", "-site folder"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) { runCase(t, tt.args, tt.code, tt.stdout, tt.stderr) })
	}
}

// build --out pointed at the office's folder of spreadsheets refuses with
// exit status 2 and deletes nothing.
func TestBuildRefusesAFolderOfOtherFiles(t *testing.T) {
	dir := site(t, good)
	office := site(t, map[string]string{"2024预算.xlsx": "budget", "会议纪要.docx": "minutes"})
	runCase(t, []string{"build", "--site", dir, "--out", office}, 2, "", "2024预算.xlsx, 会议纪要.docx")
	for _, name := range []string{"2024预算.xlsx", "会议纪要.docx"} {
		if _, err := os.Stat(filepath.Join(office, name)); err != nil {
			t.Errorf("%s was deleted: %v", name, err)
		}
	}
}

func TestCheckWritesNothing(t *testing.T) {
	dir := site(t, good)
	if err := run(context.Background(), []string{"check", "--site", dir}, env(t), &bytes.Buffer{}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Error("check wrote public/")
	}
}

// TestLayoutOverride: a site's layouts/ file replaces the built-in one of
// the same name, and the others stay built-in.
func TestLayoutOverride(t *testing.T) {
	files := map[string]string{
		"layouts/notice.html":      `{{define "main"}}<p class="custom">自定义 {{.Title}}</p>{{end}}`,
		"layouts/assets/style.css": "body{color:red}",
		"content/notices/a.md":     "---\ntitle: 通知甲\ndate: 2023-09-01\ncategory: safety\n---\n正文\n",
	}
	for k, v := range good {
		files[k] = v
	}
	dir := site(t, files)
	if err := run(context.Background(), []string{"build", "--site", dir}, env(t), &bytes.Buffer{}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	notice, _ := os.ReadFile(filepath.Join(dir, "public", "notices", "a", "index.html"))
	if !bytes.Contains(notice, []byte(`<p class="custom">自定义 通知甲</p>`)) || !bytes.Contains(notice, []byte(`<header class="site-header">`)) {
		t.Errorf("notice.html override not used, or baseof.html lost:\n%s", notice)
	}
	css, _ := filepath.Glob(filepath.Join(dir, "public", "assets", "style.*.css"))
	if len(css) != 1 {
		t.Fatalf("stylesheets: %v", css)
	}
	// style.css is the first part of the stylesheet; the built-in parts
	// for notices, safety and the timeline follow it.
	if b, _ := os.ReadFile(css[0]); !bytes.HasPrefix(b, []byte("body{color:red}\n")) || !bytes.Contains(b, []byte(".timeline")) {
		t.Errorf("layouts/assets/style.css not used in place of the built-in one: %.200q", b)
	}
}

func TestLayoutErrorHasPosition(t *testing.T) {
	files := map[string]string{"layouts/year.html": "{{define \"main\"}}\n<p>{{.Nope</p>{{end}}"}
	for k, v := range good {
		files[k] = v
	}
	var stderr bytes.Buffer
	err := run(context.Background(), []string{"build", "--site", site(t, files)}, env(t), &bytes.Buffer{}, &stderr)
	if exitCode(err) != 1 || !strings.Contains(stderr.String(), "layouts/year.html:2:") {
		t.Errorf("exit %d, stderr %s", exitCode(err), stderr.String())
	}
}

// runCase runs the command line args and checks its exit status and that
// stdout and stderr contain the given text.
func runCase(t *testing.T, args []string, code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, env(t), &out, &errOut)
	if got := exitCode(err); got != code {
		t.Errorf("exit %d, want %d (err %v)\nstderr: %s", got, code, err, errOut.String())
	}
	if !strings.Contains(out.String(), stdout) {
		t.Errorf("stdout %q lacks %q", out.String(), stdout)
	}
	if !strings.Contains(errOut.String(), stderr) {
		t.Errorf("stderr %q lacks %q", errOut.String(), stderr)
	}
}

// TestVersion: version names the program, its commit and the pinned
// ECharts, and says whether the chart runtime is built in.
func TestVersion(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"version"}, env(t), &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"houqin dev\n", "提交 commit: ", "图表库 ECharts " + echarts.Version() + "：未内置", runtime.GOOS + "/" + runtime.GOARCH} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("version printed %q, lacking %q", out.String(), want)
		}
	}
	runCase(t, []string{"version", "extra"}, 2, "", "version takes no arguments")
}
