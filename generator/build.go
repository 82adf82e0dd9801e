package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/houqin/report/generator/internal/build"
	"github.com/houqin/report/generator/internal/model"
)

// commonFlags are the flags every command that builds shares.
type commonFlags struct {
	site, out, runtime string
	drafts, offline    bool
}

func (c *commonFlags) register(fs *flag.FlagSet, getenv func(string) string) {
	fs.StringVar(&c.site, "site", ".", "the site `folder` (data/, content/, layouts/)")
	fs.StringVar(&c.out, "out", "", "the output `folder` (default SITE/public); replaced as a whole on success")
	fs.BoolVar(&c.drafts, "drafts", false, "include pages marked draft: true")
	fs.StringVar(&c.runtime, "chart-runtime", getenv("HOUQIN_CHART_RUNTIME"), "a prebuilt ECharts runtime `file` to serve instead of building it with npm (env HOUQIN_CHART_RUNTIME)")
	fs.BoolVar(&c.offline, "offline", false, "never run npm: fail if the chart runtime is not cached")
}

func (c *commonFlags) options(getenv func(string) string) (build.Options, error) {
	now, err := buildTime(getenv)
	if err != nil {
		return build.Options{}, err
	}
	opt := build.Options{Site: c.site, Out: c.out, Now: now, Drafts: c.drafts}
	opt.Charts.File = c.runtime
	opt.Charts.Offline = c.offline
	opt.Charts.CacheDir = getenv("HOUQIN_CACHE")
	return opt, nil
}

// buildTime is now, or SOURCE_DATE_EPOCH when set (reproducible builds).
func buildTime(getenv func(string) string) (time.Time, error) {
	if s := getenv("SOURCE_DATE_EPOCH"); s != "" {
		sec, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, usageError{fmt.Sprintf("SOURCE_DATE_EPOCH=%q is not a number of seconds", s)}
		}
		return time.Unix(sec, 0).UTC(), nil
	}
	return time.Now().UTC(), nil
}

func newFlagSet(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: generator %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	return nil
}

// runBuild is the build and check commands: check renders in memory only.
func runBuild(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, dry bool) error {
	name := "build"
	if dry {
		name = "check"
	}
	fs := newFlagSet(name, name+" [--site DIR] [--out DIR] [--drafts]", stderr)
	var c commonFlags
	c.register(fs, getenv)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	opt, err := c.options(getenv)
	if err != nil {
		return err
	}
	opt.DryRun = dry
	start := time.Now()
	res, err := build.Build(ctx, opt)
	printProblems(stderr, res.Problems)
	if err != nil {
		if errors.Is(err, build.ErrSite) {
			n := len(res.Problems.Errors())
			fmt.Fprintf(stderr, "%d error(s); nothing was written\n", n)
			return siteError{err}
		}
		return err
	}
	elapsed := time.Since(start).Round(time.Millisecond)
	if dry {
		fmt.Fprintf(stdout, "checked %d pages: %d warning(s), no errors (%v)\n", res.Pages, len(res.Problems.Warnings()), elapsed)
		return nil
	}
	fmt.Fprintf(stdout, "built %d pages, %d files (%d written, %d unchanged) into %s in %v\n",
		res.Pages, len(res.Files), res.Stats.Written, res.Stats.Unchanged, opt.OutDir(), elapsed)
	return nil
}

func printProblems(w io.Writer, problems model.ErrorList) {
	for _, p := range problems {
		fmt.Fprintln(w, p.Error())
	}
}
