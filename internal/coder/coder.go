// Package coder turns parsed sentences into CAMEO/PLOVER coded events: who
// did what to whom, with the evidence (argument and trigger spans, the
// lexicon rule, the sentence) that produced each event.
//
// The coder reads Universal Dependencies parses (English-EWT relations) from
// a text.Doc, matches predicates against the verb lexicon (lexicon/verbs.txt)
// and resolves the source and target noun phrases through an Actors
// resolver, with appositives, coordination, passives, control and reported
// speech, negation, future/intent and in-article coreference.
package coder

import (
	"strings"
	"sync"
	"time"

	"github.com/detente-project/detente/internal/schema"
	"github.com/detente-project/detente/internal/text"
)

// Actors resolves a noun phrase to a CAMEO actor on a date.
type Actors interface {
	// ResolvePhrase resolves the noun phrase made of tokens (indices into
	// doc.Tokens, ascending) as of date. It reports false when the phrase
	// names no known actor.
	ResolvePhrase(doc *text.Doc, tokens []int32, date time.Time) (schema.Actor, bool)
}

// EventInfo is what the ontology knows about a CAMEO event code.
type EventInfo struct {
	Name      string
	Goldstein float64
	QuadClass int
	Plover    string // PLOVER event type; "" when PLOVER drops the code
	Mode      string
	Context   []string
}

// Ontology looks CAMEO event codes up.
type Ontology interface {
	Event(code string) (EventInfo, bool)
}

// Coder codes events from parsed documents. It is safe for concurrent use.
type Coder struct {
	lex    *Lexicon
	actors Actors
	onto   Ontology
	pool   sync.Pool
}

// New returns a coder. onto may be nil (events then carry only codes).
func New(lex *Lexicon, actors Actors, onto Ontology) *Coder {
	c := &Coder{lex: lex, actors: actors, onto: onto}
	c.pool.New = func() any { return new(state) }
	return c
}

// Lexicon returns the coder's lexicon.
func (c *Coder) Lexicon() *Lexicon { return c.lex }

// mention is an actor resolved in the article, kept for coreference.
type mention struct {
	actor   schema.Actor
	person  bool
	subject bool // the mention was a clause subject
	sent    int
	tok     int32 // head token
}

// pred is a matched predicate in the current sentence.
type pred struct {
	tok      int32
	entry    int32  // lexicon entry
	code     string // final code (after chains)
	rule     string
	consumed bool  // folded into a governing chain
	comp     int32 // complement predicate folded in, or -1
	modality string
	negated  bool
}

// state is per-call scratch, pooled.
type state struct {
	doc        *text.Doc
	date       time.Time
	firstChild []int32
	nextSib    []int32
	predAt     []int32 // token → index in preds, -1
	resolved   []int32 // token → mention index+1, 0 unknown, -1 failed
	preds      []pred
	stack      []int32
	phrase     []int32
	mark       []bool
	mentions   []mention
	srcs, tgts []argActor
	si         int           // the sentence being coded
	sent       text.Sentence // its token range, validated
}

type argActor struct {
	actor schema.Actor
	head  int32
}

func (st *state) reset(doc *text.Doc, date time.Time) {
	n := len(doc.Tokens)
	st.doc, st.date = doc, date
	st.firstChild = grow(st.firstChild, n)
	st.nextSib = grow(st.nextSib, n)
	st.predAt = grow(st.predAt, n)
	st.resolved = grow(st.resolved, n)
	if cap(st.mark) < n {
		st.mark = make([]bool, n)
	}
	st.mark = st.mark[:n]
	st.mentions = st.mentions[:0]
}

func grow(s []int32, n int) []int32 {
	if cap(s) < n {
		return make([]int32, n)
	}
	return s[:n]
}

// Code codes every sentence of doc, resolving actors as of date, and returns
// the events in sentence and trigger order. Event IDs are "e<sentence>.<n>".
func (c *Coder) Code(doc *text.Doc, date time.Time) []schema.Event {
	if doc == nil || len(doc.Tokens) == 0 {
		return nil
	}
	st := c.pool.Get().(*state)
	defer func() {
		st.doc = nil // do not keep the caller's document alive in the pool
		c.pool.Put(st)
	}()
	st.reset(doc, date)
	var out []schema.Event
	for s := range doc.Sentences {
		n := len(out)
		out = c.codeSentence(st, s, out)
		out = dedupe(out, n)
	}
	return out
}

