package main

import (
	"runtime"
	"sync"
)

// parallelEach calls fn(i) for every i in [0, n) on runtime.NumCPU()
// goroutines and returns when all calls have. Callers write result i to
// slot i of their own slice, which keeps the output order stable.
func parallelEach(n int, fn func(i int)) {
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.NumCPU(), max(n, 1)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				fn(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
}
