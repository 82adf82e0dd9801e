// Package scaletables loads the tables of the large scale preset for the
// benchmarks of what is computed from them (query, render). It is apart
// from package scale so that load's own benchmarks may use scale.
package scaletables

import (
	"context"
	"os"
	"sync"
	"testing"

	"github.com/houqin/report/generator/internal/load"
	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/scale"
)

var (
	largeOnce sync.Once
	largeSite *model.Site
	largeErr  error
)

// Large returns the large preset without its notices (they ask the
// tables nothing), written to a temporary folder and loaded once per
// test binary.
func Large(tb testing.TB) *model.Site {
	tb.Helper()
	largeOnce.Do(func() { largeSite, largeErr = loadTables(scale.Presets["large"]) })
	if largeErr != nil {
		tb.Fatal(largeErr)
	}
	return largeSite
}

func loadTables(p scale.Preset) (*model.Site, error) {
	dir, err := os.MkdirTemp("", "houqin-tables-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	p.Notices = 0
	if err := scale.Write(dir, p); err != nil {
		return nil, err
	}
	site, errs := load.Site(context.Background(), os.DirFS(dir), load.Options{})
	if len(errs.Errors()) > 0 {
		return nil, errs
	}
	return site, nil
}
