package parse

import "github.com/detente-project/detente/internal/perceptron"

// Feature values for positions that do not exist (no such stack or buffer
// element, no such child) and for the root.
const (
	valNone uint64 = 0x9e3779b97f4a7c15
	valRoot uint64 = 0x2545f4914f6cdd1d
)

// numFeats is the largest number of feature templates; features writes
// 80 keys, plus 8 with featLex, 10 with featUPOS and 5 with featEmbed.
const numFeats = 103

// Optional template groups, recorded in the model file.
const (
	// featLex adds suffix and word-bigram templates, which keep some
	// information when the tagger is wrong.
	featLex uint64 = 1 << 0
	// featUPOS adds universal-tag templates next to the fine tags: the
	// tagger's UPOS is right more often than its XPOS, so the parser
	// leans on it when the fine tag is wrong.
	featUPOS uint64 = 1 << 1
	// featEmbed adds templates over the words' clusters of pretrained
	// word vectors (internal/wordvec), which generalise the word-pair
	// templates to words the treebanks saw rarely or never.
	featEmbed uint64 = 1 << 2
	// knownFlags are the template groups this version can read.
	knownFlags = featLex | featUPOS | featEmbed
)

// suffixHash hashes the last three bytes of a word, lower-cased.
func suffixHash(s string) uint64 {
	if len(s) > 3 {
		s = s[len(s)-3:]
	}
	return wordHash(s) ^ 0x5bd1e995
}

// wordHash hashes a word form lower-cased, with every ASCII digit mapped to
// '0' so that numbers share statistics. It does not allocate.
func wordHash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c >= '0' && c <= '9':
			c = '0'
		}
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

func pair(a, b uint64) uint64 { return perceptron.Hash(1000, a, b, 0) }

// at returns position i's value in a per-position array, or valNone for
// a position that does not exist (i < 0).
func at(a []uint64, i int32) uint64 {
	if i < 0 {
		return valNone
	}
	return a[i]
}

// setWord fills the feature values of position i from a word form and its
// fine tag (XPOS when present, else UPOS) and universal tag.
func (s *state) setWord(i int, form, tag, upos string) {
	s.w[i] = wordHash(form)
	s.p[i] = perceptron.HashString(tag)
	s.u[i] = perceptron.HashString(upos) ^ 0x75706f73
	s.form[i], s.utag[i] = form, upos
	s.wp[i] = pair(s.w[i], s.p[i])
	if s.flags&featLex != 0 {
		s.sfx[i] = suffixHash(form)
	}
	if s.flags&featEmbed != 0 {
		c := s.wordVec.Lookup(form)
		s.cs[i] = uint64(c.Level(1)) | 1<<20 // one level down the cluster tree
		s.cm[i] = uint64(c.Level(2)) | 2<<20 // two levels down
	}
}

// setRoot fills the root position's values.
func (s *state) setRoot() {
	n := s.n
	s.w[n], s.p[n], s.u[n] = valRoot, valRoot, valRoot
	s.wp[n] = pair(valRoot, valRoot)
	s.sfx[n] = valRoot
	s.cs[n], s.cm[n] = valRoot, valRoot
}

