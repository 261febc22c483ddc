// Package ner finds the names of people, organisations, places and other
// entities (PER, ORG, LOC, MISC) in tokenized text.
//
// The recogniser is an averaged perceptron over BILOU tags
// (internal/perceptron), decoded left to right with a beam of four and
// trained as a structured perceptron (see Train). Each decision sees the
// word, its lowercase form, shape, affixes and capitalisation, a ±2 token
// window, the two previous tags, gazetteer matches, word clusters, how the
// word is cased elsewhere in the article and how often it is capitalised
// in unlabelled text (CaseRates), the sentence's length, the document's
// register (how often it says "I", "you", "my": reviews, mail and forum
// posts name things differently from news), and a document history: the types
// already given to the same capitalised word in earlier sentences, which
// keeps "Blinken" a person after "Antony J. Blinken". Optional
// part-of-speech features (from internal/tag) and corpus-specific feature
// copies exist but are off in the shipped model: neither helped on the
// development sets. Transitions that BILOU forbids are never produced.
//
// Tag fills text.Token.Ent; Entities reads the mentions back as token spans;
// Group merges an article's mentions into schema.Entity values.
package ner

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"sync"

	"github.com/detente-project/detente/internal/perceptron"
	"github.com/detente-project/detente/internal/text"
	"github.com/detente-project/detente/internal/wordvec"
	"github.com/detente-project/detente/models"
)

// Recognizer is a trained entity recogniser. It is immutable and safe for
// concurrent use.
type Recognizer struct {
	lx    *lexicon
	model scorer
	pool  sync.Pool // *decoder
}

func newRecognizer(lx *lexicon, m scorer) *Recognizer {
	r := &Recognizer{lx: lx, model: m}
	r.pool.New = func() any { return newDecoder(lx) }
	return r
}

// Domains returns the names of the corpora the model was trained on with
// corpus-specific features, in order; empty when it has none.
func (r *Recognizer) Domains() []string { return r.lx.domains }

// WithDomain returns a recogniser that tags in the conventions of the named
// training corpus (one of Domains). The default is the first corpus.
func (r *Recognizer) WithDomain(name string) (*Recognizer, error) {
	i := slices.Index(r.lx.domains, name)
	if i < 0 {
		return nil, fmt.Errorf("ner: unknown domain %q (model has %v)", name, r.lx.domains)
	}
	lx := *r.lx
	lx.corpus = uint64(i + 1)
	return newRecognizer(&lx, r.model), nil
}

// Labels returns the model's tag set (O, then B-, I-, L-, U- per type).
func (r *Recognizer) Labels() []string { return r.lx.labels }

// Types returns the entity types the model knows.
func (r *Recognizer) Types() []string { return r.lx.types }

var (
	defaultOnce sync.Once
	defaultRec  *Recognizer
	defaultErr  error
)

// Default returns the recogniser embedded in package models, loading it on
// first use.
func Default() (*Recognizer, error) {
	defaultOnce.Do(func() {
		defaultRec, defaultErr = Load(models.NER)
	})
	return defaultRec, defaultErr
}

// Tag sets Token.Ent of every token in d to a BILOU tag ("B-PER", "O", …)
// drawn from the model's label table. Sentences are tagged in order and the
// whole Doc is treated as one article for the document history. A Doc
// without sentences is tagged as a single sentence.
func (r *Recognizer) Tag(d *text.Doc) {
	if len(d.Tokens) == 0 {
		return
	}
	dec := r.pool.Get().(*decoder)
	defer r.pool.Put(dec)
	dec.startDoc()
	word := func(i int) string {
		t := &d.Tokens[i]
		if 0 <= t.Start && t.Start <= t.End && int(t.End) <= len(d.Text) {
			return d.Text[t.Start:t.End]
		}
		return ""
	}
	if len(d.Sentences) == 0 {
		for i := range d.Tokens {
			dec.scanWord(word(i), i == 0)
		}
	} else {
		for _, s := range d.Sentences {
			for i := max(int(s.Start), 0); i < int(s.End) && i < len(d.Tokens); i++ {
				dec.scanWord(word(i), i == int(s.Start))
			}
		}
	}
	words, upos, xpos := dec.words[:0], dec.upos[:0], dec.xpos[:0]
	tagRange := func(start, end int) {
		words, upos, xpos = words[:0], upos[:0], xpos[:0]
		for i := start; i < end; i++ {
			words = append(words, word(i))
			if r.lx.usePOS {
				upos = append(upos, d.Tokens[i].UPOS)
				xpos = append(xpos, d.Tokens[i].XPOS)
			}
		}
		dec.prepare(words, upos, xpos)
		dec.decode(r.model, r.lx.corpus)
		for i, tg := range dec.tags {
			d.Tokens[start+i].Ent = r.lx.labels[tg]
		}
	}
	n := len(d.Tokens)
	if len(d.Sentences) == 0 {
		tagRange(0, n)
	} else {
		next := 0 // tokens outside every sentence get O
		for _, s := range d.Sentences {
			start, end := int(s.Start), int(s.End)
			if start < next || end > n || start >= end {
				continue
			}
			for i := next; i < start; i++ {
				d.Tokens[i].Ent = "O"
			}
			tagRange(start, end)
			next = end
		}
		for i := next; i < n; i++ {
			d.Tokens[i].Ent = "O"
		}
	}
	dec.words, dec.upos, dec.xpos = words[:0], upos[:0], xpos[:0]
	r.joinAdjacentPersons(d, word)
	r.laterSurnames(d, word)
}

