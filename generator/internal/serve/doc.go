// Package serve is the author's preview: it builds a site in memory, serves
// it over HTTP, watches the site's files and rebuilds on every save, and
// reloads the open browser tabs. It is the serve command:
//
//	go run ./generator serve [--addr 127.0.0.1:1313] [--drafts] [--write]
//
// # Watching
//
// The server watches content/, data/ and layouts/ with fsnotify, folder by
// folder (fsnotify does not watch trees), and adds folders created after
// the start, moved in, or created by an editor's save, as their Create
// event arrives; the site folder itself is watched so that a content/ or
// layouts/ created later is noticed. Files are never watched one by one,
// so editors that save by writing a temporary file and renaming it over
// the original (Vim, VS Code, Excel, WPS) are seen as a change of the
// original. Attribute-only events (chmod) are ignored, and so are the
// names the build ignores or that are temporary files: names starting with
// "." (LibreOffice's .~lock.NAME#) or "~$" (Excel and Word lock files),
// ending with "~", ".swp", ".tmp", ".part", ".crdownload", Emacs' #NAME#
// and Vim's 4913. Under data/ only *.csv and *.yaml count (the build reads
// nothing else there), so the randomly named file Excel writes before
// renaming it over the CSV is not a change of its own.
//
// Events are grouped into batches: a batch closes when no event arrived for
// Options.Quiet (100 ms) or Options.MaxDelay (1 s) after its first event,
// so one save (several events) or a "save all" is one rebuild. Events that
// arrive during a rebuild make the next batch.
//
// # Rebuilding
//
// A rebuild calls the Renderer with the changed site files. The Renderer
// returns the whole site; the server compares it, file by file, with the
// previous build and reports the HTML pages whose bytes changed as the
// pages re-rendered. The command uses SessionRenderer: a build.Session,
// whose renders reuse every page whose inputs did not change, compared by
// content (a notice edit re-renders that notice, the lists that show it,
// the feed and the home page; a CSV edit the pages made of data). The
// output is always the complete site, byte for byte what a full build
// makes.
//
// The terminal gets one line per rebuild:
//
//	built 27 pages in 310ms
//	rebuilt in 84ms: data/repairs.csv changed, 9 pages re-rendered
//	build failed in 80ms: data/repairs.csv changed, 1 error (the last good build is still served)
//	data/repairs.csv:12:1: "2023-02-30" is not a date: write 2023-09-01, 2023/9/1 or 2023年9月1日
//	    2023-02-30,水道,水管,1,根,实验楼,
//
// A failed build never takes the site down: the last good build keeps
// being served, and every HTML page gets an overlay listing the errors as
// FILE:LINE:COL with the offending line (read from the site folder, with
// the column marked). The next good build removes it. With Options.Out
// (the --write flag) each good build is also published to that folder;
// otherwise nothing is written anywhere.
//
// # Serving
//
// Only the files of the last good build are served, from memory: GET and
// HEAD only; "DIR/" is DIR/index.html, "DIR" redirects to "DIR/" (pages
// link relatively); a folder without index.html is not listed, it is a
// 404 with the build's 404.html. Paths with "..", backslashes, NUL or
// encoded slashes are answered 400. Every response has Cache-Control:
// no-store. The command listens on 127.0.0.1:1313 by default and warns
// when bound to any address other than loopback, since anyone on the
// network could then read the preview, drafts included.
//
// # Live reload
//
// HTML responses (never the built files) get, before </body>,
//
//	<script src="/__houqin/reload.js" data-version="V" defer></script>
//
// which listens to the Server-Sent Events stream /__houqin/events. The
// stream starts with a "hello" event holding the current version (a tab
// that missed builds while disconnected reloads), then sends one "reload"
// event per build that changed something:
//
//	event: reload
//	data: {"version":"…","ok":true,"pages":["years/2023/index.html"]}
//
// ok is false for a failed build, and all is true when every tab must
// reload (the error state changed, or too many files changed to list).
// A tab reloads when its own page is listed, keeping its scroll position
// (sessionStorage, keyed by path).
package serve
