package ner

import (
	"maps"
	"math"
	"math/rand"
	"slices"
	"strings"
)

// Word clusters stand in for Brown clusters: words that occur in similar
// contexts share a bit-string path, so a name seen once in training is
// generalised to its neighbours. They are computed by bisecting spherical
// k-means over each word's positive-PMI vector of left and right neighbours
// (the most frequent words), which takes seconds where Brown clustering
// takes hours; the paths are used at 4, 8 and 12 bits like Brown prefixes.

// normWord is the form clustered: lowercase with digits as 0, the same key
// the decoder looks clusters up by.
func normWord(w string) string {
	var ti tokInfo
	buf := analyse(w, nil, &ti)
	return string(buf)
}

type sparseVec struct {
	idx []int32
	val []float32
}

// ClusterWords clusters the words of sentences that occur at least
// minCount times into a binary tree of the given depth and returns each
// word's path as a string of '0' and '1'.
func ClusterWords(sentences [][]string, depth, minCount int, seed int64) map[string]string {
	counts := map[string]int{}
	for _, s := range sentences {
		for _, w := range s {
			counts[normWord(w)]++
		}
	}
	words := make([]string, 0, len(counts))
	for w, c := range counts {
		if c >= minCount {
			words = append(words, w)
		}
	}
	// Most frequent first; ties by spelling, for determinism.
	slices.SortFunc(words, func(a, b string) int {
		if counts[a] != counts[b] {
			return counts[b] - counts[a]
		}
		return strings.Compare(a, b)
	})
	if len(words) < 4 {
		return nil
	}
	const nContext = 1000
	nc := min(nContext, len(words))
	wordID := make(map[string]int32, len(words))
	for i, w := range words {
		wordID[w] = int32(i)
	}
	// Co-occurrence counts: dims [0,nc) left neighbour, [nc,2nc) right.
	co := make([]map[int32]float32, len(words))
	for i := range co {
		co[i] = map[int32]float32{}
	}
	dimTotal := make([]float64, 2*nc)
	total := 0.0
	ids := []int32{}
	for _, s := range sentences {
		ids = ids[:0]
		for _, w := range s {
			id, ok := wordID[normWord(w)]
			if !ok {
				id = -1
			}
			ids = append(ids, id)
		}
		for i, id := range ids {
			if id < 0 {
				continue
			}
			if i > 0 && ids[i-1] >= 0 && int(ids[i-1]) < nc {
				co[id][ids[i-1]]++
				dimTotal[ids[i-1]]++
				total++
			}
			if i+1 < len(ids) && ids[i+1] >= 0 && int(ids[i+1]) < nc {
				co[id][int32(nc)+ids[i+1]]++
				dimTotal[nc+int(ids[i+1])]++
				total++
			}
		}
	}
	vecs := make([]sparseVec, len(words))
	for i := range words {
		var rowTotal float64
		for _, c := range co[i] {
			rowTotal += float64(c)
		}
		var v sparseVec
		var norm float64
		keys := slices.Sorted(maps.Keys(co[i]))
		for _, d := range keys {
			c := float64(co[i][d])
			pmi := math.Log(c * total / (rowTotal * math.Pow(dimTotal[d], 0.75) * math.Pow(total, 0.25)))
			if pmi <= 0 {
				continue
			}
			v.idx = append(v.idx, d)
			v.val = append(v.val, float32(pmi))
			norm += pmi * pmi
		}
		if norm > 0 {
			inv := float32(1 / math.Sqrt(norm))
			for k := range v.val {
				v.val[k] *= inv
			}
		}
		vecs[i] = v
	}
	paths := make([][]byte, len(words))
	rng := rand.New(rand.NewSource(seed))
	members := make([]int32, len(words))
	for i := range members {
		members[i] = int32(i)
	}
	var split func(m []int32, level int)
	split = func(m []int32, level int) {
		if level == depth || len(m) < 2 {
			return
		}
		left, right := bisect(vecs, m, 2*nc, rng)
		for _, i := range left {
			paths[i] = append(paths[i], '0')
		}
		for _, i := range right {
			paths[i] = append(paths[i], '1')
		}
		split(left, level+1)
		split(right, level+1)
	}
	split(members, 0)
	out := make(map[string]string, len(words))
	for i, w := range words {
		if len(paths[i]) > 0 {
			out[w] = string(paths[i])
		}
	}
	return out
}

