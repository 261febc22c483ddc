package tag

import (
	"math"
	"sort"
)

// ClusterOptions tune BuildClusters. Zero values select the defaults.
type ClusterOptions struct {
	K          int // clusters (default 256)
	MinCount   int // words seen fewer times get no cluster (default 3)
	Contexts   int // most frequent words used as context features (default 500)
	Iterations int // k-means iterations (default 12)
}

// BuildClusters groups words by their distributions of left and right
// neighbours in unlabelled sentences (Schütze-style distributional clusters):
// each word with at least MinCount occurrences is a vector of square-rooted
// neighbour counts over the Contexts most frequent words (plus "other" and
// the sentence boundaries), and spherical k-means, seeded with the K most
// frequent words, partitions them. It returns lowercase normalised word →
// cluster id + 1 and is deterministic.
func BuildClusters(sents [][]string, opt ClusterOptions) map[string]uint32 {
	if opt.K <= 0 {
		opt.K = 256
	}
	if opt.MinCount <= 0 {
		opt.MinCount = 3
	}
	if opt.Contexts <= 0 {
		opt.Contexts = 500
	}
	if opt.Iterations <= 0 {
		opt.Iterations = 12
	}
	// Word ids by frequency.
	counts := map[string]int{}
	ids := make([][]string, len(sents))
	var cb, lb []byte
	for i, s := range sents {
		ids[i] = make([]string, len(s))
		for j, w := range s {
			if len(w) > maxWordBytes {
				w = w[:maxWordBytes]
			}
			cb, lb, _ = normalise(w, cb[:0], lb[:0])
			k := string(lb)
			counts[k]++
			ids[i][j] = k
		}
	}
	words := make([]string, 0, len(counts))
	for w, c := range counts {
		if c >= opt.MinCount {
			words = append(words, w)
		}
	}
	sort.Slice(words, func(i, j int) bool {
		if counts[words[i]] != counts[words[j]] {
			return counts[words[i]] > counts[words[j]]
		}
		return words[i] < words[j]
	})
	if len(words) < opt.K {
		return nil
	}
	index := make(map[string]int, len(words))
	for i, w := range words {
		index[w] = i
	}
	// Context dimension of a word: its rank among the Contexts most frequent,
	// else "other"; two more for the sentence start and end.
	nctx := min(opt.Contexts, len(words))
	other, bos, eos := nctx, nctx+1, nctx+2
	half := nctx + 3
	dim := func(w string) int {
		if i, ok := index[w]; ok && i < nctx {
			return i
		}
		return other
	}
	vecs := make([]map[int32]float32, len(words))
	for i := range vecs {
		vecs[i] = map[int32]float32{}
	}
	for _, s := range ids {
		for j, w := range s {
			wi, ok := index[w]
			if !ok {
				continue
			}
			l, r := bos, eos
			if j > 0 {
				l = dim(s[j-1])
			}
			if j+1 < len(s) {
				r = dim(s[j+1])
			}
			vecs[wi][int32(l)]++
			vecs[wi][int32(half+r)]++
		}
	}
	type entry struct {
		d int32
		v float32
	}
	sparse := make([][]entry, len(words))
	for i, m := range vecs {
		e := make([]entry, 0, len(m))
		norm := 0.0
		for d, v := range m {
			e = append(e, entry{d, float32(math.Sqrt(float64(v)))})
			norm += float64(v)
		}
		sort.Slice(e, func(a, b int) bool { return e[a].d < e[b].d })
		inv := float32(1 / math.Sqrt(norm))
		for k := range e {
			e[k].v *= inv
		}
		sparse[i] = e
	}
	vecs = nil
	D := 2 * half
	cent := make([]float32, opt.K*D)
	for c := 0; c < opt.K; c++ {
		for _, e := range sparse[c] {
			cent[c*D+int(e.d)] = e.v
		}
	}
	assign := make([]int, len(words))
	for it := 0; it < opt.Iterations; it++ {
		changed := 0
		for i, e := range sparse {
			best, bestScore := 0, float32(-1)
			for c := 0; c < opt.K; c++ {
				row := cent[c*D : c*D+D]
				var s float32
				for _, x := range e {
					s += row[x.d] * x.v
				}
				if s > bestScore {
					best, bestScore = c, s
				}
			}
			if it == 0 || assign[i] != best {
				changed++
			}
			assign[i] = best
		}
		clear(cent)
		for i, e := range sparse {
			row := cent[assign[i]*D : assign[i]*D+D]
			for _, x := range e {
				row[x.d] += x.v
			}
		}
		for c := 0; c < opt.K; c++ {
			row := cent[c*D : c*D+D]
			n := 0.0
			for _, v := range row {
				n += float64(v) * float64(v)
			}
			if n > 0 {
				inv := float32(1 / math.Sqrt(n))
				for d := range row {
					row[d] *= inv
				}
			}
		}
		if changed == 0 {
			break
		}
	}
	out := make(map[string]uint32, len(words))
	for i, w := range words {
		out[w] = uint32(assign[i] + 1)
	}
	return out
}

// capsBuckets returns, for each lowercase normalised word seen at least three
// times after the first position of a sequence, a bucket + 1 of how often it
// was capitalised there (five ratio bands × three frequency bands).
func capsBuckets(sents [][]string) map[string]uint32 {
	type count struct{ n, up int }
	counts := map[string]count{}
	var cb, lb []byte
	for _, s := range sents {
		for j := 1; j < len(s); j++ {
			w := s[j]
			if len(w) > maxWordBytes {
				w = w[:maxWordBytes]
			}
			var flags uint64
			cb, lb, flags = normalise(w, cb[:0], lb[:0])
			if flags&flagHasLower == 0 && flags&flagUpperInitial == 0 {
				continue // no letters to judge
			}
			c := counts[string(lb)]
			c.n++
			if flags&flagUpperInitial != 0 {
				c.up++
			}
			counts[string(lb)] = c
		}
	}
	out := make(map[string]uint32, len(counts))
	for w, c := range counts {
		if c.n < 3 {
			continue
		}
		r := float64(c.up) / float64(c.n)
		var rb uint32
		switch {
		case r < 0.05:
			rb = 0
		case r < 0.3:
			rb = 1
		case r < 0.7:
			rb = 2
		case r < 0.95:
			rb = 3
		default:
			rb = 4
		}
		var fb uint32
		switch {
		case c.n >= 100:
			fb = 2
		case c.n >= 10:
			fb = 1
		}
		out[w] = rb*3 + fb + 1
	}
	return out
}
