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

	// Open-addressing hash table from feature key to row; slot holds row+1, 0 = empty.
	tableKeys []uint64
	tableRows []int32
	mask      uint64

	rowStart []int32 // row r's pairs are [rowStart[r], rowStart[r+1])
	classes  []uint16
	values   []int16
}

// NumClasses returns the number of classes.
func (m *Model) NumClasses() int { return m.nClasses }

// NumFeatures returns the number of features with at least one weight.
func (m *Model) NumFeatures() int { return len(m.rowStart) - 1 }

// NumWeights returns the number of stored (class, weight) pairs.
func (m *Model) NumWeights() int { return len(m.values) }

func (m *Model) buildTable(keys []uint64) {
	size := 1
	for size < 2*len(keys)+2 {
		size <<= 1
	}
	m.tableKeys = make([]uint64, size)
	m.tableRows = make([]int32, size)
	m.mask = uint64(size - 1)
	for r, k := range keys {
		i := k & m.mask
		for m.tableRows[i] != 0 {
			i = (i + 1) & m.mask
		}
		m.tableKeys[i] = k
		m.tableRows[i] = int32(r + 1)
	}
}

func (m *Model) lookup(k uint64) int {
	i := k & m.mask
	for {
		r := m.tableRows[i]
		if r == 0 {
			return -1
		}
		if m.tableKeys[i] == k {
			return int(r - 1)
		}
		i = (i + 1) & m.mask
	}
}

// Scores sets out[c] to the score of class c for the given features. out
// must have NumClasses entries. It does not allocate.
func (m *Model) Scores(feats []uint64, out []float32) {
	clear(out)
	for _, f := range feats {
		r := m.lookup(f)
		if r < 0 {
			continue
		}
		for j := m.rowStart[r]; j < m.rowStart[r+1]; j++ {
			out[m.classes[j]] += float32(m.values[j])
		}
	}
	if m.scale != 1 {
		for c := range out {
			out[c] *= m.scale
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
	keys := make([]uint64, nf)
	for i, r := range m.tableRows {
		if r != 0 {
			keys[r-1] = m.tableKeys[i]
		}
	}
	for r := 0; r < nf; r++ {
		binary.LittleEndian.PutUint64(buf[:8], keys[r])
		bw.Write(buf[:8])
		n += 8
		lo, hi := m.rowStart[r], m.rowStart[r+1]
		put(uint64(hi - lo))
		prev := uint64(0)
		for j := lo; j < hi; j++ {
			c := uint64(m.classes[j])
			put(c - prev) // classes are increasing within a row
			prev = c
			v := int64(m.values[j])
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
		m.rowStart = append(m.rowStart, int32(len(m.classes)))
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
			m.classes = append(m.classes, uint16(c))
			m.values = append(m.values, int16(int64(z>>1)^-int64(z&1)))
		}
		if len(m.values) > maxPairs {
			return nil, errors.New("perceptron: model too large")
		}
	}
	m.rowStart = append(m.rowStart, int32(len(m.classes)))
	m.buildTable(keys)
	return m, nil
}
