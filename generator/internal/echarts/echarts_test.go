package echarts

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// Size budget of the minified runtime, measured with ECharts 6.1.0 and
// esbuild 0.28.2: 606 KB raw, 207 KB gzipped. The full echarts.min.js is
// about 1.1 MB: blowing the budget means entry.js pulls in too much.
const (
	maxRawBytes  = 650_000
	maxGzipBytes = 225_000
)

// requireNPM skips the test when npm is not on PATH, except on CI.
func requireNPM(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("npm"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("npm is required on CI to build the chart runtime: %v", err)
		}
		t.Skip("npm not on PATH: skipping the chart runtime build (install Node.js and npm to run it)")
	}
}

// shared is the one real npm build all tests reuse.
var shared struct {
	once     sync.Once
	cacheDir string
	bundle   *Bundle
	took     time.Duration
	err      error
}

func sharedBuild(t *testing.T) *Bundle {
	t.Helper()
	requireNPM(t)
	shared.once.Do(func() {
		dir, err := os.MkdirTemp("", "echarts-cache-")
		if err != nil {
			shared.err = err
			return
		}
		shared.cacheDir = dir
		start := time.Now()
		shared.bundle, shared.err = Load(context.Background(), Options{CacheDir: dir})
		shared.took = time.Since(start)
	})
	if shared.err != nil {
		t.Fatalf("building the runtime: %v", shared.err)
	}
	return shared.bundle
}

func TestMain(m *testing.M) {
	os.Unsetenv(EnvRuntime)
	code := m.Run()
	if shared.cacheDir != "" {
		os.RemoveAll(shared.cacheDir)
	}
	os.Exit(code)
}

func gzipLen(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

func TestBuildWithNPM(t *testing.T) {
	b := sharedBuild(t)
	gz := gzipLen(b.JS)
	t.Logf("ECharts %s, esbuild %s: %s is %d bytes raw, %d bytes gzipped; first build took %v",
		Version(), pins.esbuild, BundleName, len(b.JS), gz, shared.took.Round(time.Millisecond))
	if len(b.JS) > maxRawBytes || gz > maxGzipBytes {
		t.Errorf("runtime is %d bytes (%d gzipped), over the budget of %d (%d gzipped)", len(b.JS), gz, maxRawBytes, maxGzipBytes)
	}
	if b.Version != Version() {
		t.Errorf("Bundle.Version = %q, want %q", b.Version, Version())
	}
	if want := filepath.Join(shared.cacheDir, CacheKey(), BundleName); b.Path != want {
		t.Errorf("Bundle.Path = %q, want %q", b.Path, want)
	}
	if !bytes.HasPrefix(b.JS, []byte("/*! Apache ECharts "+Version())) {
		t.Errorf("runtime does not start with the license banner: %.120q", b.JS)
	}
	if !bytes.Contains(b.JS, []byte("var echarts=")) {
		t.Error("runtime does not define the global var echarts")
	}

	// No URL a browser could fetch: only XML namespace names may appear.
	for _, u := range regexp.MustCompile(`https?://[^"'\s)]*`).FindAll(b.JS, -1) {
		if !bytes.HasPrefix(u, []byte("http://www.w3.org/")) {
			t.Errorf("runtime contains URL %q", u)
		}
	}

	for _, want := range []string{"Apache License", "Version 2.0", "Apache ECharts", "The Apache Software Foundation", "BSD 3-Clause", "ZRender", "tslib"} {
		if !bytes.Contains(b.License, []byte(want)) {
			t.Errorf("license text lacks %q", want)
		}
	}

	// Served from the cache: npm cannot run, and need not.
	for name, opt := range map[string]Options{
		"no npm":  {CacheDir: shared.cacheDir, NPM: filepath.Join(t.TempDir(), "no-such-npm")},
		"offline": {CacheDir: shared.cacheDir, Offline: true},
	} {
		cached, err := Load(context.Background(), opt)
		js := cached.JS
		if err != nil {
			t.Fatalf("%s: second call not served from cache: %v", name, err)
		}
		if !bytes.Equal(js, b.JS) {
			t.Errorf("%s: cached runtime differs from the first one", name)
		}
		if !bytes.Equal(cached.License, b.License) {
			t.Errorf("%s: cached license = %d bytes, want the first one's", name, len(cached.License))
		}
	}

	// Only the cache entry remains: build directories are removed.
	entries, _ := os.ReadDir(shared.cacheDir)
	if len(entries) != 1 || entries[0].Name() != CacheKey() {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("cache dir holds %v, want only %s", names, CacheKey())
	}
}

// checkJS evaluates the bundle in node like a browser <script> would and
// renders one chart of each kind server-side with the SVG renderer.
const checkJS = `
const fs = require('fs'), vm = require('vm');
vm.runInThisContext(fs.readFileSync(process.argv[1], 'utf8'), {filename: 'echarts.min.js'});
const e = globalThis.echarts;
const out = {global: typeof e, init: typeof (e && e.init), version: e && e.version};
const c1 = e.init(null, null, {renderer: 'svg', ssr: true, width: 600, height: 400});
c1.setOption({
  animation: false,
  aria: {enabled: true, label: {enabled: false}, decal: {show: true}}, tooltip: {trigger: 'axis'}, legend: {},
  xAxis: {type: 'category', data: ['Cat-6A', 'Cat-6B']}, yAxis: {},
  series: [{type: 'bar', name: 'Maths', data: [12, 9]}, {type: 'line', name: 'French', data: [14, 11]}],
});
const s1 = c1.renderToSVGString();
const c2 = e.init(null, null, {renderer: 'svg', ssr: true, width: 400, height: 400});
c2.setOption({animation: false, series: [{type: 'pie', data: [{name: 'Slice-A', value: 3}, {name: 'Slice-B', value: 5}]}]});
const s2 = c2.renderToSVGString();
Object.assign(out, {
  svg: s1.startsWith('<svg'),
  legend: s1.includes('French'),
  category: s1.includes('Cat-6B'),
  ariaDecal: s1.includes('<pattern'),
  pie: s2.includes('Slice-A'),
  tooltip: !!c1.getModel().getComponent('tooltip'),
});
c1.dispose(); c2.dispose();
console.log(JSON.stringify(out));
process.exit(0);
`

func TestRuntimeRendersCharts(t *testing.T) {
	b := sharedBuild(t)
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not on PATH")
	}
	f := filepath.Join(t.TempDir(), BundleName)
	if err := os.WriteFile(f, b.JS, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, node, "-e", checkJS, f).CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	var got map[string]any
	if err := json.Unmarshal(bytes.TrimSpace(out), &got); err != nil {
		t.Fatalf("node output %q: %v", out, err)
	}
	t.Logf("node: %s", bytes.TrimSpace(out))
	if got["global"] != "object" || got["init"] != "function" {
		t.Errorf("global echarts not defined: %v", got)
	}
	if got["version"] != Version() {
		t.Errorf("echarts.version = %v, want %s", got["version"], Version())
	}
	for _, k := range []string{"svg", "legend", "category", "ariaDecal", "pie", "tooltip"} {
		if got[k] != true {
			t.Errorf("%s: not working in the bundle (%v)", k, got)
		}
	}
	// The canvas renderer is left out; "data-zr-dom-id" is a string of its
	// layer code that survives minification.
	if bytes.Contains(b.JS, []byte("data-zr-dom-id")) {
		t.Error("bundle contains the canvas renderer")
	}
}

