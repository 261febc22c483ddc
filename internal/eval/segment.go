package eval

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/detente-project/detente/internal/conllu"
	"github.com/detente-project/detente/internal/text"
)

// This file scores raw-text segmentation the way the CoNLL 2018 shared task
// did (conll18_ud_eval.py): gold and system are aligned on their characters
// with all white space removed, and a token, word or sentence is correct when
// the system has one with exactly the same character span.

// F1 counts one kind of unit: gold units, system units, and the units they
// agree on.
type F1 struct {
	Gold, System, Correct int
}

// Precision is Correct/System (0 when the system produced nothing).
func (f F1) Precision() float64 { return ratio(f.Correct, f.System) }

// Recall is Correct/Gold (0 when the gold is empty).
func (f F1) Recall() float64 { return ratio(f.Correct, f.Gold) }

// F1 is the harmonic mean of precision and recall, 2·Correct/(Gold+System).
func (f F1) F1() float64 { return ratio(2*f.Correct, f.Gold+f.System) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// SegScore is the outcome of Segmentation.
type SegScore struct {
	// Tokens compares surface tokens: a gold multiword token ("don't",
	// "China's") counts once, and consecutive system tokens joined by
	// JoinsPrevious count once.
	Tokens F1
	// Words compares syntactic words: gold words against system tokens.
	Words F1
	// Sentences compares sentence spans.
	Sentences F1
	// Align maps gold words to system tokens.
	Align Alignment
}

// Alignment maps every gold word to the system token that covers exactly
// the same characters, so that tagging and parsing can be scored on raw
// input: a gold word whose token is -1 counts as wrong for UPOS, UAS and LAS.
type Alignment struct {
	// Token holds, for every gold word in file order, the index of the
	// aligned token in the system Doc, or -1.
	Token []int32
	// SentStart[s] is the index in Token of the first word of gold
	// sentence s; SentStart has one extra final entry, len(Token).
	SentStart []int32
}

// Word returns the system token aligned to word w (0-based) of gold
// sentence s, or -1.
func (a *Alignment) Word(s, w int) int {
	return int(a.Token[int(a.SentStart[s])+w])
}

// GoldText rebuilds the raw text of a gold file so that a tokenizer can be run
// on it. Surface tokens (multiword tokens as one form) are joined by a space
// unless the MISC column says SpaceAfter=No; sentences of one paragraph are
// joined the same way; a new paragraph or document ("# newpar", "# newdoc")
// starts after a blank line. This is how the CoNLL 2018 raw texts were made,
// without their line wrapping.
func GoldText(gold []*conllu.Sentence) string {
	var b strings.Builder
	spaceAfter := false
	for si, s := range gold {
		if si > 0 {
			switch {
			case s.HasMeta("newpar") || s.HasMeta("newpar id") || s.HasMeta("newdoc") || s.HasMeta("newdoc id"):
				b.WriteString("\n\n")
			case spaceAfter:
				b.WriteByte(' ')
			}
		}
		spaceAfter = true
		forEachSurface(s, func(form string, first, last int, space bool) {
			if first > 0 && spaceAfter {
				b.WriteByte(' ')
			}
			b.WriteString(form)
			spaceAfter = space
		})
	}
	return b.String()
}

// forEachSurface calls f for every surface token of s with its form, the
// 0-based range [first, last] of the words it spans, and whether a space
// follows it.
func forEachSurface(s *conllu.Sentence, f func(form string, first, last int, space bool)) {
	mw := 0
	for i := 0; i < len(s.Words); i++ {
		for mw < len(s.Multiwords) && s.Multiwords[mw].First < i+1 {
			mw++
		}
		if mw < len(s.Multiwords) && s.Multiwords[mw].First == i+1 {
			m := s.Multiwords[mw]
			last := min(m.Last, len(s.Words)) - 1
			f(m.Form, i, last, !strings.Contains(m.Misc, "SpaceAfter=No"))
			i = last
			continue
		}
		w := &s.Words[i]
		f(w.Form, i, i, w.SpaceAfter())
	}
}

// nonSpaceLen is the number of bytes of s that are not white space.
func nonSpaceLen(s string) int32 {
	n := int32(0)
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			n += int32(w)
		}
		i += w
	}
	return n
}

