package serve

import (
	"net"
	"strings"
	"testing"
)

// A page of another web site whose name was made to resolve to 127.0.0.1
// (DNS rebinding) must not read the preview: its requests carry its own
// name in the Host header.
func TestServeRefusesOtherHostNames(t *testing.T) {
	ts := start(t, testSite)
	addr := strings.TrimPrefix(ts.url, "http://")
	_, port, _ := net.SplitHostPort(addr)
	for host, want := range map[string]int{
		addr:                       200,
		"localhost:" + port:        200,
		"LOCALHOST.:" + port:       200,
		"[::1]:" + port:            200,
		"127.0.0.1":                200,
		"attacker.example:" + port: 403,
		"attacker.example":         403,
		"127.0.0.1.nip.io:" + port: 403,
		"":                         403,
	} {
		code, _, body := rawGetHost(t, addr, host, "GET", "/notices/n1/")
		if code != want {
			t.Errorf("Host %q: status %d, want %d", host, code, want)
		}
		if want == 403 && (!strings.Contains(body, "localhost") || strings.Contains(body, "第一版正文")) {
			t.Errorf("Host %q: the refusal does not say which names are answered, or shows the site: %q", host, body)
		}
	}
}

func TestAllowedHostFollowsTheListenAddress(t *testing.T) {
	tests := []struct {
		addr, host string
		ok         bool
	}{
		{"127.0.0.1:1313", "192.168.1.5:1313", false},
		{"0.0.0.0:1313", "192.168.1.5:1313", true}, // served to the network on purpose
		{"0.0.0.0:1313", "evil.example:1313", false},
		{":1313", "[fe80::1]:1313", true},
		{"houqin-pc:1313", "houqin-pc:1313", true},
		{"houqin-pc:1313", "evil.example:1313", false},
		{"192.168.1.5:1313", "192.168.1.5:1313", true},
	}
	for _, tt := range tests {
		s := &Server{opt: Options{Addr: tt.addr}}
		if got := s.allowedHost(tt.host); got != tt.ok {
			t.Errorf("--addr %s, Host %s: allowed %v, want %v", tt.addr, tt.host, got, tt.ok)
		}
	}
}
