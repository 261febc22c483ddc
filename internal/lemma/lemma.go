// Package lemma maps a word and its Penn Treebank tag to its dictionary form.
//
// The lemmatizer is learned from Universal Dependencies lemmas. For every
// (form, XPOS) it predicts an edit of the word's end — cut n bytes, append a
// string — chosen by the longest known suffix of the word seen with that tag
// ("studies"/NNS: cut 3, add "y"). Training words whose most frequent lemma the
// suffix rules get wrong ("went"/VBD → "go", "I"/PRP → "I") are kept in an
// exception lexicon, which is consulted first. Proper nouns (NNP, NNPS) keep
// their case; every other word is lowercased before the edit.
//
// Lemma strings come from the lexicon or are substrings of the form whenever
// possible; only an unseen word whose edit appends letters, or which had to be
// lowercased, costs an allocation.
package lemma

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/detente-project/detente/internal/conllu"
)

// maxSuffix is the longest word-final byte string a rule is keyed on.
const maxSuffix = 7

type edit struct {
	cut int    // bytes removed from the end of the base form
	add string // appended afterwards
}

// Lemmatizer is a trained lemmatizer. It is immutable and safe for concurrent use.
type Lemmatizer struct {
	lex   map[string]string // base + "\x00" + xpos → lemma (exceptions to the rules)
	rules map[string]edit   // xpos + "\x00" + suffix of base → edit
	vocab map[string]string // interned training lemmas, so computed ones need no allocation
}

// proper reports whether xpos marks a proper noun, whose lemma keeps its case.
func proper(xpos string) bool { return xpos == "NNP" || xpos == "NNPS" }

