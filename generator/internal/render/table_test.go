package render

import (
	"context"
	"fmt"
	"html/template"
	"strings"
	"testing"
)

// TestWriteTextEscapesLikeHTMLTemplate: writeText escapes a string as
// html/template does in an HTML text node, invalid UTF-8 included.
func TestWriteTextEscapesLikeHTMLTemplate(t *testing.T) {
	tmpl := template.Must(template.New("").Parse(`<td>{{.}}</td>`))
	for _, s := range []string{
		"", "水管", `<b>"门&锁"</b>`, "'x'+1", "a\x00b", "\xff<\xe6\xb0", "1,250.5", "&amp;", "＋＜＞", "\u2028\ufffd",
	} {
		var want strings.Builder
		if err := tmpl.Execute(&want, s); err != nil {
			t.Fatal(err)
		}
		var got strings.Builder
		got.WriteString("<td>")
		writeText(&got, s)
		got.WriteString("</td>")
		if got.String() != want.String() {
			t.Errorf("%q: got %q, want %q", s, got.String(), want.String())
		}
	}
}

// tableSiteFiles are tables whose cells html/template escapes, numbers,
// dates in three spellings, blanks, and more rows than a table shows.
func tableSiteFiles() map[string]string {
	var repairs strings.Builder
	repairs.WriteString("日期,工种,项目,数量,单位,地点,费用\n")
	repairs.WriteString("2023-03-01,水道,\"\"\"<b>门&锁</b>\"\" 'x'+1\",2,根,A+B楼,\"1,200\"\n")
	repairs.WriteString("2023/4/2,电工,灯具,,只,<B楼>,\n")
	repairs.WriteString("2023年5月3日,木工,门锁,4,把,C楼,40.5\n")
	for i := range MaxTableRows + 5 {
		fmt.Fprintf(&repairs, "2022-%02d-%02d,水道,水管%d,%d,根,A楼,%d\n", 1+i%12, 1+i%28, i, i%7, i*3)
	}
	return map[string]string{"data/repairs.csv": repairs.String()}
}

// tableWriterSites are sites for the writer "table" (see
// TestWritersMatchLayouts): the tables of tableSiteFiles in the booklets'
// appendices and, filtered or not, in a page's {{< table >}}, in both
// languages.
func tableWriterSites() []map[string]string {
	var sites []map[string]string
	for _, config := range []string{"title: 年报\nschool: 测试小学\n", "title: Report\nschool: Test School\nlanguage: en\n"} {
		files := tableSiteFiles()
		files["data/site.yaml"] = config
		files["content/tables.md"] = "---\ntitle: 表\n---\n{{< table repairs >}}\n\n{{< table repairs trade=水道 columns=\"cost,item,date\" >}}\n"
		sites = append(sites, files)
	}
	return sites
}

// difference shows where two renderings part.
func difference(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-80)
	return fmt.Sprintf("at byte %d:\n got: %q\nwant: %q", i, got[from:min(len(got), i+80)], want[from:min(len(want), i+80)])
}

// TestTableOverride: a site that draws tables its own way, in its
// partials.html or in a file of its own, gets its tables on the booklet's
// appendix and from {{< table >}}; a layout that only uses the partial
// leaves the built-in one in place.
func TestTableOverride(t *testing.T) {
	partials, err := builtinLayouts.ReadFile("layouts/partials.html")
	if err != nil {
		t.Fatal(err)
	}
	year, err := builtinLayouts.ReadFile("layouts/year.html")
	if err != nil {
		t.Fatal(err)
	}
	own := `{{define "table"}}<table class="own">{{range .Rows}}<tr>{{range .}}<td>{{.}}</td>{{end}}</tr>{{end}}</table>{{end}}`
	start := strings.Index(string(partials), `{{define "table"}}`)
	end := start + strings.Index(string(partials[start:]), `</div>{{end}}`) + len(`</div>{{end}}`)
	if start < 0 || end < start {
		t.Fatal(`partials.html has no {{define "table"}} ending in </div>{{end}}`)
	}
	ownPartials := string(partials[:start]) + own + string(partials[end:])
	tests := []struct {
		name   string
		layout map[string]string
		own    bool
	}{
		{"partials.html", map[string]string{"layouts/partials.html": ownPartials}, true},
		{"a file of its own", map[string]string{"layouts/zz-tables.html": own}, true},
		{"a layout using the partial", map[string]string{"layouts/year.html": string(year)}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, _ := testSite(t, tt.layout)
			if r.writers["table"] == tt.own {
				t.Errorf("writer table = %v, want %v", r.writers["table"], !tt.own)
			}
			files, errs := r.Render(context.Background())
			if len(errs.Errors()) > 0 {
				t.Fatal(errs)
			}
			booklet := false
			for _, f := range files {
				if f.Path != "booklet/2023/index.html" {
					continue
				}
				booklet = true
				if got := strings.Contains(string(f.Data), `<table class="own"><tr><td>3月</td>`); got != tt.own {
					t.Errorf("booklet appendix drawn by the site's partial: %v, want %v", got, tt.own)
				}
			}
			if !booklet {
				t.Error("no booklet/2023/index.html")
			}
			got, errs := renderMD(t, r, "{{< table repairs trade=水道 >}}\n")
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			if strings.Contains(got, `<table class="own">`) != tt.own || strings.Contains(got, `class="data-table"`) == tt.own {
				t.Errorf("{{< table >}} drawn by the site's partial: want %v, got\n%s", tt.own, got)
			}
		})
	}
}
