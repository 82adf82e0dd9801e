package check

import (
	"net/url"
	"strings"
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

	// content holds the findings of each Markdown file by its bytes.
	content map[string]fileFindings
	// clean holds the pages whose links were all found, by their bytes,
	// valid while the site has the same files (sites).
	clean map[string][]byte
	sites [32]byte
}

// fileFindings are the findings of a file's bytes (data is the slice the
// site held: a load that took the file from its cache hands over the same).
type fileFindings struct {
	data []byte
	key  string
	errs model.ErrorList
}

// sameBytes reports whether a and b are the same slice of memory.
func sameBytes(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

type memoFindings struct {
	key   string
	data  []byte
	table *model.Table
	errs  model.ErrorList
}

// NewMemo returns an empty memo.
func NewMemo() *Memo {
	return &Memo{tables: map[string]memoFindings{}, content: map[string]fileFindings{}, clean: map[string][]byte{}}
}

// Checks are the rules of Site, started before the site renders.
type Checks struct {
	site  *model.Site
	opt   Options
	base  *url.URL
	wg    sync.WaitGroup
	found []model.ErrorList // of each rule family, in order

	mu   sync.Mutex
	seen map[string][]link // the links of the pages handed to Add
}

// Begin starts the rules that need only the site (all but Links) in the
// background, so that they run while the pages render. Hand the rendered
// files to Add as they come, and all of them to Finish at the end.
func Begin(q *query.Engine, opt Options) *Checks {
	site := q.Site()
	c := &Checks{site: site, opt: opt, base: basePath(site.Config.BaseURL), seen: map[string][]link{}}
	// The rule families read the site and the files only: they run
	// concurrently, and their findings are joined in this order.
	rules := []func() model.ErrorList{
		func() model.ErrorList { return content(site, opt.Memo) },
		func() model.ErrorList { return tables(site, opt.Now, opt.Memo) },
		func() model.ErrorList { return Pages(q, opt.Now) },
		func() model.ErrorList { return Rules(q, opt.Now) },
		func() model.ErrorList { return addresses(site) },
		func() model.ErrorList { return notices(site) },
	}
	c.found = make([]model.ErrorList, len(rules)+1)
	for i, rule := range rules {
		c.wg.Add(1)
		go func() {
			defer c.wg.Done()
			defer func() {
				if p := model.Recovered(recover()); p != nil {
					c.found[i] = append(c.found[i], p.Positioned(model.Pos{File: "data/site.yaml"}, "checking the site"))
				}
			}()
			c.found[i] = rule()
		}()
	}
	return c
}

// Add finds the links of rendered pages, on the caller's goroutine, so
// that Finish has only to look them up; it keeps no reference to the
// files' bytes. It is safe for concurrent use.
func (c *Checks) Add(files ...model.File) {
	for _, f := range files {
		if !strings.HasSuffix(f.Path, ".html") {
			continue
		}
		links := pageLinks(f.Path, f.Data, c.base)
		c.mu.Lock()
		c.seen[f.Path] = links
		c.mu.Unlock()
	}
}

// Finish checks the links of the rendered files (all of them) and returns
// every finding, as Site does. The files handed to Add may come without
// their bytes: those of one render are the pages Add saw.
func (c *Checks) Finish(files []model.File) model.ErrorList {
	c.mu.Lock()
	seen := c.seen
	c.mu.Unlock()
	c.found[len(c.found)-1] = links(c.site, files, c.opt.Extra, c.opt.Memo, seen)
	c.wg.Wait()
	var errs model.ErrorList
	for _, f := range c.found {
		errs = append(errs, f...)
	}
	return errs
}