// TestDeterministicAndConcurrent builds twice, concurrently, into a second
// cache: both builds must succeed (one wins the rename) and the result must
// be byte-identical to the shared build made in another directory.
func TestDeterministicAndConcurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping the second npm build")
	}
	b := sharedBuild(t)
	npm, err := findNPM("")
	if err != nil {
		t.Fatal(err)
	}
	cache := t.TempDir()
	dest := filepath.Join(cache, CacheKey())
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = build(context.Background(), npm, cache, dest)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("concurrent build %d: %v", i, err)
		}
	}
	again, err := Load(context.Background(), Options{CacheDir: cache, Offline: true})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.JS, b.JS) {
		t.Errorf("two builds of the same pins differ: %d vs %d bytes", len(again.JS), len(b.JS))
	}
	if !bytes.Equal(again.License, b.License) {
		t.Error("two builds produced different license texts")
	}
}

func TestCanceledContext(t *testing.T) {
	requireNPM(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := loadJS(ctx, Options{CacheDir: t.TempDir()})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestOfflineEmptyCache(t *testing.T) {
	dir := t.TempDir()
	_, err := loadJS(context.Background(), Options{CacheDir: dir, Offline: true, NPM: "/bin/false"})
	if err == nil {
		t.Fatal("no error")
	}
	t.Log(err)
	if !errors.Is(err, ErrNotCached) {
		t.Errorf("error does not wrap ErrNotCached: %v", err)
	}
	for _, want := range []string{"ECharts " + Version(), "not in the cache (" + dir + ")", "offline", "--chart-runtime FILE"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("offline run wrote into the cache: %v", entries)
	}
}

func TestMissingNPM(t *testing.T) {
	t.Run("PATH", func(t *testing.T) {
		t.Setenv("PATH", t.TempDir())
		dir := t.TempDir()
		_, err := loadJS(context.Background(), Options{CacheDir: dir})
		if err == nil {
			t.Fatal("no error")
		}
		t.Log(err)
		if !errors.Is(err, exec.ErrNotFound) || !errors.Is(err, ErrNotCached) {
			t.Errorf("error does not wrap exec.ErrNotFound and ErrNotCached: %v", err)
		}
		for _, want := range []string{
			"chart runtime: ECharts " + Version() + " is not in the cache (" + dir + ") and npm was not found on PATH",
			"install Node.js and npm (Debian: apt-get install npm)",
			"or pass --chart-runtime FILE with a prebuilt bundle",
		} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error lacks %q: %v", want, err)
			}
		}
	})
	t.Run("explicit", func(t *testing.T) {
		_, err := loadJS(context.Background(), Options{CacheDir: t.TempDir(), NPM: filepath.Join(t.TempDir(), "npm")})
		if err == nil || !strings.Contains(err.Error(), "apt-get install npm") {
			t.Errorf("err = %v", err)
		}
	})
}

