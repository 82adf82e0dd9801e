// Command scalesite writes a benchmark site:
//
//	go run ./generator/internal/scale/scalesite -preset large -out /tmp/large
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/houqin/report/generator/internal/scale"
)

func main() {
	preset := flag.String("preset", "small", "small or large")
	out := flag.String("out", "", "the folder to write the site into (must not exist)")
	flag.Parse()
	p, ok := scale.Presets[*preset]
	if !ok || *out == "" {
		fmt.Fprintln(os.Stderr, "usage: scalesite -preset small|large -out DIR")
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
	fmt.Printf("wrote the %s site to %s\n", p.Name, *out)
}
