package serve

import (
	"net"
	"net/http"
	"strings"
)

// allowedHost reports whether a request's Host header names this
// computer's loopback interface (localhost, 127.0.0.1, [::1]) or the host
// of Options.Addr, the address serve was told to listen on. Any other
// name is refused: a web page of another site can make its own name
// resolve to 127.0.0.1 (DNS rebinding) and would then read the preview,
// drafts included, from the browser of whoever opened it. When serve
// listens on every address (0.0.0.0, ::) other computers reach it by this
// computer's IP address, which is accepted too: a rebinding needs a name.
func (s *Server) allowedHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
	if host == "localhost" {
		return true
	}
	bind := s.bindHost()
	if host != "" && host == bind {
		return true
	}
	ip := net.ParseIP(host)
	if ip == nil {
		return false
	}
	if ip.IsLoopback() {
		return true
	}
	anyAddr := bind == "" || bind == "0.0.0.0" || bind == "::"
	return anyAddr && s.opt.Addr != ""
}

// bindHost is the host of Options.Addr, in lower case, without brackets.
func (s *Server) bindHost() string {
	h, _, err := net.SplitHostPort(s.opt.Addr)
	if err != nil {
		return ""
	}
	return strings.ToLower(strings.Trim(h, "[]"))
}

// refuseHost answers a request for a name that is not this computer's.
func refuseHost(w http.ResponseWriter, r *http.Request) {
	http.Error(w, "403 预览只回答 http://127.0.0.1/ 或 http://localhost/ 的请求。"+
		"The preview answers only requests for localhost or 127.0.0.1, not for "+r.Host+
		" (a page of another site may be trying to read it).", http.StatusForbidden)
}
