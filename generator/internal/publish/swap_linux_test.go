package publish

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/houqin/report/generator/internal/model"
)

// A web server reading the output while builds replace it never finds the
// home page missing: the folders are exchanged in one step.
func TestSwapLeavesNoGap(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	home := filepath.Join(out, "index.html")
	build := func(i int) {
		if _, err := Write(context.Background(), out, []model.File{{Path: "index.html", Data: fmt.Appendf(nil, "v%d", i)}}); err != nil {
			t.Fatal(err)
		}
	}
	build(0)
	var stop atomic.Bool
	var reads, misses atomic.Int64
	done := make(chan struct{})
	go func() {
		defer close(done)
		for !stop.Load() {
			if _, err := os.ReadFile(home); err != nil {
				misses.Add(1)
			}
			reads.Add(1)
		}
	}()
	for i := 1; i <= 200; i++ {
		build(i)
	}
	stop.Store(true)
	<-done
	if misses.Load() > 0 {
		t.Errorf("the home page was missing for %d of %d reads during 200 builds", misses.Load(), reads.Load())
	}
}
