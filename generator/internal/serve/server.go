package serve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/publish"
)

// Options configures a Server.
type Options struct {
	Site     string   // the site folder: watched, and read for offending lines
	Renderer Renderer // renders the site after each batch of changes
	// Out, when not empty, is a folder each good build is also published
	// to (publish.Write). When empty nothing is ever written.
	Out string
	// Addr is the address serve was told to listen on (--addr): requests
	// are answered when their Host header names its host or the loopback
	// interface (localhost, 127.0.0.1, [::1]), and refused otherwise.
	Addr string
	// Log receives one line per build, and the problems. Default io.Discard.
	Log io.Writer
	// Quiet and MaxDelay bound a batch of changes: a rebuild starts when
	// no change arrived for Quiet (default 100 ms), or MaxDelay (default
	// 1 s) after the first change of the batch.
	Quiet, MaxDelay time.Duration
}

// Server watches a site, rebuilds it in memory and serves the last good
// build over HTTP, reloading open browser tabs.
type Server struct {
	opt Options

	mu       sync.RWMutex
	files    map[string][]byte // the last good build; nil before one exists
	fail     *failure          // the last build's errors; nil when it succeeded
	version  string            // changes whenever what a tab shows changes
	builds   int
	subs     map[chan event]struct{}
	warnings string // the last build's warnings, printed when they change
}

// New returns a server for opt. Serve starts it.
func New(opt Options) (*Server, error) {
	if opt.Renderer == nil {
		return nil, errors.New("serve: no renderer")
	}
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	if opt.Quiet <= 0 {
		opt.Quiet = 100 * time.Millisecond
	}
	if opt.MaxDelay <= 0 {
		opt.MaxDelay = time.Second
	}
	if opt.Site == "" {
		opt.Site = "."
	}
	s := &Server{opt: opt, subs: map[chan event]struct{}{}}
	s.version = strconv.FormatInt(time.Now().UnixNano(), 36) + "-0"
	return s, nil
}

// Serve builds the site, serves it on ln and rebuilds it on every change
// under content/, data/ and layouts/ until ctx is done. It then stops
// watching, closes ln and the open connections (event streams included),
// and returns once every goroutine it started has ended. A failed build
// is not an error of Serve: the last good build keeps being served, with
// the errors shown over every page.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	w, err := newWatcher(s.opt.Site, s.logf)
	if err != nil {
		ln.Close()
		return err
	}
	changes := make(chan string, 64)
	batches := make(chan []string)
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		if err := w.run(ctx, changes); err != nil {
			s.logf("watch: %v", err)
		}
	}()
	go func() {
		defer wg.Done()
		batch(ctx, changes, batches, s.opt.Quiet, s.opt.MaxDelay)
	}()

	s.rebuild(ctx, nil)

	srv := &http.Server{
		Handler:           s,
		BaseContext:       func(net.Listener) context.Context { return ctx },
		ReadHeaderTimeout: 10 * time.Second,
	}
	httpErr := make(chan error, 1)
	go func() { httpErr <- srv.Serve(ln) }()

	var serveErr error
loop:
	for {
		select {
		case <-ctx.Done():
			break loop
		case err := <-httpErr:
			serveErr = err
			httpErr = nil
			cancel()
			break loop
		case changed := <-batches:
			s.rebuild(ctx, changed)
		}
	}
	cancel()
	shut, stop := context.WithTimeout(context.Background(), 2*time.Second)
	defer stop()
	if err := srv.Shutdown(shut); err != nil {
		srv.Close()
	}
	if httpErr != nil {
		if err := <-httpErr; !errors.Is(err, http.ErrServerClosed) {
			serveErr = err
		}
	}
	wg.Wait()
	if errors.Is(serveErr, http.ErrServerClosed) {
		serveErr = nil
	}
	return serveErr
}

func (s *Server) logf(format string, args ...any) {
	fmt.Fprintf(s.opt.Log, format+"\n", args...)
}

// render calls the Renderer; a panic in it (a bug of the generator) is
// a failed build, shown over the last good one, rather than the end of
// the preview.
func (s *Server) render(ctx context.Context, changed []string) (files []model.File, problems model.ErrorList, err error) {
	defer func() {
		if p := model.Recovered(recover()); p != nil {
			problems = append(problems, p.Positioned(model.Pos{File: "data/site.yaml"}, "building the site"))
			files, err = nil, p
		}
	}()
	return s.opt.Renderer.Render(ctx, changed)
}

