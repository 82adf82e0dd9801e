package echarts

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// EnvRuntime names the environment variable that, like the --chart-runtime
// flag, points at a prebuilt runtime file. It is consulted when
// Options.File is empty.
const EnvRuntime = "HOUQIN_CHART_RUNTIME"

// Names of the files inside a cache entry. A prebuilt runtime passed with
// Options.File may have its license next to it as File+LicenseSuffix.
const (
	BundleName    = "echarts.min.js"
	LicenseSuffix = ".LICENSE.txt"
)

// ErrNotCached is wrapped by the error returned when the runtime is not in
// the cache and may not be built (Offline, or npm not found).
var ErrNotCached = errors.New("chart runtime not cached")

//go:embed npm/package.json npm/package-lock.json npm/entry.js
var npmFiles embed.FS

// embeddedNames lists the embedded build inputs in a fixed order (the order
// matters for the cache key).
var embeddedNames = []string{"package.json", "package-lock.json", "entry.js"}

// Options says where to look for the runtime and whether it may be built.
type Options struct {
	// CacheDir holds built runtimes, one subdirectory per cache key.
	// Default: os.UserCacheDir()/houqin/echarts.
	CacheDir string
	// File is an explicit prebuilt runtime (flag --chart-runtime, env
	// HOUQIN_CHART_RUNTIME). When set it is returned as is: no cache, no npm.
	File string
	// NPM is the npm executable. Default: "npm" looked up on PATH.
	NPM string
	// Offline forbids running npm; an uncached runtime is then an error.
	Offline bool
}

// Bundle is a chart runtime together with its license notice.
type Bundle struct {
	// JS is the minified IIFE defining the global `echarts`.
	JS []byte
	// License holds the license texts (Apache-2.0 + NOTICE of ECharts,
	// BSD-3-Clause of ZRender and d3 parts, 0BSD of tslib) to publish next to
	// the JS. It is nil only for an Options.File without a File+".LICENSE.txt".
	License []byte
	// Version is the ECharts version: the pinned one, or "" for Options.File.
	Version string
	// Path is the file JS was read from.
	Path string
}

// Version returns the pinned ECharts version, read from the embedded
// package-lock.json.
func Version() string { return pins.echarts }

// CacheKey identifies the current build inputs: the name of the cache
// subdirectory holding the runtime. Changing a pin, entry.js or the esbuild
// flags changes the key and hence triggers a rebuild.
func CacheKey() string { return pins.key }

// DefaultCacheDir returns os.UserCacheDir()/houqin/echarts.
func DefaultCacheDir() (string, error) {
	d, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("chart runtime: no user cache directory (%w): set Options.CacheDir or pass --chart-runtime FILE", err)
	}
	return filepath.Join(d, "houqin", "echarts"), nil
}

// Load returns the chart runtime and its license.
//
// With Options.File (or $HOUQIN_CHART_RUNTIME) set, that file is read as is.
// Otherwise a release build returns its embedded runtime, and any other
// build uses the cache entry CacheDir/CacheKey(); when it is missing
// and Offline is false, it is built with `npm ci` and esbuild in a temporary
// directory inside CacheDir and moved into place atomically.
func Load(ctx context.Context, opt Options) (*Bundle, error) {
	if opt.File == "" {
		opt.File = os.Getenv(EnvRuntime)
	}
	if opt.File != "" {
		return loadFile(opt.File)
	}
	if Embedded() {
		return loadEmbedded(embeddedKey, embeddedJS, embeddedLicense)
	}
	if opt.CacheDir == "" {
		d, err := DefaultCacheDir()
		if err != nil {
			return nil, err
		}
		opt.CacheDir = d
	}
	dir := filepath.Join(opt.CacheDir, pins.key)
	if b, err := loadCached(dir); err == nil {
		return b, nil
	}

	// One build at a time within this process; other processes are handled
	// by the atomic rename in build.
	buildMu.Lock()
	defer buildMu.Unlock()
	if b, err := loadCached(dir); err == nil {
		return b, nil
	}
	if opt.Offline {
		return nil, fmt.Errorf("chart runtime: ECharts %s is not in the cache (%s) and offline mode forbids running npm: build once without --offline, or pass --chart-runtime FILE with a prebuilt bundle: %w",
			pins.echarts, opt.CacheDir, ErrNotCached)
	}
	npm, err := findNPM(opt.NPM)
	if err != nil {
		return nil, fmt.Errorf("chart runtime: ECharts %s is not in the cache (%s) and npm was not found on PATH: install Node.js and npm (Debian: apt-get install npm), or pass --chart-runtime FILE with a prebuilt bundle: %w: %w",
			pins.echarts, opt.CacheDir, ErrNotCached, err)
	}
	if err := build(ctx, npm, opt.CacheDir, dir); err != nil {
		return nil, err
	}
	return loadCached(dir)
}

