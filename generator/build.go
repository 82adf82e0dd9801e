package main

import (
	"context"
	"encoding/json"
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
		fmt.Fprintf(stderr, "usage: houqin %s\n\nFlags:\n", synopsis)
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
	synopsis := name + " [--site DIR] [--out DIR] [--drafts]"
	if dry {
		synopsis = name + " [--site DIR] [--drafts] [--format text|json] [--strict]"
	}
	fs := newFlagSet(name, synopsis, stderr)
	var c commonFlags
	c.register(fs, getenv)
	format, strict := "text", false
	if dry {
		fs.StringVar(&format, "format", "text", "how to print findings: text (FILE:LINE:COL: level: message) or json (one JSON object per line)")
		fs.BoolVar(&strict, "strict", false, "fail (exit status 1) on warnings too")
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if format != "text" && format != "json" {
		return usageError{fmt.Sprintf("--format %q: use text or json", format)}
	}
	opt, err := c.options(getenv)
	if err != nil {
		return err
	}
	opt.DryRun, opt.Lean = dry, true // the command reports counts, not contents
	start := time.Now()
	res, err := build.Build(ctx, opt)
	switch {
	case format == "json":
		if jerr := printJSON(stdout, res.Problems); jerr != nil {
			return jerr
		}
	case dry:
		printLevels(stderr, res.Problems)
	default:
		printProblems(stderr, res.Problems)
	}
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
		warnings := len(res.Problems.Warnings())
		summary := stdout
		if format == "json" {
			summary = stderr // stdout is JSON only
		}
		notes := ""
		if n := len(res.Problems.Notes()); n > 0 {
			notes = fmt.Sprintf(", %d note(s)", n)
		}
		fmt.Fprintf(summary, "checked %d pages: %d warning(s)%s, no errors (%v)\n", res.Pages, warnings, notes, elapsed)
		if strict && warnings > 0 {
			fmt.Fprintf(stderr, "--strict: %d warning(s) fail the check\n", warnings)
			return siteError{fmt.Errorf("%d warning(s) with --strict", warnings)}
		}
		return nil
	}
	printNotes(stderr, res.Notes)
	fmt.Fprintf(stdout, "built %d pages, %d files (%d written, %d unchanged) into %s in %v\n",
		res.Pages, len(res.Files), res.Stats.Written, res.Stats.Unchanged, opt.OutDir(), elapsed)
	return nil
}

// printNotes prints the build's notes on the files made later that it
// dropped (build.Result.Notes).
func printNotes(w io.Writer, notes []string) {
	for _, n := range notes {
		fmt.Fprintln(w, n)
	}
}

// printLevels prints FILE:LINE:COL: level: message, the check command's
// format, which names the level of errors too.
func printLevels(w io.Writer, problems model.ErrorList) {
	for _, p := range problems {
		fmt.Fprintf(w, "%s: %s: %s\n", p.Pos, p.Level, p.Msg)
	}
}

// finding is one line of check --format json.
type finding struct {
	File    string `json:"file"`
	Sheet   string `json:"sheet,omitempty"` // in a workbook, with cell
	Cell    string `json:"cell,omitempty"`
	Line    int    `json:"line,omitempty"`
	Col     int    `json:"col,omitempty"`
	Level   string `json:"level"`
	Message string `json:"message"`
}

// printJSON prints one JSON object per finding and line (JSON Lines).
func printJSON(w io.Writer, problems model.ErrorList) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, p := range problems {
		if err := enc.Encode(finding{File: p.Pos.File, Sheet: p.Pos.Sheet, Cell: p.Pos.Cell(), Line: p.Pos.Line, Col: p.Pos.Col, Level: p.Level.String(), Message: p.Msg}); err != nil {
			return err
		}
	}
	return nil
}

// printProblems prints the errors and warnings; notes are for check.
func printProblems(w io.Writer, problems model.ErrorList) {
	for _, p := range problems {
		if p.Level == model.LevelNote {
			continue
		}
		fmt.Fprintln(w, p.Error())
	}
}