// dedupe drops, among the events out[from:] of one sentence, those that
// repeat another's trigger, code and actor codes ("NATO" and "NATO
// Secretary General Mark Rutte" visiting Kyiv are one visit), keeping the
// one with the longer source span.
func dedupe(out []schema.Event, from int) []schema.Event {
	same := func(a, b *schema.Event) bool {
		return a.Trigger.Start == b.Trigger.Start && a.Cameo == b.Cameo && a.Source.Code == b.Source.Code &&
			targetCode(a) == targetCode(b) && a.Negated == b.Negated && a.Modality == b.Modality
	}
	kept := out[:from]
	for i := from; i < len(out); i++ {
		e := &out[i]
		dup := false
		for j := from; j < len(kept); j++ {
			if same(&kept[j], e) {
				if e.Source.End-e.Source.Start > kept[j].Source.End-kept[j].Source.Start {
					kept[j] = *e
				}
				dup = true
				break
			}
		}
		if !dup {
			kept = append(kept, *e)
		}
	}
	return kept
}

func targetCode(e *schema.Event) string {
	if e.Target == nil {
		return ""
	}
	return e.Target.Code
}

// valid reports whether a sentence's token range and heads are usable.
func validSentence(doc *text.Doc, s text.Sentence) bool {
	if s.Start < 0 || s.End > int32(len(doc.Tokens)) || s.Start >= s.End {
		return false
	}
	tl := int32(len(doc.Text))
	for i := s.Start; i < s.End; i++ {
		t := &doc.Tokens[i]
		if t.Start < 0 || t.End > tl || t.Start > t.End {
			return false
		}
	}
	return true
}

