package perceptron

import (
	"bufio"
	"bytes"
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

	// Long rows are also stored dense, denseW words each: word i holds
	// classes 4i to 4i+3, each in 16 bits as weight+denseBias (never
	// negative). Scores splits a word into its even and odd classes, two
	// 32-bit halves each, and adds them in two 64-bit additions: no carry
	// crosses between halves. The frequent features have weights for most
	// classes; summing them dense is several times faster than scattering
	// their pairs. The pairs stay too (for find, WriteTo and Prune), so the
	// dense copy costs memory: 1.1 MB for the shipped parser. A compact
	// slot whose length field is 0 refers to dense row lo-1; denseRows maps
	// a dense row back to its row.
	dense     []uint64
	denseW    int
	denseRows []int32
}

// denseBias is added to every weight of a dense row.
const denseBias = 1 << 15

// maxDenseSum is how many dense rows one accumulator takes before a half
// could carry into its neighbour ((2^32-1) / (2^16-1) = 65537).
const maxDenseSum = 65535

// denseMask selects the low 16 bits of each 32-bit half of a word.
const denseMask = 0x0000ffff0000ffff

// denseMin is the shortest row stored dense; a row is dense when it also
// has pairs for at least half as many classes as the dense row has words.
const denseMin = 16

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
	m.dense, m.denseW, m.denseRows = nil, 0, nil
	if compact && m.nClasses <= smallClasses {
		m.buildDense()
	}
	d := 0 // next dense row
	for r, k := range keys {
		lo, hi := m.rowStart[r], m.rowStart[r+1]
		i := k & m.mask
		if compact {
			for m.cslots[i].fp != 0 {
				i = (i + 1) & m.mask
			}
			ref := uint32(lo)<<cslotLenBits | uint32(hi-lo)
			if hi == lo {
				ref = 0 // a row without weights reads as absent
			}
			if d < len(m.denseRows) && m.denseRows[d] == int32(r) {
				d++
				ref = uint32(d) << cslotLenBits // length 0: dense row d-1
			}
			m.cslots[i] = cslot{fp: fingerprint(k), ref: ref}
			continue
		}
		for m.slots[i].n != 0 {
			i = (i + 1) & m.mask
		}
		m.slots[i] = slot{key: k, lo: uint32(lo), n: uint32(hi-lo) | slotUsed}
	}
}

// isDense reports whether a row of n pairs is stored dense.
func (m *Model) isDense(n int32) bool {
	return n >= denseMin && 2*int(n) >= m.denseW
}