// appendNonSpace appends the bytes of s that are not white space.
func appendNonSpace(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			dst = append(dst, s[i:i+w]...)
		}
		i += w
	}
	return dst
}

type span struct{ start, end int32 }

// JoinsPrevious reports whether system token i continues the surface token of
// token i-1: it follows with no space and is one of the clitics the UD English
// treebanks write as part of a multiword token ('s, n't, 're, 'll, 've, 'd,
// 'm, a possessive ' after s; nt, na, ta and not in dont, gonna, gotta,
// cannot).
func JoinsPrevious(d *text.Doc, i int) bool {
	if i <= 0 || i >= len(d.Tokens) || d.Tokens[i-1].End != d.Tokens[i].Start {
		return false
	}
	w := strings.ToLower(d.Word(i))
	prev := strings.ToLower(d.Word(i - 1))
	w = strings.ReplaceAll(strings.ReplaceAll(w, "’", "'"), "`", "'")
	switch w {
	case "'s", "n't", "'re", "'ll", "'ve", "'d", "'m":
		return true
	case "'":
		return strings.HasSuffix(prev, "s")
	case "nt":
		return prev == "do" || prev == "did" || prev == "does" || prev == "is" || prev == "was" ||
			prev == "are" || prev == "were" || prev == "ca" || prev == "could" || prev == "would" ||
			prev == "should" || prev == "have" || prev == "has" || prev == "had"
	case "na":
		return prev == "gon" || prev == "wan"
	case "ta":
		return prev == "got"
	case "not":
		return prev == "can"
	}
	return false
}

