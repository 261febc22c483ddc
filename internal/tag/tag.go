// Package tag assigns universal (UPOS) and Penn Treebank (XPOS) part-of-speech
// tags and lemmas to the tokens of a text.Doc.
//
// The tagger is a greedy left-to-right averaged perceptron
// (internal/perceptron) over joint (XPOS, UPOS) classes: predicting the pair
// at once lets context decide the few XPOS tags that map to more than one
// UPOS (IN → ADP or SCONJ, VBZ → AUX or VERB, RB → ADV or PART). Features are
// the word and its lowercase, prefixes, suffixes, shape and flags, the words
// two either side, the two previous predicted tags, and "ambiguity classes"
// (the set of tags a word took in training, jackknifed over ten folds while
// training so that rare words look as they will on new text) of the word and
// its neighbours. Frequent words that always took one tag in training are
// tagged from a dictionary. Word forms are normalised before hashing:
// typographic quotes and apostrophes equal ASCII ones (’s ≡ 's), dashes equal
// '-', digits equal '0' in the lowercase form.
//
// Optional template groups are recorded in the model file. FeatCaps (shipped)
// adds how often the word is capitalised mid-sentence in unlabelled news
// text, a strong cue for PROPN against NOUN on words rare in the treebank
// (+0.2 UPOS on EWT dev). FeatTwoPass runs a second pass that also sees the
// first pass's tags on the right (+0.1 UPOS for twice the time and size).
// FeatLexicon (shipped) adds the word classes an external dictionary gives
// the word (WordNet 3.0 lemmas and their inflections, see ReadWordNet), which
// tags news words the treebanks never saw ("imposed" was JJ without it;
// +0.19 UPOS, +0.21 XPOS on EWT dev). FeatTagLex (shipped) adds the set of
// Penn Treebank tags the Wall Street Journal gives the word, from Festival's
// tagged lexicon (see ReadPOSLex): +0.06 UPOS, averaged over three seeds.
// Statistics from unlabelled text and lexicons are stored under word hashes,
// never as words.
//
// Lemmas come from the learned lemmatizer in internal/lemma, stored in the
// same model file.
package tag

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sort"
	"sync"

	"github.com/detente-project/detente/internal/flatmap"
	"github.com/detente-project/detente/internal/lemma"
	"github.com/detente-project/detente/internal/perceptron"
	"github.com/detente-project/detente/internal/text"
	"github.com/detente-project/detente/internal/wordvec"
)

// maxWordBytes caps the bytes of a token used for features and lemmas, so a
// pathological multi-megabyte token costs no more than a long word.
const maxWordBytes = 256

// Class is one joint tag.
type Class struct {
	XPOS, UPOS string
}

// Tagger is a trained tagger and lemmatizer. It is immutable and safe for
// concurrent use on different documents.
type Tagger struct {
	classes []Class
	featSet uint64 // optional template groups (FeatContext, FeatCaps, …)
	model   *perceptron.Model
	model2  *perceptron.Model // second pass, when featSet has FeatTwoPass
	amb     map[string]uint32 // lowercase normalised form → ambiguity class id + 1
	numAmb  int
	dict    map[string]uint16 // normalised form → class, for frequent unambiguous words
	// wordStats maps the hash of a lowercase normalised form to its
	// capitalisation bucket + 1 (bits 16–31), lexicon classes + 1 (bits
	// 32–47) and tagged-lexicon class (bits 48–63); bits 0–15 held retired
	// word-cluster ids. Hashes, not words:
	// the unlabelled text they come from may not be ours to ship.
	wordStats *flatmap.Map[uint64, uint64]
	// ambByHash and dictByHash index amb and dict by the FNV hash of the
	// key (the lexeme's lower and cased hashes; dict values are class + 1),
	// so tagging looks words up without hashing their strings again.
	ambByHash, dictByHash *flatmap.Map[uint64, uint64]
	wordVec               *wordvec.Table // word-vector clusters, for FeatEmbed
	lem                   *lemma.Lemmatizer
	pool                  *sync.Pool // of *scratch; shared by shallow copies made in training
}

