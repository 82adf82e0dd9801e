package plan

import (
	"net/url"
	"strings"
	"testing"
)

// TestAbs: absolute addresses are what net/url's ResolveReference makes.
func TestAbs(t *testing.T) {
	for _, base := range []string{"https://example.edu.cn/hq/", "https://example.edu.cn", "http://10.0.0.5:8080/a%20b/", "https://example.edu.cn/hq/?x=1"} {
		u := NewURLs(base)
		for _, p := range []string{"", "notices/", "notices/a-b_c.d~/", "notices/feed.xml", "/years/2023/", "a/../b/", "./x", "a//b", "校门 通知/", "a b", "x?y", "%41", "a/./"} {
			want := u.base.ResolveReference(&url.URL{Path: strings.TrimPrefix(p, "/")}).String()
			if got := u.Abs(p); got != want {
				t.Errorf("base %s: Abs(%q) = %q, want %q", base, p, got, want)
			}
		}
	}
}