func (c *Coder) codeSentence(st *state, si int, out []schema.Event) []schema.Event {
	doc := st.doc
	sent := doc.Sentences[si]
	if !validSentence(doc, sent) {
		return out
	}
	toks := doc.Tokens
	st.si, st.sent = si, sent
	// child lists; heads outside the sentence are ignored
	for i := sent.Start; i < sent.End; i++ {
		st.firstChild[i], st.nextSib[i], st.predAt[i], st.resolved[i] = -1, -1, -1, 0
	}
	for i := sent.End - 1; i >= sent.Start; i-- {
		h := toks[i].Head
		if h >= sent.Start && h < sent.End && h != i {
			st.nextSib[i] = st.firstChild[h]
			st.firstChild[h] = i
		}
	}
	// predicates
	st.preds = st.preds[:0]
	for i := sent.Start; i < sent.End; i++ {
		if e := c.match(st, i); e >= 0 {
			st.predAt[i] = int32(len(st.preds))
			en := &c.lex.Entries[e]
			st.preds = append(st.preds, pred{tok: i, entry: e, code: en.Code, rule: en.Rule, comp: -1, modality: schema.Asserted})
		}
	}
	// modality, negation, chains
	for pi := range st.preds {
		p := &st.preds[pi]
		p.negated = st.negated(p.tok)
		if st.future(p.tok) {
			p.modality = schema.Intended
		}
		// "will not accept", "did not allow": a refusal
		if p.negated && inSet(lemmaOrForm(st.doc, p.tok), refusable) {
			p.negated = false
			p.code, p.rule = "120", "not "+p.rule
		}
		r := root(p.code)
		for ch := st.firstChild[p.tok]; ch >= 0; ch = st.nextSib[ch] {
			if !isComplement(st, ch) {
				continue
			}
			cp := st.complementPred(ch)
			if cp < 0 {
				continue
			}
			q := &st.preds[cp]
			if q.negated {
				continue
			}
			if code, ok := c.lex.Chain(r, root(q.code)); ok {
				q.consumed = true
				p.comp = cp
				p.code = code
				p.rule = p.rule + " + " + q.rule
				break
			}
		}
	}
	// complements of appeals, demands, criticism, rejection and threats
	// are not asserted events ("accused X of violating the ceasefire"); a
	// statement that someone must or should act is a demand or an appeal
	for pi := range st.preds {
		p := &st.preds[pi]
		if p.consumed {
			continue
		}
		if st.background(p.tok) {
			p.consumed = true
			continue
		}
		h := toks[p.tok].Head
		if h < sent.Start || h >= sent.End || !isComplement(st, p.tok) {
			continue
		}
		hp := st.predAt[h]
		if hp < 0 {
			continue
		}
		switch root(st.preds[hp].code) {
		case "02", "10", "11", "12", "13":
			p.consumed = true
		case "01":
			if baseRel(toks[p.tok].Rel) == "ccomp" && st.preds[hp].comp < 0 {
				switch st.obligation(p.tok) {
				case 2:
					st.preds[hp].code, st.preds[hp].rule = "100", st.preds[hp].rule+" that … must"
					st.preds[hp].comp, p.consumed = int32(pi), true
				case 1:
					st.preds[hp].code, st.preds[hp].rule = "020", st.preds[hp].rule+" that … should"
					st.preds[hp].comp, p.consumed = int32(pi), true
				}
			}
		case "03":
			if p.modality == schema.Asserted {
				p.modality = schema.Intended
			}
		}
	}
	// "declared that China must drop barriers": a demand even when the
	// demanded act is not in the lexicon
	for pi := range st.preds {
		p := &st.preds[pi]
		if root(p.code) != "01" || p.comp >= 0 || p.code == "100" || p.code == "020" {
			continue
		}
		for ch := st.firstChild[p.tok]; ch >= 0; ch = st.nextSib[ch] {
			if baseRel(toks[ch].Rel) != "ccomp" || st.predAt[ch] >= 0 {
				continue
			}
			switch st.obligation(ch) {
			case 2:
				p.code, p.rule = "100", p.rule+" that … must"
			case 1:
				p.code, p.rule = "020", p.rule+" that … should"
			}
		}
	}
	for pi := range st.preds {
		p := &st.preds[pi]
		if p.modality == schema.Intended && p.comp < 0 && !p.negated {
			if code, ok := c.lex.Chain("00", root(p.code)); ok {
				p.code = code
				p.rule = "will " + p.rule
			}
		}
	}
	// reported speech and inherited intent
	for pi := range st.preds {
		p := &st.preds[pi]
		if p.consumed || p.modality != schema.Asserted {
			continue
		}
		for h := toks[p.tok].Head; h >= sent.Start && h < sent.End; h = toks[h].Head {
			rel := baseRel(toks[p.tok].Rel)
			if rel != "ccomp" && rel != "xcomp" && rel != "parataxis" && rel != "advcl" {
				break
			}
			if hp := st.predAt[h]; hp >= 0 {
				if root(c.lex.Entries[st.preds[hp].entry].Code) == "01" && rel != "advcl" {
					p.modality = schema.Reported
				}
			}
			break
		}
	}
	nEv := 0
	first := len(out)
	for pi := range st.preds {
		p := st.preds[pi]
		if p.consumed || st.controlOnly(&p) {
			continue
		}
		out = c.emit(st, si, &p, out, &nEv)
	}
	// remember subjects for later coreference
	for i := sent.Start; i < sent.End; i++ {
		if r := baseRel(toks[i].Rel); (r == "nsubj" || r == "nsubj:pass") && st.resolved[i] == 0 && toks[i].UPOS != "PRON" {
			st.resolve(c, i)
		}
	}
	if len(out) > first {
		st.fillCountries(c, out[first:], si)
	}
	return out
}

// match returns the best lexicon entry for token i, or -1.
func (c *Coder) match(st *state, i int32) int32 {
	t := &st.doc.Tokens[i]
	switch t.UPOS {
	case "VERB", "ADJ":
	case "NOUN", "AUX", "ADP", "PROPN", "DET", "PRON", "PUNCT", "NUM", "CCONJ", "SCONJ", "PART", "SYM", "INTJ", "X":
		return -1
	}
	if !clausal(t.Rel) {
		return -1
	}
	// a predicate after "be" ("was committed to") tries its be: entries
	// first, by form, so the passive of "commit" is not misread
	if st.hasChild(i, "cop") || st.hasChild(i, "aux:pass") {
		for _, e := range c.lex.Candidates(st.doc.Text[t.Start:t.End]) {
			if c.lex.Entries[e].Be && c.entryMatches(st, i, e) {
				return e
			}
		}
	}
	cands := c.lex.Candidates(t.Lemma)
	if cands == nil && t.UPOS == "VERB" {
		cands = c.lex.CandidatesForm(st.doc.Text[t.Start:t.End])
	}
	for _, e := range cands {
		if c.entryMatches(st, i, e) {
			return e
		}
	}
	return -1
}

