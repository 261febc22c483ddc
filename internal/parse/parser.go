// Package parse is Détente's labelled dependency parser: greedy arc-eager
// transitions scored by an averaged perceptron (internal/perceptron) over
// Zhang & Nivre (2011) features, trained with a dynamic oracle and
// exploration (Goldberg & Nivre 2012, 2013).
//
// Parse fills Token.Head (absolute token index, -1 for the root) and
// Token.Rel (a Universal Dependencies relation from the model's label
// table) for every sentence of a text.Doc. Each sentence gets exactly one
// root and an acyclic tree. Parsing is linear in the sentence length and
// allocates nothing in steady state: per-sentence state comes from a pool.
package parse

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"

	"github.com/detente-project/detente/internal/perceptron"
	"github.com/detente-project/detente/internal/text"
	"github.com/detente-project/detente/internal/wordvec"
	"github.com/detente-project/detente/models"
)

// Parser is a trained parser. It is immutable and safe for concurrent use.
type Parser struct {
	labels  []string       // label id → UD relation
	root    int32          // id of "root"
	nsubj   int32          // id of "nsubj", -1 when the model has none
	flags   uint64         // optional template groups
	wordVec *wordvec.Table // word-vector clusters, for featEmbed
	model   *perceptron.Model
	pool    sync.Pool // *scratch
}

type scratch struct {
	st     state
	feats  []uint64
	scores []float32
}

func newParser(labels []string, flags uint64, wv *wordvec.Table, m *perceptron.Model) (*Parser, error) {
	p := &Parser{labels: labels, root: -1, nsubj: -1, flags: flags, wordVec: wv, model: m}
	for i, l := range labels {
		switch l {
		case "root":
			p.root = int32(i)
		case "nsubj":
			p.nsubj = int32(i)
		}
	}
	if p.root < 0 {
		return nil, errors.New("parse: label table has no root label")
	}
	if m.NumClasses() != 2+2*len(labels) {
		return nil, fmt.Errorf("parse: model has %d classes, want %d for %d labels", m.NumClasses(), 2+2*len(labels), len(labels))
	}
	return p, nil
}

// Labels returns the relation labels the parser can assign.
func (p *Parser) Labels() []string { return p.labels }

func (p *Parser) getScratch() *scratch {
	if s, ok := p.pool.Get().(*scratch); ok {
		return s
	}
	return &scratch{feats: make([]uint64, 0, numFeats), scores: make([]float32, p.model.NumClasses())}
}

// Parse assigns a head and a relation to every token of d, sentence by
// sentence. Tokens outside any sentence are left untouched. Tags
// (XPOS, or UPOS when XPOS is empty) should be filled first.
func (p *Parser) Parse(d *text.Doc) {
	sc := p.getScratch()
	defer p.pool.Put(sc)
	for _, sent := range d.Sentences {
		lo, hi := int(sent.Start), int(sent.End)
		if lo < 0 || hi > len(d.Tokens) || hi <= lo {
			continue
		}
		n := hi - lo
		st := &sc.st
		st.reset(n)
		st.flags, st.wordVec = p.flags, p.wordVec
		for i := 0; i < n; i++ {
			t := &d.Tokens[lo+i]
			tag := t.XPOS
			if tag == "" {
				tag = t.UPOS
			}
			st.setWord(i, wordAt(d, lo+i), tag, t.UPOS)
		}
		st.setRoot()
		p.decode(sc)
		p.repair(st)
		for i := 0; i < n; i++ {
			t := &d.Tokens[lo+i]
			h := st.head[i]
			if h == st.n || h < 0 {
				t.Head = -1
			} else {
				t.Head = int32(lo) + h
			}
			if l := st.label[i]; l >= 0 {
				t.Rel = p.labels[l]
			} else {
				t.Rel = p.labels[p.root]
			}
		}
	}
}

// wordAt returns the text of token i, or "" when its offsets are invalid.
func wordAt(d *text.Doc, i int) string {
	t := &d.Tokens[i]
	if t.Start < 0 || t.End < t.Start || int(t.End) > len(d.Text) {
		return ""
	}
	return d.Text[t.Start:t.End]
}

