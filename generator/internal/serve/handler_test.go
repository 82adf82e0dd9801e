package serve

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// rawGet sends a request line as written, without a client cleaning the
// path, and returns the status, the Location header and the body.
func rawGet(t *testing.T, addr, method, target string) (int, string, string) {
	t.Helper()
	return rawGetHost(t, addr, addr, method, target)
}

// rawGetHost is rawGet with the Host header host.
func rawGetHost(t *testing.T, addr, host, method, target string) (int, string, string) {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, wait)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(wait))
	fmt.Fprintf(c, "%s %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", method, target, host)
	resp, err := http.ReadResponse(bufio.NewReader(c), &http.Request{Method: method})
	if err != nil {
		t.Fatalf("%s %s: %v", method, target, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Location"), string(b)
}

// TestServesOnlyTheBuild asks for what must not be served: the site's
// sources, files outside the site, folder listings.
func TestServesOnlyTheBuild(t *testing.T) {
	ts := start(t, testSite)
	addr := strings.TrimPrefix(ts.url, "http://")
	tests := []struct {
		method, target string
		code           int
		want           string // in the body, or the Location of a redirect
	}{
		{"GET", "/", 200, "</html>"},
		{"GET", "/notices/n1/", 200, "第一版正文"},
		{"HEAD", "/notices/n1/", 200, ""},
		{"GET", "/notices/n1", 301, "/notices/n1/"},
		{"GET", "/notices/n1/index.html", 200, "第一版正文"},
		{"GET", "/__houqin/reload.js", 200, "EventSource"},
		{"GET", "/../../../etc/passwd", 400, ""},
		{"GET", "/notices/../../data/site.yaml", 400, ""},
		{"GET", "/%2e%2e/%2e%2e/etc/passwd", 400, ""},
		{"GET", "/notices/%2E%2E/%2E%2E/data/site.yaml", 400, ""},
		{"GET", "/..%2f..%2fetc%2fpasswd", 400, ""},
		{"GET", "/notices%2fn1%2findex.html", 400, ""},
		{"GET", "/..\\..\\data\\site.yaml", 400, ""},
		{"GET", "/..%5c..%5cdata%5csite.yaml", 400, ""},
		{"GET", "/notices/n1/%00", 400, ""},
		{"GET", "//etc/passwd", 404, ""},
		{"GET", "/data/site.yaml", 404, ""},
		{"GET", "/content/notices/n1.md", 404, ""},
		{"GET", "/assets/", 404, ""},
		{"GET", "/notices/nope/", 404, "/__houqin/reload.js"},
		{"POST", "/", 405, ""},
		{"DELETE", "/notices/n1/", 405, ""},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.target, func(t *testing.T) {
			code, loc, body := rawGet(t, addr, tt.method, tt.target)
			if code != tt.code {
				t.Fatalf("status %d, want %d\n%.300s", code, tt.code, body)
			}
			got := body
			if code == 301 {
				got = loc
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("got %.300q, want it to contain %q", got, tt.want)
			}
			if strings.Contains(body, "school: 测试小学") || strings.Contains(body, "root:") {
				t.Errorf("a source or system file was served")
			}
		})
	}
	// The 404 page is the build's own 404.html.
	_, want := ts.get("/404.html")
	_, got := ts.get("/no/such/page/")
	if title := between(want, "<title>", "</title>"); title == "" || !strings.Contains(got, "<title>"+title+"</title>") {
		t.Errorf("a missing page is not answered with the build's 404.html (title %q)", title)
	}
	resp, err := http.Get(ts.url + "/notices/n1/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control %q, want no-store", cc)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
}

func between(s, a, b string) string {
	_, rest, ok := strings.Cut(s, a)
	if !ok {
		return ""
	}
	v, _, _ := strings.Cut(rest, b)
	return v
}

func TestInjectOnlyIntoServedHTML(t *testing.T) {
	got := string(inject([]byte("<html><body><p>x</p></BODY></html>"), nil, true, "v1"))
	want := `<html><body><p>x</p><script src="/__houqin/reload.js" data-version="v1" defer></script></BODY></html>`
	if got != want {
		t.Errorf("inject:\n got %s\nwant %s", got, want)
	}
	f := &failure{Problems: []problem{{Msg: `unknown table "x<y>"`, Line: "共 {{< count x >}} 次"}}}
	got = string(inject([]byte("<p>no body tag</p>"), f, true, "v2"))
	if !strings.HasPrefix(got, "<p>no body tag</p><div id=\"houqin-overlay\"") || !strings.Contains(got, "x&lt;y&gt;") || strings.Contains(got, "x<y>") {
		t.Errorf("overlay not appended or not escaped: %s", got)
	}
}

func TestMarkColumn(t *testing.T) {
	for _, tt := range []struct {
		line string
		col  int
		want string
	}{
		{"共 {{< sum x >}}", 3, `共 <mark style="background:#ffcdd2;outline:1px solid #c62828">{</mark>{&lt; sum x &gt;}}`},
		{"a<b", 0, "a&lt;b"},
		{"ab", 9, "ab"},
	} {
		if got := markColumn(tt.line, tt.col); got != tt.want {
			t.Errorf("markColumn(%q, %d) = %q, want %q", tt.line, tt.col, got, tt.want)
		}
	}
}

func TestIgnoredName(t *testing.T) {
	for name, want := range map[string]bool{
		"repairs.csv": false, "2023.md": false, "plan.png": false, "A1B2C3D4": false,
		"~$repairs.xlsx": true, ".~lock.repairs.csv#": true, ".#2023.md": true, "#2023.md#": true,
		"2023.md~": true, ".2023.md.swp": true, "4913": true, "repairs.csv.tmp": true, ".git": true,
	} {
		if got := ignoredName(name); got != want {
			t.Errorf("ignoredName(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestBatch checks a burst becomes one sorted batch, and that a stream of
// changes that never pauses is still cut after the maximum delay.
func TestBatch(t *testing.T) {
	run := func(quiet, limit time.Duration) (chan<- string, <-chan []string) {
		ctx, cancel := context.WithCancel(context.Background())
		in, out, done := make(chan string), make(chan []string), make(chan struct{})
		go func() { batch(ctx, in, out, quiet, limit); close(done) }()
		t.Cleanup(func() { cancel(); <-done })
		return in, out
	}
	in, out := run(200*time.Millisecond, 2*time.Second)
	for _, p := range []string{"data/b.csv", "content/a.md", "data/b.csv"} {
		in <- p
	}
	select {
	case got := <-out:
		if strings.Join(got, " ") != "content/a.md data/b.csv" {
			t.Errorf("batch %v", got)
		}
	case <-time.After(wait):
		t.Fatal("no batch")
	}

	// The quiet window is longer than the limit: only the limit can cut.
	in, out = run(time.Hour, 300*time.Millisecond)
	start := time.Now()
	var got []string
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
feed:
	for {
		select {
		case <-tick.C:
			in <- "data/c.csv"
		case got = <-out:
			break feed
		case <-time.After(wait):
			t.Fatal("a steady stream of changes was never cut into a batch")
		}
	}
	if d := time.Since(start); d < 250*time.Millisecond || len(got) != 1 {
		t.Errorf("batch %v after %v, want one path after about 300ms", got, d)
	}
}
