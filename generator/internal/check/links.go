package check

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"html"
	"net/url"
	"path"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/par"
	"github.com/houqin/report/generator/internal/plan"
)

// attrValues calls fn with the value of every attribute name="..." that
// follows white space in page, in order. (The pages are the generator's
// own output: attributes are always double-quoted.)
func attrValues(page []byte, names []string, fn func(name string, value []byte)) {
	for i := 0; i < len(page); {
		j := bytes.Index(page[i:], []byte(`="`))
		if j < 0 {
			return
		}
		eq := i + j
		end := bytes.IndexByte(page[eq+2:], '"')
		if end < 0 {
			return
		}
		for _, n := range names {
			start := eq - len(n)
			if start > 0 && string(page[start:eq]) == n && isSpace(page[start-1]) {
				fn(n, page[eq+2:eq+2+end])
				break
			}
		}
		i = eq + 2 + end + 1
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// A link is an href or src of a rendered page, resolved as far as the
// page alone allows.
type link struct {
	attr, raw string
	problem   linkProblem
	target    string // the site path to look for (problem lookUp)
	frag      string // the id that is missing (problem noID)
}

type linkProblem uint8

const (
	lookUp  linkProblem = iota // fine if the site has target
	noID                       // #frag names no element of the page
	outside                    // ../ above the site's root
)

// pageLinks lists, in page order, the links of the rendered page at out
// that the rest of the site decides on and those that are broken on the
// page alone. Links to other hosts and to ids the page has are left out.
func pageLinks(out string, page []byte, base *url.URL) []link {
	links := make([]link, 0, 16) // a notice has a dozen
	var ids map[string]bool
	attrValues(page, []string{"href", "src"}, func(attr string, value []byte) {
		raw := html.UnescapeString(string(value))
		target, frag, ok := resolve(out, raw, base)
		switch {
		case !ok:
		case target == "": // #fragment on the same page
			if frag == "" {
				return
			}
			if ids == nil {
				ids = map[string]bool{}
				attrValues(page, []string{"id"}, func(_ string, v []byte) { ids[html.UnescapeString(string(v))] = true })
			}
			if !ids[frag] {
				links = append(links, link{attr: attr, raw: raw, problem: noID, frag: frag})
			}
		case target == ".." || strings.HasPrefix(target, "../"):
			links = append(links, link{attr: attr, raw: raw, problem: outside})
		default:
			links = append(links, link{attr: attr, raw: raw, target: target})
		}
	})
	return links
}

// links checks every href and src of the rendered HTML pages: a link to a
// page or file of the site must match an output file (a folder link
// dir/ is dir/index.html), and a link to #id on the same page needs an
// element with that id. Links to other hosts, mailto: and tel: are not
// checked. A file a later step makes (booklet/YEAR.pdf, see plan.Later)
// is valid when it is in extra, the files the output will hold. A broken
// link that comes from Markdown is reported where the Markdown writes it,
// otherwise at the layout that holds it.
//
// It skips the pages that memo saw with every link found, as long as the
// site has the same files: a page's links can break only when the page or
// the set of files changes. seen holds the links of the pages of files
// already scanned, by output path; the other pages are scanned here, in
// parallel.
func links(site *model.Site, files []model.File, extra []string, memo *Memo, seen map[string][]link) model.ErrorList {
	var errs model.ErrorList
	exists := make(map[string]bool, len(files)+len(extra))
	sites := sha256.New()
	for _, f := range files {
		exists[f.Path] = true
		sites.Write([]byte(f.Path + "\x00"))
	}
	for _, p := range extra {
		exists[p] = true
		sites.Write([]byte(p + "\x00"))
	}
	sites.Write([]byte(site.Config.BaseURL))
	base := basePath(site.Config.BaseURL)
	var clean map[string][]byte // pages known to have no broken link
	if memo != nil {
		var key [32]byte
		sites.Sum(key[:0])
		memo.mu.Lock()
		if memo.sites == key {
			clean = memo.clean
		}
		memo.sites = key
		memo.mu.Unlock()
	}
	nowClean := map[string][]byte{}
	defer func() {
		if memo != nil {
			memo.mu.Lock()
			memo.clean = nowClean
			memo.mu.Unlock()
		}
	}()
	// A yearly summary's Markdown is on its page and in the booklet: check
	// the page first, and report a link of the Markdown once.
	var pages []model.File
	for _, f := range files {
		if strings.HasSuffix(f.Path, ".html") {
			if d, ok := clean[f.Path]; ok && sameBytes(d, f.Data) {
				nowClean[f.Path] = f.Data
				continue
			}
			pages = append(pages, f)
		}
	}
	sort.SliceStable(pages, func(i, j int) bool {
		return !plan.IsBooklet(pages[i].Path) && plan.IsBooklet(pages[j].Path)
	})
	found := scanAll(pages, seen, base)
	reported := map[model.Pos]bool{}
	for i, f := range pages {
		broken := false
		add := func(pos model.Pos, inMD bool, format string, args ...any) {
			broken = true
			if inMD && reported[pos] {
				return
			}
			reported[pos] = true
			errs.Add(pos, format, args...)
		}
		for _, l := range found[i] {
			switch {
			case l.problem == noID:
				pos, inMD := linkPos(site, f.Path, l.raw)
				add(pos, inMD, "link %q%s: the page has no element with id %q", l.raw, where(f.Path, inMD), l.frag)
			case l.problem == outside:
				pos, inMD := linkPos(site, f.Path, l.raw)
				add(pos, inMD, "link %q%s points outside the site: link pages of the site relatively, e.g. ../about/", l.raw, where(f.Path, inMD))
			case !isFound(exists, l.target):
				pos, inMD := linkPos(site, f.Path, l.raw)
				what := "link"
				if l.attr == "src" || isImage(l.target) {
					what = "image"
				}
				add(pos, inMD, "broken %s %q%s: the site has no page or file %s%s", what, l.raw, where(f.Path, inMD), l.target, suggest(exists, l.target))
			}
		}
		if !broken {
			nowClean[f.Path] = f.Data
		}
	}
	return errs
}

// scanAll returns the links of each page: those seen found while the
// pages rendered, the others found now, on every core.
func scanAll(pages []model.File, seen map[string][]link, base *url.URL) [][]link {
	found := make([][]link, len(pages))
	var todo []int
	for i, f := range pages {
		if links, ok := seen[f.Path]; ok {
			found[i] = links
		} else {
			todo = append(todo, i)
		}
	}
	par.Each(len(todo), func(n int) {
		i := todo[n]
		found[i] = pageLinks(pages[i].Path, pages[i].Data, base)
	})
	return found
}

// where names the output page of a link that does not come from Markdown.
func where(out string, inMarkdown bool) string {
	if inMarkdown {
		return ""
	}
	return " on " + out
}

func isImage(p string) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp":
		return true
	}
	return false
}

