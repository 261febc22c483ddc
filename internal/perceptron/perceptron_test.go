package perceptron

import (
	"bytes"
	"math/rand"
	"testing"
)

// A linearly separable toy task: class = which of three feature groups fires.
func TestTrainSaveLoad(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	tr := NewTrainer(3)
	scores := make([]float32, 3)
	example := func() ([]uint64, int) {
		c := rng.Intn(3)
		feats := []uint64{Hash(1, uint64(c), 0, 0), Hash(2, uint64(rng.Intn(50)), 0, 0)}
		return feats, c
	}
	for i := 0; i < 3000; i++ {
		f, c := example()
		tr.Scores(f, scores)
		tr.Update(f, c, Argmax(scores, nil))
		tr.Tick()
	}
	m := tr.Model(0)
	m2 := roundTrip(t, m)
	if m2.NumFeatures() != m.NumFeatures() || m2.NumWeights() != m.NumWeights() {
		t.Fatalf("round trip changed size: %d/%d vs %d/%d", m2.NumFeatures(), m2.NumWeights(), m.NumFeatures(), m.NumWeights())
	}
	correct := 0
	for i := 0; i < 500; i++ {
		f, c := example()
		m2.Scores(f, scores)
		if Argmax(scores, nil) == c {
			correct++
		}
	}
	if correct < 490 {
		t.Fatalf("accuracy %d/500 on a separable task", correct)
	}
}

func TestReadModelRejectsGarbage(t *testing.T) {
	for _, in := range [][]byte{nil, []byte("DTPC1\n"), []byte("DTPC1\n\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01"), []byte("garbage")} {
		if _, err := ReadModel(NewBytes(in)); err == nil {
			t.Errorf("no error for %q", in)
		}
	}
}

func TestArgmaxTiesLowest(t *testing.T) {
	if got := Argmax([]float32{1, 3, 3, 2}, nil); got != 1 {
		t.Fatalf("Argmax = %d, want 1", got)
	}
	if got := Argmax([]float32{1, 3, 3, 2}, func(c int) bool { return c != 1 }); got != 2 {
		t.Fatalf("Argmax with mask = %d, want 2", got)
	}
	if got := Argmax([]float32{1}, func(int) bool { return false }); got != -1 {
		t.Fatalf("Argmax none valid = %d", got)
	}
}

func BenchmarkScores(b *testing.B) {
	tr := NewTrainer(40)
	feats := make([]uint64, 60)
	for i := 0; i < 200000; i++ {
		for j := range feats {
			feats[j] = Hash(uint64(j), uint64(i%5000), 0, 0)
		}
		tr.Update(feats, i%40, (i+1)%40)
		tr.Tick()
	}
	m := tr.Model(0)
	out := make([]float32, 40)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j := range feats {
			feats[j] = Hash(uint64(j), uint64(i%5000), 0, 0)
		}
		m.Scores(feats, out)
	}
}

func TestPrune(t *testing.T) {
	tr := NewTrainer(3)
	for i := 0; i < 100; i++ {
		tr.Update([]uint64{1, 2}, 0, 1)
		tr.Tick()
		if i == 95 { // averaged weight about 0.05
			tr.Update([]uint64{3}, 2, 1)
		}
	}
	m := tr.Model(0)
	p := m.Prune(0.5)
	if p.NumFeatures() != 2 || p.NumWeights() != 4 {
		t.Fatalf("pruned model has %d features, %d weights; want 2, 4", p.NumFeatures(), p.NumWeights())
	}
	a, b := make([]float32, 3), make([]float32, 3)
	m.Scores([]uint64{1, 2}, a)
	p.Scores([]uint64{1, 2}, b)
	for c := range a {
		if a[c] != b[c] {
			t.Fatalf("pruning changed kept scores: %v vs %v", a, b)
		}
	}
}

