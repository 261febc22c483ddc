// Package perceptron implements the averaged multiclass perceptron shared by
// the tagger, the parser and the entity recogniser.
//
// Features are 64-bit hashes computed by the caller (see Hash). Training uses
// dense per-feature rows (one float per class) for simple, fast updates; the
// finished model is averaged, pruned and stored sparsely: each feature keeps
// only its non-zero (class, weight) pairs, quantised to int16, in flat
// arrays behind an open-addressing hash table. Scoring a feature therefore
// costs one probe and a walk over a handful of pairs, and the serialised
// model compresses well.
package perceptron

import (
	"math"
	"sort"
)

// Hash mixes a feature template id and up to three value ids into a feature
// key. It is the splitmix64 finaliser applied over the parts; collisions at
// 64 bits are negligible for models of a few million features.
func Hash(template uint64, a, b, c uint64) uint64 {
	h := template*0x9E3779B97F4A7C15 + a
	h = Mix(h)*0x9E3779B97F4A7C15 + b
	h = Mix(h)*0x9E3779B97F4A7C15 + c
	return Mix(h)
}

// HashString returns a 64-bit FNV-1a hash of s, for turning strings into
// value ids without allocating.
func HashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// Mix is the splitmix64 finaliser: it spreads the bits of z over the whole
// word, for callers that combine their own feature keys.
func Mix(z uint64) uint64 {
	z ^= z >> 30
	z *= 0xBF58476D1CE4E5B9
	z ^= z >> 27
	z *= 0x94D049BB133111EB
	z ^= z >> 31
	return z
}

// Trainer accumulates an averaged perceptron. It is not safe for concurrent use.
type Trainer struct {
	nClasses int
	index    map[uint64]int32
	weights  []float32 // row*nClasses + class
	totals   []float64 // running sums for averaging
	stamps   []int32   // instance count at each weight's last change
	step     int32     // instances seen
}

// NewTrainer returns a trainer for nClasses classes.
func NewTrainer(nClasses int) *Trainer {
	return &Trainer{nClasses: nClasses, index: make(map[uint64]int32)}
}

// NumClasses returns the number of classes.
func (t *Trainer) NumClasses() int { return t.nClasses }

// NumFeatures returns the number of distinct features seen in updates.
func (t *Trainer) NumFeatures() int { return len(t.index) }

// Scores sets out[c] to the current (unaveraged) score of class c. out must
// have NumClasses entries.
func (t *Trainer) Scores(feats []uint64, out []float32) {
	clear(out)
	n := t.nClasses
	for _, f := range feats {
		row, ok := t.index[f]
		if !ok {
			continue
		}
		w := t.weights[int(row)*n : int(row)*n+n]
		for c, v := range w {
			out[c] += v
		}
	}
}

// Tick records that one training instance has been seen; call it once per
// decision, whether or not it led to an update.
func (t *Trainer) Tick() { t.step++ }

// Update moves weight from the guessed class to the true class for every
// feature. It does nothing when truth == guess.
func (t *Trainer) Update(feats []uint64, truth, guess int) {
	if truth == guess {
		return
	}
	for _, f := range feats {
		row := t.row(f)
		t.add(row, truth, 1)
		if guess >= 0 {
			t.add(row, guess, -1)
		}
	}
}

func (t *Trainer) row(f uint64) int {
	if r, ok := t.index[f]; ok {
		return int(r)
	}
	r := len(t.index)
	t.index[f] = int32(r)
	n := t.nClasses
	t.weights = append(t.weights, make([]float32, n)...)
	t.totals = append(t.totals, make([]float64, n)...)
	t.stamps = append(t.stamps, make([]int32, n)...)
	return r
}

func (t *Trainer) add(row, class int, delta float32) {
	i := row*t.nClasses + class
	t.totals[i] += float64(t.step-t.stamps[i]) * float64(t.weights[i])
	t.stamps[i] = t.step
	t.weights[i] += delta
}

// Model returns the averaged model. Averaged weights with absolute value
// below minAbs are dropped, as are features left with no weights.
func (t *Trainer) Model(minAbs float64) *Model {
	n := t.nClasses
	step := float64(t.step)
	if step == 0 {
		step = 1
	}
	keys := make([]uint64, 0, len(t.index))
	for k := range t.index {
		keys = append(keys, k)
	}
	// Sorted keys make the serialised model deterministic.
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	var rows weightRows
	for _, k := range keys {
		row := int(t.index[k])
		for c := 0; c < n; c++ {
			i := row*n + c
			total := t.totals[i] + float64(t.step-t.stamps[i])*float64(t.weights[i])
			avg := total / step
			if math.Abs(avg) < minAbs || avg == 0 {
				continue
			}
			rows.add(uint16(c), avg)
		}
		rows.end(k)
	}
	// A row whose weights all round to zero stays, empty, as it always has:
	// retraining reproduces the shipped files byte for byte.
	return rows.model(n, false)
}