type scratch struct {
	lex          []lexeme
	cased, lower []byte
	feats        []uint64
	scores       []float32
	ids          []int
	first        []int
}

// Classes returns the tagger's joint classes (shared; do not modify).
func (t *Tagger) Classes() []Class { return t.classes }

// Lemmatizer returns the tagger's lemmatizer.
func (t *Tagger) Lemmatizer() *lemma.Lemmatizer { return t.lem }

// NumWeights returns the number of stored perceptron weights.
func (t *Tagger) NumWeights() int {
	n := t.model.NumWeights()
	if t.model2 != nil {
		n += t.model2.NumWeights()
	}
	return n
}

func (t *Tagger) getScratch() *scratch {
	if t.pool != nil {
		if s, ok := t.pool.Get().(*scratch); ok {
			return s
		}
	}
	return &scratch{scores: make([]float32, len(t.classes))}
}

func (t *Tagger) putScratch(s *scratch) {
	if t.pool != nil {
		t.pool.Put(s)
	}
}

// word returns the text of token tok, or "" when its offsets are invalid,
// capped at maxWordBytes.
func word(d *text.Doc, tok *text.Token) string {
	if tok.Start < 0 || tok.End < tok.Start || int(tok.End) > len(d.Text) {
		return ""
	}
	w := d.Text[tok.Start:tok.End]
	if len(w) > maxWordBytes {
		w = w[:maxWordBytes]
	}
	return w
}

// prepare computes the lexemes of tokens toks into s.lex.
func (t *Tagger) prepare(s *scratch, words func(i int) string, n int) {
	s.lex = s.lex[:0]
	s.cased, s.lower = s.cased[:0], s.lower[:0]
	for i := 0; i < n; i++ {
		c0, l0 := len(s.cased), len(s.lower)
		var flags uint64
		s.cased, s.lower, flags = normalise(words(i), s.cased, s.lower)
		if i == 0 {
			flags |= flagSentStart
		}
		cased, lower := s.cased[c0:], s.lower[l0:]
		var x lexeme
		x.fill(cased, lower, flags)
		x.amb = t.ambByHash.Get(x.lower)
		if t.featSet&FeatEmbed != 0 {
			x.emb = t.wordVec.Lookup(words(i))
		}
		if t.wordStats != nil {
			v := t.wordStats.Get(x.lower)
			x.caps, x.lexicon, x.tlex = v>>16&0xffff, v>>32&0xffff, v>>48
		}
		s.lex = append(s.lex, x)
	}
}

// index builds ambByHash and dictByHash from amb and dict.
func (t *Tagger) index() {
	t.ambByHash = flatmap.New[uint64, uint64](len(t.amb))
	for w, id := range t.amb {
		t.ambByHash.Put(fnv([]byte(w)), uint64(id))
	}
	t.dictByHash = flatmap.New[uint64, uint64](len(t.dict))
	for w, c := range t.dict {
		t.dictByHash.Put(fnv([]byte(w)), uint64(c)+1)
	}
}

// dictClass returns the class the tag dictionary gives word x, if any.
func (t *Tagger) dictClass(x *lexeme) (int, bool) {
	c := t.dictByHash.Get(x.cased)
	return int(c) - 1, c != 0
}

// decode tags the prepared sentence greedily, writing class ids to out.
// With a second-pass model it tags twice, the second time seeing the first
// pass's tags on the right.
func (t *Tagger) decode(s *scratch, out []int) {
	if t.model2 == nil {
		t.greedy(s, out, nil)
		return
	}
	if cap(s.first) < len(out) {
		s.first = make([]int, len(out))
	}
	first := s.first[:len(out)]
	t.greedy(s, first, nil)
	t.greedy(s, out, first)
}

