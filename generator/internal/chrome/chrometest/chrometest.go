// Package chrometest gives tests a headless Chromium and a loopback HTTP
// server for a built site.
//
// A test that needs the browser calls Browser (or Executable) first,
// before any costly setup: when Chromium is missing the test is skipped
// with the reason, unless $CI is "true", where a missing browser fails the
// test so that a CI image without it cannot pass unnoticed.
package chrometest

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/houqin/report/generator/internal/chrome"
)

// Browser finds and starts Chromium (see chrome.Find and chrome.Start) and
// returns its browser context; open a tab with chromedp.NewContext. The
// browser is closed and its profile folder removed when the test ends.
func Browser(t testing.TB) context.Context {
	t.Helper()
	exe := Executable(t)
	browser, stop, err := chrome.Start(context.Background(), exe)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	return browser
}

// Executable returns the Chromium executable (see chrome.Find) for a test
// that starts the browser itself, such as one running the pdf command.
// Without Chromium it skips the test, or fails it when $CI is "true".
func Executable(t testing.TB) string {
	t.Helper()
	exe, err := chrome.Find(os.Getenv)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("browser test needs Chromium, and CI=true makes a missing browser a failure: %v", err)
		}
		t.Skipf("skipping browser test: %v (with CI=true this is a failure)", err)
	}
	return exe
}

// Serve serves the folder dir over HTTP on 127.0.0.1 until the test ends
// and returns the base URL, such as http://127.0.0.1:40123 (no trailing
// slash).
func Serve(t testing.TB, dir string) string {
	t.Helper()
	fi, err := os.Stat(dir)
	if err == nil && !fi.IsDir() {
		err = errors.New("not a folder")
	}
	if err != nil {
		t.Fatalf("serving %s: %v", dir, err)
	}
	l, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("serving %s: %v", dir, err)
	}
	srv := httptest.NewUnstartedServer(http.FileServer(http.Dir(dir)))
	srv.Listener.Close()
	srv.Listener = l
	srv.Start()
	t.Cleanup(srv.Close)
	return srv.URL
}
