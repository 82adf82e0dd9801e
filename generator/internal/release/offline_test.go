package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/houqin/report/generator/internal/echarts"
)

// TestReleasedProgramOffline runs the released program for this machine on
// the example site the way a clerk's intranet computer would: PATH holds
// nothing but the program (no go, node or npm), home and cache folders are
// empty, and, where unshare is allowed, there is no network at all. The
// site must come out with its charts.
func TestReleasedProgramOffline(t *testing.T) {
	name, l := archive(t, runtime.GOOS, runtime.GOARCH)
	top := strings.TrimSuffix(strings.TrimSuffix(name, ".zip"), ".tar.gz")
	exeName := "houqin"
	if runtime.GOOS == "windows" {
		exeName += ".exe"
	}
	bin := t.TempDir()
	exe := filepath.Join(bin, exeName)
	if err := os.WriteFile(exe, l.files[top+"/"+exeName], 0o755); err != nil {
		t.Fatal(err)
	}
	home, cache, out := t.TempDir(), t.TempDir(), filepath.Join(t.TempDir(), "public")
	env := []string{"PATH=" + bin, "HOME=" + home, "XDG_CACHE_HOME=" + cache, "USERPROFILE=" + home,
		"LOCALAPPDATA=" + cache, "SOURCE_DATE_EPOCH=1705276800"}
	houqin := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(exe, args...)
		if unshare := noNetwork(t); unshare != "" {
			cmd = exec.Command(unshare, append([]string{"-rn", exe}, args...)...)
		}
		cmd.Env = env
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("houqin %s: %v\n%s%s", strings.Join(args, " "), err, &stdout, &stderr)
		}
		return stdout.String()
	}

	v := houqin("version")
	if !strings.Contains(v, "ECharts "+echarts.Version()+"：已内置") {
		t.Errorf("houqin version does not say ECharts %s is built in:\n%s", echarts.Version(), v)
	}
	root, _ := filepath.Abs(filepath.Join("..", "..", ".."))
	houqin("build", "--site", root, "--out", out)

	runtimes, _ := filepath.Glob(filepath.Join(out, "assets", "echarts-"+echarts.Version()+".min.*.js"))
	if len(runtimes) != 1 {
		t.Fatalf("the output has %d chart runtimes (%v), want 1", len(runtimes), runtimes)
	}
	js, _ := os.ReadFile(runtimes[0])
	if len(js) < 100_000 || !bytes.HasPrefix(js, []byte("/*! Apache ECharts "+echarts.Version())) {
		t.Errorf("%s is not the ECharts runtime (%d bytes, starts %.40q)", runtimes[0], len(js), js)
	}
	if lic, err := os.ReadFile(filepath.Join(out, "assets", "echarts-LICENSE.txt")); err != nil || !bytes.Contains(lic, []byte("Apache License")) {
		t.Errorf("the output lacks the chart runtime's license: %v", err)
	}
	page, err := os.ReadFile(filepath.Join(out, "years", "2023", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	loader := regexp.MustCompile(`data-runtime="\.\./\.\./assets/` + regexp.QuoteMeta(filepath.Base(runtimes[0])) + `"`)
	if !loader.Match(page) || !bytes.Contains(page, []byte(`id="chart-repairs-by-trade"`)) ||
		!bytes.Contains(page, []byte(`data-option-for="chart-repairs-by-trade"`)) {
		t.Error("the 2023 summary does not load the runtime or lacks its repairs-by-trade chart")
	}
	for _, dir := range []string{home, cache} {
		if left, _ := os.ReadDir(dir); len(left) > 0 {
			t.Errorf("the program wrote %s into %s: it must need no cache", left[0].Name(), dir)
		}
	}
}

// noNetwork returns the path of unshare when it can run a program in a
// namespace without network (Linux, unprivileged user namespaces allowed),
// else "" and the test runs with the machine's network.
func noNetwork(t *testing.T) string {
	t.Helper()
	unshare, err := exec.LookPath("unshare")
	if err != nil || exec.Command(unshare, "-rn", "true").Run() != nil {
		t.Log("unshare -rn is not available: running with the network")
		return ""
	}
	return unshare
}
