package ner

import (
	"github.com/detente-project/detente/internal/perceptron"
	"github.com/detente-project/detente/internal/wordvec"
)

// scorer is what decoding needs from a model: the trainer while training,
// the averaged model at run time.
type scorer interface {
	Scores(feats []uint64, out []float32)
}

// lexicon holds the model's tables other than weights: tag set, gazetteer
// and word clusters. It is immutable once built.
type lexicon struct {
	labels []string
	info   []tagInfo
	types  []string
	// gaz maps the hash of a lowercased token sequence to a type bit mask;
	// gazPrefix marks keys that are proper prefixes of longer entries.
	gaz    map[uint64]uint8
	gazMax int
	// clusters maps a lowercased word hash to its cluster path and
	// case-rate bucket (see clusterMask).
	clusters map[uint64]uint32
	// wordVec gives each word's cluster of pretrained word vectors; nil
	// when the model has no such features.
	wordVec *wordvec.Table
	// domains names the training corpora; corpus is the 1-based domain used
	// at run time (0: none). domainFeats enables corpus-specific copies of
	// every feature.
	domains     []string
	corpus      uint64
	domainFeats bool
	// usePOS: the model has part-of-speech features and expects tagged
	// tokens (UPOS, XPOS from internal/tag).
	usePOS bool
}

const gazPrefix = 0x80

// A clusters value packs a word's cluster path (bits 8–27, length in the
// low byte, 0 when the word has no cluster) and its case-rate bucket
// (bits 28–31, see CaseRates).
const (
	clusterMask = 1<<20 - 1
	caseShift   = 28
)

// newLexicon builds the BILOU label table for the given entity types.
func newLexicon(types []string) *lexicon {
	lx := &lexicon{types: types, labels: []string{"O"}, info: []tagInfo{{'O', -1}}}
	for t, ty := range types {
		for _, p := range []byte{'B', 'I', 'L', 'U'} {
			lx.labels = append(lx.labels, string(p)+"-"+ty)
			lx.info = append(lx.info, tagInfo{p, t})
		}
	}
	return lx
}

// decoder holds the scratch space for tagging one document at a time.
type decoder struct {
	lx     *lexicon
	toks   []tokInfo
	buf    []byte
	feats  []uint64
	scores []float32
	tags   []int
	words  []string // scratch for Recognizer.Tag
	upos   []string
	xpos   []string
	dyn    []uint64
	beam   []hyp
	// Document history: for each capitalised word, how often each type (0 =
	// O, t+1 = types[t]) was predicted earlier in the document.
	hist   map[uint64]int32
	counts []uint16
	// docCase records, for each lowercase form in the document, how it is
	// written anywhere in it (docLower, docTitle, docCaps bits), so that a
	// headline's "JAPAN" or a sentence-initial word can borrow the evidence
	// of its other occurrences.
	docCase map[uint64]uint8
	scan    tokInfo
	// noUpper: the prepared sentence has no capital letter at all (web
	// text written in lowercase).
	noUpper bool
	// The document's register: how often its words are first and second
	// person pronouns and the like, counted by scanWord. Reviews, mail and
	// forum posts are full of them, news reports are not, and the two name
	// things differently (an unknown capitalised word in a review is more
	// often a shop than a person).
	regHits, regWords int
	register          uint64
}

const (
	docLower = 1 << iota // written without capitals
	docTitle             // capitalised, not sentence-initial, not all caps
	docCaps              // all capitals
)

// scanWord adds one occurrence of w to the document case table.
func (d *decoder) scanWord(w string, initial bool) {
	d.regWords++
	switch w {
	case "I", "me", "my", "My", "you", "You", "your", "Your", "we", "We", "our", "Our",
		"'m", "'ve", "'ll", "n't", "!", "?", ":)":
		d.regHits++
	}
	d.buf = analyse(w, d.buf[:0], &d.scan)
	fl := d.scan.flags
	var bit uint8
	switch {
	case fl&flNoLetter != 0:
		return
	case fl&flHasUpper == 0:
		bit = docLower
	case fl&flAllCaps != 0:
		bit = docCaps
	case !initial && fl&flInitCap != 0:
		bit = docTitle
	default:
		return
	}
	d.docCase[d.scan.lower] |= bit
}

