package serve

import (
	"context"
	"sort"
	"time"
)

// batch groups the changes arriving on in into sorted, de-duplicated
// batches on out. A batch is closed when no change arrived for quiet, or
// limit after its first change, whichever comes first: an editor's save is
// several events (write a temporary file, rename, chmod), and Excel's even
// more, but the author saved once and wants one rebuild. Changes that
// arrive while out is not being read (a rebuild is running) are merged
// into the batch that waits.
func batch(ctx context.Context, in <-chan string, out chan<- []string, quiet, limit time.Duration) {
	pending := map[string]bool{} // changes of the open batch
	var ready []string           // a closed batch waiting to be taken
	var first time.Time          // when the open batch got its first change
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	timing := false
	for {
		var outc chan<- []string
		if ready != nil {
			outc = out
		}
		var timerC <-chan time.Time
		if timing {
			timerC = timer.C
		}
		select {
		case <-ctx.Done():
			return
		case p := <-in:
			now := time.Now()
			if len(pending) == 0 {
				first = now
			}
			pending[p] = true
			wait := quiet
			if left := first.Add(limit).Sub(now); left < wait {
				wait = max(left, 0)
			}
			timer.Reset(wait)
			timing = true
		case <-timerC:
			timing = false
			ready = merge(ready, pending)
			pending = map[string]bool{}
		case outc <- ready:
			ready = nil
		}
	}
}

// merge adds the keys of set to list, sorted and without duplicates.
func merge(list []string, set map[string]bool) []string {
	for _, p := range list {
		set[p] = true
	}
	out := make([]string, 0, len(set))
	for p := range set {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}
