package http

import (
	"bytes"
	"encoding/json"
	"net/http"
	"sync"
)

// cache holds the JSON bodies of successful GET answers, keyed by path and
// query. The store does not change under a read-only server (DuckDB holds
// the file's lock), and a server that ingests clears the cache after every
// write, so entries never go stale. Concurrent misses on one key run the
// query once and share its result: 200 clients asking for the same series
// cost one query, not 200.
type cache struct {
	mu       sync.Mutex
	entries  map[string][]byte
	order    []string // insertion order, for eviction
	inflight map[string]*flight
	gen      uint64 // bumped by clear; a result computed under an older gen is not kept
	max      int
	maxBody  int
}

type flight struct {
	done chan struct{}
	body []byte
	err  error
}

func newCache(entries, maxBody int) *cache {
	return &cache{entries: map[string][]byte{}, inflight: map[string]*flight{}, max: entries, maxBody: maxBody}
}

// get returns the cached body for key, or computes it with fn (once for
// all concurrent callers), caching it when small enough.
func (c *cache) get(key string, fn func() ([]byte, error)) ([]byte, error) {
	c.mu.Lock()
	if b, ok := c.entries[key]; ok {
		c.mu.Unlock()
		return b, nil
	}
	if f, ok := c.inflight[key]; ok {
		c.mu.Unlock()
		<-f.done
		if f.err != nil {
			// The leader's error may be its own (a cancelled client): try alone.
			return fn()
		}
		return f.body, nil
	}
	f := &flight{done: make(chan struct{})}
	c.inflight[key] = f
	gen := c.gen
	c.mu.Unlock()

	f.body, f.err = fn()

	c.mu.Lock()
	delete(c.inflight, key)
	if f.err == nil && len(f.body) <= c.maxBody && gen == c.gen && c.max > 0 {
		if len(c.order) >= c.max {
			delete(c.entries, c.order[0])
			c.order = c.order[1:]
		}
		c.entries[key] = f.body
		c.order = append(c.order, key)
	}
	c.mu.Unlock()
	close(f.done)
	return f.body, f.err
}

// clear drops every entry (after a write to the store).
func (c *cache) clear() {
	c.mu.Lock()
	c.entries = map[string][]byte{}
	c.order = nil
	c.gen++
	c.mu.Unlock()
}

// read adapts a read handler: it validates and queries through fn, encodes
// the value as JSON, and serves repeated requests from the cache.
func (s *Server) read(fn func(*http.Request) (any, error)) http.Handler {
	return s.handle(func(w http.ResponseWriter, r *http.Request) error {
		body, err := s.cache.get(r.URL.Path+"?"+r.URL.RawQuery, func() ([]byte, error) {
			v, err := fn(r)
			if err != nil {
				return nil, err
			}
			var buf bytes.Buffer
			if err := json.NewEncoder(&buf).Encode(v); err != nil {
				return nil, err
			}
			return buf.Bytes(), nil
		})
		if err != nil {
			return err
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		_, err = w.Write(body)
		return err
	})
}