// isFound reports whether the site has the file or page a link's target
// names.
func isFound(exists map[string]bool, target string) bool {
	if _, ok := plan.BookletPDFOf(target); ok {
		return exists[target]
	}
	if target == "." || target == "" {
		return exists["index.html"]
	}
	if strings.HasSuffix(target, "/") {
		return exists[target+"index.html"]
	}
	return exists[target] || exists[target+"/index.html"]
}

// suggest names the page a folder link without its final slash meant.
func suggest(exists map[string]bool, target string) string {
	t := strings.TrimSuffix(target, "/")
	for _, f := range []string{t + ".html", path.Join(t, "index.html")} {
		if exists[f] && f != target {
			return fmt.Sprintf(" (did you mean %s?)", strings.TrimSuffix(f, "index.html"))
		}
	}
	return ""
}

// basePath is the path of base_url, "/houqin/", or "/".
func basePath(baseURL string) *url.URL {
	if u, err := url.Parse(baseURL); err == nil && baseURL != "" {
		if !strings.HasSuffix(u.Path, "/") {
			u.Path += "/"
		}
		return u
	}
	return &url.URL{Path: "/"}
}

// resolve turns a link of the output page at from into a site path and a
// fragment; ok is false for links that are not checked.
func resolve(from, raw string, base *url.URL) (target, frag string, ok bool) {
	raw = strings.TrimSpace(raw)
	if plainRelative(raw) {
		return relative(from, raw), "", true
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", "", false
	}
	frag = u.Fragment
	p := u.Path
	switch {
	case u.Scheme == "http" || u.Scheme == "https":
		if base.Host == "" || !strings.EqualFold(u.Host, base.Host) || !strings.HasPrefix(p, base.Path) {
			return "", "", false
		}
		return strings.TrimPrefix(p, base.Path), frag, true
	case u.Scheme != "" || u.Host != "":
		return "", "", false // mailto:, tel:, data:, another host
	case strings.HasPrefix(p, "/"):
		if !strings.HasPrefix(p, base.Path) {
			return "", "", false
		}
		return strings.TrimPrefix(p, base.Path), frag, true
	case p == "":
		return "", frag, true
	}
	return relative(from, p), frag, true
}

