package check

import (
	"sync"
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
	// Memo, when set, keeps the findings of the table checks for the next
	// check of the same site: a table whose file did not change is not
	// scanned again (serve checks the site on every save).
	Memo *Memo
}

// Memo holds table findings between checks of one site. It is safe for
// concurrent use.
type Memo struct {
	mu     sync.Mutex
	tables map[string]memoFindings
}

type memoFindings struct {
	key  [32]byte
	errs model.ErrorList
}

// NewMemo returns an empty memo.
func NewMemo() *Memo { return &Memo{tables: map[string]memoFindings{}} }

// Site runs every rule that needs the whole site and its rendered files:
// Content, Tables, Pages, Rules and Links. Charts runs before rendering.
func Site(q *query.Engine, files []model.File, opt Options) model.ErrorList {
	site := q.Site()
	var errs model.ErrorList
	errs = append(errs, Content(site)...)
	errs = append(errs, tables(site, opt.Now, opt.Memo)...)
	errs = append(errs, Pages(q, opt.Now)...)
	errs = append(errs, Rules(q, opt.Now)...)
	errs = append(errs, Links(site, files, opt.Extra)...)
	return errs
}