var buildMu sync.Mutex

// Embedded reports whether this program carries the chart runtime (a
// release build), so that it needs neither npm nor a cache.
func Embedded() bool { return len(embeddedJS) > 0 }

// EmbeddedDir is the folder, relative to this package, into which the
// release program writes the files that a build with -tags release
// embeds: BundleName, BundleName+LicenseSuffix and KEY (CacheKey).
const EmbeddedDir = "embedded"

// loadEmbedded returns the embedded runtime after checking that it was
// built from this program's pins: a runtime left in embedded/ by an
// older release build would otherwise be published under the wrong
// version.
func loadEmbedded(key string, js, license []byte) (*Bundle, error) {
	if got := strings.TrimSpace(key); got != pins.key {
		return nil, fmt.Errorf("chart runtime: the embedded runtime was built for %s, but this program pins %s: build the program again with the release script (.ci/release)", got, pins.key)
	}
	return &Bundle{JS: js, License: license, Version: pins.echarts, Path: "(embedded)"}, nil
}

func loadFile(path string) (*Bundle, error) {
	js, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("chart runtime: reading --chart-runtime file: %w", err)
	}
	if len(js) == 0 {
		return nil, fmt.Errorf("chart runtime: --chart-runtime file %s is empty", path)
	}
	b := &Bundle{JS: js, Path: path}
	lic, err := os.ReadFile(path + LicenseSuffix)
	switch {
	case err == nil:
		b.License = lic
	case !errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("chart runtime: reading license of --chart-runtime file: %w", err)
	}
	return b, nil
}

// loadCached reads a complete cache entry.
func loadCached(dir string) (*Bundle, error) {
	p := filepath.Join(dir, BundleName)
	js, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	lic, err := os.ReadFile(p + LicenseSuffix)
	if err != nil {
		return nil, err
	}
	if len(js) == 0 || len(lic) == 0 {
		return nil, fmt.Errorf("chart runtime: incomplete cache entry %s", dir)
	}
	return &Bundle{JS: js, License: lic, Version: pins.echarts, Path: p}, nil
}

func findNPM(npm string) (string, error) {
	if npm == "" {
		npm = "npm"
	}
	return exec.LookPath(npm)
}

// esbuildArgs are the esbuild flags (after the entry file). They are part
// of the cache key.
func esbuildArgs(outfile, echartsVersion, esbuildVersion string) []string {
	return []string{
		"entry.js",
		"--bundle",
		"--minify",
		"--format=iife",
		"--global-name=echarts",
		"--platform=browser",
		"--target=es2015",
		"--legal-comments=none",
		`--define:process.env.NODE_ENV="production"`,
		"--banner:js=" + banner(echartsVersion, esbuildVersion),
		"--log-level=warning",
		"--outfile=" + outfile,
	}
}

