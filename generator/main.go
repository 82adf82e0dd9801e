// Command generator builds a school logistics office's report site.
//
//	go run ./generator build [--site DIR] [--out DIR]
//	go run ./generator pdf [--year YEAR] [--chromium PATH]
//	go run ./generator serve [--addr 127.0.0.1:1313] [--drafts] [--write]
//	go run ./generator new notice TITLE [--category C] | new year YEAR
//	go run ./generator version
//
// See README.md and docs/site-format.md for the input it reads.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/houqin/report/generator/internal/build"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err))
}

// usageError is bad usage: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// siteError means the site has errors, already printed: exit status 1.
type siteError struct{ err error }

func (e siteError) Error() string { return e.err.Error() }
func (e siteError) Unwrap() error { return e.err }

func exitCode(err error) int {
	var ue usageError
	var oe *build.OutError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ue), errors.As(err, &oe), errors.Is(err, flag.ErrHelp):
		return 2
	}
	return 1
}

const usage = `usage: generator COMMAND [flags]

Commands:
  build   build the site into public/ (or --out)
  check   build in memory and report every problem, writing nothing
  pdf     build, then print each period's booklet to booklet/YEAR.pdf (needs Chromium)
  serve   preview on http://127.0.0.1:1313/, rebuilding and reloading on every save
  new     start a site (new site DIR), a notice (new notice TITLE) or a yearly summary (new year YEAR)
  version print the version, the commit and the ECharts version built in

Run "generator COMMAND -h" for the flags of a command.
`

// run is the whole program; main only calls it, and tests call it too.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return usageError{"no command"}
	}
	var err error
	switch args[0] {
	case "build":
		err = runBuild(ctx, args[1:], getenv, stdout, stderr, false)
	case "check":
		err = runBuild(ctx, args[1:], getenv, stdout, stderr, true)
	case "pdf":
		err = runPDF(ctx, args[1:], getenv, stdout, stderr)
	case "serve":
		err = runServe(ctx, args[1:], getenv, stdout, stderr)
	case "new":
		err = runNew(ctx, args[1:], getenv, stdout, stderr)
	case "version", "-version", "--version":
		err = runVersion(args[1:], stdout)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		fmt.Fprintf(stderr, "generator: unknown command %q\n\n%s", args[0], usage)
		return usageError{"unknown command"}
	}
	var se siteError
	if err != nil && !errors.As(err, &se) && !errors.Is(err, flag.ErrHelp) {
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(stderr, "generator %s: %v\n", args[0], err)
		} else {
			fmt.Fprintf(stderr, "generator: %v\n", err)
		}
	}
	return err
}
