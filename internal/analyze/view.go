// Package analyze holds the article-level analyses around the event coder:
// date expressions resolved against the publication date, places, direct and
// indirect quotes with their speakers, GDELT-style tone, and a short summary.
//
// Every function is pure: it reads a *text.Doc (and small interfaces for the
// knowledge base) and returns values; nothing here does I/O or keeps state
// between calls, so all of it is safe for concurrent use.
//
// The functions use the tokens and sentences of the Doc when the tokenizer
// has filled them, and the tags (UPOS, Ent) when the tagger and recogniser
// have; on a bare Doc (text only) they fall back to a light word scan of
// their own, so they work at every stage of the pipeline.
package analyze

import (
	"unicode"
	"unicode/utf8"

	"github.com/detente-project/detente/internal/text"
)

// word is one word or punctuation mark of the view, with byte offsets into
// the text and, when the Doc had them, the index of its token.
type word struct {
	start, end int32
	tok        int32 // index into Doc.Tokens, or -1 when scanned here
}

// view is a flat word and sentence index over a Doc's text. It is built once
// per call (two slice allocations) and read by the analyses.
type view struct {
	doc   *text.Doc
	text  string
	words []word
	sents []span // word index ranges [start, end)
	sent  []int32
}

// span is a half-open range (of bytes or word indices, as documented where used).
type span struct{ start, end int32 }

// newView indexes d. Tokens and sentences of d are used when present.
func newView(d *text.Doc) *view {
	v := &view{doc: d, text: d.Text}
	if len(d.Tokens) > 0 {
		v.words = make([]word, len(d.Tokens))
		for i, t := range d.Tokens {
			v.words[i] = word{start: t.Start, end: t.End, tok: int32(i)}
		}
		if len(d.Sentences) > 0 {
			v.sents = make([]span, 0, len(d.Sentences))
			for _, s := range d.Sentences {
				v.sents = append(v.sents, span{s.Start, s.End})
			}
		} else {
			v.sents = splitSentences(v.text, v.words)
		}
	} else {
		v.words = scanWords(d.Text)
		v.sents = splitSentences(v.text, v.words)
	}
	v.sent = make([]int32, len(v.words))
	for si, s := range v.sents {
		for i := s.start; i < s.end && int(i) < len(v.sent); i++ {
			v.sent[i] = int32(si)
		}
	}
	return v
}

// w returns the text of word i.
func (v *view) w(i int) string { return v.text[v.words[i].start:v.words[i].end] }

// ent returns the entity type of word i (PER, ORG, LOC, GPE, MISC) from the
// recogniser's tag, or "" when untagged or outside an entity.
func (v *view) ent(i int) string {
	t := v.words[i].tok
	if t < 0 {
		return ""
	}
	e := v.doc.Tokens[t].Ent
	if len(e) > 2 && e[1] == '-' {
		return e[2:]
	}
	return ""
}

// tagged reports whether the recogniser ran over the Doc.
func (v *view) tagged() bool {
	return len(v.doc.Tokens) > 0 && v.doc.Tokens[0].Ent != ""
}

// upos returns the universal POS of word i, or "" when untagged.
func (v *view) upos(i int) string {
	t := v.words[i].tok
	if t < 0 {
		return ""
	}
	return v.doc.Tokens[t].UPOS
}

