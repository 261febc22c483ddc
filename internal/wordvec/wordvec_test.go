package wordvec

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/detente-project/detente/models"
)

func TestPathPrefix(t *testing.T) {
	p := Path(0b1_0110_1101) // 8 levels
	if p.Len() != 8 {
		t.Fatalf("Len = %d, want 8", p.Len())
	}
	if got := p.Prefix(4); got != 0b1_0110 {
		t.Errorf("Prefix(4) = %b, want 10110", got)
	}
	if got := p.Prefix(12); got != p {
		t.Errorf("Prefix(12) = %b, want the whole path", got)
	}
	if p.Level(1) != p.Prefix(BranchBits) || p.Level(2) != p {
		t.Errorf("Level(1) = %b, Level(2) = %b", p.Level(1), p.Level(2))
	}
	if Path(0).Prefix(4) != 0 || Path(0).Len() != 0 {
		t.Error("the empty path must stay empty")
	}
}

func TestKeyNormalises(t *testing.T) {
	same := [][2]string{
		{"Obama", "obama"},
		{"1990", "2024"},
		{"Don’t", "don't"},
		{"ÉLYSÉE", "élysée"},
	}
	for _, p := range same {
		if Key(p[0]) != Key(p[1]) {
			t.Errorf("Key(%q) != Key(%q)", p[0], p[1])
		}
	}
	if Key("china") == Key("chinese") {
		t.Error("different words share a key")
	}
}

// twoGroups makes vectors in two tight groups far apart.
func twoGroups(n int) *Vectors {
	rng := rand.New(rand.NewPCG(1, 2))
	v := &Vectors{Dim: 8}
	for i := 0; i < n; i++ {
		g := i % 2
		v.Words = append(v.Words, string(rune('a'+g))+string(rune('a'+i/2%26))+string(rune('a'+i/52)))
		for d := 0; d < v.Dim; d++ {
			x := float32(rng.NormFloat64() * 0.05)
			if d == g {
				x += 1
			}
			v.Data = append(v.Data, x)
		}
	}
	return v
}

func TestClusterSeparatesGroups(t *testing.T) {
	v := twoGroups(200)
	c := Cluster(v, 0, 8, 1)
	if len(c.Paths) != 200 {
		t.Fatalf("%d paths for 200 words", len(c.Paths))
	}
	top := map[Path]int{}
	for i, p := range c.Paths {
		if p.Len() != 8 && p.Len() != 4 {
			t.Fatalf("word %d: path %b has %d bits, want 8 (or 4 for a lone word)", i, p, p.Len())
		}
		// No top-level cluster may mix the groups.
		g, seen := top[p.Prefix(BranchBits)]
		if seen && g != i%2 {
			t.Fatalf("word %d (group %d) shares its top-level cluster with the other group", i, i%2)
		}
		top[p.Prefix(BranchBits)] = i % 2
	}
	again := Cluster(v, 0, 8, 1)
	for i := range c.Paths {
		if c.Paths[i] != again.Paths[i] {
			t.Fatal("clustering is not deterministic for a seed")
		}
	}
	if n := len(Cluster(v, 50, 8, 1).Paths); n != 50 {
		t.Errorf("maxWords 50 gave %d paths", n)
	}
}

func TestTableRoundTrip(t *testing.T) {
	v := twoGroups(300)
	c := Cluster(v, 0, 12, 3)
	tab := NewTable(c)
	var buf bytes.Buffer
	if _, err := tab.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := Load(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if back.ID() != tab.ID() || back.Len() != tab.Len() || back.Depth() != 12 {
		t.Fatalf("round trip: id %x/%x, len %d/%d, depth %d", back.ID(), tab.ID(), back.Len(), tab.Len(), back.Depth())
	}
	for i, w := range c.Words {
		if got := back.Lookup(w); got != c.Paths[i] {
			t.Fatalf("Lookup(%q) = %b, want %b", w, got, c.Paths[i])
		}
	}
	if back.Lookup("no-such-word") != 0 {
		t.Error("an unknown word has a path")
	}
	var nilTable *Table
	if nilTable.Lookup("x") != 0 {
		t.Error("a nil table has a path")
	}
}

func TestLoadRejectsBadInput(t *testing.T) {
	for _, b := range [][]byte{nil, []byte("not gzip"), {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0}} {
		if _, err := Load(b); err == nil {
			t.Errorf("Load(%q) succeeded", b)
		}
	}
}

// The shipped table puts words of a kind near each other: weekdays share
// most of their path, a weekday and a country do not.
func TestShippedTable(t *testing.T) {
	tab, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if tab.Len() < 300000 {
		t.Fatalf("shipped table has %d words", tab.Len())
	}
	common := func(a, b string) int {
		pa, pb := tab.Lookup(a), tab.Lookup(b)
		if pa == 0 || pb == 0 {
			t.Fatalf("%q or %q has no cluster", a, b)
		}
		n := 0 // bits, in whole levels of the tree
		for n < tab.Depth() && pa.Prefix(n+BranchBits) == pb.Prefix(n+BranchBits) {
			n += BranchBits
		}
		return n
	}
	for _, p := range [][2]string{{"Monday", "thursday"}, {"France", "Germany"}, {"imposed", "restrictions"}} {
		if n := common(p[0], p[1]); n < tab.Depth() {
			t.Errorf("%s and %s share %d bits of their paths, want all %d", p[0], p[1], n, tab.Depth())
		}
	}
	for _, p := range [][2]string{{"France", "imposed"}, {"Monday", "restaurant"}} {
		if n := common(p[0], p[1]); n > BranchBits {
			t.Errorf("%s and %s share %d bits of their paths, want at most %d", p[0], p[1], n, BranchBits)
		}
	}
	if _, err := ForModel(tab.ID() + 1); err == nil {
		t.Error("ForModel accepted another table's id")
	}
}

func BenchmarkLookup(b *testing.B) {
	tab, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	words := []string{"The", "Secretary", "of", "State", "met", "Xi", "Jinping", "on", "Monday", "in", "Beijing", "."}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		tab.Lookup(words[i%len(words)])
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(models.WordVec); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzLoad feeds Load corrupted tables: it must return an error or a
// usable table, never panic.
func FuzzLoad(f *testing.F) {
	c := Cluster(twoGroups(40), 0, 8, 1)
	var buf bytes.Buffer
	if _, err := NewTable(c).WriteTo(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		tab, err := Load(b)
		if err != nil {
			return
		}
		tab.Lookup("word")
	})
}

// FuzzKey: Key and Lookup take any string, valid UTF-8 or not.
func FuzzKey(f *testing.F) {
	tab, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{"", "Obama", "\xff\xfe", "Élysée’s", "0123"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if Key(s) == 0 {
			t.Fatalf("Key(%q) = 0, the empty-slot marker", s)
		}
		tab.Lookup(s)
	})
}
