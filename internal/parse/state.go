package parse

// The transition system is arc-eager (Nivre 2003) with the artificial root
// at the END of the buffer (Ballesteros & Nivre 2013): positions 0..n-1 are
// the words of the sentence and position n is the root. The root is never
// shifted; a word becomes the sentence root by a LEFT-ARC from it. The
// parser enforces exactly one root: when the buffer holds only the root and
// more than one headless word is left on the stack, the top one is attached
// to the word below it (the "fix" move) instead of to the root.
//
// Classes of the perceptron: 0 SHIFT, 1 REDUCE, 2..2+L-1 LEFT-ARC with label
// l, 2+L..2+2L-1 RIGHT-ARC with label l.

import "github.com/detente-project/detente/internal/wordvec"

const (
	actShift = iota
	actReduce
	actLeft
	actRight
	numActs
)

const none = -1

// state is the configuration of one sentence being parsed. Every slice is
// reused across sentences (see grow), so parsing allocates nothing once the
// state has seen a sentence as long.
type state struct {
	n        int32   // number of words; n is also the root's position
	stack    []int32 // positions, top last
	b        int32   // front of the buffer (n when only the root is left)
	headless int32   // words on the stack without a head

	head   []int32 // head position, none, or n for the root
	label  []int32 // label id of the arc to head, none when headless
	lmost  []int32 // leftmost child
	lmost2 []int32 // second leftmost child
	rmost  []int32 // rightmost child
	rmost2 []int32 // second rightmost child
	nl, nr []int32 // numbers of left and right children
	lset   []uint64
	rset   []uint64 // label sets of the left and right children (bit per label id mod 64)

	// Per-position feature values, filled by the parser before parsing:
	// word, tag and word+tag hashes; index n holds the root's values.
	w, p, wp []uint64
	u        []uint64 // universal tag hash (featUPOS)
	form     []string // word forms and universal tags, for repairReporting
	utag     []string
	sfx      []uint64       // suffix hash (featLex)
	cs, cm   []uint64       // word-vector cluster prefixes (featEmbed)
	cf       []uint64       // … and full path
	wordVec  *wordvec.Table // word-vector clusters (featEmbed)

	flags uint64 // optional template groups (featLex)
}

func (s *state) grow(n int) {
	m := n + 1
	if cap(s.head) < m {
		c := max(m, 64)
		s.head = make([]int32, c)
		s.label = make([]int32, c)
		s.lmost = make([]int32, c)
		s.lmost2 = make([]int32, c)
		s.rmost = make([]int32, c)
		s.rmost2 = make([]int32, c)
		s.nl = make([]int32, c)
		s.nr = make([]int32, c)
		s.lset = make([]uint64, c)
		s.rset = make([]uint64, c)
		s.w = make([]uint64, c)
		s.p = make([]uint64, c)
		s.wp = make([]uint64, c)
		s.u = make([]uint64, c)
		s.form = make([]string, c)
		s.utag = make([]string, c)
		s.sfx = make([]uint64, c)
		s.cs = make([]uint64, c)
		s.cm = make([]uint64, c)
		s.stack = make([]int32, 0, c)
	}
	s.head = s.head[:m]
	s.label = s.label[:m]
	s.lmost = s.lmost[:m]
	s.lmost2 = s.lmost2[:m]
	s.rmost = s.rmost[:m]
	s.rmost2 = s.rmost2[:m]
	s.nl = s.nl[:m]
	s.nr = s.nr[:m]
	s.lset = s.lset[:m]
	s.rset = s.rset[:m]
	s.w = s.w[:m]
	s.p = s.p[:m]
	s.wp = s.wp[:m]
	s.u = s.u[:m]
	s.form = s.form[:m]
	s.utag = s.utag[:m]
	s.sfx = s.sfx[:m]
	s.cs = s.cs[:m]
	s.cm = s.cm[:m]
}

// reset prepares the state for a sentence of n words; the caller fills w, p
// and wp afterwards.
func (s *state) reset(n int) {
	s.grow(n)
	s.n = int32(n)
	s.stack = s.stack[:0]
	s.b = 0
	s.headless = 0
	for i := 0; i <= n; i++ {
		s.head[i] = none
		s.label[i] = none
		s.lmost[i] = none
		s.lmost2[i] = none
		s.rmost[i] = none
		s.rmost2[i] = none
		s.nl[i] = 0
		s.nr[i] = 0
		s.lset[i] = 0
		s.rset[i] = 0
	}
}

func (s *state) top() int32 {
	if len(s.stack) == 0 {
		return none
	}
	return s.stack[len(s.stack)-1]
}

func (s *state) terminal() bool { return s.b == s.n && len(s.stack) == 0 }