// Scores must equal a plain per-feature sum on both of its paths (at most
// 256 classes, and more), for feature lists longer than one batch and with
// absent features.
func TestScoresMatchesPlainSum(t *testing.T) {
	for _, nc := range []int{7, 40, 256, 300} {
		rng := rand.New(rand.NewSource(int64(nc)))
		tr := NewTrainer(nc)
		for i := 0; i < 2000; i++ {
			f := []uint64{Hash(1, uint64(rng.Intn(400)), 0, 0), Hash(2, uint64(rng.Intn(400)), 0, 0)}
			if nc == 40 { // frequent features: rows for most classes, stored dense
				f = append(f, Hash(4, uint64(rng.Intn(10)), 0, 0))
			}
			tr.Update(f, rng.Intn(nc), rng.Intn(nc))
			tr.Tick()
		}
		m := tr.Model(0)
		if nc == 40 && len(m.denseRows) == 0 {
			t.Fatal("no dense rows; the test needs some")
		}
		feats := make([]uint64, 250)
		for i := range feats {
			v := rng.Intn(450)
			if i%4 == 3 {
				v = rng.Intn(12) // the frequent features of template 4
			}
			feats[i] = Hash(uint64(1+i%4), uint64(v), 0, 0) // template 3 is never trained
		}
		got := make([]float32, nc)
		m.Scores(feats, got)
		want := make([]float32, nc)
		for _, f := range feats {
			lo, hi := m.find(f)
			for _, p := range m.pairs[lo:hi] {
				want[p>>16] += float32(int16(p))
			}
		}
		nonzero := 0
		for c := range want {
			want[c] *= m.scale
			if d := got[c] - want[c]; d > 1e-3*max(1, abs32(want[c])) || -d > 1e-3*max(1, abs32(want[c])) {
				t.Fatalf("%d classes: class %d scored %v, plain sum %v", nc, c, got[c], want[c])
			}
			if want[c] != 0 {
				nonzero++
			}
		}
		if nonzero == 0 {
			t.Fatalf("%d classes: every score is zero; the test checks nothing", nc)
		}
	}
}

func abs32(x float32) float32 {
	if x < 0 {
		return -x
	}
	return x
}

// Every stored feature finds its own row in both table layouts (compact
// 8-byte slots, and wide ones for a model with a row of 600 pairs), and
// absent features find nothing.
func TestFindBothLayouts(t *testing.T) {
	for _, wide := range []bool{false, true} {
		nc := 20
		if wide {
			nc = 600
		}
		rng := rand.New(rand.NewSource(3))
		tr := NewTrainer(nc)
		for i := 0; i < 3000; i++ {
			f := []uint64{Hash(1, uint64(rng.Intn(2000)), 0, 0)}
			tr.Update(f, rng.Intn(nc), rng.Intn(nc))
			tr.Tick()
		}
		if wide {
			f := []uint64{Hash(2, 0, 0, 0)}
			for c := 0; c < nc; c++ {
				tr.Update(f, c, (c+1)%nc)
				tr.Tick()
			}
		}
		m := tr.Model(0)
		if got := m.cslots == nil; got != wide {
			t.Fatalf("wide=%v: compact table %v", wide, !got)
		}
		for r, k := range m.keys {
			lo, hi := m.find(k)
			if int32(lo) != m.rowStart[r] || int32(hi) != m.rowStart[r+1] {
				t.Fatalf("wide=%v: row %d found at [%d,%d), stored at [%d,%d)", wide, r, lo, hi, m.rowStart[r], m.rowStart[r+1])
			}
		}
		for i := 0; i < 10000; i++ {
			if lo, hi := m.find(Hash(9, uint64(i), 0, 0)); hi > lo {
				t.Fatalf("wide=%v: absent feature %d found a row", wide, i)
			}
		}
	}
}

