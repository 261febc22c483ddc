//go:build unix

package testshared

import (
	"syscall"
	"time"
)

// CPUTime returns the CPU time (user + system) this process has used, and
// whether the platform reports it. Benchmarks divide by it to state speed
// per CPU second, which stays meaningful on a machine shared with other
// jobs.
func CPUTime() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