// joinAdjacentPersons makes one person of a name the model split in two: a
// person, or a one-word location or organisation, directly followed by a
// person ("Jeb/U-PER Bush/U-PER", "Jeb/U-LOC Bush/U-PER": the word clusters
// put "jeb" among governors' surnames). CoNLL-2003's training names never
// have two persons side by side, and a location or organisation right
// before a person once in 23,000 names. A one-word MISC before a person
// stays ("American Anne Miller"), and so does a place or organisation the
// gazetteer knows by that type ("U.S. Cardinal Bernardin", where the
// model took the title into the name).
func (r *Recognizer) joinAdjacentPersons(d *text.Doc, word func(i int) string) {
	if !slices.Contains(r.lx.types, "PER") {
		return
	}
	join := func(lo, hi int) {
		spans := chunkTokens(d.Tokens, lo, hi, nil)
		for k := 0; k+1 < len(spans); k++ {
			a, b := spans[k], spans[k+1]
			if a.End != b.Start || b.Type != "PER" ||
				!(a.Type == "PER" || (a.End-a.Start == 1 && (a.Type == "LOC" || a.Type == "ORG") &&
					!r.lx.gazetteered(word(int(a.Start)), a.Type))) {
				continue
			}
			for i := a.Start; i < b.End; i++ {
				switch i {
				case a.Start:
					d.Tokens[i].Ent = "B-PER"
				case b.End - 1:
					d.Tokens[i].Ent = "L-PER"
				default:
					d.Tokens[i].Ent = "I-PER"
				}
			}
			spans[k+1] = Span{Start: a.Start, End: b.End, Type: "PER"} // it may join the next one
		}
	}
	if len(d.Sentences) == 0 {
		join(0, len(d.Tokens))
		return
	}
	for _, s := range d.Sentences {
		if 0 <= s.Start && s.Start <= s.End && int(s.End) <= len(d.Tokens) {
			join(int(s.Start), int(s.End))
		}
	}
}

// laterSurnames makes a person's surname, met alone later in the article,
// a person too: a capitalised word that ended an earlier multiword PER name
// and is now tagged O or as a one-word MISC becomes a one-word PER ("Kanye
// West … West said", where West alone reads as "the West"). One-word
// locations and organisations stay: "Washington" after "George
// Washington" may well be the city.
func (r *Recognizer) laterSurnames(d *text.Doc, word func(i int) string) {
	if !slices.Contains(r.lx.types, "PER") {
		return
	}
	misc := ""
	if slices.Contains(r.lx.types, "MISC") {
		misc = "U-MISC"
	}
	var surnames map[string]bool
	for i := range d.Tokens {
		t := &d.Tokens[i]
		switch {
		case t.Ent == "L-PER":
			if surnames == nil {
				surnames = map[string]bool{}
			}
			surnames[word(i)] = true
		case surnames != nil && (t.Ent == "O" || (misc != "" && t.Ent == misc)):
			if w := word(i); len(w) > 1 && w[0] >= 'A' && w[0] <= 'Z' && surnames[w] {
				t.Ent = "U-PER"
			}
		}
	}
}