// A feature whose weights all quantise to zero keeps an empty row; it must
// score nothing, before and after a round trip through the file format.
func TestEmptyRowReadsAsAbsent(t *testing.T) {
	tr := NewTrainer(3)
	for i := 0; i < 100000; i++ {
		tr.Update([]uint64{1}, 0, 1)
		tr.Tick()
	}
	tr.Update([]uint64{2}, 2, 1) // averaged weight about 1e-5 of feature 1's
	tr.Tick()
	m := tr.Model(0)
	m2 := roundTrip(t, m)
	for _, m := range []*Model{m, m2} {
		if m.NumFeatures() != 2 {
			t.Fatalf("%d features, want 2 (one of them empty)", m.NumFeatures())
		}
		out := make([]float32, 3)
		m.Scores([]uint64{2, 2, 3}, out)
		if out[0] != 0 || out[1] != 0 || out[2] != 0 {
			t.Fatalf("empty row scored %v", out)
		}
		if lo, hi := m.find(2); hi != lo {
			t.Fatalf("empty row found as [%d,%d)", lo, hi)
		}
	}
}

// The average of two models scores every input as the mean of their
// scores, up to quantisation; models with other classes are refused.
func TestAverageScoresAreMeanScores(t *testing.T) {
	train := func(seed int64) *Model {
		rng := rand.New(rand.NewSource(seed))
		tr := NewTrainer(5)
		for i := 0; i < 3000; i++ {
			f := []uint64{Hash(1, uint64(rng.Intn(300)), 0, 0), Hash(2, uint64(rng.Intn(30)), 0, 0)}
			tr.Update(f, rng.Intn(5), rng.Intn(5))
			tr.Tick()
		}
		return tr.Model(0)
	}
	a, b := train(1), train(2)
	avg, err := Average([]*Model{a, b})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewSource(3))
	sa, sb, sm := make([]float32, 5), make([]float32, 5), make([]float32, 5)
	for i := 0; i < 200; i++ {
		f := []uint64{Hash(1, uint64(rng.Intn(320)), 0, 0), Hash(2, uint64(rng.Intn(30)), 0, 0)}
		a.Scores(f, sa)
		b.Scores(f, sb)
		avg.Scores(f, sm)
		for c := range sm {
			want := (sa[c] + sb[c]) / 2
			if d := sm[c] - want; d > 1e-3*max(1, abs32(want)) || -d > 1e-3*max(1, abs32(want)) {
				t.Fatalf("class %d: average scored %v, mean of scores %v", c, sm[c], want)
			}
		}
	}
	if _, err := Average([]*Model{a, NewTrainer(3).Model(0)}); err == nil {
		t.Fatal("averaged models with different classes")
	}
	if _, err := Average(nil); err == nil {
		t.Fatal("averaged nothing")
	}
}

// A corrupted model file (a byte changed or the file cut short anywhere)
// is rejected or loads into a model that scores without panicking; the
// model here has sparse and dense rows.
func TestReadModelCorrupted(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	tr := NewTrainer(40)
	for i := 0; i < 1500; i++ {
		f := []uint64{Hash(1, uint64(rng.Intn(200)), 0, 0), Hash(2, uint64(rng.Intn(5)), 0, 0)}
		tr.Update(f, rng.Intn(40), rng.Intn(40))
		tr.Tick()
	}
	m := tr.Model(0)
	if len(m.denseRows) == 0 {
		t.Fatal("no dense rows; the test needs some")
	}
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	out := make([]float32, 40)
	feats := []uint64{Hash(1, 3, 0, 0), Hash(2, 1, 0, 0), Hash(2, 4, 0, 0), Hash(3, 0, 0, 0)}
	for i := 0; i < 3000; i++ {
		b := append([]byte(nil), good...)
		if i%3 == 0 {
			b = b[:rng.Intn(len(b))]
		} else {
			b[rng.Intn(len(b))] ^= byte(1 + rng.Intn(255))
		}
		if c, err := ReadModel(NewBytes(b)); err == nil {
			c.Scores(feats, out)
		}
	}
}

// roundTrip writes m and reads it back.
func roundTrip(t *testing.T, m *Model) *Model {
	t.Helper()
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := ReadModel(NewBytes(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	return m2
}
