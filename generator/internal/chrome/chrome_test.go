package chrome

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestFind(t *testing.T) {
	bin := t.TempDir()
	other := t.TempDir()
	write := func(dir, name string, mode os.FileMode) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("#!/bin/sh\n"), mode); err != nil {
			t.Fatal(err)
		}
		return p
	}
	chromium := write(bin, "chromium", 0o755)
	chrome := write(other, "google-chrome", 0o755)
	plain := write(other, "chromium-browser", 0o644) // not executable: skipped

	for _, tc := range []struct {
		name    string
		env     map[string]string
		want    string
		wantErr string // substring; the error must wrap ErrNotFound
	}{
		{"PATH order", map[string]string{"PATH": other + string(os.PathListSeparator) + bin}, chromium, ""},
		{"later name", map[string]string{"PATH": other}, chrome, ""},
		{"env path", map[string]string{"PATH": bin, EnvExecutable: chrome}, chrome, ""},
		{"env name", map[string]string{"PATH": other, EnvExecutable: "google-chrome"}, chrome, ""},
		{"env missing, no fallback", map[string]string{"PATH": bin, EnvExecutable: "/nonexistent"}, "", "HOUQIN_CHROMIUM=/nonexistent"},
		{"env not executable", map[string]string{EnvExecutable: plain}, "", "not executable"},
		{"env folder", map[string]string{EnvExecutable: bin}, "", "folder"},
		{"none", map[string]string{"PATH": t.TempDir()}, "", "apt-get install chromium"},
		{"relative PATH entry", map[string]string{"PATH": "."}, "", "apt-get install chromium"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Search("linux", func(k string) string { return tc.env[k] }, statUnder(t, bin, other))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || !errors.Is(err, ErrNotFound) {
					t.Fatalf("Find = %q, %v; want an ErrNotFound error mentioning %q", got, err, tc.wantErr)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("Find = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

// statUnder is os.Stat for the paths under the given folders, and "no
// such file" for any other, so that the browsers of the machine running
// the test are not found.
func statUnder(t *testing.T, roots ...string) func(string) (fs.FileInfo, error) {
	return func(p string) (fs.FileInfo, error) {
		for _, r := range roots {
			if p == r || strings.HasPrefix(p, r+string(filepath.Separator)) {
				return os.Stat(p)
			}
		}
		t.Logf("stat %s", p)
		return nil, fs.ErrNotExist
	}
}

// TestSearchInstalls: with no browser on PATH, Search finds Chrome, Edge
// and Chromium where their installers put them on Windows, macOS and
// Linux, in order of preference, and otherwise says what to install.
func TestSearchInstalls(t *testing.T) {
	root := t.TempDir()
	// install writes a fake browser at root/rel and returns its path.
	install := func(rel string, mode os.FileMode) string {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("MZ"), mode); err != nil {
			t.Fatal(err)
		}
		return p
	}
	winEnv := map[string]string{
		"PATH":              filepath.Join(root, "Windows", "System32"),
		"ProgramFiles":      filepath.Join(root, "Program Files"),
		"ProgramFiles(x86)": filepath.Join(root, "Program Files (x86)"),
		"LOCALAPPDATA":      filepath.Join(root, "Users", "clerk", "AppData", "Local"),
		"HOME":              filepath.Join(root, "Users", "clerk"),
	}
	// onDisk is stat for a computer whose disk is root: /Applications/...
	// is looked for under root.
	onDisk := func(p string) (fs.FileInfo, error) {
		if strings.HasPrefix(p, root) {
			return os.Stat(p)
		}
		return os.Stat(filepath.Join(root, p))
	}
	steps := []struct {
		name, goos string
		install    string // a fake browser to add before searching, relative to root
		want       string // the path Search must return, relative to root ("" for not found)
		stat       func(string) (fs.FileInfo, error)
	}{
		{"windows: none", "windows", "", "", nil},
		{"windows: Edge in Program Files (x86)", "windows", "Program Files (x86)/Microsoft/Edge/Application/msedge.exe", "Program Files (x86)/Microsoft/Edge/Application/msedge.exe", nil},
		{"windows: Chrome per user wins over Edge", "windows", "Users/clerk/AppData/Local/Google/Chrome/Application/chrome.exe", "Users/clerk/AppData/Local/Google/Chrome/Application/chrome.exe", nil},
		{"windows: Chrome per machine wins over per user", "windows", "Program Files/Google/Chrome/Application/chrome.exe", "Program Files/Google/Chrome/Application/chrome.exe", nil},
		{"windows: on PATH wins", "windows", "Windows/System32/msedge.exe", "Windows/System32/msedge.exe", nil},
		{"macOS: none", "darwin", "", "", onDisk},
		{"macOS: Edge in the user's Applications", "darwin", "Users/clerk/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge", "Users/clerk/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge", onDisk},
		{"macOS: Chromium wins over Edge", "darwin", "Applications/Chromium.app/Contents/MacOS/Chromium", "/Applications/Chromium.app/Contents/MacOS/Chromium", onDisk},
		{"macOS: Chrome wins", "darwin", "Applications/Google Chrome.app/Contents/MacOS/Google Chrome", "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome", onDisk},
		{"linux: Chrome in /opt", "linux", "opt/google/chrome/chrome", "/opt/google/chrome/chrome", onDisk},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			if st.install != "" {
				mode := os.FileMode(0o755)
				if st.goos == "windows" {
					mode = 0o644 // Windows has no executable bit
				}
				install(st.install, mode)
			}
			stat := st.stat
			if stat == nil {
				stat = statUnder(t, root)
			}
			got, err := Search(st.goos, func(k string) string { return winEnv[k] }, stat)
			if st.want == "" {
				if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), InstallHint(st.goos)) || !strings.HasPrefix(InstallHint(st.goos), "请") {
					t.Errorf("Search = %q, %v; want ErrNotFound saying, Chinese first, what to install", got, err)
				}
				return
			}
			want := st.want
			if !strings.HasPrefix(want, "/") {
				want = filepath.Join(root, filepath.FromSlash(want))
			}
			if err != nil || got != want {
				t.Errorf("Search = %q, %v; want %q", got, err, want)
			}
		})
	}
}

// TestFlags: Chromium starts headless, without a sandbox it cannot have
// in a container, and without calling home.
func TestFlags(t *testing.T) {
	f := flags
	for _, want := range []string{"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync"} {
		if !slices.Contains(f, want) {
			t.Errorf("flags = %v, missing %s", f, want)
		}
	}
}

func TestStartNoExecutable(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	if _, _, err := Start(context.Background(), ""); err == nil {
		t.Fatal("Start with no executable succeeded")
	}
	_, _, err := Start(context.Background(), filepath.Join(t.TempDir(), "chromium"))
	if err == nil {
		t.Fatal("Start with a missing executable succeeded")
	}
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("a failed Start left %s in the temporary folder", left[0].Name())
	}
}