// UsesPOS reports whether the model has part-of-speech features, so that
// tokens should be tagged (internal/tag) before Tag is called.
func (r *Recognizer) UsesPOS() bool { return r.lx.usePOS }

// Pretagger fills UPOS and XPOS of a Doc's tokens (internal/tag's Tagger).
type Pretagger interface {
	Tag(d *text.Doc)
}

// docOf builds a run-time Doc from a column-corpus document: the words
// joined by single spaces, one text.Sentence per sentence.
func docOf(doc Document) *text.Doc {
	d := &text.Doc{}
	var b bytes.Buffer
	for _, s := range doc.Sentences {
		start := int32(len(d.Tokens))
		for _, w := range s.Words {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			st := int32(b.Len())
			b.WriteString(w)
			d.Tokens = append(d.Tokens, text.Token{Start: st, End: int32(b.Len()), Head: -1, SpaceAfter: true})
		}
		d.Sentences = append(d.Sentences, text.Sentence{Start: start, End: int32(len(d.Tokens))})
	}
	d.Text = b.String()
	return d
}

// AddPOS tags every sentence of docs with pre and stores the tags in the
// sentences' UPOS and XPOS, for training a model with POS features on the
// tagger's own output.
func AddPOS(docs []Document, pre Pretagger) {
	for di := range docs {
		d := docOf(docs[di])
		pre.Tag(d)
		for si := range docs[di].Sentences {
			s := &docs[di].Sentences[si]
			ts := d.Sentences[si]
			s.UPOS = make([]string, len(s.Words))
			s.XPOS = make([]string, len(s.Words))
			for j := range s.Words {
				tok := &d.Tokens[int(ts.Start)+j]
				s.UPOS[j], s.XPOS[j] = tok.UPOS, tok.XPOS
			}
		}
	}
}

// TagDocument tags a column-corpus document through the run-time path (a
// text.Doc of the words joined by spaces, tagged first by pre when the
// model uses POS features and pre is not nil) and returns one tag slice per
// sentence.
func (r *Recognizer) TagDocument(doc Document, pre Pretagger) [][]string {
	d := docOf(doc)
	if r.lx.usePOS && pre != nil {
		pre.Tag(d)
	}
	r.Tag(d)
	out := make([][]string, len(doc.Sentences))
	for i, s := range d.Sentences {
		tags := make([]string, s.End-s.Start)
		for j := range tags {
			tags[j] = d.Tokens[int(s.Start)+j].Ent
		}
		out[i] = tags
	}
	return out
}

// fileMagic heads the model format; version 1 files (no POS flag) are
// still read.
const (
	fileMagic   = "DTNER2\n"
	fileMagicV1 = "DTNER1\n"
)

// Save writes the recogniser, gzip-compressed, in the format Load reads.
func (r *Recognizer) Save(w io.Writer) error {
	m, ok := r.model.(*perceptron.Model)
	if !ok {
		return errors.New("ner: only a finished model can be saved")
	}
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("ner: %w", err)
	}
	bw := bufio.NewWriter(zw)
	var tmp [binary.MaxVarintLen64]byte
	put := func(v uint64) { bw.Write(tmp[:binary.PutUvarint(tmp[:], v)]) }
	putKey := func(k uint64) {
		binary.LittleEndian.PutUint64(tmp[:8], k)
		bw.Write(tmp[:8])
	}
	lx := r.lx
	bw.WriteString(fileMagic)
	put(uint64(len(lx.types)))
	for _, t := range lx.types {
		put(uint64(len(t)))
		bw.WriteString(t)
	}
	put(lx.corpus)
	if lx.domainFeats {
		put(1)
	} else {
		put(0)
	}
	put(uint64(len(lx.domains)))
	for _, t := range lx.domains {
		put(uint64(len(t)))
		bw.WriteString(t)
	}
	// Feature flags: 1 part-of-speech, 2 word-vector clusters (followed by
	// the table's id).
	var fl uint64
	if lx.usePOS {
		fl |= 1
	}
	if lx.wordVec != nil {
		fl |= 2
	}
	put(fl)
	if lx.wordVec != nil {
		put(lx.wordVec.ID())
	}
	put(uint64(lx.gazMax))
	put(uint64(len(lx.gaz)))
	for _, k := range slices.Sorted(maps.Keys(lx.gaz)) {
		putKey(k)
		bw.WriteByte(lx.gaz[k])
	}
	put(uint64(len(lx.clusters)))
	for _, k := range slices.Sorted(maps.Keys(lx.clusters)) {
		putKey(k)
		put(uint64(lx.clusters[k]))
	}
	if _, err := m.WriteTo(bw); err != nil {
		return fmt.Errorf("ner: writing weights: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("ner: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("ner: %w", err)
	}
	return nil
}