func banner(echartsVersion, esbuildVersion string) string {
	return fmt.Sprintf("/*! Apache ECharts %s (Apache-2.0) with ZRender (BSD-3-Clause), bundled by esbuild %s. License texts are published next to this file. */",
		echartsVersion, esbuildVersion)
}

// npmArgs are the npm ci flags. --ignore-scripts skips esbuild's optional
// postinstall (bin/esbuild stays the JS launcher that finds the platform
// binary); --include=optional keeps that binary even under omit=optional.
var npmArgs = []string{"ci", "--no-audit", "--no-fund", "--ignore-scripts", "--include=optional", "--prefer-offline"}

// build runs npm ci and esbuild in a fresh directory under cacheDir and
// renames the result to dest. If another build wins the rename, its result
// is kept.
func build(ctx context.Context, npm, cacheDir, dest string) (err error) {
	if err := os.MkdirAll(cacheDir, 0o755); err != nil {
		return fmt.Errorf("chart runtime: creating cache directory: %w", err)
	}
	cleanStale(cacheDir)
	work, err := os.MkdirTemp(cacheDir, "build-")
	if err != nil {
		return fmt.Errorf("chart runtime: creating build directory: %w", err)
	}
	defer os.RemoveAll(work)

	for _, name := range embeddedNames {
		data, _ := npmFiles.ReadFile("npm/" + name)
		if err := os.WriteFile(filepath.Join(work, name), data, 0o644); err != nil {
			return fmt.Errorf("chart runtime: %w", err)
		}
	}
	// npm and esbuild's launcher are node scripts: make the node that sits
	// next to npm the first on PATH.
	npmDir := filepath.Dir(npm)
	env := append(os.Environ(),
		"PATH="+npmDir+string(os.PathListSeparator)+os.Getenv("PATH"),
		"npm_config_update_notifier=false",
	)
	run := func(what, name string, args ...string) error {
		cmd := exec.CommandContext(ctx, name, args...)
		cmd.Dir = work
		cmd.Env = env
		var stderr bytes.Buffer
		cmd.Stdout = &stderr // npm writes progress to stdout; keep both for errors
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			if ctx.Err() != nil {
				return fmt.Errorf("chart runtime: %s interrupted: %w", what, ctx.Err())
			}
			return fmt.Errorf("chart runtime: %s failed in %s (%w); check access to the npm registry, or pass --chart-runtime FILE with a prebuilt bundle; output:\n%s",
				what, work, err, tail(stderr.String(), 30))
		}
		return nil
	}

	if err := run("npm "+strings.Join(npmArgs, " "), npm, npmArgs...); err != nil {
		return err
	}
	node, err := findNode(npmDir)
	if err != nil {
		return fmt.Errorf("chart runtime: node was not found next to npm nor on PATH: install Node.js (Debian: apt-get install nodejs), or pass --chart-runtime FILE with a prebuilt bundle: %w", err)
	}
	out := filepath.Join(work, "out")
	if err := os.Mkdir(out, 0o755); err != nil {
		return fmt.Errorf("chart runtime: %w", err)
	}
	outJS := filepath.Join(out, BundleName)
	esbuild := append([]string{filepath.Join("node_modules", "esbuild", "bin", "esbuild")}, esbuildArgs(outJS, pins.echarts, pins.esbuild)...)
	if err := run("esbuild", node, esbuild...); err != nil {
		return err
	}
	js, err := os.ReadFile(outJS)
	if err != nil || !bytes.Contains(js, []byte("echarts")) {
		return fmt.Errorf("chart runtime: esbuild produced no usable bundle (%v)", err)
	}
	lic, err := licenseText(filepath.Join(work, "node_modules"))
	if err != nil {
		return err
	}
	if err := os.WriteFile(outJS+LicenseSuffix, lic, 0o644); err != nil {
		return fmt.Errorf("chart runtime: %w", err)
	}
	if err := os.Rename(out, dest); err != nil {
		if _, cerr := loadCached(dest); cerr == nil {
			return nil // a concurrent build won; its bytes are identical
		}
		// A broken entry (e.g. half-deleted by hand): replace it once.
		if rerr := os.RemoveAll(dest); rerr == nil {
			err = os.Rename(out, dest)
		}
		if err != nil {
			return fmt.Errorf("chart runtime: installing into cache: %w", err)
		}
	}
	return nil
}

