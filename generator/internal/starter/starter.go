// Package starter holds the small site that `houqin new site DIR` writes:
// a school's settings with comments in Chinese, one small table of each
// kind for the year 2024, a yearly summary made of data references, a
// home page introduction and a notice. It builds as it is and passes
// check with no warning, so a clerk starts from a working site and
// replaces its rows and words with the school's own.
//
// The files live in site/ and are embedded into the program:
//
//	data/site.yaml         title, school, period, base_url, rules (commented)
//	data/repairs.csv       data/inspections.csv  data/drills.csv
//	data/incidents.csv     data/purchases.csv    data/utilities.csv
//	data/projects.yaml     data/honors.yaml
//	content/_index.md      content/years/2024.md
//	content/notices/2024-winter-break-safety.md
//
// The tables have Chinese headers, as an office's Excel exports do. The
// inspections and drills meet the rules in site.yaml, so the safety page
// shows every rule as met (达标).
package starter

import (
	"embed"
	"io/fs"
)

//go:embed all:site
var files embed.FS

// Files returns the starter site, rooted at the site's folder.
func Files() fs.FS {
	sub, err := fs.Sub(files, "site")
	if err != nil {
		panic(err) // site/ is embedded above: cannot happen
	}
	return sub
}