// buildDense fills the dense rows (see Model.dense) from the pairs.
func (m *Model) buildDense() {
	m.denseW = (m.nClasses + 3) / 4
	for r := 0; r+1 < len(m.rowStart); r++ {
		if m.isDense(m.rowStart[r+1] - m.rowStart[r]) {
			m.denseRows = append(m.denseRows, int32(r))
		}
	}
	if len(m.denseRows) == 0 {
		return
	}
	if len(m.denseRows) >= cslotMaxLo-1 { // cannot be referred to: keep them sparse
		m.denseRows = nil
		return
	}
	m.dense = makeTable[uint64](len(m.denseRows) * m.denseW)
	bias := uint64(denseBias) * 0x0001000100010001
	for d, r := range m.denseRows {
		row := m.dense[d*m.denseW : (d+1)*m.denseW]
		for i := range row {
			row[i] = bias
		}
		for _, p := range m.pairs[m.rowStart[r]:m.rowStart[r+1]] {
			c, sh := p>>16, 16*(p>>16%4)
			v := uint64(uint16(int32(int16(p)) + denseBias))
			row[c/4] = row[c/4]&^(0xffff<<sh) | v<<sh
		}
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
				lo, n := s.ref>>cslotLenBits, s.ref&(1<<cslotLenBits-1)
				if n == 0 { // dense, or a row without weights
					if lo == 0 {
						return 0, 0
					}
					r := m.denseRows[lo-1]
					return uint32(m.rowStart[r]), uint32(m.rowStart[r+1])
				}
				return lo, lo + n
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

// findRef returns the compact slot reference of feature k: lo<<9 | n for
// a sparse row, d<<9 for dense row d-1, 0 when absent. The table must be
// compact.
func (m *Model) findRef(k uint64) uint32 {
	i := k & m.mask
	fp := fingerprint(k)
	for {
		s := m.cslots[i]
		if s.fp == 0 {
			return 0
		}
		if s.fp == fp {
			return s.ref
		}
		i = (i + 1) & m.mask
	}
}

// Scores sets out[c] to the score of class c for the given features. out
// must have NumClasses entries. It does not allocate.
func (m *Model) Scores(feats []uint64, out []float32) {
	if m.nClasses > smallClasses || m.cslots == nil {
		m.scoresLarge(feats, out)
		return
	}
	// Models with at most 256 classes sum sparse rows into a fixed array
	// of int32 (the class index is a byte, so the compiler drops the
	// bounds check, and there is no float conversion per pair), and dense
	// rows two classes at a time into a fixed array of uint64.
	var acc [smallClasses]int32
	var even, odd [smallClasses / 4]uint64
	nDense := 0
	const batch = 96
	var refs [batch]uint32
	var first [batch]uint64
	for len(feats) > 0 {
		k := min(len(feats), batch)
		m.locate(feats[:k], refs[:k], first[:k])
		for j, ref := range refs[:k] {
			lo, n := ref>>cslotLenBits, ref&(1<<cslotLenBits-1)
			if n != 0 {
				p := uint32(first[j])
				acc[uint8(p>>16)] += int32(int16(p))
				for _, p := range m.pairs[lo+1 : lo+n] {
					acc[uint8(p>>16)] += int32(int16(p))
				}
				continue
			}
			if lo == 0 {
				continue // absent
			}
			row := m.dense[int(lo-1)*m.denseW : int(lo)*m.denseW]
			e, o := even[:len(row)], odd[:len(row)]
			v := first[j]
			e[0] += v & denseMask
			o[0] += v >> 16 & denseMask
			for i := 1; i < len(row); i++ {
				v := row[i]
				e[i] += v & denseMask
				o[i] += v >> 16 & denseMask
			}
			if nDense++; nDense == maxDenseSum {
				m.foldDense(&acc, &even, &odd, nDense)
				nDense = 0
			}
		}
		feats = feats[k:]
	}
	if nDense > 0 {
		m.foldDense(&acc, &even, &odd, nDense)
	}
	for c := range out[:m.nClasses] {
		out[c] = float32(acc[c]) * m.scale
	}
}

// foldDense adds the sums of n dense rows in even and odd to acc,
// removing their bias, and clears even and odd.
func (m *Model) foldDense(acc *[smallClasses]int32, even, odd *[smallClasses / 4]uint64, n int) {
	bias := uint32(n) * denseBias
	for i := range m.denseW {
		e, o := even[i], odd[i]
		acc[uint8(4*i)] += int32(uint32(e) - bias)
		acc[uint8(4*i+1)] += int32(uint32(o) - bias)
		acc[uint8(4*i+2)] += int32(uint32(e>>32) - bias)
		acc[uint8(4*i+3)] += int32(uint32(o>>32) - bias)
	}
	*even, *odd = [smallClasses / 4]uint64{}, [smallClasses / 4]uint64{}
}

// smallClasses is the largest class count Scores sums in a fixed array.
const smallClasses = 256

// scoresLarge is Scores for models with more than smallClasses classes or
// a wide table.
func (m *Model) scoresLarge(feats []uint64, out []float32) {
	clear(out)
	for _, f := range feats {
		lo, hi := m.find(f)
		for _, p := range m.pairs[lo:hi] {
			out[p>>16] += float32(int16(p))
		}
	}
	if m.scale != 1 {
		for c := range out {
			out[c] *= m.scale
		}
	}
}

// locate sets refs[j] to the compact slot reference of feats[j] (see
// findRef) and first[j] to the first pair or dense word of its row.
// Features are resolved in batches: first every hash-table slot of the
// batch is found, then the first word of every row is read, before any row
// is summed. The loads of one batch do not depend on each other, so the
// CPU overlaps their cache misses instead of paying for them one after
// another (~2x on the parser, whose table does not fit in cache, and
// another ~1.4x from reading the rows early).
func (m *Model) locate(feats []uint64, refs []uint32, first []uint64) {
	for j, f := range feats {
		refs[j] = m.findRef(f)
	}
	for j, ref := range refs {
		lo, n := ref>>cslotLenBits, ref&(1<<cslotLenBits-1)
		switch {
		case n != 0:
			first[j] = uint64(m.pairs[lo])
		case lo != 0:
			first[j] = m.dense[int(lo-1)*m.denseW]
		}
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

// ReadModel reads a model written by WriteTo from r, consuming exactly the
// model's bytes.
func ReadModel(r *Bytes) (*Model, error) {
	if !bytes.HasPrefix(r.b, []byte(magic)) {
		return nil, errors.New("perceptron: not a model (bad magic)")
	}
	r.b = r.b[len(magic):]
	nc, err := r.uvarint()
	if err != nil || nc == 0 || nc > maxClasses {
		return nil, fmt.Errorf("perceptron: bad class count %d: %v", nc, err)
	}
	sb, err := r.uvarint()
	if err != nil {
		return nil, fmt.Errorf("perceptron: reading scale: %w", err)
	}
	nf, err := r.uvarint()
	if err != nil || nf > maxPairs || nf > uint64(r.Len()/9) { // a row takes at least 9 bytes
		return nil, fmt.Errorf("perceptron: bad feature count %d: %v", nf, err)
	}
	m := &Model{nClasses: int(nc), scale: math.Float32frombits(uint32(sb))}
	keys := make([]uint64, nf)
	m.rowStart = make([]int32, 0, nf+1)
	for f := uint64(0); f < nf; f++ {
		if keys[f], err = r.uint64LE(); err != nil {
			return nil, fmt.Errorf("perceptron: feature %d: %w", f, err)
		}
		m.rowStart = append(m.rowStart, int32(len(m.pairs)))
		cnt, err := r.uvarint()
		if err != nil || cnt > nc {
			return nil, fmt.Errorf("perceptron: feature %d: bad pair count: %v", f, err)
		}
		c := uint64(0)
		for j := uint64(0); j < cnt; j++ {
			d, err1 := r.uvarint()
			z, err2 := r.uvarint()
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