func (c *Coder) entryMatches(st *state, i int32, ei int32) bool {
	e := &c.lex.Entries[ei]
	t := &st.doc.Tokens[i]
	if e.Be {
		if !st.hasChild(i, "cop") && !st.hasChild(i, "aux:pass") {
			return false
		}
	} else if t.UPOS == "ADJ" {
		return false
	}
	if e.Particle != "" {
		ok := false
		for ch := st.firstChild[i]; ch >= 0; ch = st.nextSib[ch] {
			ct := &st.doc.Tokens[ch]
			if (ct.Rel == "compound:prt" || (baseRel(ct.Rel) == "advmod" || ct.Rel == "obl") && ct.UPOS != "VERB") && strings.EqualFold(lemmaOrForm(st.doc, ch), e.Particle) {
				ok = true
				break
			}
		}
		if !ok && st.adjacentParticle(i, e.Particle) {
			ok = true
		}
		if !ok {
			return false
		}
	}
	if e.Objects != nil {
		o := st.object(i)
		if len(e.Objects) == 1 && e.Objects[0] == "-" {
			return o < 0 || st.doc.Tokens[o].Rel != "obj"
		}
		wild := len(e.Objects) == 1 && (e.Objects[0] == "*" || e.Objects[0] == "+")
		if o < 0 && wild {
			return false
		}
		switch {
		case len(e.Objects) == 1 && e.Objects[0] == "*":
		case len(e.Objects) == 1 && e.Objects[0] == "+":
			// the object must name an actor: "struck Gaza", not "struck a note"
			if !isNominal(st.doc.Tokens[o].UPOS) || c.actors == nil {
				return false
			}
			if _, ok := c.resolveHead(st, st.quantityHead(o)); !ok {
				return false
			}
		case st.slot(i, e) < 0:
			return false
		}
	}
	if len(e.Preps) > 0 && e.Objects == nil {
		// the preposition must be present for a prep-only pattern
		if st.oblWith(i, e.Preps) < 0 {
			return false
		}
	}
	if e.SourcePrep != "" && st.oblWith(i, []string{e.SourcePrep}) < 0 {
		return false
	}
	return true
}

// object returns the object of predicate i: obj, or nsubj:pass, or -1.
func (st *state) object(i int32) int32 {
	pass := int32(-1)
	for ch := st.firstChild[i]; ch >= 0; ch = st.nextSib[ch] {
		switch st.doc.Tokens[ch].Rel {
		case "obj":
			return ch
		case "nsubj:pass":
			pass = ch
		}
	}
	if pass < 0 {
		// "strike a deal": obl without case is sometimes the object
		for ch := st.firstChild[i]; ch >= 0; ch = st.nextSib[ch] {
			if st.doc.Tokens[ch].Rel == "obl" && st.caseOf(ch) == "" && st.doc.Tokens[ch].UPOS == "NOUN" {
				return ch
			}
		}
	}
	return pass
}

// slot returns the word that fills entry e's object slot at predicate i:
// the object when its lemma is listed, else an oblique introduced by one of
// e's prepositions ("called for sanctions", "went on strike"); or -1.
func (st *state) slot(i int32, e *Entry) int32 {
	if o := st.object(i); o >= 0 && st.objectIn(o, e.Objects) {
		return o
	}
	if len(e.Preps) == 0 {
		return -1
	}
	for ch := st.firstChild[i]; ch >= 0; ch = st.nextSib[ch] {
		r := baseRel(st.doc.Tokens[ch].Rel)
		if (r == "obl" || r == "nmod") && inSet(st.caseOf(ch), e.Preps) && st.objectIn(ch, e.Objects) {
			return ch
		}
	}
	return -1
}

// objectIn reports whether the object's lemma (or a compound/amod modifier or
// its of-complement: "a hunger strike", "the lifting of sanctions") is in set.
func (st *state) objectIn(o int32, set []string) bool {
	if inSet(lemmaOrForm(st.doc, o), set) {
		return true
	}
	for ch := st.firstChild[o]; ch >= 0; ch = st.nextSib[ch] {
		r := st.doc.Tokens[ch].Rel
		if r == "compound" || r == "amod" || r == "nummod" {
			if inSet(lemmaOrForm(st.doc, ch), set) {
				return true
			}
		}
	}
	// a quantity's of-phrase: "25,000 tons of food aid", "part of a
	// military aid program"
	for ch := st.firstChild[o]; ch >= 0; ch = st.nextSib[ch] {
		if baseRel(st.doc.Tokens[ch].Rel) != "nmod" || st.caseOf(ch) != "of" {
			continue
		}
		if inSet(lemmaOrForm(st.doc, ch), set) {
			return true
		}
		for cc := st.firstChild[ch]; cc >= 0; cc = st.nextSib[cc] {
			if st.doc.Tokens[cc].Rel == "compound" && inSet(lemmaOrForm(st.doc, cc), set) {
				return true
			}
		}
	}
	return false
}

