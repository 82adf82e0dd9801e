package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNewNotice(t *testing.T) {
	dir := site(t, good)
	newCmd := func(args ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		err := run(context.Background(), append([]string{"new"}, append(args, "--site", dir)...), env(t), &stdout, &stderr)
		return exitCode(err), stdout.String(), stderr.String()
	}
	code, out, errs := newCmd("notice", `冬季"防火"安全提示`, "--category", "safety")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	// SOURCE_DATE_EPOCH of env is 2024-01-15.
	first := filepath.Join(dir, "content", "notices", "2024-01-15-1.md")
	if !strings.Contains(out, first) {
		t.Errorf("stdout %q does not name %s", out, first)
	}
	text := readText(t, first)
	for _, want := range []string{"title: \"冬季\\\"防火\\\"安全提示\"\n", "date: 2024-01-15\n", "category: safety\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("the notice lacks %q:\n%s", want, text)
		}
	}
	if code, _, errs := newCmd("notice", "第二条"); code != 0 || !fileExists(filepath.Join(dir, "content", "notices", "2024-01-15-2.md")) {
		t.Errorf("a second notice the same day: exit %d, %s", code, errs)
	}
	if readText(t, first) != text {
		t.Errorf("the second notice changed the first")
	}
	if code, _, errs := newCmd("notice", "改名", "--slug", "2024-01-15-1"); code != 1 || !strings.Contains(errs, "already exists") {
		t.Errorf("an existing --slug: exit %d, %q; want 1 and a refusal", code, errs)
	}
	if readText(t, first) != text {
		t.Errorf("new overwrote an existing notice")
	}
	for _, bad := range [][]string{
		{"notice", "x", "--category", "weather"},
		{"notice"},
		{"notice", "x", "--slug", "Bad Slug"},
		{"notice", "x", "--date", "2024/1/1"},
		{"page", "x"},
		{},
	} {
		if code, _, _ := newCmd(bad...); code != 2 {
			t.Errorf("new %q: exit %d, want 2", bad, code)
		}
	}
	if _, _, errs := newCmd("notice", "x", "--category", "weather"); !strings.Contains(errs, "safety, health, traffic, food, facilities, other") {
		t.Errorf("an unknown category does not list the valid ones: %s", errs)
	}

	// The notices build.
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{"check", "--site", dir}, env(t), &stdout, &stderr); err != nil {
		t.Errorf("a site with new notices does not build: %v\n%s", err, stderr.String())
	}
}

// TestNewYear starts summaries on a copy of the example school: one for a
// year with data, one for a year without; both must build, with figures.
func TestNewYear(t *testing.T) {
	dir := t.TempDir()
	for _, sub := range []string{"data", "content"} {
		if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join("..", sub))); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Remove(filepath.Join(dir, "content", "years", "2023.md")); err != nil {
		t.Fatal(err)
	}
	for _, year := range []string{"2023", "2024"} {
		var stdout, stderr bytes.Buffer
		if err := run(context.Background(), []string{"new", "year", year, "--site", dir}, env(t), &stdout, &stderr); err != nil {
			t.Fatalf("new year %s: %v\n%s", year, err, stderr.String())
		}
	}
	text := readText(t, filepath.Join(dir, "content", "years", "2023.md"))
	for _, want := range []string{
		"title: 2023年后勤工作总结\nyear: 2023\n",
		"{{< count repairs >}}", "{{< delta count repairs >}}", "{{< count repairs trade=水道 >}}",
		"{{< rate inspections hazards_fixed hazards_found >}}", "{{< sum purchases amount >}}",
		"{{< sum utilities water >}}", "{{< chart repairs-by-trade >}}", "{{< timeline >}}", "{{< count staff >}}",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the 2023 skeleton lacks %s", want)
		}
	}
	var stdout, stderr bytes.Buffer
	out := filepath.Join(t.TempDir(), "public")
	if err := run(context.Background(), []string{"build", "--site", dir, "--out", out}, env(t), &stdout, &stderr); err != nil {
		t.Fatalf("the skeletons do not build: %v\n%s", err, stderr.String())
	}
	page := readText(t, filepath.Join(out, "years", "2023", "index.html"))
	// 419 repair orders in 2023, 180 of them plumbing (see build's TestExampleFigures).
	for _, want := range []string{`<data class="fig" value="419"`, `<data class="fig" value="180"`} {
		if !strings.Contains(page, want) {
			t.Errorf("/years/2023/ from the skeleton lacks %s", want)
		}
	}
	if !fileExists(filepath.Join(out, "years", "2024", "index.html")) {
		t.Errorf("the 2024 skeleton did not become a page")
	}

	stderr.Reset()
	err := run(context.Background(), []string{"new", "year", "2023", "--site", dir}, env(t), &stdout, &stderr)
	if exitCode(err) != 1 || !strings.Contains(stderr.String(), "content/years/2023.md already exists") {
		t.Errorf("new year over an existing file: exit %d, %q", exitCode(err), stderr.String())
	}
	if readText(t, filepath.Join(dir, "content", "years", "2023.md")) != text {
		t.Errorf("new year overwrote an existing summary")
	}
}

func readText(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func fileExists(name string) bool {
	_, err := os.Stat(name)
	return err == nil
}

func TestServeAddr(t *testing.T) {
	for addr, warn := range map[string]bool{
		"127.0.0.1:1313": false, "localhost:8080": false, "[::1]:1313": false,
		":1313": true, "0.0.0.0:1313": true, "192.168.1.20:1313": true,
	} {
		w, err := checkAddr(addr)
		if err != nil || (w != "") != warn {
			t.Errorf("checkAddr(%q) = %q, %v; want a warning: %v", addr, w, err, warn)
		}
	}
	if _, err := checkAddr("1313"); exitCode(err) != 2 {
		t.Errorf("--addr 1313: exit %d, want 2", exitCode(err))
	}
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"serve", "--out", t.TempDir()}, env(t), &stdout, &stderr)
	if exitCode(err) != 2 || !strings.Contains(stderr.String(), "--out is only used with --write") {
		t.Errorf("serve --out without --write: exit %d, %q", exitCode(err), stderr.String())
	}
}