func findNode(npmDir string) (string, error) {
	for _, n := range []string{"node", "node.exe"} {
		p := filepath.Join(npmDir, n)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
	}
	return exec.LookPath("node")
}

// cleanStale removes build directories left by killed builds.
func cleanStale(cacheDir string) {
	entries, _ := os.ReadDir(cacheDir)
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), "build-") {
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > 24*time.Hour {
			os.RemoveAll(filepath.Join(cacheDir, e.Name()))
		}
	}
}

// licenseFiles are copied, in this order, into the license notice.
var licenseFiles = []struct{ title, path string }{
	{"Apache ECharts: LICENSE", "echarts/LICENSE"},
	{"Apache ECharts: NOTICE", "echarts/NOTICE"},
	{"Apache ECharts: licenses/LICENSE-d3", "echarts/licenses/LICENSE-d3"},
	{"ZRender: LICENSE", "zrender/LICENSE"},
	{"tslib: LICENSE.txt", "tslib/LICENSE.txt"},
}

func licenseText(nodeModules string) ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "The chart runtime %s bundles Apache ECharts %s, ZRender %s and tslib %s.\nTheir license texts and notices follow.\n",
		BundleName, pins.echarts, pins.zrender, pins.tslib)
	for _, f := range licenseFiles {
		data, err := os.ReadFile(filepath.Join(nodeModules, filepath.FromSlash(f.path)))
		if err != nil {
			return nil, fmt.Errorf("chart runtime: license file missing from the npm install: %w", err)
		}
		fmt.Fprintf(&b, "\n==== %s ====\n\n%s\n", f.title, bytes.TrimRight(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), "\n"))
	}
	return b.Bytes(), nil
}

func tail(s string, lines int) string {
	s = strings.TrimRight(s, "\n")
	parts := strings.Split(s, "\n")
	if len(parts) > lines {
		parts = append([]string{"..."}, parts[len(parts)-lines:]...)
	}
	return strings.Join(parts, "\n")
}

// pins holds what is derived from the embedded files at init.
var pins = func() (p struct{ echarts, esbuild, zrender, tslib, key string }) {
	lock, err := npmFiles.ReadFile("npm/package-lock.json")
	if err != nil {
		panic(err)
	}
	var l struct {
		Packages map[string]struct {
			Version string `json:"version"`
		} `json:"packages"`
	}
	if err := json.Unmarshal(lock, &l); err != nil {
		panic("echarts: embedded npm/package-lock.json: " + err.Error())
	}
	p.echarts = l.Packages["node_modules/echarts"].Version
	p.esbuild = l.Packages["node_modules/esbuild"].Version
	p.zrender = l.Packages["node_modules/zrender"].Version
	p.tslib = l.Packages["node_modules/tslib"].Version
	if p.echarts == "" || p.esbuild == "" {
		panic("echarts: embedded npm/package-lock.json does not pin echarts and esbuild")
	}

	h := sha256.New()
	fmt.Fprintf(h, "houqin chart runtime v1\n%q\n%q\n", npmArgs, esbuildArgs(BundleName, p.echarts, p.esbuild))
	for _, name := range embeddedNames {
		data, err := npmFiles.ReadFile("npm/" + name)
		if err != nil {
			panic(err)
		}
		fmt.Fprintf(h, "%s %d\n", name, len(data))
		h.Write(data)
	}
	p.key = "echarts-" + p.echarts + "-" + hex.EncodeToString(h.Sum(nil))[:16]
	return p
}()
