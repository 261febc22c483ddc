// Package flatmap provides an open-addressing hash map from integer keys to
// values, held in two flat slices. It suits lookup tables that are built
// once (when a model loads) and then read on hot paths: filling it costs
// no allocation per entry, and a lookup touches one or two cache lines and
// never allocates. Keys are expected to be hashes or otherwise spread; the
// map mixes them again (Fibonacci hashing), so any keys work.
package flatmap

import "slices"

// Key is the type of a map key.
type Key interface{ ~uint32 | ~uint64 }

// Map maps keys of type K to values of type V. The zero Map is not usable;
// make one with New. A Map is safe for concurrent reads once filled.
type Map[K Key, V any] struct {
	keys  []K // 0 marks an empty slot; key 0 itself lives in zero
	vals  []V
	shift uint // 64 - log2(len(keys))
	n     int

	zero    V // the value of key 0, when hasZero
	hasZero bool
}

// New returns an empty map with room for n entries before it grows.
func New[K Key, V any](n int) *Map[K, V] {
	m := &Map[K, V]{}
	m.resize(n)
	return m
}

// resize rebuilds the slots for n entries, at most half full.
func (m *Map[K, V]) resize(n int) {
	bits := uint(4)
	for 1<<bits < 2*n {
		bits++
	}
	keys, vals := m.keys, m.vals
	m.keys, m.vals, m.shift = make([]K, 1<<bits), make([]V, 1<<bits), 64-bits
	for i, k := range keys {
		if k != 0 {
			s := m.slot(k)
			m.keys[s], m.vals[s] = k, vals[i]
		}
	}
}

// slot returns the slot holding k, or the empty slot where it belongs.
func (m *Map[K, V]) slot(k K) uint64 {
	mask := uint64(len(m.keys) - 1)
	i := uint64(k) * 0x9E3779B97F4A7C15 >> m.shift
	for m.keys[i] != 0 && m.keys[i] != k {
		i = (i + 1) & mask
	}
	return i
}

// Put sets the value of key k.
func (m *Map[K, V]) Put(k K, v V) {
	if k == 0 {
		if !m.hasZero {
			m.n++
		}
		m.zero, m.hasZero = v, true
		return
	}
	i := m.slot(k)
	if m.keys[i] == 0 {
		if 2*(m.n+1) > len(m.keys) {
			m.resize(2 * (m.n + 1))
			i = m.slot(k)
		}
		m.keys[i] = k
		m.n++
	}
	m.vals[i] = v
}

// Lookup returns the value of key k and whether the map holds k.
func (m *Map[K, V]) Lookup(k K) (V, bool) {
	if k == 0 {
		return m.zero, m.hasZero
	}
	i := m.slot(k)
	return m.vals[i], m.keys[i] != 0
}

// Get returns the value of key k, or V's zero value when the map lacks k.
func (m *Map[K, V]) Get(k K) V {
	v, _ := m.Lookup(k)
	return v
}

// Len returns the number of entries.
func (m *Map[K, V]) Len() int { return m.n }

// Keys returns the keys in ascending order.
func (m *Map[K, V]) Keys() []K {
	ks := make([]K, 0, m.n)
	if m.hasZero {
		ks = append(ks, 0)
	}
	for _, k := range m.keys {
		if k != 0 {
			ks = append(ks, k)
		}
	}
	slices.Sort(ks)
	return ks
}
