// Package chrome is the one place that knows how to find and start
// Chromium, Chrome or Edge (all Chromium). The browser tests and the pdf
// command use it, the latter to print pages through the DevTools protocol.
//
// # Finding the browser
//
// [Find] looks, in this order, at:
//
//  1. $HOUQIN_CHROMIUM: a path or a command name. When it is set it must
//     name an executable; Find does not fall back to anything else, so a
//     typo is reported rather than silently replaced by another browser.
//  2. The names of [Commands] on $PATH: chromium, chromium-browser,
//     google-chrome(-stable), microsoft-edge(-stable); on Windows
//     chrome.exe, msedge.exe, chromium.exe.
//  3. Where the installers put the browsers ([Installs]), so that a clerk's
//     computer works as it is:
//     - Windows: Google\Chrome\Application\chrome.exe, then
//     Microsoft\Edge\Application\msedge.exe, then
//     Chromium\Application\chrome.exe, each under %ProgramFiles%,
//     %ProgramFiles(x86)% and %LOCALAPPDATA% (Windows 10 and 11 come with
//     Edge, so the pdf command works there with nothing to install);
//     - macOS: Google Chrome.app, Chromium.app, then Microsoft Edge.app,
//     each in /Applications and ~/Applications (the program inside
//     NAME.app/Contents/MacOS/);
//     - Linux: /usr/bin/chromium, /usr/bin/chromium-browser,
//     /usr/bin/google-chrome, /snap/bin/chromium, /opt/google/chrome/chrome,
//     /opt/microsoft/msedge/msedge.
//
// On Windows a file is enough; elsewhere it must have an executable bit.
// When nothing is found the error wraps [ErrNotFound] and says, Chinese
// first, what to install on that system ([InstallHint]).
//
// [Search] is Find for a given GOOS, environment and stat function: the
// tests give it fake install folders in a temporary folder.
//
// # Starting it
//
// [Start] runs the executable headless with [Flags] and a fresh profile
// folder made with os.MkdirTemp. It talks to the browser over a pipe
// (--remote-debugging-pipe), so no debugging port is opened. It returns a
// chromedp browser context: give it to chromedp.NewContext to open a tab,
// one per page, and run actions such as chromedp.Navigate or
// page.PrintToPDF in that tab:
//
//	exe, err := chrome.Find(os.Getenv)
//	...
//	browser, stop, err := chrome.Start(ctx, exe)
//	...
//	defer stop()
//	tab, closeTab := chromedp.NewContext(browser)
//	defer closeTab()
//	err = chromedp.Run(tab, chromedp.Navigate(url), ...)
//
// The stop function closes the browser (gracefully when it can, within a
// few seconds, else by killing it) and removes the profile folder.
// Cancelling the context given to Start kills the browser too; stop must
// still be called to wait for it and remove the folder.
//
// The flags are the same for tests and for the pdf command: headless,
// no sandbox (the generator runs in containers, often as root), no GPU, no
// first-run, background networking, component updates or sync (the browser
// contacts no host of its own accord), no QUIC, hidden scrollbars (so that
// screenshots and PDF pages do not depend on the platform's scrollbars), and
// no /dev/shm (small in containers).
//
// Package chrometest holds the helpers that tests of other packages use to
// get a browser and to serve a built site.
package chrome
