package http

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestCacheCollapsesConcurrentMisses(t *testing.T) {
	c := newCache(10, 100)
	var calls atomic.Int32
	release := make(chan struct{})
	var wg sync.WaitGroup
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b, err := c.get("k", func() ([]byte, error) {
				calls.Add(1)
				<-release
				return []byte("v"), nil
			})
			if err != nil || string(b) != "v" {
				t.Errorf("get = %q, %v", b, err)
			}
		}()
	}
	time.Sleep(50 * time.Millisecond)
	close(release)
	wg.Wait()
	if n := calls.Load(); n != 1 {
		t.Errorf("fn ran %d times, want 1", n)
	}
}

func TestCacheEvictsClearsAndSkipsErrors(t *testing.T) {
	c := newCache(2, 4)
	n := 0
	fn := func(v string) func() ([]byte, error) {
		return func() ([]byte, error) { n++; return []byte(v), nil }
	}
	c.get("a", fn("1"))
	c.get("b", fn("2"))
	c.get("a", fn("x")) // hit
	c.get("c", fn("3")) // evicts a
	if b, _ := c.get("a", fn("4")); string(b) != "4" || n != 4 {
		t.Errorf("after eviction a = %q, %d calls", b, n)
	}
	c.get("big", fn("12345")) // over maxBody: not kept
	if b, _ := c.get("big", fn("6")); string(b) != "6" {
		t.Errorf("oversized body was cached: %q", b)
	}
	boom := errors.New("boom")
	if _, err := c.get("e", func() ([]byte, error) { return nil, boom }); err != boom {
		t.Errorf("err = %v", err)
	}
	if b, err := c.get("e", fn("ok")); err != nil || string(b) != "ok" {
		t.Errorf("error was cached: %q %v", b, err)
	}
	c.clear()
	if b, _ := c.get("e", fn(fmt.Sprint("new"))); string(b) != "new" {
		t.Errorf("clear kept %q", b)
	}
}
