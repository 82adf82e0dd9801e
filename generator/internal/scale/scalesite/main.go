// Command scalesite writes a benchmark site of any size, from a preset
// with any of its numbers changed:
//
//	go run ./generator/internal/scale/scalesite -preset large -out /tmp/large
//	go run ./generator/internal/scale/scalesite -preset large -repairs 800000 -notices 0 -out /tmp/big-csv
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/houqin/report/generator/internal/scale"
)

func main() {
	preset := flag.String("preset", "small", "the sizes to start from: small, large or large-xlsx (repairs as a workbook)")
	out := flag.String("out", "", "the folder to write the site into (must not exist)")
	periods := flag.Int("periods", -1, "calendar years, ending with 2023 (default: the preset's)")
	repairs := flag.Int("repairs", -1, "rows of data/repairs.csv (default: the preset's)")
	purchases := flag.Int("purchases", -1, "rows of data/purchases.csv (default: the preset's)")
	notices := flag.Int("notices", -1, "notices under content/notices/ (default: the preset's)")
	projects := flag.Int("projects", -1, "projects in data/projects.yaml (default: the preset's)")
	flag.Parse()
	p, ok := scale.Presets[*preset]
	if !ok || *out == "" {
		fmt.Fprintln(os.Stderr, "usage: scalesite -preset small|large|large-xlsx [-periods N] [-repairs N] [-purchases N] [-notices N] [-projects N] -out DIR")
		os.Exit(2)
	}
	for _, f := range []struct {
		flag  *int
		field *int
		name  string
	}{{periods, &p.Periods, "periods"}, {repairs, &p.Repairs, "repairs"}, {purchases, &p.Purchases, "purchases"}, {notices, &p.Notices, "notices"}, {projects, &p.Projects, "projects"}} {
		if *f.flag >= 0 {
			*f.field = *f.flag
			p.Name = "custom"
		}
	}
	if p.Periods < 1 {
		fmt.Fprintln(os.Stderr, "scalesite: -periods must be at least 1")
		os.Exit(2)
	}
	if _, err := os.Stat(*out); err == nil {
		fmt.Fprintf(os.Stderr, "scalesite: %s exists; choose a new folder\n", *out)
		os.Exit(1)
	}
	if err := scale.Write(*out, p); err != nil {
		fmt.Fprintln(os.Stderr, "scalesite:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote the %s site (%d periods, %d repairs, %d purchases, %d notices, %d projects) to %s\n",
		p.Name, p.Periods, p.Repairs, p.Purchases, p.Notices, p.Projects, *out)
}
