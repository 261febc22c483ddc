package kb

import (
	"strings"
	"time"
)

// maxMatchTokens bounds how many tokens a Matcher looks at.
const maxMatchTokens = 16

// Matcher finds the longest phrase the KB knows (person, organisation,
// country, capital, title or role noun) at the start of a token sequence.
// It is the event coder's hot path: keys are pre-normalised lower-case
// strings in one map, tokens are folded into a reused buffer and looked up
// without allocating. A Matcher holds scratch space: use one per goroutine.
type Matcher struct {
	k    *KB
	buf  []byte
	ends [maxMatchTokens]int32 // buffer length after token i, -1 if skipped
}

// NewMatcher returns a Matcher over k.
func (k *KB) NewMatcher() *Matcher {
	return &Matcher{k: k, buf: make([]byte, 0, 256)}
}

// Longest returns how many of tokens (raw token texts, e.g. "U.S.",
// "Secretary-General", "China's") form the longest known phrase starting at
// tokens[0], and the kind of its first entry; 0 if no phrase starts there.
// A leading "the" is part of the match ("the White House" → 3).
func (m *Matcher) Longest(tokens []string) (n int, kind Kind) {
	lex := m.k.lex
	m.buf = m.buf[:0]
	limit := len(tokens)
	if limit > maxMatchTokens {
		limit = maxMatchTokens
	}
	maxWords, words := -1, 0
	for i := 0; i < limit; i++ {
		t := tokens[i]
		t = trimPossessive(t)
		before := len(m.buf)
		if before > 0 {
			m.buf = append(m.buf, ' ')
		}
		m.buf = appendFolded(m.buf, t)
		w := m.buf[before:]
		if before > 0 {
			w = w[1:]
		}
		switch {
		case len(w) == 0 || string(w) == "the" || string(w) == "s":
			m.buf = m.buf[:before]
			m.ends[i] = -1
			continue
		case !hasAlnum(w):
			m.buf = m.buf[:before]
			limit = i // punctuation ends every phrase
		}
		if i == limit {
			break
		}
		words += 1 + strings.Count(string(w), " ")
		if maxWords < 0 {
			first := m.buf
			if j := indexByte(first, ' '); j >= 0 {
				first = first[:j]
			}
			maxWords = lex.maxWords[string(first)]
			if maxWords == 0 {
				return 0, 0
			}
		}
		m.ends[i] = int32(len(m.buf))
		if words >= maxWords {
			limit = i + 1
			break
		}
	}
	for i := limit - 1; i >= 0; i-- {
		e := m.ends[i]
		if e < 0 {
			continue
		}
		es := lex.keys[string(m.buf[:e])]
		if len(es) == 0 {
			continue
		}
		if single := indexByte(m.buf[:e], ' ') < 0; single {
			upper := false
			for j := 0; j <= i; j++ {
				if m.ends[j] >= 0 {
					upper = isUpperWord(tokens[j])
					break
				}
			}
			if !upper {
				ok := false
				for _, x := range es {
					if !x.acronym {
						ok = true
						break
					}
				}
				if !ok {
					continue
				}
			}
		}
		return i + 1, es[0].kind
	}
	return 0, 0
}

// Resolve finds the longest known phrase at the start of tokens and
// resolves it on date; n is the number of tokens it covers.
func (m *Matcher) Resolve(tokens []string, date time.Time) (n int, r Resolution, ok bool) {
	n, _ = m.Longest(tokens)
	if n == 0 {
		return 0, Resolution{}, false
	}
	r, ok = m.k.Resolve(strings.Join(tokens[:n], " "), date)
	return n, r, ok
}

func trimPossessive(t string) string {
	if len(t) > 2 && (t[len(t)-2] == '\'' && (t[len(t)-1] == 's' || t[len(t)-1] == 'S')) {
		return t[:len(t)-2]
	}
	if len(t) > 4 && strings.HasSuffix(t, "\u2019s") {
		return t[:len(t)-4]
	}
	return t
}

func hasAlnum(b []byte) bool {
	for _, c := range b {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80 {
			return true
		}
	}
	return false
}

func indexByte(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return -1
}
