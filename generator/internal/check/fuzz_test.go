package check

import (
	"net/url"
	"strings"
	"testing"
)

// FuzzScan: the blank and personal-data scanners and the Markdown span
// finders never panic, every finding lies inside the line and starts
// with what it reports, and a line that is not suspect has none (the
// table check skips such cells and files), with or without the spans
// that hide blanks.
func FuzzScan(f *testing.F) {
	for _, s := range []string{"共__次,20xx年x月x日", "box Excel X光 3x4", "电话 138-1234-5678 身份证 11010519491231002X", "`code` [a](b__c) {{< count x >}} https://a.b/x月", "```", "\xff_x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		skip := append(codeSpans(line), linkDests(line)...)
		skip = append(skip, urls(line)...)
		for _, s := range skip {
			if s.start < 0 || s.end > len(line) || s.start > s.end {
				t.Fatalf("span %v outside %q", s, line)
			}
		}
		for _, h := range append(blanks(line, skip), personal(line, []string{"138"})...) {
			if h.off < 0 || h.off >= len(line) || !strings.HasPrefix(line[h.off:], h.text) || h.msg == "" {
				t.Fatalf("hit %+v outside %q", h, line)
			}
		}
		if !suspect(line) && len(blanks(line, nil))+len(personal(line, nil)) > 0 {
			t.Fatalf("%q is not suspect but has findings", line)
		}
		if hidden := blanks(line, urls(line)); len(hidden) > 0 && len(blanks(line, nil)) == 0 {
			t.Fatalf("addresses in %q make blanks %+v appear", line, hidden)
		}
	})
}

// FuzzPlainRelative: a link that resolve takes without url.Parse is one
// that url.Parse returns as a bare path, so that both ways check it alike.
func FuzzPlainRelative(f *testing.F) {
	for _, s := range []string{"../../assets/style.css", "a:b/c", "x?y", "x#y", "%41", "//host/x", "a b", "通知/", "./", "..", "mailto:x", "\\x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		if !plainRelative(raw) {
			return
		}
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatalf("%q: plain, but url.Parse fails: %v", raw, err)
		}
		if u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" || u.Fragment != "" || u.RawQuery != "" || u.ForceQuery || u.Path != raw {
			t.Fatalf("%q: plain, but url.Parse gives %#v", raw, u)
		}
	})
}
