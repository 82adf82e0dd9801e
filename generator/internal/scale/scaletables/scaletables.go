// Package scaletables loads the tables of a scale preset, for the
// benchmarks of what is computed from them (query, render). It is apart
// from package scale so that load's own benchmarks may use scale.
package scaletables

import (
	"context"
	"os"

	"github.com/houqin/report/generator/internal/load"
	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/scale"
)

// Load writes the preset without its notices into a temporary folder and
// loads it.
func Load(p scale.Preset) (*model.Site, error) {
	dir, err := os.MkdirTemp("", "houqin-tables-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	p.Notices = 0 // notices ask the tables nothing
	if err := scale.Write(dir, p); err != nil {
		return nil, err
	}
	site, errs := load.Site(context.Background(), os.DirFS(dir), load.Options{})
	if len(errs.Errors()) > 0 {
		return nil, errs
	}
	return site, nil
}
