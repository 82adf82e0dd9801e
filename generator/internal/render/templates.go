package render

import (
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"sort"
	"strings"

	"github.com/houqin/report/generator/internal/model"
)

//go:embed layouts/*.html
var builtinLayouts embed.FS

//go:embed assets/*
var builtinAssets embed.FS

// pageLayouts are the layout files that each make one kind of page; every
// other .html file (baseof.html, partials.html) is shared by all of them.
var pageLayouts = []string{"home.html", "years.html", "year.html", "page.html", "notices.html", "notice.html", "safety.html", "timeline.html", "project.html", "booklet.html", "404.html"}

// layouts holds one template set per page layout.
type layouts struct {
	sets map[string]*template.Template
}

// readLayout returns a layout file from the site's layouts/ folder when it
// has one, else the built-in one, and the position to blame for errors.
func readLayout(site model.Layouts, name string) (string, string, error) {
	if b, ok := site[name]; ok {
		return string(b), "layouts/" + name, nil
	}
	b, err := builtinLayouts.ReadFile("layouts/" + name)
	return string(b), "(built-in) layouts/" + name, err
}

// loadLayouts parses the built-in layouts, each overridden file by file by
// the site's layouts/ folder.
func loadLayouts(site model.Layouts, funcs template.FuncMap) (*layouts, model.ErrorList) {
	var errs model.ErrorList
	shared := []string{}
	entries, _ := fs.ReadDir(builtinLayouts, "layouts")
	isPage := map[string]bool{}
	for _, p := range pageLayouts {
		isPage[p] = true
	}
	for _, e := range entries {
		if !isPage[e.Name()] {
			shared = append(shared, e.Name())
		}
	}
	for _, name := range site.Glob("*.html") {
		if !isPage[name] && !contains(shared, name) {
			shared = append(shared, name) // a site may add its own partials
		}
	}
	sort.Strings(shared)
	base := template.New("").Funcs(funcs)
	for _, name := range shared {
		src, file, err := readLayout(site, name)
		if err != nil {
			errs.Add(model.Pos{File: file}, "cannot read layout: %v", err)
			continue
		}
		if _, err := base.New(name).Parse(src); err != nil {
			errs.Add(templatePos(file, err), "%s", templateMsg(err))
		}
	}
	l := &layouts{sets: map[string]*template.Template{}}
	for _, name := range pageLayouts {
		set, err := base.Clone()
		if err != nil {
			errs.Add(model.Pos{File: "layouts/" + name}, "%v", err)
			continue
		}
		src, file, err := readLayout(site, name)
		if err != nil {
			errs.Add(model.Pos{File: file}, "cannot read layout: %v", err)
			continue
		}
		if _, err := set.New(name).Parse(src); err != nil {
			errs.Add(templatePos(file, err), "%s", templateMsg(err))
			continue
		}
		l.sets[name] = set
	}
	return l, errs
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// templatePos finds "name:LINE:" in a template error.
func templatePos(file string, err error) model.Pos {
	pos := model.Pos{File: strings.TrimPrefix(file, "(built-in) ")}
	msg := err.Error()
	// html/template and text/template errors read "template: NAME:LINE:COL: msg"
	// or "template: NAME:LINE: msg".
	if i := strings.Index(msg, ".html:"); i >= 0 {
		var line, col int
		if n, _ := fmt.Sscanf(msg[i+6:], "%d:%d", &line, &col); n >= 1 {
			pos.Line, pos.Col = line, col
		}
	}
	return pos
}

func templateMsg(err error) string {
	msg := err.Error()
	if i := strings.LastIndex(msg, ": "); i >= 0 && strings.HasPrefix(msg, "template:") {
		return "layout error: " + msg[i+2:]
	}
	return "layout error: " + msg
}

// execute runs a page layout.
func (l *layouts) execute(name string, data any) ([]byte, error) {
	set := l.sets[name]
	if set == nil {
		return nil, fmt.Errorf("layout %s did not load", name)
	}
	var b strings.Builder
	if err := set.ExecuteTemplate(&b, "base", data); err != nil {
		return nil, err
	}
	return []byte(b.String()), nil
}

// partial runs a shared template (chart, table, timeline) of any set.
func (l *layouts) ExecuteTemplate(w interface{ Write([]byte) (int, error) }, name string, data any) error {
	for _, p := range pageLayouts {
		if set := l.sets[p]; set != nil {
			return set.ExecuteTemplate(w, name, data)
		}
	}
	return fmt.Errorf("no layout loaded")
}

// asset returns a site asset: layouts/assets/NAME overrides the built-in one.
func asset(site model.Layouts, name string) ([]byte, error) {
	if b, ok := site["assets/"+name]; ok {
		return b, nil
	}
	return builtinAssets.ReadFile("assets/" + name)
}
