package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	pdfmodel "github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Heading is one entry of a PDF's document outline (its bookmarks).
type Heading struct {
	Title string // the heading's text, spaces collapsed
	Page  int    // the page it starts on, from 1
	Level int    // 1 for top-level entries, 2 for their children, ...
}

// Outline reads the page count and the document outline of a PDF, the
// entries flattened in document order. A PDF without an outline gives no
// headings and no error.
func Outline(ctx context.Context, pdf []byte) (pages int, headings []Heading, err error) {
	pc, err := read(ctx, pdf)
	if err != nil {
		return 0, nil, err
	}
	// Only validation sets pc.Outlines, and validating is slow; look it up.
	root, err := pc.Catalog()
	if err != nil {
		return 0, nil, fmt.Errorf("reading the PDF's catalog: %w", err)
	}
	if o, ok := root.Find("Outlines"); ok {
		if pc.Outlines, err = pc.DereferenceDict(o); err != nil {
			return 0, nil, fmt.Errorf("reading the PDF's outline: %w", err)
		}
	}
	bms, err := pdfcpu.Bookmarks(pc)
	if err != nil && !errors.Is(err, pdfcpu.ErrNoBookmarks) {
		return 0, nil, fmt.Errorf("reading the PDF's outline: %w", err)
	}
	var walk func([]pdfcpu.Bookmark, int)
	walk = func(bms []pdfcpu.Bookmark, level int) {
		for _, b := range bms {
			headings = append(headings, Heading{Title: collapse(b.Title), Page: b.PageFrom, Level: level})
			walk(b.Kids, level+1)
		}
	}
	walk(bms, 1)
	return pc.PageCount, headings, nil
}

// read parses a PDF with pdfcpu. The configuration is built here rather
// than with model.NewDefaultConfiguration, which writes a configuration
// folder into the user's home.
func read(ctx context.Context, pdf []byte) (*pdfmodel.Context, error) {
	conf := &pdfmodel.Configuration{
		Reader15:       true,
		ValidationMode: pdfmodel.ValidationRelaxed,
		Eol:            types.EolLF,
		Offline:        true,
		Limits:         pdfmodel.DefaultResourceLimits(),
	}
	pc, err := readCatch(ctx, pdf, conf)
	if err != nil {
		return nil, fmt.Errorf("reading the PDF: %w", err)
	}
	if err := pc.EnsurePageCount(); err != nil {
		return nil, fmt.Errorf("reading the PDF's pages: %w", err)
	}
	return pc, nil
}

// readCatch runs pdfcpu's reader, turning a panic in it into an error.
func readCatch(ctx context.Context, pdf []byte, conf *pdfmodel.Configuration) (pc *pdfmodel.Context, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("pdfcpu: %v", r)
		}
	}()
	return pdfcpu.ReadWithContext(ctx, bytes.NewReader(pdf), conf)
}

// collapse trims s and turns every run of white space into one space.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }
