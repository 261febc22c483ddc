package perceptron

import (
	"syscall"
	"unsafe"
)

// hugePage is the size of a transparent huge page on Linux (amd64, arm64).
const hugePage = 2 << 20

// adviseHuge asks the kernel to back the 2 MiB-aligned interior of a fresh,
// not yet touched allocation with transparent huge pages: scoring reads the
// model's tables at random, and with 4 KiB pages most of those reads also
// miss the TLB. The memory stays owned by the Go heap; the advice is a hint
// whose failure is harmless.
func adviseHuge(p unsafe.Pointer, size uintptr) {
	base := uintptr(p)
	start := (base + hugePage - 1) &^ (hugePage - 1)
	end := (base + size) &^ (hugePage - 1)
	if end <= start {
		return
	}
	_ = syscall.Madvise(unsafe.Slice((*byte)(unsafe.Add(p, start-base)), end-start), 14) // MADV_HUGEPAGE
}
