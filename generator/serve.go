package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"

	"github.com/houqin/report/generator/internal/build"
	"github.com/houqin/report/generator/internal/serve"
)

const defaultAddr = "127.0.0.1:1313"

// runServe is the serve command: build in memory, serve, rebuild on save.
func runServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlagSet("serve", "serve [--site DIR] [--addr HOST:PORT] [--drafts] [--write [--out DIR]] [--open]", stderr)
	var c commonFlags
	c.register(fs, getenv)
	addr := fs.String("addr", defaultAddr, "the `address` to listen on; anything but loopback lets other computers read the preview")
	write := fs.Bool("write", false, "also publish each good build to --out (default SITE/public); without it nothing is written")
	open := fs.Bool("open", false, "open the preview in the default browser ($BROWSER when set); when the port of --addr is taken and --addr was not given, use a free one")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	opt, err := c.options(getenv)
	if err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if set["out"] && !*write {
		return usageError{"--out is only used with --write: serve writes nothing otherwise"}
	}
	out := ""
	if *write {
		out = opt.OutDir()
		if err := opt.CheckOut(); err != nil {
			return err
		}
	}
	warning, err := checkAddr(*addr)
	if err != nil {
		return err
	}
	s, err := serve.New(serve.Options{Site: opt.Site, Renderer: serve.SessionRenderer{Session: build.NewSession(opt)}, Out: out, Log: stdout, Addr: *addr})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil && *open && !set["addr"] {
		ln, err = net.Listen("tcp", "127.0.0.1:0") // another preview has the usual port
	}
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w", *addr, err)
	}
	if warning != "" {
		fmt.Fprintln(stderr, warning)
	}
	url := fmt.Sprintf("http://%s/", ln.Addr())
	fmt.Fprintf(stdout, "serving %s on %s (Ctrl+C to stop)\n", opt.Site, url)
	if out != "" {
		fmt.Fprintf(stdout, "each good build is also written to %s\n", out)
	}
	if *open {
		if err := openBrowser(url, getenv); err != nil {
			fmt.Fprintf(stderr, "没能打开浏览器，请自己在浏览器里打开 %s (could not open a browser: %v)\n", url, err)
		}
	}
	return s.Serve(ctx, ln)
}

// checkAddr validates --addr and returns a warning when it is not loopback.
func checkAddr(addr string) (string, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return "", usageError{fmt.Sprintf("--addr %q: %v; write HOST:PORT such as %s", addr, err, defaultAddr)}
	}
	if host == "localhost" {
		return "", nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return "", nil
	}
	where := host
	if host == "" || host == "0.0.0.0" || host == "::" {
		where = "every network address of this computer"
	}
	return fmt.Sprintf("warning: serving on %s: other computers on the network can read the preview, drafts included; use --addr %s to keep it to this computer", where, defaultAddr), nil
}
