package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/houqin/report/generator/internal/echarts"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintf(os.Stderr, "release: %v\n", err)
		os.Exit(1)
	}
}

// allTargets are the platforms a release is built for, GOOS/GOARCH.
var allTargets = []string{
	"windows/amd64", "windows/arm64",
	"darwin/arm64", "darwin/amd64",
	"linux/amd64", "linux/arm64",
}

// config is what one release run builds.
type config struct {
	root, out, version, commit string
	date                       time.Time
	targets                    []string
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	c, err := parseArgs(ctx, args, getenv)
	if err != nil {
		return err
	}
	start := time.Now()
	license, err := writeRuntime(ctx, c.root, getenv)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "chart runtime ECharts %s built with npm ci in %v\n", echarts.Version(), time.Since(start).Round(100*time.Millisecond))
	guide, err := os.ReadFile(filepath.Join(c.root, "docs", "快速上手.md"))
	if err != nil {
		return err
	}
	if err := clean(c.out); err != nil {
		return err
	}
	var names []string
	for _, t := range c.targets {
		name, err := buildTarget(ctx, c, t, []entry{
			{"快速上手.txt", 0o644, append([]byte("\ufeff"), guide...)}, // the BOM tells old Notepads it is UTF-8
			{"ECHARTS-LICENSE.txt", 0o644, license},
		}, stdout)
		if err != nil {
			return err
		}
		names = append(names, name)
	}
	sums := fmt.Sprintf("houqin_%s_checksums.txt", c.version)
	if err := writeChecksums(c.out, sums, names); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s; release built in %v\n", filepath.Join(c.out, sums), time.Since(start).Round(100*time.Millisecond))
	return nil
}

func parseArgs(ctx context.Context, args []string, getenv func(string) string) (config, error) {
	fs := flag.NewFlagSet("release", flag.ContinueOnError)
	var c config
	fs.StringVar(&c.out, "out", "dist", "the `folder` the archives and the checksums file are written to")
	fs.StringVar(&c.version, "version", "", "the `version` printed by houqin version and used in the archive names (default: git describe --tags --always --dirty)")
	targets := fs.String("targets", strings.Join(allTargets, ","), "comma-separated GOOS/GOARCH `list`")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	var err error
	if c.root, err = os.Getwd(); err != nil {
		return c, err
	}
	if _, err := os.Stat(filepath.Join(c.root, "generator", "main.go")); err != nil {
		return c, fmt.Errorf("run from the repository's root (the folder of go.mod): %w", err)
	}
	for _, t := range strings.Split(*targets, ",") {
		if !slices.Contains(allTargets, t) {
			return c, fmt.Errorf("-targets: unknown target %q: use some of %s", t, strings.Join(allTargets, ","))
		}
		c.targets = append(c.targets, t)
	}
	if c.version == "" {
		if c.version, err = git(ctx, "describe", "--tags", "--always", "--dirty"); err != nil {
			return c, err
		}
	}
	if c.commit, err = git(ctx, "rev-parse", "HEAD"); err != nil {
		return c, err
	}
	c.date, err = archiveDate(ctx, getenv)
	return c, err
}

// archiveDate dates every archive entry: SOURCE_DATE_EPOCH when set, else
// the time of the commit, so that a release of a commit is the same bytes
// whenever it is built.
func archiveDate(ctx context.Context, getenv func(string) string) (time.Time, error) {
	s := getenv("SOURCE_DATE_EPOCH")
	if s == "" {
		var err error
		if s, err = git(ctx, "log", "-1", "--format=%ct"); err != nil {
			return time.Time{}, err
		}
	}
	sec, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds", s)
	}
	return time.Unix(sec, 0).UTC(), nil
}

func git(ctx context.Context, args ...string) (string, error) {
	out, err := exec.CommandContext(ctx, "git", args...).Output()
	if err != nil {
		return "", fmt.Errorf("git %s: %w", strings.Join(args, " "), err)
	}
	return strings.TrimSpace(string(out)), nil
}

