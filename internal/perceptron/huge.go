package perceptron

import "unsafe"

// makeTable allocates a zeroed table of n elements for random access,
// advised for huge pages where the platform has them (see adviseHuge).
// Only tables of at least 4 MiB are advised.
func makeTable[T any](n int) []T {
	s := make([]T, n)
	var zero T
	if size := uintptr(n) * unsafe.Sizeof(zero); size >= 4<<20 {
		adviseHuge(unsafe.Pointer(&s[0]), size)
	}
	return s
}