// wordAt returns the index of the first word that ends after byte offset b.
func (v *view) wordAt(b int32) int {
	lo, hi := 0, len(v.words)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if v.words[m].end <= b {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// scanWords splits text into words: runs of letters and digits (with inner
// apostrophes, hyphens, periods in abbreviations and initials), and single
// punctuation marks. Invalid UTF-8 bytes are single-byte punctuation.
func scanWords(s string) []word {
	words := make([]word, 0, len(s)/5+1)
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		start := i
		if isWordRune(r) {
			i += n
			for i < len(s) {
				r, n = utf8.DecodeRuneInString(s[i:])
				if isWordRune(r) {
					i += n
					continue
				}
				if (r == '\'' || r == '’' || r == '-' || r == '.') && i+n < len(s) {
					r2, _ := utf8.DecodeRuneInString(s[i+n:])
					if isWordRune(r2) {
						i += n
						continue
					}
				}
				break
			}
			// Keep the period of an abbreviation or initial ("J.", "Sen.", "U.S.").
			if i < len(s) && s[i] == '.' && isAbbrev(s[start:i]) {
				i++
			}
		} else {
			i += n
		}
		words = append(words, word{start: int32(start), end: int32(i), tok: -1})
	}
	return words
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// abbrevs are words that take a period without ending a sentence.
var abbrevs = map[string]bool{
	"Mr": true, "Mrs": true, "Ms": true, "Dr": true, "Sen": true, "Rep": true, "Gov": true,
	"Gen": true, "Lt": true, "Col": true, "Sgt": true, "Capt": true, "Prof": true, "Jr": true,
	"Sr": true, "St": true, "Sept": true, "Jan": true, "Feb": true, "Aug": true, "Oct": true,
	"Nov": true, "Dec": true, "Mar": true, "Apr": true, "Jun": true, "Jul": true, "Sep": true,
	"Inc": true, "Corp": true, "Co": true, "Ltd": true, "vs": true, "Rev": true, "Adm": true,
	"Maj": true, "Mt": true, "Ft": true, "No": true, "Pres": true, "Supt": true, "U.S": true,
	"U.N": true, "U.K": true, "D.C": true, "a.m": true, "p.m": true, "e.g": true, "i.e": true,
}

// isAbbrev reports whether w followed by a period is an abbreviation or an
// initial (a single capital letter, or letters with inner periods).
func isAbbrev(w string) bool {
	if abbrevs[w] {
		return true
	}
	if len(w) == 1 && w[0] >= 'A' && w[0] <= 'Z' {
		return true
	}
	for i := 0; i < len(w); i++ {
		if w[i] == '.' {
			return true
		}
	}
	return false
}

// splitSentences groups words into sentences: a sentence ends after '.', '!'
// or '?' (and any closing quotes or brackets after it) when the next word
// starts with a capital, a digit or an opening quote, and at every line break.
func splitSentences(s string, words []word) []span {
	var sents []span
	start := 0
	for i := 0; i < len(words); i++ {
		end := false
		w := s[words[i].start:words[i].end]
		if w == "." || w == "!" || w == "?" {
			j := i + 1
			for j < len(words) && words[j].start == words[j-1].end && isCloser(s[words[j].start:words[j].end]) {
				j++
			}
			if j >= len(words) {
				i = j - 1
				end = true
			} else {
				r, _ := utf8.DecodeRuneInString(s[words[j].start:])
				if unicode.IsUpper(r) || unicode.IsDigit(r) || isOpenQuote(r) || r == '"' || r == '(' ||
					lineBreakBetween(s, words[j-1].end, words[j].start) {
					i = j - 1
					end = true
				}
			}
		}
		if !end && i+1 < len(words) && lineBreakBetween(s, words[i].end, words[i+1].start) {
			end = true
		}
		if end || i == len(words)-1 {
			sents = append(sents, span{int32(start), int32(i + 1)})
			start = i + 1
		}
	}
	return sents
}

func isCloser(w string) bool {
	return w == "”" || w == "\"" || w == "’" || w == ")" || w == "'" || w == "]"
}

func isOpenQuote(r rune) bool { return r == '“' || r == '‘' || r == '«' || r == '„' }

func lineBreakBetween(s string, a, b int32) bool {
	if a < 0 || b > int32(len(s)) || a > b {
		return false
	}
	for k := a; k < b; k++ {
		if s[k] == '\n' {
			return true
		}
	}
	return false
}

// capitalised reports whether s starts with an upper-case letter.
func capitalised(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// lower returns an ASCII-lower-cased copy of s only when s has upper-case
// ASCII letters; callers use it on short words.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'A' && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
