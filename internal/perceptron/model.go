package perceptron

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// Model is a trained, averaged, sparse and quantised perceptron. It is
// immutable and safe for concurrent use.
type Model struct {
	nClasses int
	scale    float32 // value of one quantisation step

	// Open-addressing hash table from feature key to its row. A slot holds
	// the key (or a fingerprint of it) and the row's pair range, so scoring
	// a feature touches one slot and one run of packed pairs. Models whose
	// pairs fit use compact 8-byte slots (cslots): the parser's table is
	// then half the size and stays in cache more often; others use slots.
	slots  []slot
	cslots []cslot
	mask   uint64

	keys     []uint64 // row r's feature key (row order, for WriteTo)
	rowStart []int32  // row r's pairs are [rowStart[r], rowStart[r+1])
	pairs    []uint32 // class<<16 | uint16(quantised weight)
}

// slot is one hash-table entry; n has bit 31 set when the slot is used.
type slot struct {
	key   uint64
	lo, n uint32
}

const slotUsed = 1 << 31

// cslot is a compact hash-table entry: fp is the key's high 32 bits with
// the lowest bit set (0 marks an empty slot), ref the row's first pair
// << cslotLenBits | its pair count. Two keys that share a fingerprint and a
// probe run would share a row; with 31-bit fingerprints and under a
// million keys that has odds of about 1 in 2,000 per model, and only ever
// swaps two rare features' weights.
type cslot struct {
	fp, ref uint32
}

const (
	cslotLenBits = 9 // rows of up to 511 pairs
	cslotMaxLo   = 1 << (32 - cslotLenBits)
)

func fingerprint(k uint64) uint32 { return uint32(k>>32) | 1 }

func pack(class uint16, v int16) uint32 { return uint32(class)<<16 | uint32(uint16(v)) }

// NumClasses returns the number of classes.
func (m *Model) NumClasses() int { return m.nClasses }

// NumFeatures returns the number of features with at least one weight.
func (m *Model) NumFeatures() int { return len(m.rowStart) - 1 }

// NumWeights returns the number of stored (class, weight) pairs.
func (m *Model) NumWeights() int { return len(m.pairs) }

// buildTable indexes the rows; m.rowStart and m.pairs must be filled.
func (m *Model) buildTable(keys []uint64) {
	m.keys = keys
	size := 1
	for size < len(keys)+len(keys)/2+2 { // load factor at most 2/3
		size <<= 1
	}
	m.mask = uint64(size - 1)
	compact := len(m.pairs) < cslotMaxLo
	for r := range keys {
		if m.rowStart[r+1]-m.rowStart[r] >= 1<<cslotLenBits {
			compact = false
		}
	}
	m.slots, m.cslots = nil, nil
	if compact {
		m.cslots = makeTable[cslot](size)
	} else {
		m.slots = makeTable[slot](size)
	}
	if len(m.pairs) > 0 {
		pairs := makeTable[uint32](len(m.pairs))
		copy(pairs, m.pairs)
		m.pairs = pairs
	}
	for r, k := range keys {
		lo, hi := m.rowStart[r], m.rowStart[r+1]
		i := k & m.mask
		if compact {
			for m.cslots[i].fp != 0 {
				i = (i + 1) & m.mask
			}
			m.cslots[i] = cslot{fp: fingerprint(k), ref: uint32(lo)<<cslotLenBits | uint32(hi-lo)}
			continue
		}
		for m.slots[i].n != 0 {
			i = (i + 1) & m.mask
		}
		m.slots[i] = slot{key: k, lo: uint32(lo), n: uint32(hi-lo) | slotUsed}
	}
}

// find returns the pair range of feature k (empty when absent).
func (m *Model) find(k uint64) (lo, hi uint32) {
	i := k & m.mask
	if m.cslots != nil {
		fp := fingerprint(k)
		for {
			s := m.cslots[i]
			if s.fp == 0 {
				return 0, 0
			}
			if s.fp == fp {
				lo := s.ref >> cslotLenBits
				return lo, lo + s.ref&(1<<cslotLenBits-1)
			}
			i = (i + 1) & m.mask
		}
	}
	for {
		s := &m.slots[i]
		if s.n == 0 {
			return 0, 0
		}
		if s.key == k {
			return s.lo, s.lo + s.n&^slotUsed
		}
		i = (i + 1) & m.mask
	}
}

