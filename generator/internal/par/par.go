// Package par runs the iterations of a loop on every core.
package par

import (
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/houqin/report/generator/internal/model"
)

// Each calls fn(i) for every i in [0, n) on as many goroutines as there
// are cores, and returns when every call has returned. A goroutine takes
// the next i when it is done with one, so a slow item holds up no other.
//
// A panic in fn stops the loop (the calls under way finish, no new one
// starts) and is raised again on the caller's goroutine as a
// *model.Panic, where the caller can recover it: a panic on a goroutine
// of Each's own would end the program, serve included.
func Each(n int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	var once sync.Once
	var caught *model.Panic
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			defer func() {
				if v := recover(); v != nil {
					once.Do(func() { caught = model.Recovered(v) })
					next.Store(int64(n)) // no new item
				}
			}()
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				fn(i)
			}
		})
	}
	wg.Wait()
	if caught != nil {
		panic(caught)
	}
}