// plainRelative reports whether raw is a relative path that url.Parse
// would return as it is: no scheme, host, query, fragment or escapes.
// Most links of a page are such (../../assets/style.css), and resolving
// them without url.Parse saves a good part of checking a large site.
func plainRelative(raw string) bool {
	if raw == "" || raw[0] == '/' {
		return false
	}
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; {
		case c <= ' ' || c == 0x7f, c == ':', c == '?', c == '#', c == '%', c == '\\':
			return false
		}
	}
	return true
}

// relative resolves the relative path p of the output page from.
func relative(from, p string) string {
	dir := path.Dir(from)
	if dir == "." {
		dir = ""
	}
	t := path.Join(dir, p)
	if strings.HasSuffix(p, "/") && t != "." {
		t += "/"
	}
	if t == "." {
		t = ""
	}
	return t
}

// linkPos finds where a link of the output page out is written: in the
// Markdown of the page that produced it, in any Markdown source, or in a
// site layout. inMarkdown tells whether it was found in Markdown.
func linkPos(site *model.Site, out, raw string) (pos model.Pos, inMarkdown bool) {
	needles := []string{raw}
	if u, err := url.PathUnescape(raw); err == nil && u != raw {
		needles = append(needles, u)
	}
	var pages []*model.Page
	for _, p := range site.Pages {
		if slices.Contains(plan.Shows(p), out) {
			pages = append(pages, p)
		}
	}
	for _, p := range site.Pages {
		if !slices.Contains(plan.Shows(p), out) {
			pages = append(pages, p)
		}
	}
	for _, p := range pages {
		if pos, ok := findIn(p.File, site.Files[p.File], needles); ok {
			return pos, true
		}
	}
	// A layout writes a site path after {{.Root}} or {{$.Link ...}}.
	if p := strings.TrimLeft(raw, "./"); p != "" && p != raw {
		needles = append(needles, p)
	}
	for _, name := range site.Layouts.Names() {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		if pos, ok := findIn("layouts/"+name, site.Layouts[name], needles); ok {
			return pos, false
		}
	}
	return model.Pos{File: "layouts"}, false
}

// findIn returns the position of the first needle found in data.
func findIn(file string, data []byte, needles []string) (model.Pos, bool) {
	text := string(data)
	for _, n := range needles {
		if n == "" {
			continue
		}
		// Prefer the text as a link destination: ](n or href="n.
		for _, pre := range []string{"](", "(<", `="`, "<", ": "} {
			if i := strings.Index(text, pre+n); i >= 0 {
				return offsetPos(file, text, i+len(pre)), true
			}
		}
		if i := strings.Index(text, n); i >= 0 {
			return offsetPos(file, text, i), true
		}
	}
	return model.Pos{}, false
}

func offsetPos(file, text string, off int) model.Pos {
	line := strings.Count(text[:off], "\n") + 1
	start := strings.LastIndexByte(text[:off], '\n') + 1
	return model.Pos{File: file, Line: line, Col: utf8.RuneCountInString(text[start:off]) + 1}
}