// clausal reports relations a predicate can hold: a verb tagged as a
// modifier ("Planning Minister") is no event.
func clausal(rel string) bool {
	switch baseRel(rel) {
	case "root", "ccomp", "xcomp", "advcl", "conj", "parataxis", "acl", "acl:relcl", "csubj", "dep", "list", "":
		return true
	}
	return false
}

func inSet(w string, set []string) bool {
	for _, s := range set {
		if strings.EqualFold(w, s) {
			return true
		}
	}
	return false
}

func lemmaOrForm(doc *text.Doc, i int32) string {
	t := &doc.Tokens[i]
	if t.Lemma != "" && t.Lemma != "_" {
		return t.Lemma
	}
	return doc.Text[t.Start:t.End]
}

func (st *state) hasChild(i int32, rel string) bool {
	for ch := st.firstChild[i]; ch >= 0; ch = st.nextSib[ch] {
		if st.doc.Tokens[ch].Rel == rel {
			return true
		}
	}
	return false
}

// caseOf returns the lemma of the case (or mark) child of a nominal, or "".
func (st *state) caseOf(n int32) string {
	for ch := st.firstChild[n]; ch >= 0; ch = st.nextSib[ch] {
		if st.doc.Tokens[ch].Rel == "case" {
			return lemmaOrForm(st.doc, ch)
		}
	}
	return ""
}

// oblWith returns the first oblique (or nmod) child of i whose case is in preps.
func (st *state) oblWith(i int32, preps []string) int32 {
	for ch := st.firstChild[i]; ch >= 0; ch = st.nextSib[ch] {
		r := baseRel(st.doc.Tokens[ch].Rel)
		if r != "obl" && r != "nmod" && r != "obl:agent" {
			continue
		}
		if inSet(st.caseOf(ch), preps) {
			return ch
		}
	}
	// a phrase the parser hung on a time expression belongs to the
	// predicate: "launched a mediation effort on Saturday between the
	// Emirates and Saudi Arabia"
	for ch := st.firstChild[i]; ch >= 0; ch = st.nextSib[ch] {
		if baseRel(st.doc.Tokens[ch].Rel) != "obl" || !isTimeWord(lemmaOrForm(st.doc, ch)) {
			continue
		}
		for g := st.firstChild[ch]; g >= 0; g = st.nextSib[g] {
			if baseRel(st.doc.Tokens[g].Rel) == "nmod" && g > ch && inSet(st.caseOf(g), preps) {
				return g
			}
		}
	}
	return -1
}

func baseRel(r string) string {
	switch r {
	case "nsubj:pass", "aux:pass", "obl:agent", "acl:relcl", "compound:prt", "nmod:poss", "csubj:pass":
		return r
	}
	if i := strings.IndexByte(r, ':'); i >= 0 {
		return r[:i]
	}
	return r
}

func (st *state) negated(i int32) bool {
	for ch := st.firstChild[i]; ch >= 0; ch = st.nextSib[ch] {
		t := &st.doc.Tokens[ch]
		if baseRel(t.Rel) == "advmod" || t.Rel == "neg" || t.Rel == "aux" {
			w := lemmaOrForm(st.doc, ch)
			if strings.EqualFold(w, "not") || strings.EqualFold(w, "n't") || strings.EqualFold(w, "never") || strings.EqualFold(st.doc.Text[t.Start:t.End], "n't") {
				return true
			}
		}
	}
	return false
}

