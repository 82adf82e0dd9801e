package serve

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/houqin/report/generator/internal/build"
	"github.com/houqin/report/generator/internal/echarts"
	"github.com/houqin/report/generator/internal/model"
)

// wait bounds every "the change is served" assertion.
const wait = 5 * time.Second

var testSite = map[string]string{
	"data/site.yaml":              "title: 年报\nschool: 测试小学\n",
	"data/repairs.csv":            "date,trade,item\n2023-09-01,水道,水管\n",
	"content/years/2023.md":       "---\ntitle: 2023年总结\nyear: 2023\n---\n全年维修 {{< count repairs >}} 次。\n",
	"content/notices/n1.md":       "---\ntitle: 放假通知\ndate: 2023-12-01\ncategory: safety\n---\n第一版正文。\n",
	"content/about.md":            "---\ntitle: 关于\n---\n关于本站。\n",
	"layouts/page.html":           pageLayout("LAYOUT-V1"),
	"content/notices/.gitkeep":    "",
	"data/.~lock.repairs.csv#":    "lock",
	"content/~$notes.docx":        "lock",
	"content/notices/README.md~":  "backup",
	"content/years/2023.md.swp":   "swap",
	"layouts/.hidden/ignored.txt": "x",
}

func pageLayout(marker string) string {
	return `{{define "main"}}<div class="wrap"><article class="prose"><h1>{{.Title}}</h1>` + marker + `{{.Body}}</article></div>{{end}}`
}

// writeSite writes files into a new site folder.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		writeFile(t, dir, name, data)
	}
	return dir
}

func writeFile(t *testing.T, dir, name, data string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// saveByRename saves as Vim, VS Code and Excel do: write a temporary file
// beside the original, then rename it over the original.
func saveByRename(t *testing.T, dir, name, data, tmpName string) {
	t.Helper()
	tmp := filepath.Join(dir, filepath.FromSlash(filepath.ToSlash(filepath.Dir(name))), tmpName)
	if err := os.WriteFile(tmp, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
		t.Fatal(err)
	}
}

// fakeRuntime stands in for the ECharts bundle, so these tests need no npm.
func fakeRuntime(t *testing.T) echarts.Options {
	t.Helper()
	f := filepath.Join(t.TempDir(), "echarts.js")
	if err := os.WriteFile(f, []byte("/* test runtime */"), 0o644); err != nil {
		t.Fatal(err)
	}
	return echarts.Options{File: f}
}

// syncBuffer is the terminal, written by the server and read by the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type testServer struct {
	t    *testing.T
	url  string
	site string
	log  *syncBuffer
}

// start serves a copy of files on a random loopback port until the test
// ends, and checks that Serve returns when its context is cancelled.
func start(t *testing.T, files map[string]string) *testServer {
	t.Helper()
	dir := writeSite(t, files)
	log := &syncBuffer{}
	opt := build.Options{Site: dir, Now: time.Date(2024, 1, 15, 8, 0, 0, 0, time.UTC), Charts: fakeRuntime(t)}
	s, err := New(Options{Site: dir, Renderer: fullRenderer{opt}, Log: log, Quiet: 50 * time.Millisecond, MaxDelay: 500 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Serve: %v", err)
			}
		case <-time.After(wait):
			t.Errorf("Serve did not return %v after its context was cancelled", wait)
		}
		if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
			t.Errorf("serve without --write created public/")
		}
		if t.Failed() {
			t.Logf("terminal:\n%s", log.String())
		}
	})
	ts := &testServer{t: t, url: "http://" + ln.Addr().String(), site: dir, log: log}
	ts.eventually("the first build", func() (bool, string) {
		code, body := ts.get("/")
		return code != 0 && strings.Contains(body, "/__houqin/reload.js"), body
	})
	return ts
}

func (ts *testServer) get(path string) (int, string) {
	ts.t.Helper()
	resp, err := http.Get(ts.url + path)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, err.Error()
	}
	return resp.StatusCode, string(b)
}

// eventually polls cond until it holds, for at most wait.
func (ts *testServer) eventually(what string, cond func() (bool, string)) {
	ts.t.Helper()
	deadline := time.Now().Add(wait)
	last := ""
	for time.Now().Before(deadline) {
		ok, got := cond()
		if ok {
			return
		}
		last = got
		time.Sleep(20 * time.Millisecond)
	}
	if len(last) > 2000 {
		last = last[:2000] + "…"
	}
	ts.t.Fatalf("%s: not served within %v; last response:\n%s", what, wait, last)
}

// pageShows waits until path is served with status 200 and contains want.
func (ts *testServer) pageShows(path, want string) {
	ts.t.Helper()
	ts.eventually(path+" showing "+want, func() (bool, string) {
		code, body := ts.get(path)
		return code == 200 && strings.Contains(body, want), body
	})
}

// stream is a reader of the reload event stream.
type stream struct {
	events chan event
}

func (ts *testServer) events() *stream {
	ts.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", ts.url+eventsPath, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		cancel()
		ts.t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		ts.t.Errorf("event stream Content-Type %q", ct)
	}
	st := &stream{events: make(chan event, 100)}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(st.events)
		sc := bufio.NewScanner(resp.Body)
		var ev event
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				ev = event{Name: strings.TrimPrefix(line, "event: ")}
			case strings.HasPrefix(line, "data: "):
				if err := json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &ev); err != nil {
					ts.t.Errorf("bad event data %q: %v", line, err)
				}
			case line == "" && ev.Name != "":
				st.events <- ev
				ev = event{}
			}
		}
	}()
	ts.t.Cleanup(func() {
		cancel()
		resp.Body.Close()
		wg.Wait()
	})
	if ev := st.next(ts.t, "hello"); ev.Version == "" {
		ts.t.Errorf("hello event without a version: %+v", ev)
	}
	return st
}

// next waits for the next event, which must be named name.
func (st *stream) next(t *testing.T, name string) event {
	t.Helper()
	select {
	case ev, ok := <-st.events:
		if !ok {
			t.Fatalf("the event stream ended, want a %q event", name)
		}
		if ev.Name != name {
			t.Fatalf("got a %q event, want %q: %+v", ev.Name, name, ev)
		}
		return ev
	case <-time.After(wait):
		t.Fatalf("no %q event within %v", name, wait)
	}
	return event{}
}

// reloadListing waits for a successful build's reload event that lists page.
func (st *stream) reloadListing(t *testing.T, page string) event {
	t.Helper()
	deadline := time.After(wait)
	for {
		select {
		case ev, ok := <-st.events:
			if !ok {
				t.Fatalf("the event stream ended before a reload of %s", page)
			}
			if ev.OK && (ev.All || contains(ev.Pages, page)) {
				return ev
			}
		case <-deadline:
			t.Fatalf("no reload event for %s within %v", page, wait)
		}
	}
}

// quiet asserts no event arrives for d.
func (st *stream) quiet(t *testing.T, d time.Duration, why string) {
	t.Helper()
	select {
	case ev := <-st.events:
		t.Errorf("%s: got an event %+v, want none", why, ev)
	case <-time.After(d):
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// fullRenderer renders the whole site on every call, whatever changed.
type fullRenderer struct{ opt build.Options }

func (r fullRenderer) Render(ctx context.Context, changed []string) ([]model.File, model.ErrorList, error) {
	return build.Render(ctx, r.opt)
}