// Segmentation scores the tokens and sentences of sys against gold. The
// system text must hold the same non-space characters as the gold forms (as
// GoldText builds it, or the gold "# text" lines joined); otherwise an error
// reports the first difference.
//
// Gold words inside a multiword token get character spans from their forms
// when these spell out the token ("do"+"n't" = "don't"); otherwise (EWT's
// "its" = "it"+"s", with typos marked) they are aligned, as in CoNLL 2018, by
// the longest common subsequence of lower-cased forms with the system tokens
// inside the multiword token's span.
func Segmentation(gold []*conllu.Sentence, sys *text.Doc) (SegScore, error) {
	var sc SegScore
	// Gold: surface tokens, words and sentences as non-space character spans.
	var (
		goldChars []byte
		gTok      []span
		gWord     []span // {-1,-1} for words of irregular multiword tokens
		gSent     []span
		irregular []irregularMWT
	)
	sc.Align.SentStart = make([]int32, 0, len(gold)+1)
	for _, s := range gold {
		sc.Align.SentStart = append(sc.Align.SentStart, int32(len(gWord)))
		sentStart := int32(len(goldChars))
		forEachSurface(s, func(form string, first, last int, _ bool) {
			st := int32(len(goldChars))
			goldChars = appendNonSpace(goldChars, form)
			en := int32(len(goldChars))
			if en > st {
				gTok = append(gTok, span{st, en})
			}
			if first == last {
				gWord = append(gWord, span{st, en})
				return
			}
			// Do the words spell the multiword token?
			pos := st
			ok := true
			for i := first; i <= last; i++ {
				f := s.Words[i].Form
				n := nonSpaceLen(f)
				if pos+n > en || !sameNonSpace(string(goldChars[pos:pos+n]), f) {
					ok = false
					break
				}
				pos += n
			}
			ok = ok && pos == en
			pos = st
			firstIdx := len(gWord)
			for i := first; i <= last; i++ {
				if ok {
					n := nonSpaceLen(s.Words[i].Form)
					gWord = append(gWord, span{pos, pos + n})
					pos += n
				} else {
					gWord = append(gWord, span{-1, -1})
				}
			}
			if !ok {
				irregular = append(irregular, irregularMWT{span{st, en}, firstIdx, s, first, last})
			}
		})
		if en := int32(len(goldChars)); en > sentStart {
			gSent = append(gSent, span{sentStart, en})
		}
	}
	sc.Align.SentStart = append(sc.Align.SentStart, int32(len(gWord)))

	// System: tokens, surface tokens and sentences in the same coordinates.
	sysChars := make([]byte, 0, len(goldChars))
	sTok := make([]span, len(sys.Tokens))
	for i := range sys.Tokens {
		t := &sys.Tokens[i]
		if t.Start < 0 || t.End < t.Start || int(t.End) > len(sys.Text) {
			return sc, fmt.Errorf("segmentation: system token %d has bad offsets [%d,%d)", i, t.Start, t.End)
		}
		st := int32(len(sysChars))
		sysChars = appendNonSpace(sysChars, sys.Text[t.Start:t.End])
		sTok[i] = span{st, int32(len(sysChars))}
	}
	if string(sysChars) != string(goldChars) {
		i := 0
		for i < len(sysChars) && i < len(goldChars) && sysChars[i] == goldChars[i] {
			i++
		}
		return sc, fmt.Errorf("segmentation: system and gold texts differ at non-space byte %d: gold %q, system %q",
			i, excerpt(goldChars, i), excerpt(sysChars, i))
	}
	var sSurf []span
	for i := 0; i < len(sTok); i++ {
		if sTok[i].end == sTok[i].start {
			continue
		}
		if len(sSurf) > 0 && JoinsPrevious(sys, i) {
			sSurf[len(sSurf)-1].end = sTok[i].end
			continue
		}
		sSurf = append(sSurf, sTok[i])
	}
	var sSent []span
	for _, s := range sys.Sentences {
		if s.End <= s.Start || s.Start < 0 || int(s.End) > len(sTok) {
			continue
		}
		if sp := (span{sTok[s.Start].start, sTok[s.End-1].end}); sp.end > sp.start {
			sSent = append(sSent, sp)
		}
	}

	sc.Tokens = matchSpans(gTok, sSurf)
	sc.Sentences = matchSpans(gSent, sSent)

	// Words: exact spans, then LCS inside irregular multiword tokens.
	sc.Align.Token = make([]int32, len(gWord))
	nonEmpty := 0
	for i := range sTok {
		if sTok[i].end > sTok[i].start {
			nonEmpty++
		}
	}
	sc.Words = F1{Gold: len(gWord), System: nonEmpty}
	j := 0
	for i, g := range gWord {
		sc.Align.Token[i] = -1
		if g.start < 0 {
			continue
		}
		for j < len(sTok) && (sTok[j].start < g.start || sTok[j].end == sTok[j].start) {
			j++
		}
		if j < len(sTok) && sTok[j] == g {
			sc.Align.Token[i] = int32(j)
			sc.Words.Correct++
		}
	}
	for _, m := range irregular {
		sc.Words.Correct += alignIrregular(m, sys, sTok, sc.Align.Token)
	}
	return sc, nil
}

// sameNonSpace reports whether a (already without white space) equals b
// with its white space removed.
func sameNonSpace(a, b string) bool {
	return len(a) == int(nonSpaceLen(b)) && a == string(appendNonSpace(nil, b))
}

func excerpt(b []byte, i int) string {
	lo, hi := max(0, i-20), min(len(b), i+20)
	return string(b[lo:hi])
}

// matchSpans counts the spans present in both increasing lists.
func matchSpans(gold, sys []span) F1 {
	f := F1{Gold: len(gold), System: len(sys)}
	i, j := 0, 0
	for i < len(gold) && j < len(sys) {
		switch {
		case gold[i] == sys[j]:
			f.Correct++
			i++
			j++
		case gold[i].start < sys[j].start || gold[i].start == sys[j].start && gold[i].end < sys[j].end:
			i++
		default:
			j++
		}
	}
	return f
}