// background reports clauses that give the circumstances of the main
// event rather than an asserted event of their own: participial modifiers
// ("inspectors probing sites", "a lunch hosted by the ambassador"),
// purposes ("opened fire to disperse demonstrators") and temporal clauses
// ("after a jet shot down a helicopter").
func (st *state) background(v int32) bool {
	t := &st.doc.Tokens[v]
	switch baseRel(t.Rel) {
	case "acl":
		// also infinitival modifiers: "the right of Russian troops to fire"
		return t.XPOS == "VBG" || t.XPOS == "VBN" && st.oblWith(v, []string{"by"}) >= 0 || st.hasMark(v, "to")
	case "advcl":
		h := t.Head
		if h < 0 || int(h) >= len(st.doc.Tokens) || st.predAt[h] < 0 {
			return false
		}
		if st.hasMark(v, "while", "whereas") && st.hasChild(v, "nsubj") {
			// a contrast with its own subject is an event of its own: "the
			// EU announced sanctions, while NATO's chief visited Kyiv"
			return false
		}
		if st.hasMark(v, "to", "after", "before", "as", "when", "while", "since", "until", "because", "once", "for", "by", "without", "despite", "upon") {
			return true
		}
		// a subjectless participle elaborating a coded event: "rioted,
		// setting fire to their mattresses"
		return t.XPOS == "VBG" && !st.hasChild(v, "nsubj") && !st.hasChild(v, "mark")
	}
	return false
}

// controlOnly reports a control verb that is no event of its own without a
// coded complement ("planned the killings", "helped to carry out"): its
// complement, if any, is coded instead.
func (st *state) controlOnly(p *pred) bool {
	if p.comp >= 0 {
		return false
	}
	w := lemmaOrForm(st.doc, p.tok)
	switch {
	case inSet(w, controlVerbs):
		return true
	case inSet(w, helpVerbs):
		return st.hasChild(p.tok, "xcomp")
	}
	return false
}

var (
	controlVerbs = []string{"plan", "intend", "want", "wish", "decide", "aim", "expect", "prepare"}
	helpVerbs    = []string{"help", "assist"}
)

// refusable verbs become a rejection when negated.
var refusable = []string{"accept", "allow", "permit", "agree", "recognize", "recognise"}

// obligation returns 2 for a clause with "must" (or "have to"), 1 for
// "should"/"ought", else 0.
func (st *state) obligation(i int32) int {
	for ch := st.firstChild[i]; ch >= 0; ch = st.nextSib[ch] {
		t := &st.doc.Tokens[ch]
		if t.Rel != "aux" {
			continue
		}
		w := st.doc.Text[t.Start:t.End]
		switch {
		case strings.EqualFold(w, "must"):
			return 2
		case strings.EqualFold(w, "should"), strings.EqualFold(w, "ought"):
			return 1
		}
	}
	return 0
}

func (st *state) future(i int32) bool {
	for ch := st.firstChild[i]; ch >= 0; ch = st.nextSib[ch] {
		t := &st.doc.Tokens[ch]
		if t.Rel == "aux" {
			w := st.doc.Text[t.Start:t.End]
			if strings.EqualFold(w, "will") || strings.EqualFold(w, "'ll") || strings.EqualFold(w, "shall") || strings.EqualFold(w, "wo") {
				return true
			}
			// reported "would": "said it would tighten the blockade"
			if strings.EqualFold(w, "would") && baseRel(st.doc.Tokens[i].Rel) == "ccomp" {
				return true
			}
		}
	}
	return false
}

func isComplement(st *state, ch int32) bool {
	t := &st.doc.Tokens[ch]
	switch baseRel(t.Rel) {
	case "xcomp", "ccomp":
		return true
	case "advcl", "obl", "acl":
		// "committed to managing", "accused X of attacking"; not a
		// contrast with its own subject ("…, while China praised France")
		return t.UPOS == "VERB" && !(st.hasMark(ch, "while", "whereas") && st.hasChild(ch, "nsubj"))
	}
	return false
}

// complementPred returns the predicate index of a complement clause headed
// by ch (or of its first coded conjunct), or -1.
func (st *state) complementPred(ch int32) int32 {
	if p := st.predAt[ch]; p >= 0 {
		return p
	}
	return -1
}

// adjacentParticle reports whether the word right after verb i is its
// particle p even though the parser attached it elsewhere: "handed over 700
// kg" is often parsed with "over" modifying the quantity. Only an adverb,
// adposition or particle in the same sentence counts, and not one that
// heads a phrase of its own ("handed over to the Red Cross" keeps "to").
func (st *state) adjacentParticle(i int32, p string) bool {
	j := i + 1
	if j >= st.sent.End || int(j) >= len(st.doc.Tokens) {
		return false
	}
	t := &st.doc.Tokens[j]
	switch t.UPOS {
	case "ADV", "ADP", "PART":
	default:
		return false
	}
	if t.Rel == "case" && t.Head > j+1 {
		// a preposition of a following noun phrase: "turned on the
		// government" is not "turn on"
		return false
	}
	return strings.EqualFold(lemmaOrForm(st.doc, j), p)
}
