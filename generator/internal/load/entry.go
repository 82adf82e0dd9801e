package load

import (
	"strconv"

	"github.com/houqin/report/generator/internal/model"
)

// entry is one YAML mapping being read into a typed record: a settings
// file, a list item or a page's front matter.
type entry struct {
	d        *yamlDoc
	pos      model.Pos // the entry, for "missing KEY" errors
	fields   map[string]field
	fieldPos map[string]model.Pos // value position of each key
}

func newEntry(d *yamlDoc, pos model.Pos, fs []field) *entry {
	e := &entry{d: d, pos: pos, fields: map[string]field{}, fieldPos: map[string]model.Pos{}}
	for _, f := range fs {
		e.fields[f.key] = f
		e.fieldPos[f.key] = f.valuePos
	}
	return e
}

func (e *entry) errf(key, format string, args ...any) {
	e.d.errs.Add(e.fieldPos[key], format, args...)
}

// has reports whether key is set to something other than null.
func (e *entry) has(key string) bool {
	f, ok := e.fields[key]
	if !ok {
		return false
	}
	s, scalar := e.d.scalar(f.value)
	return !scalar || s != ""
}

// str returns the text of key, or "" when it is not set. A list or a
// mapping is an error.
func (e *entry) str(key string) string {
	f, ok := e.fields[key]
	if !ok {
		return ""
	}
	s, scalar := e.d.scalar(f.value)
	if !scalar {
		e.errf(key, "%s must be a single value, not a list or a mapping", key)
	}
	return s
}

// required returns the text of key, reporting it at the entry when it is
// missing or blank. hint says what to write, e.g. "title: 2023年度总结".
func (e *entry) required(key, hint string) string {
	if !e.has(key) {
		e.d.errs.Add(e.pos, "missing %s: add %s", key, hint)
		return ""
	}
	return e.str(key)
}

// date reads key as a day or a month.
func (e *entry) date(key string) model.Date {
	s := e.str(key)
	if s == "" {
		return model.Date{}
	}
	d, err := parseDateOrMonth(s)
	if err != nil {
		e.errf(key, "%s %v", key, err)
	}
	return d
}

// day reads key as a day.
func (e *entry) day(key string) model.Date {
	s := e.str(key)
	if s == "" {
		return model.Date{}
	}
	d, err := ParseDate(s)
	if err != nil {
		e.errf(key, "%s %v", key, err)
	}
	return d
}

func (e *entry) boolean(key string) bool {
	s := e.str(key)
	if s == "" {
		return false
	}
	b, err := parseBool(s)
	if err != nil {
		e.errf(key, "%s %v", key, err)
	}
	return b
}

// number reads key as a number; ok is false when it is not set or not valid.
func (e *entry) number(key string) (float64, bool) {
	s := e.str(key)
	if s == "" {
		return 0, false
	}
	n, err := ParseNumber(s)
	if err != nil {
		e.errf(key, "%s %v", key, err)
		return 0, false
	}
	return n, true
}

// integer reads key as a whole number.
func (e *entry) integer(key string) (int, bool) {
	s := e.str(key)
	if s == "" {
		return 0, false
	}
	n, err := strconv.Atoi(narrow(s))
	if err != nil {
		e.errf(key, "%s %q is not a whole number: write digits, e.g. 2023", key, s)
		return 0, false
	}
	return n, true
}

// oneOfWords checks that key's value is one of words.
func (e *entry) oneOfWords(key, value string, words []string) bool {
	for _, w := range words {
		if value == w {
			return true
		}
	}
	e.errf(key, "%s %q is not valid: use %s", key, value, oneOf(words))
	return false
}
