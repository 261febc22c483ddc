//go:build !linux

package perceptron

import "unsafe"

// adviseHuge does nothing where transparent huge pages are not available.
func adviseHuge(unsafe.Pointer, uintptr) {}