// needsFix reports whether the next move must be the fix move: only the root
// is left in the buffer, the top word is headless, and another headless word
// lies below it.
func (s *state) needsFix() bool {
	return s.b == s.n && len(s.stack) > 1 && s.head[s.top()] == none && s.headless > 1
}

// valid reports whether action a is allowed. rootOnly is set for LEFT-ARC
// when the only allowed label is the root label.
func (s *state) valid(a int) bool {
	st := s.top()
	switch a {
	case actShift:
		return s.b < s.n
	case actReduce:
		return st != none && s.head[st] != none
	case actLeft:
		return st != none && s.head[st] == none && !(s.b == s.n && s.headless > 1)
	case actRight:
		return st != none && s.b < s.n
	}
	return false
}

// forced returns the class of the only possible move, or -1 when the
// model has to choose: SHIFT on an empty stack; at the end of the buffer,
// REDUCE of a word that has a head, or LEFT-ARC of the last headless word
// to the root (with the root label).
func (s *state) forced(root int32, L int32) int {
	if len(s.stack) == 0 {
		if s.b < s.n {
			return 0
		}
		return -1
	}
	if s.b == s.n {
		if s.head[s.top()] != none {
			return 1
		}
		if s.headless == 1 {
			return 2 + int(root)
		}
	}
	return -1
}

func (s *state) addArc(h, d, l int32) {
	s.head[d] = h
	s.label[d] = l
	bit := uint64(1) << (uint(l) & 63)
	if d < h {
		s.nl[h]++
		s.lset[h] |= bit
		if s.lmost[h] == none || d < s.lmost[h] {
			s.lmost2[h] = s.lmost[h]
			s.lmost[h] = d
		} else if s.lmost2[h] == none || d < s.lmost2[h] {
			s.lmost2[h] = d
		}
	} else {
		s.nr[h]++
		s.rset[h] |= bit
		if s.rmost[h] == none || d > s.rmost[h] {
			s.rmost2[h] = s.rmost[h]
			s.rmost[h] = d
		} else if s.rmost2[h] == none || d > s.rmost2[h] {
			s.rmost2[h] = d
		}
	}
}

// apply performs action a with label l (ignored for SHIFT and REDUCE).
func (s *state) apply(a int, l int32) {
	switch a {
	case actShift:
		s.stack = append(s.stack, s.b)
		s.b++
		s.headless++
	case actReduce:
		s.stack = s.stack[:len(s.stack)-1]
	case actLeft:
		st := s.top()
		s.addArc(s.b, st, l)
		s.stack = s.stack[:len(s.stack)-1]
		s.headless--
	case actRight:
		s.addArc(s.top(), s.b, l)
		s.stack = append(s.stack, s.b)
		s.b++
	}
}

// fix attaches the headless top word to the word below it with label l.
func (s *state) fix(l int32) {
	st := s.top()
	s.addArc(s.stack[len(s.stack)-2], st, l)
	s.stack = s.stack[:len(s.stack)-1]
	s.headless--
}

// costs computes the dynamic-oracle cost (Goldberg & Nivre 2012, 2013) of
// each unlabelled action against the projective gold tree gh (gold heads,
// n for the root): the number of gold arcs still reachable now that the
// action would make unreachable. Invalid actions get cost -1. The label
// part of the cost is added by the caller.
func (s *state) costs(gh []int32, out *[numActs]int) {
	st := s.top()
	b, n := s.b, s.n
	for a := range out {
		out[a] = -1
		if s.valid(a) {
			out[a] = 0
		}
	}
	if out[actShift] == 0 || out[actRight] == 0 {
		// Arcs between b and headless stack words, and b's head in the stack.
		shift, right := 0, 0
		for _, k := range s.stack {
			if gh[b] == k {
				shift++
				if k != st {
					right++
				}
			}
			if gh[k] == b && s.head[k] == none {
				shift++
				right++
			}
		}
		if gh[b] > b && gh[b] != st { // head still ahead in the buffer (or root)
			right++
		}
		if out[actShift] == 0 {
			out[actShift] = shift
		}
		if out[actRight] == 0 {
			out[actRight] = right
		}
	}
	if out[actReduce] == 0 || out[actLeft] == 0 {
		deps := 0 // st's gold dependents still in the buffer
		for k := b; k < n; k++ {
			if gh[k] == st {
				deps++
			}
		}
		if out[actReduce] == 0 {
			out[actReduce] = deps
		}
		if out[actLeft] == 0 {
			c := deps
			if gh[st] > b { // gold head further in the buffer or the root
				c++
			}
			out[actLeft] = c
		}
	}
}