// rebuild renders the site, swaps the new build in when it is good, tells
// the terminal and the open tabs what happened.
func (s *Server) rebuild(ctx context.Context, changed []string) {
	start := time.Now()
	files, problems, err := s.render(ctx, changed)
	elapsed := time.Since(start).Round(time.Millisecond)
	if ctx.Err() != nil {
		return
	}
	what := describe(s.present(changed))
	if err != nil {
		s.failed(changed, problems, err, elapsed, what)
		return
	}
	next := make(map[string][]byte, len(files))
	for _, f := range files {
		next[f.Path] = f.Data
	}
	s.mu.Lock()
	d := compare(s.files, next)
	wasFailing, first := s.fail != nil, s.files == nil
	s.files, s.fail = next, nil
	s.builds++
	ev := event{Name: "reload", OK: true, Pages: d.paths, All: wasFailing || len(d.paths) > maxListed}
	if len(d.paths) > 0 || wasFailing {
		s.version = nextVersion(s.version)
	}
	ev.Version = s.version
	s.mu.Unlock()

	if s.opt.Out != "" {
		if _, err := publish.Write(ctx, s.opt.Out, files); err != nil {
			s.logf("could not write %s: %v", s.opt.Out, err)
		}
	}
	switch {
	case first:
		s.logf("built %s in %v", plural(countPages(next), "page"), elapsed)
	default:
		s.logf("rebuilt in %v: %s changed, %s", elapsed, what, d)
	}
	s.printWarnings(problems.Warnings())
	if len(d.paths) > 0 || wasFailing {
		if len(ev.Pages) > maxListed {
			ev.Pages = nil
		}
		s.broadcast(ev)
	}
}

// failed records a failed build: the last good one stays in place.
func (s *Server) failed(changed []string, problems model.ErrorList, err error, elapsed time.Duration, what string) {
	f := newFailure(s.opt.Site, problems, err)
	s.mu.Lock()
	s.fail = f
	s.builds++
	s.version = nextVersion(s.version)
	ev := event{Name: "reload", Version: s.version, All: true}
	hasGood := s.files != nil
	s.mu.Unlock()

	n := len(f.Problems)
	kept := "the last good build is still served"
	if !hasGood {
		kept = "nothing to serve yet: fix the errors and save"
	}
	switch {
	case changed == nil:
		s.logf("build failed in %v: %s (%s)", elapsed, plural(n, "error"), kept)
	default:
		s.logf("build failed in %v: %s changed, %s (%s)", elapsed, what, plural(n, "error"), kept)
	}
	var b bytes.Buffer
	for _, p := range f.Problems {
		b.WriteString(p.terminal())
	}
	if f.Msg != "" {
		fmt.Fprintf(&b, "%s\n", f.Msg)
	}
	s.opt.Log.Write(b.Bytes())
	s.printWarnings(problems.Warnings())
	s.broadcast(ev)
}

func (s *Server) printWarnings(ws model.ErrorList) {
	text := ws.Error()
	s.mu.Lock()
	same := text == s.warnings
	s.warnings = text
	s.mu.Unlock()
	if !same && text != "" {
		fmt.Fprintln(s.opt.Log, text)
	}
}

func nextVersion(v string) string {
	base, n, _ := strings.Cut(v, "-")
	i, _ := strconv.Atoi(n)
	return base + "-" + strconv.Itoa(i+1)
}

// maxListed is the most changed paths an event lists; beyond it tabs are
// told that everything changed.
const maxListed = 500

// diff is what changed between two builds.
type diff struct {
	paths          []string // changed, added and removed output files, sorted
	pages, others  int      // changed or added HTML pages, and other files
	removed, total int
}

func (d diff) String() string {
	s := plural(d.pages, "page") + " re-rendered"
	if d.others > 0 {
		s += ", " + plural(d.others, "other file") + " changed"
	}
	if d.removed > 0 {
		s += ", " + plural(d.removed, "file") + " removed"
	}
	return s
}

// compare lists the output files whose bytes differ between two builds.
func compare(prev, next map[string][]byte) diff {
	var d diff
	for p, b := range next {
		if old, ok := prev[p]; ok && bytes.Equal(old, b) {
			continue
		}
		d.paths = append(d.paths, p)
		if strings.HasSuffix(p, ".html") {
			d.pages++
		} else {
			d.others++
		}
	}
	for p := range prev {
		if _, ok := next[p]; !ok {
			d.paths = append(d.paths, p)
			d.removed++
		}
	}
	sort.Strings(d.paths)
	d.total = len(next)
	return d
}

// countPages counts the pages of a build as the build command does: the
// FOLDER/index.html files.
func countPages(files map[string][]byte) int {
	n := 0
	for p := range files {
		if p == "index.html" || strings.HasSuffix(p, "/index.html") {
			n++
		}
	}
	return n
}

// present drops from changed the paths that no longer exist: an editor's
// temporary file, renamed over the real one before the rebuild, is not
// news to the author. A deleted file is news, so one is kept when
// nothing else is left.
func (s *Server) present(changed []string) []string {
	var out []string
	for _, c := range changed {
		if c == everything {
			return changed
		}
		if _, err := os.Lstat(filepath.Join(s.opt.Site, filepath.FromSlash(c))); err == nil {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return changed
	}
	return out
}

// describe names the changed inputs for the terminal line.
func describe(changed []string) string {
	if len(changed) == 0 {
		return "nothing"
	}
	for _, c := range changed {
		if c == everything {
			return "many files"
		}
	}
	const show = 3
	if len(changed) <= show {
		return strings.Join(changed, ", ")
	}
	return strings.Join(changed[:show], ", ") + fmt.Sprintf(" and %d more", len(changed)-show)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}