func TestNPMFailureShowsOutput(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("fake npm is a shell script")
	}
	fake := filepath.Join(t.TempDir(), "npm")
	script := "#!/bin/sh\necho 'npm error code E404' >&2\necho 'npm error 404 Not Found - GET some-package' >&2\nexit 1\n"
	if err := os.WriteFile(fake, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := loadJS(context.Background(), Options{CacheDir: t.TempDir(), NPM: fake})
	if err == nil {
		t.Fatal("no error")
	}
	t.Log(err)
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) {
		t.Errorf("error does not wrap *exec.ExitError: %v", err)
	}
	for _, want := range []string{"npm ci", "E404", "404 Not Found", "--chart-runtime FILE"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
}

func TestFileOption(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "my-echarts.js")
	js := []byte("var echarts={};")
	if err := os.WriteFile(f, js, 0o644); err != nil {
		t.Fatal(err)
	}
	opt := Options{File: f, CacheDir: filepath.Join(dir, "unused"), NPM: "/nonexistent", Offline: true}
	got, err := loadJS(context.Background(), opt)
	if err != nil || !bytes.Equal(got, js) {
		t.Fatalf("Runtime = %q, %v", got, err)
	}
	b, err := Load(context.Background(), opt)
	if err != nil || b.License != nil || b.Path != f {
		t.Errorf("Load without license file = %+v, %v", b, err)
	}

	lic := []byte("Apache License")
	if err := os.WriteFile(f+LicenseSuffix, lic, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv(EnvRuntime, f) // the environment variable works as well
	b, err = Load(context.Background(), Options{CacheDir: filepath.Join(dir, "unused"), Offline: true})
	if err != nil || !bytes.Equal(b.JS, js) || !bytes.Equal(b.License, lic) {
		t.Errorf("Load via $%s = %+v, %v", EnvRuntime, b, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "unused")); !errors.Is(err, os.ErrNotExist) {
		t.Error("File option touched the cache directory")
	}

	_, err = loadJS(context.Background(), Options{File: filepath.Join(dir, "missing.js")})
	if !errors.Is(err, os.ErrNotExist) || !strings.Contains(err.Error(), "--chart-runtime") {
		t.Errorf("missing file: err = %v", err)
	}
}

// TestEmbeddedPins checks the committed npm files: versions pinned exactly,
// no registry URLs ("resolved" fields) but integrity hashes kept.
func TestEmbeddedPins(t *testing.T) {
	if Version() == "" || pins.esbuild == "" {
		t.Fatal("versions not found in package-lock.json")
	}
	var pkg struct {
		Dependencies map[string]string `json:"dependencies"`
	}
	pj, _ := npmFiles.ReadFile("npm/package.json")
	if err := json.Unmarshal(pj, &pkg); err != nil {
		t.Fatal(err)
	}
	if pkg.Dependencies["echarts"] != Version() || pkg.Dependencies["esbuild"] != pins.esbuild {
		t.Errorf("package.json pins %v, lockfile has echarts %s esbuild %s", pkg.Dependencies, Version(), pins.esbuild)
	}
	lock, _ := npmFiles.ReadFile("npm/package-lock.json")
	for _, bad := range []string{`"resolved"`, "://"} {
		if bytes.Contains(lock, []byte(bad)) {
			t.Errorf("package-lock.json contains %s: strip the resolved fields", bad)
		}
	}
	if n := bytes.Count(lock, []byte(`"integrity": "sha512-`)); n < 4 {
		t.Errorf("package-lock.json has %d integrity hashes", n)
	}
	if !strings.HasPrefix(CacheKey(), "echarts-"+Version()+"-") {
		t.Errorf("CacheKey() = %q", CacheKey())
	}
}

// TestEmbeddedKey: an embedded runtime is served with the pinned version
// only when it was built from this program's pins.
func TestEmbeddedKey(t *testing.T) {
	js, lic := []byte("var echarts={};"), []byte("Apache License")
	b, err := loadEmbedded(CacheKey()+"\n", js, lic)
	if err != nil || !bytes.Equal(b.JS, js) || !bytes.Equal(b.License, lic) || b.Version != Version() {
		t.Fatalf("loadEmbedded with this program's key = %+v, %v", b, err)
	}
	_, err = loadEmbedded("echarts-5.0.0-0123456789abcdef", js, lic)
	if err == nil || !strings.Contains(err.Error(), "echarts-5.0.0-0123456789abcdef") || !strings.Contains(err.Error(), CacheKey()) {
		t.Errorf("loadEmbedded with another key: err = %v; want one naming both keys", err)
	}
	if Embedded() {
		t.Error("Embedded() is true in a build without the release tag")
	}
}

// loadJS is the runtime Load returns.
func loadJS(ctx context.Context, opt Options) ([]byte, error) {
	b, err := Load(ctx, opt)
	if err != nil {
		return nil, err
	}
	return b.JS, nil
}
