package check

import (
	"time"

	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/query"
)

// Options are what the rules need besides the site.
type Options struct {
	// Now is the build time: it decides expired notices, future rows and
	// terms that are over.
	Now time.Time
	// Extra lists output paths that exist besides the rendered files, such
	// as booklet/2023.pdf written by the pdf command.
	Extra []string
}

// Site runs every rule that needs the whole site and its rendered files:
// Content, Tables, Pages, Rules and Links. Charts runs before rendering.
func Site(q *query.Engine, files []model.File, opt Options) model.ErrorList {
	site := q.Site()
	var errs model.ErrorList
	errs = append(errs, Content(site)...)
	errs = append(errs, Tables(site, opt.Now)...)
	errs = append(errs, Pages(q, opt.Now)...)
	errs = append(errs, Rules(q, opt.Now)...)
	errs = append(errs, Links(site, files, opt.Extra)...)
	return errs
}
