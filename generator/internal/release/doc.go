// Command release builds the program clerks download: houqin for
// Windows, macOS and Linux, each with the chart runtime inside, so that a
// site with charts builds with no Go, no Node.js, no npm and no network.
//
// Run it from the repository's root through the script:
//
//	.ci/release                                        # every platform, into dist/
//	.ci/release -targets linux/amd64,windows/amd64     # some of them
//	.ci/release -version v1.0.0 -out /tmp/dist
//
// It needs Go, git and npm (with the npm registry, or an npm cache that
// holds the pinned packages), and does, in order:
//
//  1. Builds the chart runtime from generator/internal/echarts/npm/
//     package-lock.json with npm ci and esbuild in a fresh, temporary
//     cache (never the user's), and writes it with its license and cache
//     key into generator/internal/echarts/embedded/ (git-ignored).
//  2. Compiles ./generator for each target, one after the other, with
//     CGO_ENABLED=0 go build -tags release -trimpath -buildvcs=false
//     -ldflags "-s -w -X main.version=VERSION -X main.commit=COMMIT".
//     The release tag makes the echarts package embed the runtime.
//  3. Writes one archive per target into the output folder:
//     houqin_VERSION_windows_amd64.zip (and windows_arm64), and
//     houqin_VERSION_{darwin,linux}_{amd64,arm64}.tar.gz. Each holds the
//     folder houqin_VERSION_OS_ARCH/ with the program (houqin, or
//     houqin.exe), 快速上手.txt (docs/快速上手.md, with a UTF-8 byte order
//     mark for Notepad) and ECHARTS-LICENSE.txt.
//  4. Writes houqin_VERSION_checksums.txt: the SHA-256 of every archive,
//     in the format `sha256sum -c` reads.
//
// Archives of earlier runs (houqin_* files) are removed from the output
// folder first; nothing else there is touched.
//
// # Deterministic archives
//
// Entries are sorted by name, dated SOURCE_DATE_EPOCH or else the commit's
// time, owned by root (tar), with fixed modes (0755 for the program, 0644
// for the rest) and no name or time in the gzip header. With -trimpath the
// Go toolchain builds the same program from the same commit, and npm ci
// with esbuild builds the same runtime from the same pins, so two runs on
// one commit write the same archives.
//
// # Version
//
// VERSION is -version, or `git describe --tags --always --dirty`; COMMIT
// is `git rev-parse HEAD`. `houqin version` prints both and the ECharts
// version, and says whether the runtime is built in.
//
// The tests of this package check the archives' determinism, and run the
// built program for this machine (from dist/, or $HOUQIN_DIST) on the
// example site with PATH holding nothing but the program, an empty home
// and cache folder and, where unshare is allowed, no network. Without the
// archives those tests are skipped, unless CI=true, where they fail.
package main