// bisect splits members into two groups by spherical 2-means.
func bisect(vecs []sparseVec, m []int32, dims int, rng *rand.Rand) (left, right []int32) {
	c := [2][]float32{make([]float32, dims), make([]float32, dims)}
	// Seed the centroids with two members.
	a := m[rng.Intn(len(m))]
	b := m[rng.Intn(len(m))]
	for j, s := range [2]int32{a, b} {
		v := vecs[s]
		for k, d := range v.idx {
			c[j][d] = v.val[k]
		}
	}
	assign := make([]uint8, len(m))
	for iter := 0; iter < 8; iter++ {
		for j := range c {
			if iter > 0 {
				clear(c[j])
			}
		}
		if iter > 0 {
			// Recompute centroids from the assignment.
			for x, i := range m {
				v := vecs[i]
				for k, d := range v.idx {
					c[assign[x]][d] += v.val[k]
				}
			}
		}
		n0, n1 := norm(c[0]), norm(c[1])
		changed := 0
		for x, i := range m {
			v := vecs[i]
			var s0, s1 float32
			for k, d := range v.idx {
				s0 += c[0][d] * v.val[k]
				s1 += c[1][d] * v.val[k]
			}
			// Compare cosines: s1/n1 > s0/n0.
			g := uint8(0)
			if s1*n0 > s0*n1 {
				g = 1
			}
			if g != assign[x] {
				changed++
			}
			assign[x] = g
		}
		if iter > 0 && changed == 0 {
			break
		}
	}
	for x, i := range m {
		if assign[x] == 0 {
			left = append(left, i)
		} else {
			right = append(right, i)
		}
	}
	if len(left) == 0 || len(right) == 0 {
		// Degenerate split: halve by frequency order instead.
		h := len(m) / 2
		return m[:h:h], m[h:]
	}
	return left, right
}

func norm(v []float32) float32 {
	var s float32
	for _, x := range v {
		s += x * x
	}
	return float32(math.Sqrt(float64(s)))
}

// CaseRates measures how each word of sentences that occurs at least
// minCount times inside a sentence (not first, not in a sentence written
// in capitals) is written: the result is 1 plus a bucket of the share of those
// occurrences that are capitalised (below 5%, 5–30%, 30–70%, 70–95%, from
// 95%). Common words written in capitals in web text ("Clean Windows") keep
// a low rate, names a high one.
func CaseRates(sentences [][]string, minCount int) map[string]uint8 {
	type count struct{ upper, all int }
	counts := map[string]*count{}
	var ti tokInfo
	var buf []byte
	for _, s := range sentences {
		letters, caps := 0, 0
		for _, w := range s {
			buf = analyse(w, buf[:0], &ti)
			if ti.flags&flNoLetter == 0 {
				letters++
				if ti.flags&flHasUpper != 0 && ti.flags&flInitCap != 0 && (ti.flags&flAllCaps != 0 || ti.hi-ti.lo == 1) {
					caps++
				}
			}
		}
		if letters >= 3 && caps*10 >= letters*8 {
			continue
		}
		for i, w := range s {
			if i == 0 {
				continue
			}
			buf = analyse(w, buf[:0], &ti)
			if ti.flags&flNoLetter != 0 || ti.flags&flAllCaps != 0 {
				continue
			}
			c := counts[string(buf)]
			if c == nil {
				c = &count{}
				counts[string(buf)] = c
			}
			c.all++
			if ti.flags&flInitCap != 0 {
				c.upper++
			}
		}
	}
	out := make(map[string]uint8)
	for w, c := range counts {
		if c.all < max(minCount, 1) {
			continue
		}
		r := float64(c.upper) / float64(c.all)
		b := uint8(1)
		for _, t := range []float64{0.05, 0.3, 0.7, 0.95} {
			if r >= t {
				b++
			}
		}
		out[w] = b
	}
	return out
}