// appendBase appends the base form of form to dst: typographic apostrophes and
// quotes replaced by ASCII ones and, unless keepCase, lowercased. It reports
// whether the base equals form byte for byte.
func appendBase(dst []byte, form string, keepCase bool) ([]byte, bool) {
	same := true
	for i := 0; i < len(form); {
		c := form[i]
		if c < utf8.RuneSelf {
			if !keepCase && 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
				same = false
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(form[i:])
		i += n
		switch r {
		case '\u2018', '\u2019', '\u201B', '\u2032':
			dst = append(dst, '\'')
			same = false
			continue
		case '\u201C', '\u201D', '\u201F', '\u2033':
			dst = append(dst, '"')
			same = false
			continue
		}
		if r == utf8.RuneError && n == 1 {
			dst = append(dst, form[i-1])
			continue
		}
		if !keepCase {
			if l := unicode.ToLower(r); l != r {
				r = l
				same = false
			}
		}
		dst = utf8.AppendRune(dst, r)
	}
	return dst, same
}

// Lemma returns the lemma of form tagged xpos. It never panics and returns ""
// only for an empty form: a rule that would cut the whole word (a control
// character tagged like a suffix) leaves the word itself.
func (l *Lemmatizer) Lemma(form, xpos string) string {
	if form == "" {
		return ""
	}
	if lem := l.lemma(form, xpos); lem != "" {
		return lem
	}
	return form
}

// lemma is Lemma without the guarantee of a non-empty result.
func (l *Lemmatizer) lemma(form, xpos string) string {
	var arr [96]byte
	keep := proper(xpos)
	buf, same := appendBase(arr[:0], form, keep)
	n := len(buf)
	buf = append(buf, 0)
	buf = append(buf, xpos...)
	if lem, ok := l.lex[string(buf)]; ok {
		return lem
	}
	base := buf[:n]
	// Rule lookup: key is xpos + "\x00" + suffix.
	var karr [24 + maxSuffix]byte
	key := append(karr[:0], xpos...)
	key = append(key, 0)
	p := len(key)
	// The longest matching suffix rule decides, unless a shorter one yields a
	// lemma seen in training and the longest does not ("bombed": "-mbed"
	// would give "bom", "-ed" gives the known "bomb").
	var fallback edit
	found := false
	for k := min(maxSuffix, n); k >= 0; k-- {
		key = append(key[:p], base[n-k:]...)
		e, ok := l.rules[string(key)]
		if !ok || e.cut > n {
			continue
		}
		if !found {
			fallback, found = e, true
		}
		if e.add == "" && same {
			if _, ok := l.vocab[form[:n-e.cut]]; ok {
				return form[:n-e.cut]
			}
			continue
		}
		var carr [64]byte
		c := append(append(carr[:0], base[:n-e.cut]...), e.add...)
		if v, ok := l.vocab[string(c)]; ok {
			return v
		}
	}
	e := fallback
	if e.add == "" && same {
		return form[:n-e.cut]
	}
	out := append(base[:n-e.cut], e.add...)
	if v, ok := l.vocab[string(out)]; ok {
		return v
	}
	return string(out)
}

// editFor returns the edit that turns base into lemma.
func editFor(base, lemma string) edit {
	p := 0
	for p < len(base) && p < len(lemma) && base[p] == lemma[p] {
		p++
	}
	return edit{cut: len(base) - p, add: lemma[p:]}
}

// Options tune training.
type Options struct {
	MinSupport int // word types a rule must cover to be kept (default 2)
}

// Train learns a lemmatizer from gold sentences (forms, XPOS and lemmas).
// It is deterministic.
func Train(sents []*conllu.Sentence, opt Options) *Lemmatizer {
	if opt.MinSupport <= 0 {
		opt.MinSupport = 2
	}
	// Count lemmas per (base, xpos) type.
	type key struct{ base, xpos string }
	counts := map[key]map[string]int{}
	for _, s := range sents {
		for i := range s.Words {
			w := &s.Words[i]
			if w.Form == "" || w.Lemma == "" || w.XPOS == "" || w.XPOS == "_" {
				continue
			}
			if w.Lemma == "_" && w.Form != "_" {
				continue
			}
			b, _ := appendBase(nil, w.Form, proper(w.XPOS))
			k := key{string(b), w.XPOS}
			m := counts[k]
			if m == nil {
				m = map[string]int{}
				counts[k] = m
			}
			lem, _ := appendBase(nil, w.Lemma, true)
			m[string(lem)]++
		}
	}
	keys := make([]key, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].xpos != keys[j].xpos {
			return keys[i].xpos < keys[j].xpos
		}
		return keys[i].base < keys[j].base
	})
	best := make([]string, len(keys))
	for i, k := range keys {
		bl, bc := "", -1
		for lem, c := range counts[k] {
			if c > bc || (c == bc && lem < bl) {
				bl, bc = lem, c
			}
		}
		best[i] = bl
	}
	// Edit counts per (xpos, suffix), one vote per word type.
	type rkey struct{ xpos, suf string }
	votes := map[rkey]map[edit]int{}
	for i, k := range keys {
		e := editFor(k.base, best[i])
		for s := 0; s <= min(maxSuffix, len(k.base)); s++ {
			rk := rkey{k.xpos, k.base[len(k.base)-s:]}
			m := votes[rk]
			if m == nil {
				m = map[edit]int{}
				votes[rk] = m
			}
			m[e]++
		}
	}
	// Pick each key's winning edit, keep it when supported, and prune keys
	// whose edit equals the one their nearest kept shorter suffix gives.
	winner := map[rkey]edit{}
	for rk, m := range votes {
		total := 0
		be, bc := edit{}, -1
		for e, c := range m {
			total += c
			if c > bc || (c == bc && (e.cut < be.cut || (e.cut == be.cut && e.add < be.add))) {
				be, bc = e, c
			}
		}
		if total >= opt.MinSupport || rk.suf == "" {
			winner[rk] = be
		}
	}
	l := &Lemmatizer{lex: map[string]string{}, rules: map[string]edit{}, vocab: map[string]string{}}
	for _, b := range best {
		l.vocab[b] = b
	}
	for rk, e := range winner {
		// Effective edit of the parent chain.
		parent := edit{}
		for s := len(rk.suf) - 1; s >= 0; s-- {
			if pe, ok := winner[rkey{rk.xpos, rk.suf[len(rk.suf)-s:]}]; ok {
				parent = pe
				break
			}
		}
		if rk.suf == "" || e != parent {
			l.rules[rk.xpos+"\x00"+rk.suf] = e
		}
	}
	// Exceptions: types the rules get wrong.
	for i, k := range keys {
		if got := l.Lemma(k.base, k.xpos); got != best[i] {
			l.lex[k.base+"\x00"+k.xpos] = best[i]
		}
	}
	return l
}

