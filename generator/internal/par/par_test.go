package par

import (
	"strings"
	"sync/atomic"
	"testing"

	"github.com/houqin/report/generator/internal/model"
)

// TestEach: every index is handled exactly once, whatever the count.
func TestEach(t *testing.T) {
	for _, n := range []int{0, 1, 2, 3, 1000} {
		calls := make([]atomic.Int32, n)
		Each(n, func(i int) { calls[i].Add(1) })
		for i := range calls {
			if c := calls[i].Load(); c != 1 {
				t.Errorf("n=%d: index %d handled %d times", n, i, c)
			}
		}
	}
}

// A panic in one item reaches the caller, who can recover it, instead of
// ending the program from a goroutine nobody can recover.
func TestEachHandsAPanicToTheCaller(t *testing.T) {
	var p *model.Panic
	func() {
		defer func() { p = model.Recovered(recover()) }()
		Each(100, func(i int) {
			if i == 42 {
				var rows []int
				_ = rows[i] // a bug: index out of range
			}
		})
	}()
	if p == nil || !strings.Contains(p.Error(), "index out of range") || !strings.Contains(p.At, "par_test.go") {
		t.Fatalf("recovered %v, want the index panic and where it happened", p)
	}
}
