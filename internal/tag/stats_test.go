package tag

import (
	"slices"
	"testing"
)

func TestStatsTable(t *testing.T) {
	want := map[uint64]uint64{0: 7, 1: 2, 1 << 63: 3, 0xdeadbeef: 4}
	for k := uint64(100); k < 1100; k++ {
		want[k*0x9E3779B97F4A7C15] = k
	}
	s := statsFromMap(want)
	for k, v := range want {
		if got := s.get(k); got != v {
			t.Fatalf("get(%#x) = %d, want %d", k, got, v)
		}
	}
	for _, k := range []uint64{2, 3, 99, 1<<63 + 1} {
		if got := s.get(k); got != 0 {
			t.Errorf("absent key %#x: %d", k, got)
		}
	}
	s.put(1, 9)
	if s.get(1) != 9 || s.n != len(want) {
		t.Errorf("overwrite: get %d, n %d (want 9, %d)", s.get(1), s.n, len(want))
	}
	keys := s.sortedKeys()
	if len(keys) != len(want) || !slices.IsSorted(keys) || keys[0] != 0 {
		t.Errorf("sortedKeys: %d keys, sorted %v, first %d", len(keys), slices.IsSorted(keys), keys[0])
	}
}
