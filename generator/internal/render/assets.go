package render

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/plan"
)

// fingerprint names an asset by its content, so browsers may cache it for
// ever and a changed file gets a new name.
func fingerprint(name string, data []byte) string {
	sum := sha256.Sum256(data)
	return plan.Asset(name, hex.EncodeToString(sum[:])[:10])
}

// assets writes the stylesheet, the chart loader, the ECharts runtime and
// the icon, and records their paths for the layouts.
func (b *builder) writeAssets() {
	r := b.r
	b.assets = &AssetPaths{}
	put := func(name string, data []byte) string {
		p := fingerprint(name, data)
		b.add(p, data)
		return p
	}
	for _, a := range []struct {
		name string
		dst  *string
	}{{"charts.js", &b.assets.Charts}, {"icon.svg", &b.assets.Icon}} {
		data, err := asset(r.site.Layouts, a.name)
		if err != nil {
			b.errs.Add(model.Pos{File: "layouts/assets/" + a.name}, "cannot read asset: %v", err)
			continue
		}
		*a.dst = put(a.name, data)
	}
	css, err := stylesheet(r.site.Layouts)
	if err != nil {
		b.errs.Add(model.Pos{File: "layouts/assets"}, "cannot read the stylesheet: %v", err)
	}
	b.assets.CSS = put("style.css", css)
	if len(r.opt.ChartRuntime) > 0 {
		name := "echarts.min.js"
		if r.opt.RuntimeVersion != "" {
			name = "echarts-" + r.opt.RuntimeVersion + ".min.js"
		}
		b.assets.Runtime = put(name, r.opt.ChartRuntime)
		if len(r.opt.ChartLicense) > 0 {
			b.add(plan.Assets+"echarts-LICENSE.txt", r.opt.ChartLicense)
		}
	}
}

// stylesheet is the site's one stylesheet: style.css, then every other
// built-in .css part in name order (notices.css, safety.css, ...), then a
// site's own extra .css files. layouts/assets/NAME.css replaces the
// built-in part of that name.
func stylesheet(site model.Layouts) ([]byte, error) {
	names := []string{"style.css"}
	parts, _ := fs.Glob(builtinAssets, "assets/*.css")
	var rest []string
	for _, p := range parts {
		if n := path.Base(p); n != "style.css" {
			rest = append(rest, n)
		}
	}
	for _, p := range site.Glob("assets/*.css") {
		if n := path.Base(p); n != "style.css" && !contains(rest, n) {
			rest = append(rest, n)
		}
	}
	sort.Strings(rest)
	var out []byte
	for _, n := range append(names, rest...) {
		data, err := asset(site, n)
		if err != nil {
			return out, err
		}
		out = append(out, data...)
		if len(data) > 0 && data[len(data)-1] != '\n' {
			out = append(out, '\n')
		}
	}
	return out, nil
}

// funcs are the template functions layouts may use.
func (r *Renderer) funcs() template.FuncMap {
	return template.FuncMap{
		"t":      r.lang.T,
		"num":    r.lang.Number,
		"date":   r.lang.Date,
		"period": r.lang.Period,
		"label":  r.lang.label,
		"join":   strings.Join,
		"dict":   dict,
	}
}

// dict builds a map from key/value pairs, to pass several values to a
// template: {{template "notice-list" (dict "Items" .Pinned "Page" .)}}.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict needs key/value pairs, got %d arguments", len(kv))
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}