// parseWords parses one sentence given as forms and tags, writing 0-based
// heads (-1 for the root) and label ids. Used by training and evaluation.
func (p *Parser) parseWords(forms, tags, upos []string, heads, labels []int32) {
	sc := p.getScratch()
	defer p.pool.Put(sc)
	st := &sc.st
	n := len(forms)
	st.reset(n)
	st.flags, st.wordVec = p.flags, p.wordVec
	for i := range forms {
		st.setWord(i, forms[i], tags[i], upos[i])
	}
	st.setRoot()
	p.decode(sc)
	p.repair(st)
	for i := 0; i < n; i++ {
		h := st.head[i]
		if h == st.n {
			h = -1
		}
		heads[i] = h
		labels[i] = st.label[i]
	}
}

// decode runs the greedy transition loop on sc.st until it is terminal.
func (p *Parser) decode(sc *scratch) {
	st := &sc.st
	L := int32(len(p.labels))
	// Every move shifts a word or pops one, so the loop ends within 2n moves.
	for !st.terminal() {
		if c := st.forced(p.root, L); c >= 0 {
			act, l := classAction(c, L)
			st.apply(act, l)
			continue
		}
		sc.feats = st.features(sc.feats)
		p.model.Scores(sc.feats, sc.scores)
		if st.needsFix() {
			st.fix(bestLabel(sc.scores[2+L:], p.root))
			continue
		}
		c := bestClass(st, sc.scores, L, p.root)
		if c < 0 { // cannot happen in a consistent state; stay safe
			p.finish(st)
			return
		}
		act, l := classAction(c, L)
		st.apply(act, l)
	}
}

// finish completes a state the transition loop cannot continue: every
// headless word is attached to the first headless word, which becomes root.
func (p *Parser) finish(st *state) {
	var root int32 = none
	for i := int32(0); i < st.n; i++ {
		if st.head[i] == none {
			if root == none {
				root = i
				st.head[i], st.label[i] = st.n, p.root
			} else {
				st.head[i], st.label[i] = root, 0
			}
		}
	}
	st.stack = st.stack[:0]
	st.b = st.n
}

// bestLabel returns the highest-scoring label other than root among scores
// indexed by label id (ties to the lowest id).
func bestLabel(scores []float32, root int32) int32 {
	var best int32 = -1
	var bs float32
	for l, s := range scores {
		if int32(l) == root {
			continue
		}
		if best < 0 || s > bs {
			best, bs = int32(l), s
		}
	}
	if best < 0 {
		best = root
	}
	return best
}

func classAction(c int, L int32) (int, int32) {
	switch {
	case c == 0:
		return actShift, 0
	case c == 1:
		return actReduce, 0
	case c < 2+int(L):
		return actLeft, int32(c - 2)
	default:
		return actRight, int32(c - 2 - int(L))
	}
}

// labelOK reports whether label l may be used for an arc in state st: the
// root label only for the arc to the root, every other label elsewhere.
func labelOK(st *state, l, root int32) bool { return (st.b == st.n) == (l == root) }

// bestClass returns the highest-scoring valid class, ties to the lowest id,
// or -1 when none is valid.
func bestClass(st *state, scores []float32, L, root int32) int {
	best := -1
	var bs float32
	try := func(c int) {
		if best < 0 || scores[c] > bs {
			best, bs = c, scores[c]
		}
	}
	if st.valid(actShift) {
		try(0)
	}
	if st.valid(actReduce) {
		try(1)
	}
	if st.valid(actLeft) {
		if st.b == st.n {
			try(2 + int(root))
		} else {
			for l := int32(0); l < L; l++ {
				if l != root {
					try(2 + int(l))
				}
			}
		}
	}
	if st.valid(actRight) {
		for l := int32(0); l < L; l++ {
			if l != root {
				try(2 + int(L+l))
			}
		}
	}
	return best
}

// File magics: version 1 has the base templates only; version 2 records
// the optional template groups after the magic.
const (
	fileMagic1 = "DTPARSE1\n"
	fileMagic  = "DTPARSE2\n"
)

// WriteTo writes the parser gzip-compressed: magic, template flags, label
// table, model.
func (p *Parser) WriteTo(w io.Writer) (int64, error) {
	var buf bytes.Buffer
	buf.WriteString(fileMagic)
	var tmp [binary.MaxVarintLen64]byte
	buf.Write(tmp[:binary.PutUvarint(tmp[:], p.flags)])
	buf.Write(tmp[:binary.PutUvarint(tmp[:], uint64(len(p.labels)))])
	for _, l := range p.labels {
		buf.Write(tmp[:binary.PutUvarint(tmp[:], uint64(len(l)))])
		buf.WriteString(l)
	}
	if p.flags&featEmbed != 0 {
		buf.Write(tmp[:binary.PutUvarint(tmp[:], p.wordVec.ID())])
	}
	if _, err := p.model.WriteTo(&buf); err != nil {
		return 0, fmt.Errorf("parse: writing model: %w", err)
	}
	if err := perceptron.Gzip(w, buf.Bytes()); err != nil {
		return 0, fmt.Errorf("parse: writing: %w", err)
	}
	return int64(buf.Len()), nil
}