func newDecoder(lx *lexicon) *decoder {
	return &decoder{
		lx:      lx,
		scores:  make([]float32, len(lx.labels)),
		hist:    make(map[uint64]int32),
		docCase: make(map[uint64]uint8),
	}
}

// startDoc clears the document history.
func (d *decoder) startDoc() {
	clear(d.hist)
	clear(d.docCase)
	d.counts = d.counts[:0]
	d.regHits, d.regWords, d.register = 0, 0, 0
}

// prepare computes the per-token values of a sentence. upos and xpos,
// when not nil, hold the tokens' part-of-speech tags.
func (d *decoder) prepare(words, upos, xpos []string) {
	n := len(words)
	if cap(d.toks) < n {
		d.toks = make([]tokInfo, n, n+n/2)
		d.tags = make([]int, n, n+n/2)
	}
	d.toks = d.toks[:n]
	d.tags = d.tags[:n]
	d.buf = d.buf[:0]
	d.noUpper = true
	switch r := d.regHits * 100; {
	case r >= 3*d.regWords && d.regHits > 0:
		d.register = 2
	case r >= d.regWords && d.regHits > 0:
		d.register = 1
	default:
		d.register = 0
	}
	for i, w := range words {
		d.buf = analyse(w, d.buf, &d.toks[i])
		if e := d.lx.wordVec.Lookup(w); e != 0 {
			d.toks[i].emb = [3]uint64{uint64(e.Level(1)), uint64(e.Level(2)), uint64(e)}
		}
		if d.toks[i].flags&flHasUpper != 0 {
			d.noUpper = false
		}
		ti := &d.toks[i]
		ti.upos, ti.xpos = 0, 0
		if d.lx.usePOS {
			if i < len(upos) && upos[i] != "" {
				ti.upos = perceptron.HashString(upos[i])
			}
			if i < len(xpos) && xpos[i] != "" {
				ti.xpos = perceptron.HashString(xpos[i])
			}
		}
	}
	lx := d.lx
	if len(lx.gaz) > 0 {
		for i := 0; i < n; i++ {
			h := uint64(fGaz)
			for j := i; j < n && j-i < lx.gazMax; j++ {
				h = perceptron.Hash(fGaz, h, d.toks[j].lower, 0)
				v, ok := lx.gaz[h]
				if !ok {
					break
				}
				if m := v &^ gazPrefix; m != 0 {
					for t := 0; t < 7; t++ {
						if m&(1<<t) == 0 {
							continue
						}
						if j == i {
							d.toks[i].gaz |= 1 << (t*4 + 3) // U
							continue
						}
						d.toks[i].gaz |= 1 << (t * 4) // B
						for k := i + 1; k < j; k++ {
							d.toks[k].gaz |= 1 << (t*4 + 1) // I
						}
						d.toks[j].gaz |= 1 << (t*4 + 2) // L
					}
				}
				if v&gazPrefix == 0 {
					break
				}
			}
		}
	}
	if len(lx.clusters) > 0 {
		for i := range d.toks {
			c, ok := lx.clusters[d.toks[i].lower]
			if !ok {
				continue
			}
			d.toks[i].caseRate = uint8(c >> caseShift)
			bits, length := c>>8&clusterMask, c&0xff
			if length == 0 {
				continue
			}
			for k, pl := range [3]uint32{4, 8, 12} {
				if pl > length {
					pl = length
				}
				d.toks[i].cluster[k] = uint64(bits>>(length-pl))<<8 | uint64(pl)
			}
		}
	}
}

// dynFeatures fills d.dyn with the features of position i that depend on
// the two previous tags.
func (d *decoder) dynFeatures(i, prev, prev2 int, corpus uint64) []uint64 {
	cur := &d.toks[i]
	h := perceptron.Hash
	f := append(d.dyn[:0],
		h(fPrev, uint64(prev), 0, 0),
		h(fPrev2, uint64(prev), uint64(prev2), 0),
		h(fPrevLower, uint64(prev), cur.lower, 0),
		h(fPrevShape, uint64(prev), cur.short, 0),
	)
	f = d.addDomain(f, corpus)
	d.dyn = f
	return f
}