// writeRuntime builds the chart runtime from the pins with npm ci in a
// fresh cache and writes it, its license and its key into the folder that
// a build with -tags release embeds. It returns the license.
func writeRuntime(ctx context.Context, root string, getenv func(string) string) ([]byte, error) {
	if getenv(echarts.EnvRuntime) != "" {
		return nil, fmt.Errorf("unset %s: a release embeds the runtime built from the pins", echarts.EnvRuntime)
	}
	cache, err := os.MkdirTemp("", "houqin-release-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(cache)
	b, err := echarts.Load(ctx, echarts.Options{CacheDir: cache})
	if err != nil {
		return nil, err
	}
	if b.Version != echarts.Version() || len(b.License) == 0 {
		return nil, errors.New("the chart runtime was not built from the pins")
	}
	dir := filepath.Join(root, "generator", "internal", "echarts", echarts.EmbeddedDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	for name, data := range map[string][]byte{
		echarts.BundleName:                         b.JS,
		echarts.BundleName + echarts.LicenseSuffix: b.License,
		"KEY": []byte(echarts.CacheKey() + "\n"),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return nil, err
		}
	}
	return b.License, nil
}

// clean makes the output folder and removes the archives of an earlier
// release from it; nothing else in it is touched.
func clean(out string) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	old, _ := filepath.Glob(filepath.Join(out, "houqin_*"))
	for _, f := range old {
		if err := os.Remove(f); err != nil {
			return err
		}
	}
	return nil
}

// buildTarget compiles houqin for one GOOS/GOARCH with the runtime
// embedded, and writes its archive with the extra files. It returns the
// archive's file name.
func buildTarget(ctx context.Context, c config, target string, extra []entry, stdout io.Writer) (string, error) {
	start := time.Now()
	goos, goarch, _ := strings.Cut(target, "/")
	exe := "houqin"
	if goos == "windows" {
		exe += ".exe"
	}
	tmp, err := os.MkdirTemp("", "houqin-build-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	ldflags := fmt.Sprintf("-s -w -X main.version=%s -X main.commit=%s", c.version, c.commit)
	cmd := exec.CommandContext(ctx, "go", "build", "-tags", "release", "-trimpath", "-buildvcs=false",
		"-ldflags", ldflags, "-o", filepath.Join(tmp, exe), "./generator")
	cmd.Dir = c.root
	cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH="+goarch, "CGO_ENABLED=0")
	var errs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &errs, &errs
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go build for %s: %w\n%s", target, err, errs.Bytes())
	}
	bin, err := os.ReadFile(filepath.Join(tmp, exe))
	if err != nil {
		return "", err
	}
	files := append([]entry{{exe, 0o755, bin}}, extra...)
	top := fmt.Sprintf("houqin_%s_%s_%s", c.version, goos, goarch)
	var buf bytes.Buffer
	name := top + ".tar.gz"
	if goos == "windows" {
		name = top + ".zip"
		err = writeZip(&buf, top, files, c.date)
	} else {
		err = writeTarGz(&buf, top, files, c.date)
	}
	if err == nil {
		err = os.WriteFile(filepath.Join(c.out, name), buf.Bytes(), 0o644)
	}
	if err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	fmt.Fprintf(stdout, "%-44s %5.1f MB (program %.1f MB) in %v\n", name, mb(buf.Len()), mb(len(bin)), time.Since(start).Round(100*time.Millisecond))
	return name, nil
}

func mb(n int) float64 { return float64(n) / (1 << 20) }

// writeChecksums writes the SHA-256 of each archive in the format of
// sha256sum, so that `sha256sum -c FILE` checks a download.
func writeChecksums(out, name string, archives []string) error {
	var b strings.Builder
	for _, a := range slices.Sorted(slices.Values(archives)) {
		data, err := os.ReadFile(filepath.Join(out, a))
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%x  %s\n", sha256.Sum256(data), a)
	}
	return os.WriteFile(filepath.Join(out, name), []byte(b.String()), 0o644)
}