// Load reads a recogniser written by Save.
func Load(b []byte) (*Recognizer, error) {
	br, err := perceptron.Gunzip(b)
	if err != nil {
		return nil, fmt.Errorf("ner: %w", err)
	}
	magic := make([]byte, len(fileMagic))
	if _, err := io.ReadFull(br, magic); err != nil || (string(magic) != fileMagic && string(magic) != fileMagicV1) {
		return nil, errors.New("ner: model: bad magic")
	}
	var rerr error
	get := func() uint64 {
		v, err := binary.ReadUvarint(br)
		if err != nil && rerr == nil {
			rerr = err
		}
		return v
	}
	var kb [8]byte
	getKey := func() uint64 {
		if _, err := io.ReadFull(br, kb[:]); err != nil && rerr == nil {
			rerr = err
		}
		return binary.LittleEndian.Uint64(kb[:])
	}
	nt := get()
	if rerr != nil || nt == 0 || nt > 7 {
		return nil, fmt.Errorf("ner: model: bad type count %d", nt)
	}
	types := make([]string, nt)
	for i := range types {
		l := get()
		if rerr != nil || l > 64 {
			return nil, errors.New("ner: model: bad type name")
		}
		s := make([]byte, l)
		if _, err := io.ReadFull(br, s); err != nil {
			return nil, fmt.Errorf("ner: model: %w", err)
		}
		types[i] = string(s)
	}
	lx := newLexicon(types)
	lx.corpus = get()
	lx.domainFeats = get() == 1
	nd := get()
	if rerr != nil || nd > 64 {
		return nil, errors.New("ner: model: bad domain count")
	}
	for i := uint64(0); i < nd; i++ {
		l := get()
		if rerr != nil || l > 256 {
			return nil, errors.New("ner: model: bad domain name")
		}
		s := make([]byte, l)
		if _, err := io.ReadFull(br, s); err != nil {
			return nil, fmt.Errorf("ner: model: %w", err)
		}
		lx.domains = append(lx.domains, string(s))
	}
	if string(magic) == fileMagic {
		fl := get()
		lx.usePOS = fl&1 != 0
		if fl&2 != 0 {
			id := get()
			if rerr != nil {
				return nil, errors.New("ner: model: truncated feature flags")
			}
			var err error
			if lx.wordVec, err = wordvec.ForModel(id); err != nil {
				return nil, fmt.Errorf("ner: %w", err)
			}
		}
	}
	lx.gazMax = int(get())
	ng := get()
	if rerr != nil || ng > 1<<24 || lx.gazMax > 64 {
		return nil, errors.New("ner: model: bad gazetteer header")
	}
	lx.gaz = make(map[uint64]uint8, ng)
	for i := uint64(0); i < ng; i++ {
		k := getKey()
		v, err := br.ReadByte()
		if err != nil || rerr != nil {
			return nil, errors.New("ner: model: truncated gazetteer")
		}
		lx.gaz[k] = v
	}
	nc := get()
	if rerr != nil || nc > 1<<24 {
		return nil, errors.New("ner: model: bad cluster count")
	}
	lx.clusters = make(map[uint64]uint32, nc)
	for i := uint64(0); i < nc; i++ {
		k := getKey()
		v := get()
		if rerr != nil {
			return nil, errors.New("ner: model: truncated clusters")
		}
		lx.clusters[k] = uint32(v)
	}
	m, err := perceptron.ReadModel(br)
	if err != nil {
		return nil, fmt.Errorf("ner: model: %w", err)
	}
	// Models carry one extra training-only class (see Train).
	if m.NumClasses() != len(lx.labels) && m.NumClasses() != len(lx.labels)+1 {
		return nil, fmt.Errorf("ner: model has %d classes, tag set %d", m.NumClasses(), len(lx.labels))
	}
	return newRecognizer(lx, m), nil
}