type irregularMWT struct {
	sp          span
	firstWord   int // index of its first word in the flat gold word list
	s           *conllu.Sentence
	first, last int // 0-based word range in s
}

// alignIrregular aligns the words of an irregular multiword token with the
// system tokens lying inside its span by the longest common subsequence of
// lower-cased forms, records the pairs in align and returns their number.
func alignIrregular(m irregularMWT, sys *text.Doc, sTok []span, align []int32) int {
	var toks []int
	for i := range sTok {
		if sTok[i].start >= m.sp.start && sTok[i].end <= m.sp.end && sTok[i].end > sTok[i].start {
			toks = append(toks, i)
		}
	}
	nw := m.last - m.first + 1
	nt := len(toks)
	if nt == 0 || nw <= 0 {
		return 0
	}
	// dp[a][b] = LCS of words[a:] and toks[b:].
	dp := make([][]int, nw+1)
	for a := range dp {
		dp[a] = make([]int, nt+1)
	}
	eq := func(a, b int) bool {
		return strings.EqualFold(m.s.Words[m.first+a].Form, sys.Word(toks[b]))
	}
	for a := nw - 1; a >= 0; a-- {
		for b := nt - 1; b >= 0; b-- {
			switch {
			case eq(a, b):
				dp[a][b] = dp[a+1][b+1] + 1
			case dp[a+1][b] >= dp[a][b+1]:
				dp[a][b] = dp[a+1][b]
			default:
				dp[a][b] = dp[a][b+1]
			}
		}
	}
	n := 0
	for a, b := 0, 0; a < nw && b < nt; {
		switch {
		case eq(a, b):
			align[m.firstWord+a] = int32(toks[b])
			n++
			a++
			b++
		case dp[a+1][b] >= dp[a][b+1]:
			a++
		default:
			b++
		}
	}
	return n
}

// ProcessRawByDocument rebuilds the raw text of each document of gold (a
// new one starts at every "# newdoc" comment), runs process on it as its
// own text.Doc, as production runs one article at a time, and returns
// the documents joined into one whose Text equals GoldText(gold), for
// Segmentation and the aligned scores.
func ProcessRawByDocument(gold []*conllu.Sentence, process func(d *text.Doc, s string)) *text.Doc {
	all := &text.Doc{}
	var b strings.Builder
	for _, r := range documents(gold) {
		start, end := r[0], r[1]
		if start > 0 {
			b.WriteString("\n\n") // GoldText's document break
		}
		base, tokBase := int32(b.Len()), int32(len(all.Tokens))
		var d text.Doc
		s := GoldText(gold[start:end])
		process(&d, s)
		b.WriteString(s)
		for _, t := range d.Tokens {
			t.Start += base
			t.End += base
			if t.Head >= 0 {
				t.Head += tokBase
			}
			all.Tokens = append(all.Tokens, t)
		}
		for _, st := range d.Sentences {
			all.Sentences = append(all.Sentences, text.Sentence{Start: st.Start + tokBase, End: st.End + tokBase})
		}
	}
	all.Text = b.String()
	return all
}

// documents splits gold into its documents, as [start, end) sentence
// ranges: a new one starts at every "# newdoc" comment.
func documents(gold []*conllu.Sentence) [][2]int {
	var out [][2]int
	for start := 0; start < len(gold); {
		end := start + 1
		for end < len(gold) && !isNewDoc(gold[end]) {
			end++
		}
		out = append(out, [2]int{start, end})
		start = end
	}
	return out
}

// isNewDoc reports whether a sentence starts a new document.
func isNewDoc(s *conllu.Sentence) bool { return s.HasMeta("newdoc id") || s.HasMeta("newdoc") }
