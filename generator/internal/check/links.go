package check

import (
	"crypto/sha256"
	"fmt"
	"html"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/houqin/report/generator/internal/model"
)

var bookletPDF = regexp.MustCompile(`^booklet/\d{4}\.pdf$`)

// attrValues calls fn with the value of every attribute name="..." that
// follows white space in page, in order. (The pages are the generator's
// own output: attributes are always double-quoted.)
func attrValues(page string, names []string, fn func(name, value string)) {
	for i := 0; i < len(page); {
		j := strings.Index(page[i:], "=\"")
		if j < 0 {
			return
		}
		eq := i + j
		end := strings.IndexByte(page[eq+2:], '"')
		if end < 0 {
			return
		}
		for _, n := range names {
			start := eq - len(n)
			if start > 0 && page[start:eq] == n && isSpace(page[start-1]) {
				fn(n, page[eq+2:eq+2+end])
				break
			}
		}
		i = eq + 2 + end + 1
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// Links checks every href and src of the rendered HTML pages: a link to a
// page or file of the site must match an output file (a folder link
// dir/ is dir/index.html), and a link to #id on the same page needs an
// element with that id. Links to other hosts, mailto: and tel: are not
// checked. booklet/YEAR.pdf (written by the pdf command) is valid when it
// is in extra, the files the output folder already has. A broken link
// that comes from Markdown is reported where the Markdown writes it,
// otherwise at the layout that holds it.
func Links(site *model.Site, files []model.File, extra []string) model.ErrorList {
	return links(site, files, extra, nil)
}

// links is Links, skipping the pages that memo saw with every link found,
// as long as the site has the same files: a page's links can break only
// when the page or the set of files changes.
func links(site *model.Site, files []model.File, extra []string, memo *Memo) model.ErrorList {
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
	pages := make([]model.File, 0, len(files))
	for _, f := range files {
		if strings.HasSuffix(f.Path, ".html") {
			pages = append(pages, f)
		}
	}
	sort.SliceStable(pages, func(i, j int) bool {
		return !strings.HasPrefix(pages[i].Path, "booklet/") && strings.HasPrefix(pages[j].Path, "booklet/")
	})
	reported := map[model.Pos]bool{}
	broken := false // the page being checked has a broken link
	add := func(pos model.Pos, inMD bool, format string, args ...any) {
		broken = true
		if inMD && reported[pos] {
			return
		}
		reported[pos] = true
		errs.Add(pos, format, args...)
	}
	for _, f := range pages {
		if d, ok := clean[f.Path]; ok && sameBytes(d, f.Data) {
			nowClean[f.Path] = f.Data
			continue
		}
		broken = false
		page := string(f.Data)
		var ids map[string]bool
		attrValues(page, []string{"href", "src"}, func(attr, value string) {
			raw := html.UnescapeString(value)
			target, frag, ok := resolve(f.Path, raw, base)
			if !ok {
				return
			}
			if target == "" { // #fragment on the same page
				if frag == "" {
					return
				}
				if ids == nil {
					ids = map[string]bool{}
					attrValues(page, []string{"id"}, func(_, v string) { ids[html.UnescapeString(v)] = true })
				}
				if !ids[frag] {
					pos, inMD := linkPos(site, f.Path, raw)
					add(pos, inMD, "link %q%s: the page has no element with id %q", raw, where(f.Path, inMD), frag)
				}
				return
			}
			if target == ".." || strings.HasPrefix(target, "../") {
				pos, inMD := linkPos(site, f.Path, raw)
				add(pos, inMD, "link %q%s points outside the site: link pages of the site relatively, e.g. ../about/", raw, where(f.Path, inMD))
				return
			}
			if found(exists, target) {
				return
			}
			pos, inMD := linkPos(site, f.Path, raw)
			what := "link"
			if attr == "src" || isImage(target) {
				what = "image"
			}
			add(pos, inMD, "broken %s %q%s: the site has no page or file %s%s", what, raw, where(f.Path, inMD), target, suggest(exists, target))
		})
		if !broken {
			nowClean[f.Path] = f.Data
		}
	}
	return errs
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

func found(exists map[string]bool, target string) bool {
	if bookletPDF.MatchString(target) {
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
	return t, frag, true
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
		if sourceOf(p, out) {
			pages = append(pages, p)
		}
	}
	for _, p := range site.Pages {
		if !sourceOf(p, out) {
			pages = append(pages, p)
		}
	}
	for _, p := range pages {
		if pos, ok := findIn(p.File, site.Files[p.File], needles); ok {
			return pos, true
		}
	}
	if site.Layouts != nil {
		var names []string
		_ = fs.WalkDir(site.Layouts, ".", func(name string, de fs.DirEntry, err error) error {
			if err == nil && !de.IsDir() && strings.HasSuffix(name, ".html") {
				names = append(names, name)
			}
			return nil
		})
		sort.Strings(names)
		// A layout writes a site path after {{.Root}} or {{$.Link ...}}.
		if p := strings.TrimLeft(raw, "./"); p != "" && p != raw {
			needles = append(needles, p)
		}
		for _, name := range names {
			data, err := fs.ReadFile(site.Layouts, name)
			if err != nil {
				continue
			}
			if pos, ok := findIn("layouts/"+name, data, needles); ok {
				return pos, false
			}
		}
	}
	return model.Pos{File: "layouts"}, false
}

// sourceOf reports whether page p's Markdown is shown on output page out.
func sourceOf(p *model.Page, out string) bool {
	switch p.Kind {
	case model.HomePage:
		return out == "index.html"
	case model.YearPage:
		y := strconv.Itoa(p.Year)
		return out == "years/"+y+"/index.html" || out == "booklet/"+y+"/index.html"
	case model.NoticePage:
		return out == "notices/"+p.Slug+"/index.html"
	}
	return out == p.Slug+"/index.html"
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