// Sizes returns the number of exception entries and rules.
func (l *Lemmatizer) Sizes() (lexicon, rules int) { return len(l.lex), len(l.rules) }

const magic = "DTLEM1\n"

// WriteTo serialises the lemmatizer deterministically.
func (l *Lemmatizer) WriteTo(w io.Writer) (int64, error) {
	bw := bufio.NewWriter(w)
	cw := &countWriter{w: bw}
	cw.raw(magic)
	lk := slices.Sorted(maps.Keys(l.lex))
	cw.uvarint(uint64(len(lk)))
	for _, k := range lk {
		cw.str(k)
		cw.str(l.lex[k])
	}
	rk := slices.Sorted(maps.Keys(l.rules))
	cw.uvarint(uint64(len(rk)))
	for _, k := range rk {
		cw.str(k)
		cw.uvarint(uint64(l.rules[k].cut))
		cw.str(l.rules[k].add)
	}
	vk := slices.Sorted(maps.Keys(l.vocab))
	cw.uvarint(uint64(len(vk)))
	for _, k := range vk {
		cw.str(k)
	}
	if cw.err != nil {
		return cw.n, cw.err
	}
	return cw.n, bw.Flush()
}

type countWriter struct {
	w   *bufio.Writer
	n   int64
	err error
}

func (c *countWriter) raw(s string) {
	if c.err != nil {
		return
	}
	k, err := c.w.WriteString(s)
	c.n += int64(k)
	c.err = err
}

func (c *countWriter) uvarint(v uint64) {
	var b [binary.MaxVarintLen64]byte
	c.raw(string(b[:binary.PutUvarint(b[:], v)]))
}

func (c *countWriter) str(s string) {
	c.uvarint(uint64(len(s)))
	c.raw(s)
}

// maxEntries bounds what Read accepts from a corrupt input.
const maxEntries = 1 << 24

// Read reads a lemmatizer written by WriteTo, consuming exactly its bytes.
func Read(r io.ByteReader) (*Lemmatizer, error) {
	for i := 0; i < len(magic); i++ {
		if b, err := r.ReadByte(); err != nil || b != magic[i] {
			return nil, errors.New("lemma: not a lemmatizer (bad magic)")
		}
	}
	rd := &reader{r: r}
	l := &Lemmatizer{lex: map[string]string{}, rules: map[string]edit{}, vocab: map[string]string{}}
	n := rd.count()
	for i := 0; i < n && rd.err == nil; i++ {
		k := rd.str()
		l.lex[k] = rd.str()
	}
	n = rd.count()
	for i := 0; i < n && rd.err == nil; i++ {
		k := rd.str()
		cut := int(rd.uvarint())
		l.rules[k] = edit{cut: cut, add: rd.str()}
	}
	n = rd.count()
	for i := 0; i < n && rd.err == nil; i++ {
		k := rd.str()
		l.vocab[k] = k
	}
	if rd.err != nil {
		return nil, fmt.Errorf("lemma: reading model: %w", rd.err)
	}
	return l, nil
}

type reader struct {
	r   io.ByteReader
	err error
	sb  strings.Builder
}

func (rd *reader) uvarint() uint64 {
	if rd.err != nil {
		return 0
	}
	v, err := binary.ReadUvarint(rd.r)
	if err != nil {
		rd.err = err
	}
	return v
}

func (rd *reader) count() int {
	v := rd.uvarint()
	if v > maxEntries {
		rd.err = fmt.Errorf("count %d too large", v)
		return 0
	}
	return int(v)
}

func (rd *reader) str() string {
	n := rd.uvarint()
	if n > 1<<16 {
		rd.err = fmt.Errorf("string length %d too large", n)
	}
	if rd.err != nil {
		return ""
	}
	rd.sb.Reset()
	rd.sb.Grow(int(n))
	for i := uint64(0); i < n; i++ {
		b, err := rd.r.ReadByte()
		if err != nil {
			rd.err = err
			return ""
		}
		rd.sb.WriteByte(b)
	}
	return rd.sb.String()
}