// addDomain appends corpus-specific copies of f's features when the model
// uses them.
func (d *decoder) addDomain(f []uint64, corpus uint64) []uint64 {
	if corpus != 0 && d.lx.domainFeats {
		// Frustratingly easy domain adaptation (Daumé 2007): every feature
		// also fires in a copy private to the corpus, so corpora may differ
		// in conventions while sharing what they agree on.
		salt := perceptron.Hash(fCorpus, corpus, 0, 0)
		for _, x := range f {
			f = append(f, perceptron.Mix(x^salt))
		}
	}
	return f
}

// staticFeatures fills d.feats with the features of position i that do not
// depend on previous tags.
func (d *decoder) staticFeatures(i int, capsSent bool, corpus uint64) []uint64 {
	t := d.toks
	n := len(t)
	cur := &t[i]
	f := d.feats[:0]
	h := perceptron.Hash
	const none = 0x5bd1e995 // value for positions outside the sentence
	lower := func(j int) uint64 {
		if j < 0 || j >= n {
			return none
		}
		return t[j].lower
	}
	shape := func(j int) uint64 {
		if j < 0 || j >= n {
			return none
		}
		return t[j].shape
	}
	short := func(j int) uint64 {
		if j < 0 || j >= n {
			return none
		}
		return t[j].short
	}
	f = append(f,
		h(fBias, 0, 0, 0),
		h(fLower, cur.lower, 0, 0),
		h(fWord, cur.word, 0, 0),
		h(fShape, cur.shape, 0, 0),
		h(fShort, cur.short, 0, 0),
		h(fFlags, uint64(cur.flags), 0, 0),
		h(fLowerM1, lower(i-1), 0, 0),
		h(fLowerP1, lower(i+1), 0, 0),
		h(fLowerM2, lower(i-2), 0, 0),
		h(fLowerP2, lower(i+2), 0, 0),
		h(fShapeM1, shape(i-1), 0, 0),
		h(fShapeP1, shape(i+1), 0, 0),
		h(fShortM2, short(i-2), 0, 0),
		h(fShortP2, short(i+2), 0, 0),
		h(fBigramL, lower(i-1), cur.lower, 0),
		h(fBigramR, cur.lower, lower(i+1), 0),
		h(fShortTri, short(i-1), cur.short, short(i+1)),
		h(fLowerM1Short, lower(i-1), cur.short, 0),
		h(fShortLowerP1, cur.short, lower(i+1), 0),
	)
	if i == 0 {
		f = append(f, h(fInitial, cur.short, 0, 0))
	}
	if capsSent {
		f = append(f, h(fCapsSent, cur.lower, 0, 0))
	}
	// Very short sentences are headers, greetings and signatures in mail
	// and web text ("Anne ,", "Thanks , Jared").
	f = append(f, h(fSentLen, uint64(min(n, 5)), cur.short, 0))
	if d.noUpper {
		f = append(f, h(fLowerSent, cur.lower, 0, 0))
	}
	if r := d.register; r != 0 {
		f = append(f, h(fRegShape, r, cur.short, 0), h(fRegLower, r, cur.lower, 0))
		if cur.cluster[1] != 0 {
			f = append(f, h(fRegCluster, r, cur.cluster[1], 0))
		}
		if cur.gaz != 0 {
			f = append(f, h(fRegGaz, r, uint64(cur.gaz), 0))
		}
	}
	// Affixes of the lowercase form, by runes.
	lw := d.buf[cur.lo:cur.hi]
	if len(lw) > 0 {
		ph, k := uint64(fnvOffset), 0
		for b := 0; b < len(lw) && k < 4; {
			size := runeLen(lw[b])
			for e := b; e < b+size && e < len(lw); e++ {
				ph = fnv(ph, lw[e])
			}
			b += size
			k++
			if b < len(lw) {
				f = append(f, h(fPrefix, uint64(k), ph, 0))
			}
		}
		sh, k := uint64(fnvOffset), 0
		for e := len(lw); e > 0 && k < 4; k++ {
			b := e - 1
			for b > 0 && lw[b]&0xC0 == 0x80 {
				b--
			}
			for x := e - 1; x >= b; x-- {
				sh = fnv(sh, lw[x])
			}
			e = b
			if e > 0 {
				f = append(f, h(fSuffix, uint64(k+1), sh, 0))
			}
		}
	}
	if cur.flags&flHasUpper != 0 {
		if r, ok := d.hist[cur.lower]; ok {
			c := d.counts[r : r+int32(len(d.lx.types)+1)]
			best, bestN := 0, uint16(0)
			for ty, cnt := range c {
				if cnt > 0 {
					f = append(f, h(fHist, uint64(ty), 0, 0))
					if cnt > bestN {
						best, bestN = ty, cnt
					}
				}
			}
			f = append(f, h(fHistMaj, uint64(best), 0, 0), h(fHistShape, uint64(best), cur.short, 0))
		}
	}
	if len(d.docCase) > 0 && cur.flags&flNoLetter == 0 {
		dc := d.docCase[cur.lower]
		f = append(f, h(fDocCase, uint64(dc), uint64(cur.flags&(flInitCap|flAllCaps|flHasUpper)), 0))
		if i == 0 || capsSent {
			f = append(f, h(fDocCaseCtx, uint64(dc), cur.short, 0))
		}
	}
	if cur.upos != 0 || cur.xpos != 0 {
		f = append(f, h(fUPOS, cur.upos, 0, 0), h(fXPOS, cur.xpos, 0, 0), h(fUPOSLower, cur.upos, cur.lower, 0))
		if i > 0 {
			f = append(f, h(fXPOSM1, t[i-1].xpos, 0, 0))
		}
		if i+1 < n {
			f = append(f, h(fXPOSP1, t[i+1].xpos, 0, 0))
		}
	}
	if g := cur.gaz; g != 0 {
		for b := 0; b < 28; b++ {
			if g&(1<<b) != 0 {
				f = append(f, h(fGaz, uint64(b), 0, 0), h(fGazCase, uint64(b), uint64(cur.flags&(flInitCap|flAllCaps|flHasUpper)), 0))
			}
		}
	}
	if i > 0 && t[i-1].gaz != 0 {
		f = append(f, h(fGazM1, uint64(t[i-1].gaz), 0, 0))
	}
	if i+1 < n && t[i+1].gaz != 0 {
		f = append(f, h(fGazP1, uint64(t[i+1].gaz), 0, 0))
	}
	if cur.caseRate != 0 {
		f = append(f, h(fCaseRate, uint64(cur.caseRate), uint64(cur.flags&(flInitCap|flAllCaps|flHasUpper)), boolBit(i == 0)))
	}
	if c := cur.cluster; c[0] != 0 {
		f = append(f, h(fCluster, c[0], 1, 0), h(fCluster, c[1], 2, 0), h(fCluster, c[2], 3, 0))
	}
	if i > 0 && t[i-1].cluster[1] != 0 {
		f = append(f, h(fClusterM1, t[i-1].cluster[1], 0, 0))
	}
	if i+1 < n && t[i+1].cluster[1] != 0 {
		f = append(f, h(fClusterP1, t[i+1].cluster[1], 0, 0))
	}
	if e := cur.emb; e[0] != 0 {
		f = append(f, h(fEmb, e[0], 1, 0), h(fEmb, e[1], 2, 0), h(fEmb, e[2], 3, 0),
			h(fEmbShape, e[1], cur.short, 0))
	}
	if i > 0 && t[i-1].emb[1] != 0 {
		f = append(f, h(fEmbM1, t[i-1].emb[1], 0, 0))
	}
	if i+1 < n && t[i+1].emb[1] != 0 {
		f = append(f, h(fEmbP1, t[i+1].emb[1], 0, 0))
	}
	f = d.addDomain(f, corpus)
	d.feats = f
	return f
}

