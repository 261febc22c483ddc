//go:build !unix

package kb

import "time"

func cpuTime() (time.Duration, bool) { return 0, false }