// Scores sets out[c] to the score of class c for the given features. out
// must have NumClasses entries. It does not allocate.
func (m *Model) Scores(feats []uint64, out []float32) {
	if m.nClasses > smallClasses {
		m.scoresLarge(feats, out)
		return
	}
	// Models with at most 256 classes sum into a fixed array of int32:
	// the class index is a byte, so the compiler drops the bounds check,
	// and there is no float conversion per pair.
	var acc [smallClasses]int32
	const batch = 96
	var lo, hi [batch]uint32
	for len(feats) > 0 {
		k := min(len(feats), batch)
		m.locate(feats[:k], lo[:k], hi[:k])
		for j := 0; j < k; j++ {
			for _, p := range m.pairs[lo[j]:hi[j]] {
				acc[uint8(p>>16)] += int32(int16(p))
			}
		}
		feats = feats[k:]
	}
	for c := range out[:m.nClasses] {
		out[c] = float32(acc[c]) * m.scale
	}
}

// smallClasses is the largest class count Scores sums in a fixed array.
const smallClasses = 256

// scoresLarge is Scores for models with more than smallClasses classes.
func (m *Model) scoresLarge(feats []uint64, out []float32) {
	clear(out)
	const batch = 96
	var lo, hi [batch]uint32
	for len(feats) > 0 {
		k := min(len(feats), batch)
		m.locate(feats[:k], lo[:k], hi[:k])
		for j := 0; j < k; j++ {
			for _, p := range m.pairs[lo[j]:hi[j]] {
				out[p>>16] += float32(int16(p))
			}
		}
		feats = feats[k:]
	}
	if m.scale != 1 {
		for c := range out {
			out[c] *= m.scale
		}
	}
}

// locate sets lo[j], hi[j] to the pair range of feats[j]. Features are
// resolved in batches: first every hash-table slot of the batch is found,
// then the first pair of every row is read, before any row is summed. The
// loads of one batch do not depend on each other, so the CPU overlaps
// their cache misses instead of paying for them one after another (~2x on
// the parser, whose table does not fit in cache, and another ~1.4x from
// touching the rows early). The first pairs' classes are checked, so the
// loads cannot be dropped.
func (m *Model) locate(feats []uint64, lo, hi []uint32) {
	for j, f := range feats {
		lo[j], hi[j] = m.find(f)
	}
	var top uint32
	for j := range lo {
		if lo[j] < hi[j] {
			top = max(top, m.pairs[lo[j]]>>16)
		}
	}
	if top >= uint32(m.nClasses) { // impossible for a well-formed model
		clear(hi)
	}
}

// Argmax returns the class with the highest score among those for which
// valid returns true (all when valid is nil); ties go to the lowest class id.
// It returns -1 when no class is valid.
func Argmax(scores []float32, valid func(int) bool) int {
	best := -1
	var bestScore float32
	for c, s := range scores {
		if valid != nil && !valid(c) {
			continue
		}
		if best < 0 || s > bestScore {
			best, bestScore = c, s
		}
	}
	return best
}

const magic = "DTPC1\n"

// WriteTo serialises the model (uncompressed; callers usually wrap the
// writer in gzip together with their own metadata).
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	bw := bufio.NewWriter(w)
	var n int64
	var buf [binary.MaxVarintLen64]byte
	put := func(v uint64) {
		k := binary.PutUvarint(buf[:], v)
		bw.Write(buf[:k])
		n += int64(k)
	}
	bw.WriteString(magic)
	n += int64(len(magic))
	put(uint64(m.nClasses))
	put(uint64(math.Float32bits(m.scale)))
	nf := m.NumFeatures()
	put(uint64(nf))
	// Keys in row order, delta-free (they are hashes), then each row's pairs.
	for r := 0; r < nf; r++ {
		binary.LittleEndian.PutUint64(buf[:8], m.keys[r])
		bw.Write(buf[:8])
		n += 8
		lo, hi := m.rowStart[r], m.rowStart[r+1]
		put(uint64(hi - lo))
		prev := uint64(0)
		for j := lo; j < hi; j++ {
			c := uint64(m.pairs[j] >> 16)
			put(c - prev) // classes are increasing within a row
			prev = c
			v := int64(int16(m.pairs[j]))
			put(uint64((v << 1) ^ (v >> 63))) // zigzag
		}
	}
	return n, bw.Flush()
}