// greedy runs one left-to-right pass: the first-pass model when first is
// nil, else the second-pass model given the first pass's tags.
func (t *Tagger) greedy(s *scratch, out, first []int) {
	set, m := t.featSet&^FeatTwoPass, t.model
	if first != nil {
		set, m = t.featSet, t.model2
	}
	prev, prev2 := uint64(tagStart), uint64(tagStart)
	for i := range s.lex {
		cls, ok := t.dictClass(&s.lex[i])
		if !ok {
			s.feats = features(s.feats[:0], s.lex, i, prev, prev2, set)
			if first != nil {
				s.feats = rightFeatures(s.feats, first, i, prev, &s.lex[i])
			}
			m.Scores(s.feats, s.scores)
			cls = perceptron.Argmax(s.scores, nil)
		}
		out[i] = cls
		prev2, prev = prev, uint64(cls)
	}
}

// Tag fills UPOS, XPOS and Lemma of every token of every sentence of d.
// Tokens outside any sentence are tagged as one sentence when d has no
// sentences. Invalid token offsets yield an empty word, never a panic.
func (t *Tagger) Tag(d *text.Doc) {
	if len(d.Tokens) == 0 {
		return
	}
	s := t.getScratch()
	defer t.putScratch(s)
	tagRange := func(start, end int) {
		if start < 0 {
			start = 0
		}
		if end > len(d.Tokens) {
			end = len(d.Tokens)
		}
		if end <= start {
			return
		}
		toks := d.Tokens[start:end]
		t.prepare(s, func(i int) string { return word(d, &toks[i]) }, len(toks))
		if cap(s.ids) < len(toks) {
			s.ids = make([]int, len(toks))
		}
		ids := s.ids[:len(toks)]
		t.decode(s, ids)
		for i := range toks {
			c := &t.classes[ids[i]]
			tok := &toks[i]
			tok.XPOS, tok.UPOS = c.XPOS, c.UPOS
			if tok.Start >= 0 && tok.Start <= tok.End && int(tok.End) <= len(d.Text) && tok.End-tok.Start > maxWordBytes {
				tok.Lemma = d.Text[tok.Start:tok.End] // URLs and other giants are their own lemma
			} else {
				tok.Lemma = t.lem.Lemma(word(d, tok), c.XPOS)
			}
		}
	}
	if len(d.Sentences) == 0 {
		tagRange(0, len(d.Tokens))
		return
	}
	for _, sent := range d.Sentences {
		tagRange(int(sent.Start), int(sent.End))
	}
}

const magic = "DTTAG2\n"