func boolBit(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// runeLen returns the length of the UTF-8 sequence starting with b.
func runeLen(b byte) int {
	switch {
	case b < 0x80:
		return 1
	case b < 0xE0:
		return 2
	case b < 0xF0:
		return 3
	}
	return 4
}

// capsSentence reports whether a sentence is written in capitals (CoNLL
// headlines): most tokens with letters have no lowercase.
func (d *decoder) capsSentence() bool {
	caps, letters := 0, 0
	for i := range d.toks {
		fl := d.toks[i].flags
		if fl&flNoLetter != 0 {
			continue
		}
		letters++
		if fl&flAllCaps != 0 || (fl&flHasUpper != 0 && d.toks[i].hi-d.toks[i].lo == 1) {
			caps++
		}
	}
	return letters >= 3 && caps*10 >= letters*8
}

// beamWidth is the number of hypotheses kept while decoding. Features
// that do not depend on earlier tags are scored once per token and shared
// by every hypothesis, so each extra hypothesis costs only the four
// tag-history lookups per token.
var beamWidth = 4

type hyp struct {
	score     float32
	tag, prev int32 // this position's tag and the previous one
	back      int32 // index of the predecessor in the previous beam
	ok        bool  // slot in use
	gold      bool  // the path so far agrees with the gold tags (training)
}

// goldCheck reports whether tag c at position i agrees with the gold
// annotation (training only).
type goldCheck func(i, c int) bool

// search runs the beam over the prepared sentence, leaving the beams in
// d.beam (width k, one row per position plus the start row). With a gold
// check it also tracks whether the gold path survives and returns the
// first position whose beam lost it (-1 if it never did).
func (d *decoder) search(sc scorer, corpus uint64, k int, gold goldCheck) int {
	n := len(d.toks)
	caps := d.capsSentence()
	info := d.lx.info
	nl := len(info)
	if len(d.scores) < 2*(nl+1) {
		d.scores = make([]float32, 2*(nl+1))
	}
	// Score slices have room for a training-only sink class (see train.go).
	static, dyn := d.scores[:nl+1], d.scores[nl+1:2*(nl+1)]
	if cap(d.beam) < (n+1)*k {
		d.beam = make([]hyp, (n+1)*k)
	}
	beam := d.beam[:(n+1)*k]
	for j := range beam[:k] {
		beam[j] = hyp{}
	}
	beam[0] = hyp{ok: true, gold: true} // start: previous tags O
	lost := -1
	for i := 0; i < n; i++ {
		st := d.staticFeatures(i, caps, corpus)
		sc.Scores(st, static)
		last := i == n-1
		prevBeam := beam[i*k : i*k+k]
		next := beam[(i+1)*k : (i+1)*k+k]
		for j := range next {
			next[j] = hyp{}
		}
		for pj := range prevBeam {
			ph := &prevBeam[pj]
			if !ph.ok {
				continue
			}
			dy := d.dynFeatures(i, int(ph.tag), int(ph.prev), corpus)
			sc.Scores(dy, dyn)
			for c := 0; c < nl; c++ {
				if !validNext(info[ph.tag], info[c], last) {
					continue
				}
				s := ph.score + static[c] + dyn[c]
				// Insert into next (best first) if it makes the cut; ties
				// keep the earlier candidate, so lower tag ids win.
				pos := k
				for pos > 0 && (!next[pos-1].ok || s > next[pos-1].score) {
					pos--
				}
				if pos == k {
					continue
				}
				copy(next[pos+1:], next[pos:k-1])
				g := false
				if gold != nil {
					g = ph.gold && gold(i, c)
				}
				next[pos] = hyp{score: s, tag: int32(c), prev: ph.tag, back: int32(pj), ok: true, gold: g}
			}
		}
		if gold != nil && lost < 0 {
			found := false
			for j := range next {
				found = found || (next[j].ok && next[j].gold)
			}
			if !found {
				lost = i
			}
		}
	}
	return lost
}

// backtrack writes the tags of the best hypothesis at position i (0-based,
// inclusive) and its predecessors into out[0..i].
func (d *decoder) backtrack(k, i int, out []int) {
	j := int32(0)
	for p := i + 1; p >= 1; p-- {
		h := &d.beam[p*k+int(j)]
		out[p-1] = int(h.tag)
		j = h.back
	}
}

// decode tags one sentence (already prepared), leaving the tag ids in
// d.tags, and records its entities in the document history.
func (d *decoder) decode(sc scorer, corpus uint64) {
	n := len(d.toks)
	if n == 0 {
		return
	}
	d.search(sc, corpus, beamWidth, nil)
	d.backtrack(beamWidth, n-1, d.tags)
	d.remember()
}

// remember adds the sentence's predicted types to the document history.
func (d *decoder) remember() {
	stride := int32(len(d.lx.types) + 1)
	for i := range d.toks {
		if d.toks[i].flags&flHasUpper == 0 {
			continue
		}
		r, ok := d.hist[d.toks[i].lower]
		if !ok {
			r = int32(len(d.counts))
			for k := int32(0); k < stride; k++ {
				d.counts = append(d.counts, 0)
			}
			d.hist[d.toks[i].lower] = r
		}
		ty := d.lx.info[d.tags[i]].typ + 1
		if c := &d.counts[r+int32(ty)]; *c < 0xffff {
			*c++
		}
	}
}