// maxClasses and maxPairs bound what ReadModel accepts, so a corrupt file
// cannot make it allocate without limit.
const (
	maxClasses = 1 << 16
	maxPairs   = 1 << 28
)

// ReadModel reads a model written by WriteTo. r should be buffered (a
// bufio.Reader or bytes.Reader); ReadModel reads exactly the model's bytes.
func ReadModel(r io.ByteReader) (*Model, error) {
	for i := 0; i < len(magic); i++ {
		b, err := r.ReadByte()
		if err != nil || b != magic[i] {
			return nil, errors.New("perceptron: not a model (bad magic)")
		}
	}
	get := func() (uint64, error) { return binary.ReadUvarint(r) }
	nc, err := get()
	if err != nil || nc == 0 || nc > maxClasses {
		return nil, fmt.Errorf("perceptron: bad class count %d: %v", nc, err)
	}
	sb, err := get()
	if err != nil {
		return nil, fmt.Errorf("perceptron: reading scale: %w", err)
	}
	nf, err := get()
	if err != nil || nf > maxPairs {
		return nil, fmt.Errorf("perceptron: bad feature count %d: %v", nf, err)
	}
	m := &Model{nClasses: int(nc), scale: math.Float32frombits(uint32(sb))}
	keys := make([]uint64, nf)
	m.rowStart = make([]int32, 0, nf+1)
	var kb [8]byte
	for f := uint64(0); f < nf; f++ {
		for i := range kb {
			if kb[i], err = r.ReadByte(); err != nil {
				return nil, fmt.Errorf("perceptron: feature %d: %w", f, err)
			}
		}
		keys[f] = binary.LittleEndian.Uint64(kb[:])
		m.rowStart = append(m.rowStart, int32(len(m.pairs)))
		cnt, err := get()
		if err != nil || cnt > nc {
			return nil, fmt.Errorf("perceptron: feature %d: bad pair count: %v", f, err)
		}
		c := uint64(0)
		for j := uint64(0); j < cnt; j++ {
			d, err1 := get()
			z, err2 := get()
			if err1 != nil || err2 != nil {
				return nil, fmt.Errorf("perceptron: feature %d: truncated", f)
			}
			c += d
			if c >= nc {
				return nil, fmt.Errorf("perceptron: feature %d: class %d out of range", f, c)
			}
			m.pairs = append(m.pairs, pack(uint16(c), int16(int64(z>>1)^-int64(z&1))))
		}
		if len(m.pairs) > maxPairs {
			return nil, errors.New("perceptron: model too large")
		}
	}
	m.rowStart = append(m.rowStart, int32(len(m.pairs)))
	m.buildTable(keys)
	return m, nil
}

// Prune returns a copy of m without the weights whose absolute value is
// below minAbs, dropping features left without weights. It lets a model be
// made smaller after training without the trainer.
func (m *Model) Prune(minAbs float64) *Model {
	out := &Model{nClasses: m.nClasses, scale: m.scale}
	keys := make([]uint64, 0, len(m.keys))
	out.rowStart = make([]int32, 0, len(m.keys)+1)
	for r, k := range m.keys {
		start := len(out.pairs)
		for _, p := range m.pairs[m.rowStart[r]:m.rowStart[r+1]] {
			if math.Abs(float64(int16(p)))*float64(m.scale) >= minAbs {
				out.pairs = append(out.pairs, p)
			}
		}
		if len(out.pairs) > start {
			keys = append(keys, k)
			out.rowStart = append(out.rowStart, int32(start))
		}
	}
	out.rowStart = append(out.rowStart, int32(len(out.pairs)))
	out.buildTable(keys)
	return out
}
