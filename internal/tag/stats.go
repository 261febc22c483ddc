package tag

import (
	"slices"

	"github.com/detente-project/detente/internal/perceptron"
)

// statsTable maps a word hash to its packed statistics (see
// Tagger.wordStats): open addressing over two flat slices, filled at most
// half, so that loading 230,000 entries takes a few milliseconds instead of
// a Go map's tens.
type statsTable struct {
	keys, vals []uint64 // key 0 marks an empty slot
	mask       uint64
	n          int
	zero       uint64 // the value of key 0, when hasZero
	hasZero    bool
}

// newStatsTable returns an empty table sized for n entries.
func newStatsTable(n int) *statsTable {
	size := 16
	for size < 2*n {
		size *= 2
	}
	return &statsTable{keys: make([]uint64, size), vals: make([]uint64, size), mask: uint64(size - 1)}
}

// statsFromMap builds a table holding m.
func statsFromMap(m map[uint64]uint64) *statsTable {
	s := newStatsTable(len(m))
	for k, v := range m {
		s.put(k, v)
	}
	return s
}

// put sets the value of key k. The table must have been sized for it.
func (s *statsTable) put(k, v uint64) {
	if k == 0 {
		if !s.hasZero {
			s.n++
		}
		s.zero, s.hasZero = v, true
		return
	}
	for i := perceptron.Mix(k) & s.mask; ; i = (i + 1) & s.mask {
		switch s.keys[i] {
		case 0:
			s.keys[i], s.vals[i] = k, v
			s.n++
			return
		case k:
			s.vals[i] = v
			return
		}
	}
}

// get returns the value of key k, 0 when absent.
func (s *statsTable) get(k uint64) uint64 {
	if k == 0 {
		return s.zero
	}
	for i := perceptron.Mix(k) & s.mask; ; i = (i + 1) & s.mask {
		switch s.keys[i] {
		case k:
			return s.vals[i]
		case 0:
			return 0
		}
	}
}

// sortedKeys returns the keys in increasing order.
func (s *statsTable) sortedKeys() []uint64 {
	ks := make([]uint64, 0, s.n)
	if s.hasZero {
		ks = append(ks, 0)
	}
	for _, k := range s.keys {
		if k != 0 {
			ks = append(ks, k)
		}
	}
	slices.Sort(ks)
	return ks
}
