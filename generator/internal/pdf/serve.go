package pdf

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"time"
)

// Server serves a built site's folder to the browser over HTTP on the
// loopback interface, so that Chromium loads the booklet, its scripts
// and its fonts as a reader's browser would, and from no other host.
type Server struct {
	URL string // such as http://127.0.0.1:40123, without a trailing slash
	srv *http.Server
}

// Serve starts serving dir on 127.0.0.1 on a free port. Close stops it.
func Serve(dir string) (*Server, error) {
	if fi, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("serving %s: %w", dir, err)
	} else if !fi.IsDir() {
		return nil, fmt.Errorf("serving %s: not a folder", dir)
	}
	l, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("serving %s: %w", dir, err)
	}
	s := &Server{
		URL: "http://" + l.Addr().String(),
		srv: &http.Server{Handler: http.FileServer(http.Dir(dir)), ReadHeaderTimeout: 10 * time.Second},
	}
	go func() { _ = s.srv.Serve(l) }()
	return s, nil
}

// Close stops the server, waiting a moment for requests in flight.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	err := s.srv.Shutdown(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		err = s.srv.Close()
	}
	return err
}
