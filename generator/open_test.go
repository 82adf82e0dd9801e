package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestNoCommandOutsideSite: with no command outside a site folder the
// program says in Chinese what to do, then the usage, with exit status 2.
func TestNoCommandOutsideSite(t *testing.T) {
	t.Chdir(t.TempDir())
	var stderr bytes.Buffer
	err := run(context.Background(), nil, env(t), &bytes.Buffer{}, &stderr)
	if code := exitCode(err); code != 2 || !strings.HasPrefix(stderr.String(), "这里没有站点") ||
		!strings.Contains(stderr.String(), "houqin new site 我的学校") || !strings.Contains(stderr.String(), "houqin COMMAND [flags]") {
		t.Errorf("exit %d, stderr:\n%s\nwant 2, what to do in Chinese, then the usage", code, &stderr)
	}
	if !strings.Contains(noSiteHere("windows"), "地址栏输入 cmd") {
		t.Error("on Windows the message does not say how to open a command prompt in the folder")
	}
}

// TestNoCommandInSite: with no command in a site folder (a double-click)
// the program builds the site into public/, serves the preview and opens
// it in the browser ($BROWSER here), until it is stopped.
func TestNoCommandInSite(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the stand-in browser is a shell script")
	}
	dir := site(t, good)
	t.Chdir(dir)
	opened := filepath.Join(t.TempDir(), "opened")
	browser := filepath.Join(t.TempDir(), "browser")
	if err := os.WriteFile(browser, []byte("#!/bin/sh\nprintf %s \"$1\" > "+opened+".tmp && mv "+opened+".tmp "+opened+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	base := env(t)
	getenv := func(k string) string {
		if k == "BROWSER" {
			return browser
		}
		return base(k)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr bytes.Buffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, nil, getenv, &stdout, &stderr) }()

	var url []byte
	for deadline := time.Now().Add(20 * time.Second); len(url) == 0; time.Sleep(20 * time.Millisecond) {
		url, _ = os.ReadFile(opened)
		select {
		case err := <-done:
			t.Fatalf("run ended before opening a browser: %v\n%s", err, &stderr)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("no browser was opened within 20 s")
		}
	}
	if !strings.HasPrefix(string(url), "http://127.0.0.1:") {
		t.Errorf("the browser was opened on %q, want the loopback preview", url)
	}
	resp, err := http.Get(string(url) + "years/2023/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !bytes.Contains(page, []byte(`title="来源 data/repairs.csv · 2023年 · 1 行" tabindex="0">1</data> 次`)) {
		t.Errorf("the preview of years/2023/: %s\n%.300s", resp.Status, page)
	}
	if !fileExists(filepath.Join(dir, "public", "years", "2023", "index.html")) {
		t.Error("the site was not built into public/")
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("stopping the preview: %v\n%s", err, &stderr)
	}
	if !strings.HasPrefix(stdout.String(), "这个文件夹是一个站点") {
		t.Errorf("stdout does not start by saying what happens, in Chinese: %s", &stdout)
	}
}
