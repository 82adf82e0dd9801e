package load

import (
	"math"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/houqin/report/generator/internal/model"
)

var configKeys = []string{"title", "school", "language", "base_url", "period", "period_start",
	"unsafe_html", "office", "description", "allow", "rules", "booklet"}

var monthDayPattern = regexp.MustCompile(`^(\d{1,2})-(\d{1,2})$`)

// config reads data/site.yaml.
func config(file, text string, errs *model.ErrorList) model.Config {
	cfg := model.Config{Language: "zh-CN", Period: model.Calendar, PeriodStart: model.MonthDay{Month: 9, Day: 1}, Pos: map[string]model.Pos{}}
	d := parseYAML(file, 0, text, errs)
	start := model.Pos{File: file, Line: 1, Col: 1}
	fs, ok := d.fields(d.body)
	if !ok {
		if d.body != nil {
			errs.Add(d.nodePos(d.body), "site.yaml must be a mapping of settings, e.g. title: 示例小学后勤工作年报")
		} else if len(*errs) == 0 {
			errs.Add(start, "missing title and school: add title: 示例小学后勤工作年报 and school: 示例小学")
		}
		return cfg
	}
	e := newEntry(d, start, fs)
	d.knownKeys(fs, "site.yaml", configKeys)
	cfg.Pos = e.fieldPos
	cfg.Title = e.required("title", "title: followed by the site's name, e.g. title: 示例小学后勤工作年报")
	cfg.School = e.required("school", "school: followed by the school's name, e.g. school: 示例小学")
	cfg.Office = e.str("office")
	cfg.Description = e.str("description")
	cfg.UnsafeHTML = e.boolean("unsafe_html")
	if lang := e.str("language"); lang != "" && e.oneOfLanguage(lang) {
		cfg.Language = lang
	}
	cfg.BaseURL = e.baseURL()
	if p := e.str("period"); p != "" && e.oneOfWords("period", p, []string{string(model.Calendar), string(model.SchoolYear)}) {
		cfg.Period = model.PeriodKind(p)
	}
	if e.has("period_start") {
		cfg.PeriodStart = e.monthDay(cfg.PeriodStart)
		if cfg.Period != model.SchoolYear {
			errs.Warn(e.fieldPos["period_start"], "period_start is used only with period: school-year")
		}
	}
	cfg.Allow = e.strings("allow")
	cfg.Rules = e.rules()
	cfg.BookletLedger = e.bookletLedger()
	return cfg
}

func (e *entry) oneOfLanguage(lang string) bool {
	if lang == "zh-CN" || lang == "en" {
		return true
	}
	e.errf("language", "language %q is not supported: use zh-CN or en", lang)
	return false
}

func (e *entry) baseURL() string {
	s := strings.TrimSpace(e.str("base_url"))
	if s == "" {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		e.errf("base_url", "base_url %q is not an absolute http(s) URL: write it like https://example.edu.cn/houqin/", s)
		return ""
	}
	if !strings.HasSuffix(s, "/") {
		s += "/"
	}
	return s
}

func (e *entry) monthDay(def model.MonthDay) model.MonthDay {
	s := narrow(e.str("period_start"))
	m := monthDayPattern.FindStringSubmatch(s)
	var md model.MonthDay
	if m != nil {
		md.Month, _ = strconv.Atoi(m[1])
		md.Day, _ = strconv.Atoi(m[2])
	}
	// Feb 29 would not exist in most years.
	if m == nil || !validDay(2023, md.Month, md.Day) {
		e.errf("period_start", "period_start %q is not a month and day: write it like \"09-01\"", s)
		return def
	}
	return md
}

// strings reads key as a list of text.
func (e *entry) strings(key string) []string {
	f, ok := e.fields[key]
	if !ok {
		return nil
	}
	items, ok := e.d.list(f.value)
	if !ok {
		e.errf(key, "%s must be a list, e.g. %s: [\"12345678\"]", key, key)
		return nil
	}
	var out []string
	for _, it := range items {
		s, ok := e.d.scalar(it)
		if !ok {
			e.d.errs.Add(e.d.nodePos(it), "each item of %s must be a single value", key)
			continue
		}
		out = append(out, s)
	}
	return out
}

// rules reads the mapping of rule names to numbers.
func (e *entry) rules() map[string]float64 {
	f, ok := e.fields["rules"]
	if !ok {
		return nil
	}
	fs, ok := e.d.fields(f.value)
	if !ok {
		if s, scalar := e.d.scalar(f.value); !scalar || s != "" {
			e.errf("rules", "rules must be a mapping of names to numbers, e.g. rules: {drills_per_term: 2}")
		}
		return nil
	}
	out := map[string]float64{}
	for _, r := range fs {
		s, _ := e.d.scalar(r.value)
		n, err := ParseNumber(s)
		if err != nil {
			e.d.errs.Add(r.valuePos, "rule %s: %v", r.key, err)
			continue
		}
		if b, known := ruleBounds[r.key]; known && (n < b.min || n > b.max || b.whole && n != math.Trunc(n)) {
			e.d.errs.Add(r.valuePos, "rule %s: %s is not valid: write %s", r.key, s, b.hint)
			continue
		}
		out[r.key] = n
	}
	return out
}

// ruleBounds are the values the safety rules can take. (Rules not listed
// here are reported by check, which knows the rules.)
var ruleBounds = map[string]struct {
	min, max float64
	whole    bool
	hint     string
}{
	"drills_per_term":          {0, 1000, true, "a whole number of drills from 0 to 1000, e.g. drills_per_term: 2"},
	"inspection_interval_days": {1, 366, true, "a whole number of days from 1 to 366, e.g. inspection_interval_days: 30"},
	"rectification_min_rate":   {0, 100, false, "a percentage from 0 to 100, e.g. rectification_min_rate: 95"},
}

// BookletLedgers are the values of booklet: {ledger: ...}: what the
// booklet's appendix prints of each table.
var bookletLedgers = []string{model.LedgerSummary, model.LedgerFull}

// bookletLedger reads booklet: {ledger: summary | full}; summary when unset.
func (e *entry) bookletLedger() string {
	f, ok := e.fields["booklet"]
	if !ok {
		return model.LedgerSummary
	}
	fs, ok := e.d.fields(f.value)
	if !ok {
		if s, scalar := e.d.scalar(f.value); !scalar || s != "" {
			e.errf("booklet", "booklet must be a mapping of settings, e.g. booklet: {ledger: full}")
		}
		return model.LedgerSummary
	}
	e.d.knownKeys(fs, "booklet", []string{"ledger"})
	out := model.LedgerSummary
	for _, b := range fs {
		if b.key != "ledger" {
			continue
		}
		s, _ := e.d.scalar(b.value)
		s = strings.TrimSpace(s)
		switch {
		case s == "":
		case slices.Contains(bookletLedgers, s):
			out = s
		default:
			e.d.errs.Add(b.valuePos, "booklet ledger %q is not valid: use %s (summary: counts and sums by month and kind; full: every row)", s, oneOf(bookletLedgers))
		}
	}
	return out
}
