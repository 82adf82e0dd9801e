package load

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/houqin/report/generator/internal/model"
)

// Safety rules and a yearly summary's year: that cannot be what the office
// meant are errors at the value, saying what would be valid, rather than
// odd findings later ("from  to ;", a term needing 10^23 drills).
func TestSettingsOutOfRange(t *testing.T) {
	fsys := fstest.MapFS{
		"data/site.yaml": {Data: []byte("title: 年报\nschool: 小学\nrules:\n  drills_per_term: 99999999999999999999999\n" +
			"  inspection_interval_days: -30\n  rectification_min_rate: 150\n")},
		"content/years/2023.md": {Data: []byte("---\ntitle: 2023\nyear: 二〇二三\n---\n")},
		"content/years/2022.md": {Data: []byte("---\ntitle: 2022\nyear: 20222\n---\n")},
	}
	site, errs := Site(context.Background(), fsys, Options{})
	got := errs.Error()
	for _, want := range []string{
		"data/site.yaml:4:20: rule drills_per_term: 99999999999999999999999 is not valid: write a whole number of drills from 0 to 1000",
		"data/site.yaml:5:29: rule inspection_interval_days: -30 is not valid: write a whole number of days from 1 to 366",
		"data/site.yaml:6:27: rule rectification_min_rate: 150 is not valid: write a percentage from 0 to 100",
		"content/years/2023.md:3:7: year \"二〇二三\" is not a whole number",
		"content/years/2022.md:3:7: year 20222 is not valid: write the year the period starts in, e.g. year: 2022",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	if site == nil || len(site.Config.Rules) != 0 {
		t.Fatalf("rules out of range were kept: %v", site.Config.Rules)
	}
	for _, p := range site.Pages {
		if p.Year != 2022 && p.Year != 2023 {
			t.Errorf("%s: year %d, want the file name's", p.File, p.Year)
		}
	}
}

// A project's category becomes the folder timeline/category/CATEGORY/: one
// that climbs out of it is an error where it is written.
func TestProjectCategoryIsOneWord(t *testing.T) {
	var errs model.ErrorList
	ps := projects("data/projects.yaml", "- id: a\n  title: 甲\n  category: ../../notices/n1\n  status: done\n  start: 2023-07\n"+
		"- id: b\n  title: 乙\n  category: 绿化\n  status: done\n  start: 2023-07\n", &errs)
	if got := errs.Error(); !strings.Contains(got, `data/projects.yaml:3:13: category "../../notices/n1" is not valid`) || len(errs) != 1 {
		t.Errorf("got %s", got)
	}
	if len(ps) != 2 || ps[0].Category != "" || ps[1].Category != "绿化" {
		t.Errorf("categories %q, %q", ps[0].Category, ps[1].Category)
	}
}

// TestBookletLedger: booklet: {ledger: ...} is summary by default, full
// on request, and any other value an error at the value naming both.
func TestBookletLedger(t *testing.T) {
	for _, tt := range []struct {
		yaml, want, err string
	}{
		{"", model.LedgerSummary, ""},
		{"booklet:\n  ledger: full\n", model.LedgerFull, ""},
		{"booklet: {ledger: summary}\n", model.LedgerSummary, ""},
		{"booklet:\n  ledger: 明细\n", model.LedgerSummary, `data/site.yaml:4:11: booklet ledger "明细" is not valid: use summary or full`},
		{"booklet: full\n", model.LedgerSummary, "data/site.yaml:3:10: booklet must be a mapping of settings, e.g. booklet: {ledger: full}"},
	} {
		fsys := fstest.MapFS{"data/site.yaml": {Data: []byte("title: 年报\nschool: 小学\n" + tt.yaml)}}
		site, errs := Site(context.Background(), fsys, Options{})
		got := ""
		if len(errs.Errors()) > 0 {
			got = errs.Error()
		}
		if tt.err == "" && got != "" || !strings.Contains(got, tt.err) {
			t.Errorf("%q: errors %q, want %q", tt.yaml, got, tt.err)
		}
		if site == nil {
			t.Fatalf("%q: no site", tt.yaml)
		}
		if site.Config.BookletLedger != tt.want {
			t.Errorf("%q: ledger %q, want %q", tt.yaml, site.Config.BookletLedger, tt.want)
		}
	}
}
