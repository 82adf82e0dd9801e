package chrome

import (
	"context"
	"errors"
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
			got, err := Find(func(k string) string { return tc.env[k] })
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

func TestFlags(t *testing.T) {
	f := Flags()
	for _, want := range []string{"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync"} {
		if !slices.Contains(f, want) {
			t.Errorf("Flags() = %v, missing %s", f, want)
		}
	}
	f[0] = "--changed"
	if Flags()[0] == "--changed" {
		t.Error("Flags returns the package's own slice; changing it changes how Chromium starts")
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
