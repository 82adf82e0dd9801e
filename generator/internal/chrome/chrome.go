package chrome

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/chromedp"
)

// EnvExecutable names the environment variable that chooses the browser:
// a path, or a command name looked up on PATH.
const EnvExecutable = "HOUQIN_CHROMIUM"

// ErrNotFound is wrapped by the error Find returns when there is no browser.
var ErrNotFound = errors.New("未找到浏览器 (browser not found)")

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

// Find returns the browser executable on this computer: see Search.
func Find(getenv func(string) string) (string, error) {
	return Search(runtime.GOOS, getenv, os.Stat)
}

// Search returns the browser executable of a computer running goos:
// $HOUQIN_CHROMIUM when set (a path, or a name looked up on PATH), else the
// first of Commands(goos) on PATH, else the first of Installs(goos, getenv)
// that is there. The environment (PATH too) is read through getenv and
// files are looked at through stat (os.Stat, or a stand-in that tests
// point at fake install folders). The error wraps ErrNotFound and says,
// in Chinese first, what to install.
func Search(goos string, getenv func(string) string, stat func(string) (fs.FileInfo, error)) (string, error) {
	s := searcher{goos: goos, stat: stat}
	path := getenv("PATH")
	if v := getenv(EnvExecutable); v != "" {
		exe, err := s.lookPath(v, path)
		if err != nil {
			return "", fmt.Errorf("%w: %s=%s: %v；请把它设为 Chromium、Chrome 或 Edge 程序的路径，或删除这个环境变量 (set it to the path of a Chromium, Chrome or Edge executable, or unset it to look for %s on PATH and where browsers install)",
				ErrNotFound, EnvExecutable, v, err, strings.Join(Commands(goos), ", "))
		}
		return exe, nil
	}
	for _, name := range Commands(goos) {
		if exe, err := s.lookPath(name, path); err == nil {
			return exe, nil
		}
	}
	for _, exe := range Installs(goos, getenv) {
		if s.executable(exe) == nil {
			return exe, nil
		}
	}
	return "", fmt.Errorf("%w: PATH 上没有 %s，常见安装位置也没有 Chromium、Chrome 或 Edge；%s，或把环境变量 %s 设为浏览器程序的路径 (set %s to the browser's path)",
		ErrNotFound, strings.Join(Commands(goos), "、"), InstallHint(goos), EnvExecutable, EnvExecutable)
}

// Commands are the names Search looks for on PATH, in order.
func Commands(goos string) []string {
	if goos == "windows" {
		return []string{"chrome.exe", "msedge.exe", "chromium.exe"}
	}
	return []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "microsoft-edge", "microsoft-edge-stable"}
}

// Installs are the places Search looks at after PATH, in order: where the
// installers of Chrome, Edge and Chromium put the browser.
func Installs(goos string, getenv func(string) string) []string {
	var list []string
	switch goos {
	case "windows":
		// Per-machine installs go to Program Files (Edge to the x86 one),
		// per-user installs of Chrome to LOCALAPPDATA.
		for _, app := range [][]string{
			{"Google", "Chrome", "Application", "chrome.exe"},
			{"Microsoft", "Edge", "Application", "msedge.exe"},
			{"Chromium", "Application", "chrome.exe"},
		} {
			for _, root := range []string{getenv("ProgramFiles"), getenv("ProgramFiles(x86)"), getenv("LOCALAPPDATA")} {
				if root != "" {
					list = append(list, filepath.Join(append([]string{root}, app...)...))
				}
			}
		}
	case "darwin":
		roots := []string{"/Applications"}
		if home := getenv("HOME"); home != "" {
			roots = append(roots, filepath.Join(home, "Applications"))
		}
		for _, app := range []string{"Google Chrome.app/Contents/MacOS/Google Chrome", "Chromium.app/Contents/MacOS/Chromium", "Microsoft Edge.app/Contents/MacOS/Microsoft Edge"} {
			for _, root := range roots {
				list = append(list, filepath.Join(root, filepath.FromSlash(app)))
			}
		}
	default:
		list = []string{"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/snap/bin/chromium",
			"/opt/google/chrome/chrome", "/opt/microsoft/msedge/msedge"}
	}
	return list
}

// InstallHint says, Chinese first, which browser to install on goos.
func InstallHint(goos string) string {
	switch goos {
	case "windows":
		return "请安装 Microsoft Edge 或 Google Chrome（Windows 10 和 11 自带 Edge） (install Microsoft Edge or Google Chrome)"
	case "darwin":
		return "请把 Google Chrome 或 Microsoft Edge 安装到“应用程序”文件夹 (install Google Chrome or Microsoft Edge in Applications)"
	}
	return "请安装 Chromium 和中文字体，Debian/Ubuntu 上运行 apt-get install chromium fonts-noto-cjk (install Chromium)"
}

// searcher looks for programs the way goos does, through stat.
type searcher struct {
	goos string
	stat func(string) (fs.FileInfo, error)
}

// lookPath finds name like exec.LookPath, but in the given PATH value. A
// name holding a slash is taken as a path. Relative PATH entries are
// skipped, as exec.LookPath refuses them. On Windows a name without an
// extension is looked for with .exe too.
func (s searcher) lookPath(name, path string) (string, error) {
	names := []string{name}
	if s.goos == "windows" && filepath.Ext(name) == "" {
		names = append(names, name+".exe")
	}
	if strings.ContainsRune(name, filepath.Separator) || strings.ContainsAny(name, `/\`) {
		err := s.executable(name)
		if err != nil && len(names) > 1 && s.executable(names[1]) == nil {
			name, err = names[1], nil
		}
		if err != nil {
			return "", err
		}
		return filepath.Abs(name)
	}
	for _, dir := range filepath.SplitList(path) {
		if !filepath.IsAbs(dir) {
			continue
		}
		for _, n := range names {
			if p := filepath.Join(dir, n); s.executable(p) == nil {
				return p, nil
			}
		}
	}
	return "", fmt.Errorf("%s is not on PATH", name)
}

// executable says why path is not a program one can run, if it is not.
// Windows has no executable bit: there a file is enough.
func (s searcher) executable(path string) error {
	fi, err := s.stat(path)
	switch {
	case err != nil:
		return err
	case fi.IsDir():
		return fmt.Errorf("%s 是文件夹，不是程序 (%s is a folder, not a program)", path, path)
	case s.goos != "windows" && fi.Mode()&0o111 == 0:
		return fmt.Errorf("%s 不可执行 (%s is not executable)", path, path)
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
