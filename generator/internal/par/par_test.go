package par

import (
	"sync/atomic"
	"testing"
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