// The templates follow Zhang & Nivre (2011) for arc-eager, plus the second
// stack word. Names: s0 stack top, s1 the word below, n0..n2 the buffer,
// h/h2 head and grandhead, l/l2 leftmost and second leftmost child, r/r2
// rightmost ones; w word, p tag, L arc label, d distance, vl/vr valency,
// sl/sr label sets.
func (s *state) features(out []uint64) []uint64 {
	out = out[:0]
	n := s.n
	var s0, s1 int32 = none, none
	if k := len(s.stack); k > 0 {
		s0 = s.stack[k-1]
		if k > 1 {
			s1 = s.stack[k-2]
		}
	}
	n0, n1, n2 := s.b, s.b+1, s.b+2
	if n1 > n {
		n1 = none
	}
	if n2 > n {
		n2 = none
	}
	W := func(i int32) uint64 { return at(s.w, i) }
	P := func(i int32) uint64 { return at(s.p, i) }
	WP := func(i int32) uint64 { return at(s.wp, i) }
	L := func(i int32) uint64 {
		if i < 0 {
			return valNone
		}
		return uint64(s.label[i] + 1)
	}
	get := func(arr []int32, i int32) int32 {
		if i < 0 || i == n {
			return none
		}
		return arr[i]
	}
	s0h := get(s.head, s0)
	if s0h == n {
		s0h = none
	}
	s0h2 := get(s.head, s0h)
	if s0h2 == n {
		s0h2 = none
	}
	s0l, s0l2 := get(s.lmost, s0), get(s.lmost2, s0)
	s0r, s0r2 := get(s.rmost, s0), get(s.rmost2, s0)
	var n0l, n0l2 int32 = none, none
	var n0vl uint64
	var n0sl uint64
	if n0 <= n {
		n0l, n0l2 = s.lmost[n0], s.lmost2[n0]
		n0vl = uint64(min(s.nl[n0], 8))
		n0sl = s.lset[n0]
	}

	s0w, s0p, s0wp := W(s0), P(s0), WP(s0)
	n0w, n0p, n0wp := W(n0), P(n0), WP(n0)
	n1w, n1p := W(n1), P(n1)
	n2w, n2p := W(n2), P(n2)

	var d, s0vl, s0vr, s0sl, s0sr uint64
	if s0 >= 0 {
		dist := n0 - s0
		switch {
		case dist <= 5:
			d = uint64(dist)
		case dist <= 10:
			d = 6
		default:
			d = 7
		}
		s0vl = uint64(min(s.nl[s0], 8))
		s0vr = uint64(min(s.nr[s0], 8))
		s0sl, s0sr = s.lset[s0], s.rset[s0]
	}

	H := perceptron.Hash
	out = append(out,
		H(0, 0, 0, 0), // bias
		H(1, s0wp, 0, 0),
		H(2, s0w, 0, 0),
		H(3, s0p, 0, 0),
		H(4, n0wp, 0, 0),
		H(5, n0w, 0, 0),
		H(6, n0p, 0, 0),
		H(7, WP(n1), 0, 0),
		H(8, n1w, 0, 0),
		H(9, n1p, 0, 0),
		H(10, WP(n2), 0, 0),
		H(11, n2w, 0, 0),
		H(12, n2p, 0, 0),
		// pairs
		H(13, s0wp, n0wp, 0),
		H(14, s0wp, n0w, 0),
		H(15, s0w, n0wp, 0),
		H(16, s0wp, n0p, 0),
		H(17, s0p, n0wp, 0),
		H(18, s0w, n0w, 0),
		H(19, s0p, n0p, 0),
		H(20, n0p, n1p, 0),
		// triples
		H(21, n0p, n1p, n2p),
		H(22, s0p, n0p, n1p),
		H(23, P(s0h), s0p, n0p),
		H(24, s0p, P(s0l), n0p),
		H(25, s0p, P(s0r), n0p),
		H(26, s0p, n0p, P(n0l)),
		// distance
		H(27, s0w, d, 0),
		H(28, s0p, d, 0),
		H(29, n0w, d, 0),
		H(30, n0p, d, 0),
		H(31, s0w, n0w, d),
		H(32, s0p, n0p, d),
		// valency
		H(33, s0w, s0vr, 0),
		H(34, s0p, s0vr, 0),
		H(35, s0w, s0vl, 0),
		H(36, s0p, s0vl, 0),
		H(37, n0w, n0vl, 0),
		H(38, n0p, n0vl, 0),
		// second order
		H(39, W(s0h), 0, 0),
		H(40, P(s0h), 0, 0),
		H(41, L(s0), 0, 0),
		H(42, W(s0l), 0, 0),
		H(43, P(s0l), 0, 0),
		H(44, L(s0l), 0, 0),
		H(45, W(s0r), 0, 0),
		H(46, P(s0r), 0, 0),
		H(47, L(s0r), 0, 0),
		H(48, W(n0l), 0, 0),
		H(49, P(n0l), 0, 0),
		H(50, L(n0l), 0, 0),
		// third order
		H(51, W(s0h2), 0, 0),
		H(52, P(s0h2), 0, 0),
		H(53, L(s0h), 0, 0),
		H(54, W(s0l2), 0, 0),
		H(55, P(s0l2), 0, 0),
		H(56, L(s0l2), 0, 0),
		H(57, W(s0r2), 0, 0),
		H(58, P(s0r2), 0, 0),
		H(59, L(s0r2), 0, 0),
		H(60, W(n0l2), 0, 0),
		H(61, P(n0l2), 0, 0),
		H(62, L(n0l2), 0, 0),
		H(63, s0p, P(s0l), P(s0l2)),
		H(64, s0p, P(s0r), P(s0r2)),
		H(65, s0p, P(s0h), P(s0h2)),
		H(66, n0p, P(n0l), P(n0l2)),
		// label sets
		H(67, s0w, s0sr, 0),
		H(68, s0p, s0sr, 0),
		H(69, s0w, s0sl, 0),
		H(70, s0p, s0sl, 0),
		H(71, n0w, n0sl, 0),
		H(72, n0p, n0sl, 0),
		// second stack word
		H(73, W(s1), 0, 0),
		H(74, P(s1), 0, 0),
		H(75, P(s1), s0p, n0p),
		H(76, P(s1), s0p, 0),
		H(77, W(s1), s0w, 0),
		H(78, s0p, L(s0), n0p),
		H(79, s0wp, L(s0), n0p),
	)
	if s.flags&featLex != 0 {
		X := func(i int32) uint64 { return at(s.sfx, i) }
		s0x, n0x := X(s0), X(n0)
		out = append(out,
			H(80, s0x, 0, 0),
			H(81, n0x, 0, 0),
			H(82, X(n1), 0, 0),
			H(83, s0x, n0x, 0),
			H(84, s0x, n0p, 0),
			H(85, s0p, n0x, 0),
			H(86, n0w, n1w, 0),
			H(87, s0w, n1w, 0),
		)
	}
	if s.flags&featUPOS != 0 {
		U := func(i int32) uint64 { return at(s.u, i) }
		s0u, n0u, n1u := U(s0), U(n0), U(n1)
		out = append(out,
			H(88, s0u, 0, 0),
			H(89, n0u, 0, 0),
			H(90, n1u, 0, 0),
			H(91, s0u, n0u, 0),
			H(92, n0u, n1u, 0),
			H(93, U(s1), s0u, n0u),
			H(94, s0u, n0u, n1u),
			H(95, s0w, n0u, 0),
			H(96, s0u, n0w, 0),
			H(97, s0u, n0u, d),
		)
	}
	if s.flags&featEmbed != 0 {
		// Template numbers 98–102 and 107–108 were seven more cluster
		// templates (unary ones among them), measured and dropped: they
		// cost 7% of the pipeline's speed for 0.2 UAS (see README).
		CS := func(i int32) uint64 { return at(s.cs, i) }
		CM := func(i int32) uint64 { return at(s.cm, i) }
		s0s, n0s, s0m, n0m := CS(s0), CS(n0), CM(s0), CM(n0)
		out = append(out,
			H(103, s0m, n0m, 0),
			H(104, s0s, n0s, d),
			H(105, s0m, n0p, 0),
			H(106, s0p, n0m, 0),
			H(109, CM(s1), s0s, n0s),
		)
	}
	return out
}
