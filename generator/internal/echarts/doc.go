// Package echarts provides the chart runtime that the generated site serves
// from itself: a small, minified build of Apache ECharts defining the global
// `echarts`, plus the license notice that must be published next to it.
//
// # Why
//
// School sites are often published on intranets, so the browser must never
// fetch ECharts from a CDN or any other host: the runtime is a file of the
// site. Parents open the pages on phones (Lighthouse mobile performance must
// stay >= 95), so instead of the full echarts.min.js (about 1.1 MB) we bundle
// only what the charts use:
//
//   - echarts/core (its whole API is exported: init, getInstanceByDom,
//     dispose, registerTheme, registerLocale, graphic, format, ...)
//   - BarChart, LineChart, PieChart
//   - GridComponent, TooltipComponent, LegendComponent, TitleComponent,
//     AriaComponent, DatasetComponent, MarkLineComponent
//   - SVGRenderer only (no canvas renderer: smaller, and crisp when zoomed)
//
// With ECharts 6.1.0 and esbuild 0.28.2 this is about 606 KB raw and 207 KB
// gzipped. MarkLineComponent costs 18 KB raw / 5.6 KB gzipped; exporting
// only init/use/... instead of all of echarts/core would save 12 KB / 5 KB.
// Using a chart type or component not listed above needs a change to
// npm/entry.js (options for missing components are silently ignored).
// Pages should load the file with <script defer> so it never blocks
// rendering.
//
// ECharts code is never committed to the repository. It is pinned through
// npm instead, in npm/package.json and npm/package-lock.json, and built on
// the machine that runs the generator.
//
// # Files
//
//   - npm/package.json: exact pins of echarts and esbuild (both under
//     "dependencies", so omit=dev in someone's npm config cannot drop esbuild).
//   - npm/package-lock.json: the full tree with "integrity" hashes but no
//     "resolved" fields: the repository must not name the registry host, and
//     npm ci without them downloads from whatever registry npm is configured
//     with (verified with an empty npm cache), still checking the hashes.
//   - npm/entry.js: the esbuild entry that registers the parts listed above
//     and re-exports echarts/core.
//
// These three files are embedded with go:embed. Their SHA-256, together with
// the npm and esbuild flags in echarts.go, forms the cache key (CacheKey,
// e.g. "echarts-6.1.0-1a2b3c4d5e6f7a8b"): changing a pin, the entry or a flag
// triggers a rebuild.
//
// # How the runtime is obtained (Load)
//
//  1. Options.File, or else $HOUQIN_CHART_RUNTIME (the --chart-runtime flag):
//     that file is used as is; its license is read from FILE.LICENSE.txt when
//     present (Bundle.License is nil otherwise, and Bundle.Version is "").
//     No cache, no npm.
//  2. In a release build (build tag release), the runtime embedded in the
//     program: the release program (generator/internal/release) builds it
//     with npm ci from the pins, as in step 4, and writes it with its
//     license and CacheKey into embedded/ (git-ignored) before compiling.
//     Load refuses an embedded runtime whose key is not this program's
//     CacheKey. No cache, no npm, no network: this is what clerks run.
//  3. The cache entry CacheDir/<CacheKey>/ holding echarts.min.js and
//     echarts.min.js.LICENSE.txt. CacheDir defaults to
//     os.UserCacheDir()/houqin/echarts (~/.cache/houqin/echarts on Linux).
//  4. Otherwise, unless Options.Offline is set, a build:
//     a temporary folder CacheDir/build-* receives the embedded files, then
//     `npm ci --no-audit --no-fund --ignore-scripts --include=optional
//     --prefer-offline` runs there, then
//     `node node_modules/esbuild/bin/esbuild entry.js --bundle --minify
//     --format=iife --global-name=echarts --platform=browser --target=es2015
//     --legal-comments=none --define:process.env.NODE_ENV="production"
//     --banner:js=...`. The license notice is assembled from the LICENSE and
//     NOTICE files of echarts (including licenses/LICENSE-d3), zrender and
//     tslib, the packages that end up in the bundle. The finished out/ folder
//     is renamed to CacheDir/<CacheKey>: two concurrent builds (two processes)
//     cannot corrupt the cache, the first rename wins and the loser keeps the
//     winner's identical result. Within one process builds are serialised.
//     The build folder (78 MB of node_modules) is deleted afterwards; ones
//     left by killed builds are removed after a day.
//
// --ignore-scripts is safe: esbuild's postinstall only swaps its JS launcher
// bin/esbuild for the native binary as an optimisation; the launcher finds the
// platform binary (the optional dependency @esbuild/<os>-<arch>) by itself.
// It is run through `node` so it also works on Windows. npm and node are
// looked up next to Options.NPM first, then on PATH.
//
// The first build takes about 5 s with a warm npm cache (npm ci 3-4 s,
// esbuild 0.4 s); later builds read two files from the cache.
//
// The output is deterministic: the same pins produce byte-identical files,
// whatever the folder they are built in (TestDeterministicAndConcurrent
// builds twice, concurrently, into a second cache and compares).
//
// # Errors
//
// Every error starts with "chart runtime:" and tells what to do. When the
// runtime is not cached and cannot be built, the error wraps ErrNotCached:
//
//	chart runtime: ECharts 6.1.0 is not in the cache (DIR) and npm was not
//	found on PATH: install Node.js and npm (Debian: apt-get install npm), or
//	pass --chart-runtime FILE with a prebuilt bundle: ...
//
// A failing npm or esbuild gives its exit status (wrapped *exec.ExitError)
// and the last 30 lines of its output. Cancelling ctx kills npm or esbuild
// and the error wraps ctx.Err().
//
// # Publishing
//
// Bundle.JS and Bundle.License are what the site publishes (for instance as
// echarts.min.js and echarts.min.js.LICENSE.txt, or with Bundle.Hash in the
// name for long-lived HTTP caching). The bundle starts with a one-line
// /*! ... */ banner naming ECharts, its license and pointing to the license
// file; it contains no URL a browser could fetch (only SVG/XML namespace
// names such as http://www.w3.org/2000/svg, which are identifiers).
//
// # Updating ECharts or esbuild
//
// In a scratch copy of npm/ (never in the repository, so that node_modules
// is not created there):
//
//	npm install --package-lock-only --omit-lockfile-registry-resolved \
//	    echarts@X.Y.Z esbuild@A.B.C --save-exact
//
// then copy package.json and package-lock.json back, check that no
// "resolved" field or URL is left (TestEmbeddedPins does), and run the tests: they build the runtime,
// check its size budget (update the constants in echarts_test.go and the
// numbers above), evaluate it in node and render a bar, line and pie chart
// with the SVG renderer.
//
// # Tests
//
// `go test ./generator/internal/echarts/` builds the runtime once (about
// 10 s with the determinism test; -short skips the second build). Without
// npm on PATH the build tests are skipped, unless CI=true, where they fail.
package echarts
