package chrome

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/chromedp"
)

// EnvExecutable names the environment variable that chooses the browser:
// a path, or a command name looked up on PATH.
const EnvExecutable = "HOUQIN_CHROMIUM"

// ErrNotFound is wrapped by the error Find returns when there is no browser.
var ErrNotFound = errors.New("chromium not found")

// names are the commands Find looks for on PATH, in order.
var names = []string{"chromium", "chromium-browser", "google-chrome"}

// flags are the command-line flags every browser starts with. Start adds
// --user-data-dir and --remote-debugging-pipe.
var flags = []string{
	"--headless",
	"--no-sandbox",
	"--disable-gpu",
	"--no-first-run",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
	"--disable-quic",
	"--hide-scrollbars",
	"--disable-dev-shm-usage",
}

// How long stop waits for the browser to close itself before killing it,
// and for its profile folder to be removable.
const (
	closeTimeout  = 5 * time.Second
	removeTimeout = 5 * time.Second
)

// Flags returns the command-line flags Start launches Chromium with,
// besides --user-data-dir and --remote-debugging-pipe.
func Flags() []string { return slices.Clone(flags) }

// Find returns the Chromium executable: $HOUQIN_CHROMIUM when set (a path,
// or a name looked up on PATH), else the first of chromium,
// chromium-browser and google-chrome on PATH. getenv is os.Getenv or a
// stand-in; PATH is read through it too. The error wraps ErrNotFound and
// says how to install the browser.
func Find(getenv func(string) string) (string, error) {
	path := getenv("PATH")
	if v := getenv(EnvExecutable); v != "" {
		exe, err := lookPath(v, path)
		if err != nil {
			return "", fmt.Errorf("%w: %s=%s: %v; set it to the path of a Chromium or Chrome executable, or unset it to look for %s on PATH (Debian: apt-get install chromium)",
				ErrNotFound, EnvExecutable, v, err, strings.Join(names, ", "))
		}
		return exe, nil
	}
	for _, name := range names {
		if exe, err := lookPath(name, path); err == nil {
			return exe, nil
		}
	}
	return "", fmt.Errorf("%w: none of %s is on PATH and %s is not set; install Chromium (Debian: apt-get install chromium) or set %s to the browser's path",
		ErrNotFound, strings.Join(names, ", "), EnvExecutable, EnvExecutable)
}

// lookPath finds name like exec.LookPath, but in the given PATH value. A
// name holding a slash is taken as a path. Relative PATH entries are
// skipped, as exec.LookPath refuses them.
func lookPath(name, path string) (string, error) {
	if strings.ContainsRune(name, filepath.Separator) || strings.ContainsRune(name, '/') {
		if err := executable(name); err != nil {
			return "", err
		}
		return filepath.Abs(name)
	}
	for _, dir := range filepath.SplitList(path) {
		if !filepath.IsAbs(dir) {
			continue
		}
		p := filepath.Join(dir, name)
		if executable(p) == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("%s is not on PATH", name)
}

func executable(path string) error {
	fi, err := os.Stat(path)
	switch {
	case err != nil:
		return err
	case fi.IsDir():
		return fmt.Errorf("%s is a folder, not a program", path)
	case fi.Mode()&0o111 == 0:
		return fmt.Errorf("%s is not executable", path)
	}
	return nil
}

// Start launches exe headless with Flags and a fresh profile folder, waits
// until it answers, and returns its chromedp browser context; open tabs
// with chromedp.NewContext(browser). stop closes the browser, waits for it
// to exit and removes the profile folder; it may be called more than once.
// Cancelling ctx kills the browser, but stop must still be called.
func Start(ctx context.Context, exe string) (browser context.Context, stop context.CancelFunc, err error) {
	if exe == "" {
		return nil, nil, errors.New("starting chromium: no executable given; call chrome.Find first")
	}
	dir, err := os.MkdirTemp("", "houqin-chromium-")
	if err != nil {
		return nil, nil, fmt.Errorf("starting chromium: making a profile folder: %w", err)
	}
	opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(exe), chromedp.UserDataDir(dir)}
	for _, f := range flags {
		name, value, ok := strings.Cut(strings.TrimPrefix(f, "--"), "=")
		if ok {
			opts = append(opts, chromedp.Flag(name, value))
		} else {
			opts = append(opts, chromedp.Flag(name, true))
		}
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	browser, cancelBrowser := chromedp.NewContext(allocCtx)
	started := false
	stop = sync.OnceFunc(func() {
		if started {
			// A graceful close lets the browser end its helper processes,
			// so that none writes into the folder while it is removed.
			// (Not before it started: chromedp.Cancel then takes the
			// allocation token that cancelBrowser waits for, forever.)
			cctx, cancel := context.WithTimeout(browser, closeTimeout)
			_ = chromedp.Cancel(cctx)
			cancel()
		}
		cancelBrowser() // kills the browser if it still runs, and waits for it
		cancelAlloc()
		_ = removeAll(dir, removeTimeout)
	})
	// Do with no actions starts the browser and attaches to its first tab.
	if err := chromedp.Do(browser); err != nil {
		stop()
		return nil, nil, fmt.Errorf("starting %s: %w", exe, err)
	}
	started = true
	return browser, stop, nil
}

// removeAll removes dir, retrying for a while: a helper process of the
// browser can still be writing into it just after the browser exits.
func removeAll(dir string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for {
		err := os.RemoveAll(dir)
		if err == nil || time.Now().After(deadline) {
			return err
		}
		time.Sleep(20 * time.Millisecond)
	}
}