// Load reads a parser written by WriteTo (gzip-compressed).
func Load(b []byte) (*Parser, error) {
	r, err := perceptron.Gunzip(b)
	if err != nil {
		return nil, fmt.Errorf("parse: %w", err)
	}
	magic := make([]byte, len(fileMagic))
	if _, err := io.ReadFull(r, magic); err != nil || (string(magic) != fileMagic && string(magic) != fileMagic1) {
		return nil, errors.New("parse: not a parser model (bad magic)")
	}
	var flags uint64
	if string(magic) == fileMagic {
		if flags, err = binary.ReadUvarint(r); err != nil || flags&^knownFlags != 0 {
			return nil, fmt.Errorf("parse: unknown template flags %#x: %v", flags, err)
		}
	}
	nl, err := binary.ReadUvarint(r)
	if err != nil || nl == 0 || nl > 1000 {
		return nil, fmt.Errorf("parse: bad label count %d: %v", nl, err)
	}
	labels := make([]string, nl)
	for i := range labels {
		k, err := binary.ReadUvarint(r)
		if err != nil || k > 256 {
			return nil, fmt.Errorf("parse: bad label %d", i)
		}
		s := make([]byte, k)
		if _, err := io.ReadFull(r, s); err != nil {
			return nil, fmt.Errorf("parse: reading label %d: %w", i, err)
		}
		labels[i] = string(s)
	}
	var wv *wordvec.Table
	if flags&featEmbed != 0 {
		id, err := binary.ReadUvarint(r)
		if err != nil {
			return nil, fmt.Errorf("parse: reading the word-cluster table id: %w", err)
		}
		if wv, err = wordvec.ForModel(id); err != nil {
			return nil, fmt.Errorf("parse: %w", err)
		}
	}
	m, err := perceptron.ReadModel(r)
	if err != nil {
		return nil, fmt.Errorf("parse: %w", err)
	}
	return newParser(labels, flags, wv, m)
}

var (
	defaultOnce   sync.Once
	defaultParser *Parser
	defaultErr    error
)

// Default returns the parser shipped in package models, loading it on first
// use. It is shared and safe for concurrent use.
func Default() (*Parser, error) {
	defaultOnce.Do(func() {
		defaultParser, defaultErr = Load(models.Parser)
		if defaultErr != nil {
			defaultErr = fmt.Errorf("parse: loading the shipped model: %w", defaultErr)
		}
	})
	return defaultParser, defaultErr
}

// Prune returns a copy of p whose model keeps only weights of absolute
// value at least minAbs (see perceptron.Model.Prune).
func (p *Parser) Prune(minAbs float64) *Parser {
	return &Parser{labels: p.labels, root: p.root, nsubj: p.nsubj, flags: p.flags, wordVec: p.wordVec, model: p.model.Prune(minAbs)}
}

// Average returns the parser whose weights are the mean of the given
// parsers' (see perceptron.Average): the scores of an ensemble of parsers
// trained with different seeds, at the cost of one. The parsers must share
// labels and template groups.
func Average(ps []*Parser) (*Parser, error) {
	if len(ps) == 0 {
		return nil, errors.New("parse: nothing to average")
	}
	ms := make([]*perceptron.Model, len(ps))
	for i, p := range ps {
		if p.flags != ps[0].flags || !slices.Equal(p.labels, ps[0].labels) || p.wordVec != ps[0].wordVec {
			return nil, errors.New("parse: parsers to average differ in labels, templates or word clusters")
		}
		ms[i] = p.model
	}
	m, err := perceptron.Average(ms)
	if err != nil {
		return nil, fmt.Errorf("parse: %w", err)
	}
	return newParser(ps[0].labels, ps[0].flags, ps[0].wordVec, m)
}

// NumWeights returns the number of weights in the model.
func (p *Parser) NumWeights() int { return p.model.NumWeights() }
