package wordvec

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/detente-project/detente/internal/flatmap"
	"github.com/detente-project/detente/internal/perceptron"
	"github.com/detente-project/detente/models"
)

// Table maps words to cluster paths, keyed by a 32-bit hash of the word's
// lowercase form with digits as 0 (see Key). It is a flatmap.Map, built
// once and read without allocation; a word not in the table has path 0. A
// 32-bit key lets an unknown word collide with a listed one about once in
// 12,000 lookups for GloVe's 341,000 words, which costs a feature its
// meaning for that word and nothing else.
type Table struct {
	paths *flatmap.Map[uint32, Path] // by Key
	depth int
	id    uint64 // fingerprint of the contents
}

// Key hashes a word the way Table does: FNV-1a over its lowercase form,
// with ASCII digits as 0 and typographic apostrophes as ASCII ones. It does
// not allocate.
func Key(word string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(word); {
		c := word[i]
		if c < utf8.RuneSelf {
			switch {
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			case '0' <= c && c <= '9':
				c = '0'
			}
			h = (h ^ uint32(c)) * 16777619
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(word[i:])
		i += n
		switch r {
		case '\u2018', '\u2019':
			r = '\''
		default:
			r = unicode.ToLower(r)
		}
		var b [utf8.UTFMax]byte
		for _, x := range b[:utf8.EncodeRune(b[:], r)] {
			h = (h ^ uint32(x)) * 16777619
		}
	}
	if h == 0 {
		h = 1
	}
	return h
}

// NewTable builds the table of c; of words that share a key the first
// (most frequent) keeps it.
func NewTable(c *Clusters) *Table {
	first := make(map[uint32]Path, len(c.Words))
	for i, w := range c.Words {
		if k := Key(w); c.Paths[i] != 0 {
			if _, ok := first[k]; !ok {
				first[k] = c.Paths[i]
			}
		}
	}
	keys := slices.Sorted(maps.Keys(first))
	paths := make([]Path, len(keys))
	for i, k := range keys {
		paths[i] = first[k]
	}
	return build(keys, paths, c.Depth)
}

// build makes the table of keys, which must be ascending and distinct, and
// their paths.
func build(keys []uint32, paths []Path, depth int) *Table {
	t := &Table{paths: flatmap.New[uint32, Path](len(keys)), depth: depth}
	id := uint64(14695981039346656037)
	for i, k := range keys {
		t.paths.Put(k, paths[i])
		id = (id ^ (uint64(k)<<16 | uint64(paths[i]))) * 1099511628211
	}
	t.id = id
	return t
}

// Lookup returns the word's cluster path, 0 when the table has none.
func (t *Table) Lookup(word string) Path {
	if t == nil {
		return 0
	}
	return t.paths.Get(Key(word))
}

// Len returns the number of words in the table.
func (t *Table) Len() int { return t.paths.Len() }

// Depth returns the depth of the cluster tree.
func (t *Table) Depth() int { return t.depth }

// ID returns a fingerprint of the table's contents; models record the ID
// of the table they were trained with.
func (t *Table) ID() uint64 { return t.id }

const tableMagic = "DTWVEC1\n"

// WriteTo writes the table gzip-compressed: magic, depth, count, then the
// keys in ascending order as uvarint deltas and their paths as uvarints.
func (t *Table) WriteTo(w io.Writer) (int64, error) {
	var buf bytes.Buffer
	buf.WriteString(tableMagic)
	var tmp [binary.MaxVarintLen64]byte
	put := func(v uint64) { buf.Write(tmp[:binary.PutUvarint(tmp[:], v)]) }
	put(uint64(t.depth))
	keys := t.paths.Keys()
	put(uint64(len(keys)))
	var last uint32
	for _, k := range keys {
		put(uint64(k - last))
		last = k
	}
	for _, k := range keys {
		put(uint64(t.paths.Get(k)))
	}
	if err := perceptron.Gzip(w, buf.Bytes()); err != nil {
		return 0, fmt.Errorf("wordvec: writing: %w", err)
	}
	return int64(buf.Len()), nil
}

// maxWords bounds the table read from a file.
const maxWords = 4 << 20

// Load reads a table written by WriteTo.
func Load(b []byte) (*Table, error) {
	r, err := perceptron.Gunzip(b)
	if err != nil {
		return nil, fmt.Errorf("wordvec: %w", err)
	}
	magic := make([]byte, len(tableMagic))
	if _, err := io.ReadFull(r, magic); err != nil || string(magic) != tableMagic {
		return nil, errors.New("wordvec: not a word-cluster table (bad magic)")
	}
	depth, err := binary.ReadUvarint(r)
	if err != nil || depth == 0 || depth > MaxDepth {
		return nil, fmt.Errorf("wordvec: bad depth %d: %v", depth, err)
	}
	n, err := binary.ReadUvarint(r)
	if err != nil || n > maxWords {
		return nil, fmt.Errorf("wordvec: bad word count %d: %v", n, err)
	}
	keys := make([]uint32, n)
	var k uint64
	for i := range keys {
		d, err := binary.ReadUvarint(r)
		if err != nil || (i > 0 && d == 0) || k+d > 1<<32-1 || k+d == 0 {
			return nil, fmt.Errorf("wordvec: bad key %d: %v", i, err)
		}
		k += d
		keys[i] = uint32(k)
	}
	paths := make([]Path, n)
	for i := range paths {
		v, err := binary.ReadUvarint(r)
		if err != nil || v == 0 || v >= 1<<(depth+1) {
			return nil, fmt.Errorf("wordvec: bad path %d: %v", i, err)
		}
		paths[i] = Path(v)
	}
	return build(keys, paths, int(depth)), nil
}

// Default returns the table shipped in package models, loading it on first
// use. It is shared and safe for concurrent use.
var Default = sync.OnceValues(func() (*Table, error) {
	t, err := Load(models.WordVec)
	if err != nil {
		return nil, fmt.Errorf("wordvec: loading the shipped table: %w", err)
	}
	return t, nil
})

// ForModel returns the shipped table when its fingerprint is id, the one a
// model recorded when it was trained, and an error otherwise: a model's
// cluster features mean nothing over another table.
func ForModel(id uint64) (*Table, error) {
	t, err := Default()
	if err != nil {
		return nil, err
	}
	if t.ID() != id {
		return nil, fmt.Errorf("wordvec: the model was trained with word-cluster table %016x, the shipped one is %016x (retrain the model)", id, t.ID())
	}
	return t, nil
}
