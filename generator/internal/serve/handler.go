package serve

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

// Addresses the server answers itself, outside the built site.
const (
	prefix     = "/__houqin/"
	eventsPath = prefix + "events"
	scriptPath = prefix + "reload.js"
)

//go:embed reload.js
var reloadJS []byte

// ServeHTTP serves the last good build: GET and HEAD only, files of the
// build only (no listing, nothing from the disk), "DIR/" as DIR/index.html,
// and the build's 404.html, with status 404, for anything else. Requests
// whose path tries to leave the site ("..", backslashes, encoded slashes)
// are answered 400. A Host header that names another computer than this
// one is answered 403 (see allowedHost).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.allowedHost(r.Host) {
		refuseHost(w, r)
		return
	}
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "only GET and HEAD", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case eventsPath:
		s.events(w, r)
		return
	case scriptPath:
		h.Set("Content-Type", "text/javascript; charset=utf-8")
		http.ServeContent(w, r, "reload.js", time.Time{}, bytes.NewReader(reloadJS))
		return
	}
	name, ok := cleanPath(r)
	if !ok {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}

	s.mu.RLock()
	files, fail, version := s.files, s.fail, s.version
	s.mu.RUnlock()

	if files == nil {
		// No good build yet: every address shows the errors.
		body := []byte("<!doctype html><meta charset=utf-8><title>build failed</title><body></body>")
		s.write(w, r, http.StatusInternalServerError, "error.html", body, fail, false, version)
		return
	}
	data, found := files[name]
	if !found && !strings.HasSuffix(name, "index.html") {
		if _, isDir := files[path.Join(name, "index.html")]; isDir {
			// Pages link relatively: /years/2023 must become /years/2023/.
			target := "/" + name + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusMovedPermanently)
			return
		}
	}
	if !found {
		page, ok := files["404.html"]
		if !ok {
			page = []byte("<!doctype html><meta charset=utf-8><title>404</title><body><p>404 page not found</p></body>")
		}
		s.write(w, r, http.StatusNotFound, "404.html", page, fail, true, version)
		return
	}
	s.write(w, r, http.StatusOK, name, data, fail, true, version)
}

// cleanPath returns the build file a request names, or false when the path
// is not one a browser following the site's links would send.
func cleanPath(r *http.Request) (string, bool) {
	p := r.URL.Path
	raw := strings.ToLower(r.URL.RawPath)
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") ||
		strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") {
		return "", false
	}
	for _, elem := range strings.Split(p, "/") {
		if elem == ".." {
			return "", false
		}
	}
	name := strings.TrimPrefix(path.Clean(p), "/")
	if name == "" || name == "." {
		return "index.html", true
	}
	if strings.HasSuffix(p, "/") {
		name += "/index.html"
	}
	return name, true
}

// write sends a file of the build. HTML gets the reload script, and the
// error overlay while the last build failed.
func (s *Server) write(w http.ResponseWriter, r *http.Request, status int, name string, data []byte, fail *failure, hasGood bool, version string) {
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	if strings.HasPrefix(ctype, "text/html") {
		data = inject(data, fail, hasGood, version)
	}
	w.Header().Set("Content-Type", ctype)
	if status == http.StatusOK {
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
		return
	}
	w.Header().Set("Content-Length", fmt.Sprint(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// inject adds the overlay (when fail is not nil) and the reload script
// before the page's </body>.
func inject(page []byte, fail *failure, hasGood bool, version string) []byte {
	var add strings.Builder
	if fail != nil {
		add.WriteString(fail.overlayHTML(hasGood))
	}
	fmt.Fprintf(&add, `<script src="%s" data-version="%s" defer></script>`, scriptPath, html.EscapeString(version))
	i := bytes.LastIndex(bytes.ToLower(page), []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+add.Len())
	out = append(out, page[:i]...)
	out = append(out, add.String()...)
	return append(out, page[i:]...)
}

// event is what open tabs are told after a build.
type event struct {
	Name    string   `json:"-"`
	Version string   `json:"version"`
	OK      bool     `json:"ok"`              // the build succeeded
	Pages   []string `json:"pages,omitempty"` // output files that changed
	All     bool     `json:"all,omitempty"`   // every tab should reload
}

// events is the Server-Sent Events stream of builds. It starts with a
// "hello" event naming the current version, so a tab that missed a build
// while disconnected reloads, then sends a "reload" event per build that
// changed something.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("X-Accel-Buffering", "no")
	ch := s.subscribe()
	defer s.unsubscribe(ch)

	s.mu.RLock()
	hello := event{Name: "hello", Version: s.version, OK: s.fail == nil}
	s.mu.RUnlock()
	fmt.Fprint(w, "retry: 1000\n")
	if writeEvent(w, hello) != nil {
		return
	}
	flusher.Flush()
	ping := time.NewTicker(20 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-ping.C:
			if _, err := fmt.Fprint(w, ": ping\n\n"); err != nil {
				return
			}
		case ev := <-ch:
			if writeEvent(w, ev) != nil {
				return
			}
		}
		flusher.Flush()
	}
}

func writeEvent(w http.ResponseWriter, ev event) error {
	b, err := json.Marshal(ev)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.Name, b)
	return err
}

func (s *Server) subscribe() chan event {
	ch := make(chan event, 1)
	s.mu.Lock()
	s.subs[ch] = struct{}{}
	s.mu.Unlock()
	return ch
}

func (s *Server) unsubscribe(ch chan event) {
	s.mu.Lock()
	delete(s.subs, ch)
	s.mu.Unlock()
}

// broadcast tells every open tab about a build. A tab that has not taken
// the previous event yet gets one event that says everything changed.
func (s *Server) broadcast(ev event) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for ch := range s.subs {
		select {
		case ch <- ev:
		default:
			select {
			case <-ch:
			default:
			}
			merged := ev
			merged.All, merged.Pages = true, nil
			ch <- merged
		}
	}
}
