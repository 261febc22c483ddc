package flatmap

import (
	"slices"
	"testing"
)

func TestMap(t *testing.T) {
	want := map[uint64]uint64{0: 7, 1: 2, 1 << 63: 3, 0xdeadbeef: 4}
	for k := uint64(100); k < 1100; k++ {
		want[k*0x9E3779B97F4A7C15] = k
		want[k<<40] = k // keys that differ only in their high bits
	}
	m := New[uint64, uint64](10) // grows
	for k, v := range want {
		m.Put(k, v)
	}
	if m.Len() != len(want) {
		t.Fatalf("Len %d, want %d", m.Len(), len(want))
	}
	for k, v := range want {
		if got, ok := m.Lookup(k); got != v || !ok {
			t.Fatalf("Lookup(%#x) = %d, %v; want %d", k, got, ok, v)
		}
	}
	for _, k := range []uint64{2, 3, 99, 1<<63 + 1} {
		if got, ok := m.Lookup(k); got != 0 || ok {
			t.Errorf("absent key %#x: %d, %v", k, got, ok)
		}
	}
	m.Put(1, 9)
	if m.Get(1) != 9 || m.Len() != len(want) {
		t.Errorf("overwrite: Get %d, Len %d (want 9, %d)", m.Get(1), m.Len(), len(want))
	}
	keys := m.Keys()
	if len(keys) != len(want) || !slices.IsSorted(keys) || keys[0] != 0 {
		t.Errorf("Keys: %d keys, sorted %v, first %d", len(keys), slices.IsSorted(keys), keys[0])
	}
}

func TestMap32(t *testing.T) {
	m := New[uint32, uint16](0)
	if _, ok := m.Lookup(0); ok {
		t.Error("empty map holds key 0")
	}
	for k := uint32(1); k <= 5000; k++ {
		m.Put(k, uint16(k*3))
	}
	for k := uint32(1); k <= 5000; k++ {
		if m.Get(k) != uint16(k*3) {
			t.Fatalf("Get(%d) = %d", k, m.Get(k))
		}
	}
	if m.Get(5001) != 0 || m.Len() != 5000 {
		t.Errorf("Get(5001) = %d, Len %d", m.Get(5001), m.Len())
	}
}

func BenchmarkGet(b *testing.B) {
	m := New[uint64, uint64](1 << 18)
	for k := uint64(1); k <= 1<<18; k++ {
		m.Put(k*0x9E3779B97F4A7C15, k)
	}
	var sum uint64
	for i := 0; b.Loop(); i++ {
		sum += m.Get(uint64(i&(1<<18-1)+1) * 0x9E3779B97F4A7C15)
	}
	if sum == 1 {
		b.Log(sum)
	}
}
