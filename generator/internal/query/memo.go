package query

import "sync"

// memo computes the value of each key once. Render jobs run concurrently
// and often ask the same question (a period's repairs, a chart shown on
// the yearly page, the safety record and the booklet): the first asker
// computes the answer while the others wait for it, and keys being
// computed do not block other keys.
type memo[K comparable, V any] struct {
	mu      sync.Mutex
	entries map[K]*memoEntry[V]
}

type memoEntry[V any] struct {
	once  sync.Once
	value V
}

// get returns the value of k, calling compute the first time k is asked.
func (m *memo[K, V]) get(k K, compute func() V) V {
	m.mu.Lock()
	if m.entries == nil {
		m.entries = map[K]*memoEntry[V]{}
	}
	e := m.entries[k]
	if e == nil {
		e = &memoEntry[V]{}
		m.entries[k] = e
	}
	m.mu.Unlock()
	e.once.Do(func() { e.value = compute() })
	return e.value
}

// keep copies into m the entries of from whose keys ok accepts.
func (m *memo[K, V]) keep(from *memo[K, V], ok func(K) bool) {
	from.mu.Lock()
	defer from.mu.Unlock()
	m.mu.Lock()
	defer m.mu.Unlock()
	for k, v := range from.entries {
		if ok(k) {
			if m.entries == nil {
				m.entries = map[K]*memoEntry[V]{}
			}
			m.entries[k] = v
		}
	}
}