// WriteTo writes the tagger, gzip-compressed.
func (t *Tagger) WriteTo(w io.Writer) (int64, error) {
	cw := &countingWriter{w: w}
	zw, err := gzip.NewWriterLevel(cw, gzip.BestCompression)
	if err != nil {
		return 0, err
	}
	bw := bufio.NewWriter(zw)
	var vb [binary.MaxVarintLen64]byte
	uv := func(v uint64) { bw.Write(vb[:binary.PutUvarint(vb[:], v)]) }
	str := func(s string) { uv(uint64(len(s))); bw.WriteString(s) }
	bw.WriteString(magic)
	uv(t.featSet)
	if t.featSet&FeatEmbed != 0 {
		uv(t.wordVec.ID())
	}
	uv(uint64(len(t.classes)))
	for _, c := range t.classes {
		str(c.XPOS)
		str(c.UPOS)
	}
	uv(uint64(t.numAmb))
	writeMap(bw, t.amb, uv, str)
	var ck []uint64
	if t.wordStats != nil {
		ck = t.wordStats.Keys()
	}
	uv(uint64(len(ck)))
	for _, k := range ck {
		binary.LittleEndian.PutUint64(vb[:8], k)
		bw.Write(vb[:8])
		uv(t.wordStats.Get(k))
	}
	dk := make([]string, 0, len(t.dict))
	for k := range t.dict {
		dk = append(dk, k)
	}
	sort.Strings(dk)
	uv(uint64(len(dk)))
	for _, k := range dk {
		str(k)
		uv(uint64(t.dict[k]))
	}
	if _, err := t.model.WriteTo(bw); err != nil {
		return cw.n, fmt.Errorf("tag: writing model: %w", err)
	}
	if t.featSet&FeatTwoPass != 0 {
		if _, err := t.model2.WriteTo(bw); err != nil {
			return cw.n, fmt.Errorf("tag: writing second-pass model: %w", err)
		}
	}
	if _, err := t.lem.WriteTo(bw); err != nil {
		return cw.n, fmt.Errorf("tag: writing lemmatizer: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return cw.n, err
	}
	if err := zw.Close(); err != nil {
		return cw.n, err
	}
	return cw.n, nil
}

func writeMap(bw *bufio.Writer, m map[string]uint32, uv func(uint64), str func(string)) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	uv(uint64(len(keys)))
	for _, k := range keys {
		str(k)
		uv(uint64(m[k]))
	}
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

const maxEntries = 1 << 24

// Load reads a tagger written by WriteTo (gzip-compressed).
func Load(b []byte) (*Tagger, error) {
	if len(b) == 0 {
		return nil, errors.New("tag: empty model")
	}
	r, err := perceptron.Gunzip(b)
	if err != nil {
		return nil, fmt.Errorf("tag: %w", err)
	}
	for i := 0; i < len(magic); i++ {
		if c, err := r.ReadByte(); err != nil || c != magic[i] {
			return nil, errors.New("tag: not a tagger model (bad magic)")
		}
	}
	var rerr error
	uv := func() uint64 {
		if rerr != nil {
			return 0
		}
		v, err := binary.ReadUvarint(r)
		if err != nil {
			rerr = err
		}
		return v
	}
	count := func() int {
		v := uv()
		if v > maxEntries {
			rerr = fmt.Errorf("count %d too large", v)
			return 0
		}
		return int(v)
	}
	str := func() string {
		n := uv()
		if n > 1<<16 {
			rerr = fmt.Errorf("string length %d too large", n)
		}
		if rerr != nil {
			return ""
		}
		buf := make([]byte, n)
		if _, err := io.ReadFull(r, buf); err != nil {
			rerr = err
			return ""
		}
		return string(buf)
	}
	t := &Tagger{pool: new(sync.Pool)}
	t.featSet = uv()
	if t.featSet&FeatEmbed != 0 {
		id := uv()
		if rerr != nil {
			return nil, fmt.Errorf("tag: reading tables: %w", rerr)
		}
		if t.wordVec, err = wordvec.ForModel(id); err != nil {
			return nil, fmt.Errorf("tag: %w", err)
		}
	}
	nc := count()
	if rerr == nil && (nc == 0 || nc > 1<<15) {
		return nil, fmt.Errorf("tag: bad class count %d", nc)
	}
	for i := 0; i < nc && rerr == nil; i++ {
		x := str()
		t.classes = append(t.classes, Class{XPOS: x, UPOS: str()})
	}
	t.numAmb = count()
	readMap := func() map[string]uint32 {
		n := count()
		m := make(map[string]uint32, min(n, r.Len()/2)) // an entry takes 2 bytes or more
		for i := 0; i < n && rerr == nil; i++ {
			k := str()
			m[k] = uint32(uv())
		}
		return m
	}
	t.amb = readMap()
	nclu := count()
	if nclu > 0 {
		// Each entry takes at least 9 bytes: a corrupt count cannot make
		// the table larger than the file.
		t.wordStats = flatmap.New[uint64, uint64](min(nclu, r.Len()/9))
	}
	var kb [8]byte
	for i := 0; i < nclu && rerr == nil; i++ {
		if _, err := io.ReadFull(r, kb[:]); err != nil {
			rerr = err
			break
		}
		t.wordStats.Put(binary.LittleEndian.Uint64(kb[:]), uv())
	}
	nd := count()
	t.dict = make(map[string]uint16, min(nd, r.Len()/2))
	for i := 0; i < nd && rerr == nil; i++ {
		k := str()
		c := uv()
		if c >= uint64(nc) {
			rerr = fmt.Errorf("dictionary class %d out of range", c)
		}
		t.dict[k] = uint16(c)
	}
	if rerr != nil {
		return nil, fmt.Errorf("tag: reading tables: %w", rerr)
	}
	t.index()
	if t.model, err = perceptron.ReadModel(r); err != nil {
		return nil, fmt.Errorf("tag: %w", err)
	}
	if t.model.NumClasses() != nc {
		return nil, fmt.Errorf("tag: model has %d classes, tables %d", t.model.NumClasses(), nc)
	}
	if t.featSet&FeatTwoPass != 0 {
		if t.model2, err = perceptron.ReadModel(r); err != nil {
			return nil, fmt.Errorf("tag: second pass: %w", err)
		}
		if t.model2.NumClasses() != nc {
			return nil, fmt.Errorf("tag: second-pass model has %d classes, tables %d", t.model2.NumClasses(), nc)
		}
	}
	if t.lem, err = lemma.Read(r); err != nil {
		return nil, fmt.Errorf("tag: %w", err)
	}
	if r.Len() != 0 {
		return nil, errors.New("tag: trailing data after the model")
	}
	return t, nil
}

// ProperNames retags, after the entity recogniser has run, the common
// nouns inside a named entity (Token.Ent other than "" and "O") as proper
// nouns: NOUN becomes PROPN, NN NNP and NNS NNPS, and the lemma follows the
// new tag. The recogniser is trained on names in the same web and news text
// and sees the whole article, so where the two disagree it is right more
// often ("Sector" in "Enron Sector", "Album" in a title): +0.09 UPOS on
// EWT dev.
func (t *Tagger) ProperNames(d *text.Doc) {
	for i := range d.Tokens {
		tok := &d.Tokens[i]
		if tok.UPOS != "NOUN" || tok.Ent == "" || tok.Ent == "O" {
			continue
		}
		tok.UPOS = "PROPN"
		if tok.XPOS == "NNS" {
			tok.XPOS = "NNPS"
		} else {
			tok.XPOS = "NNP"
		}
		if w := word(d, tok); len(w) <= maxWordBytes {
			tok.Lemma = t.lem.Lemma(w, tok.XPOS)
		}
	}
}

// FiniteParticiples retags, after parsing, a past participle (VERB, VBN)
// that has a nominal subject (nsubj) and no auxiliary or copula among its
// dependents as a past-tense verb (VBD): "The United States imposed
// sanctions", where the tagger left "imposed" a participle. In the EWT and
// GUM news training trees, verbs with such dependents are VBD 3,980 times
// and VBN 4 times. Lemma and UPOS stay.
func FiniteParticiples(d *text.Doc) {
	const (
		hasSubj = 1 << iota
		hasAux
	)
	var marks []uint8
	for _, s := range d.Sentences {
		lo, hi := int(s.Start), int(s.End)
		if lo < 0 || hi > len(d.Tokens) || hi <= lo {
			continue
		}
		if cap(marks) < hi-lo {
			marks = make([]uint8, hi-lo)
		}
		marks = marks[:hi-lo]
		clear(marks)
		for i := lo; i < hi; i++ {
			h := int(d.Tokens[i].Head)
			if h < lo || h >= hi {
				continue
			}
			switch d.Tokens[i].Rel {
			case "nsubj":
				marks[h-lo] |= hasSubj
			case "aux", "aux:pass", "cop":
				marks[h-lo] |= hasAux
			}
		}
		for i := lo; i < hi; i++ {
			t := &d.Tokens[i]
			if marks[i-lo] == hasSubj && t.XPOS == "VBN" && t.UPOS == "VERB" {
				t.XPOS = "VBD"
			}
		}
	}
}

// FunctionWords retags, after parsing, words whose relation fixes their
// part of speech in UD: a verb the parser attaches as aux, aux:pass or
// cop is AUX (UD defines the auxiliary by that function; all 14,719 words
// so attached in the EWT and GUM news training trees are AUX), and a word
// attached as compound:prt is a particle, ADP with XPOS RP (all 903 of
// them). Lemmas stay.
func FunctionWords(d *text.Doc) {
	for i := range d.Tokens {
		t := &d.Tokens[i]
		switch t.Rel {
		case "aux", "aux:pass", "cop":
			if t.UPOS == "VERB" {
				t.UPOS = "AUX"
			}
		case "compound:prt":
			t.UPOS, t.XPOS = "ADP", "RP"
		}
	}
}
