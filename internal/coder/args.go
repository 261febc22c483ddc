package coder

import (
	"strconv"
	"strings"

	"github.com/detente-project/detente/internal/kb"
	"github.com/detente-project/detente/internal/schema"
	"github.com/detente-project/detente/internal/text"
)

// defaultPreps introduce a target oblique when the lexicon entry names none.
var defaultPreps = []string{"with", "against", "to", "toward", "towards", "on", "upon", "into", "between"}

// maxDepth bounds every walk up or down the tree, so a cyclic or degenerate
// parse cannot loop.
const maxDepth = 12

// subject returns the subject of predicate v (following control, coordination
// and relative clauses up the tree) and whether v is passive.
func (c *Coder) subject(st *state, v int32, be bool) (int32, bool) {
	toks := st.doc.Tokens
	sent := st.sent
	orig := v
	for depth := 0; depth < maxDepth; depth++ {
		s, ps := st.directSubjects(v)
		if s < 0 && ps < 0 {
			s, ps = st.auxSubject(v)
		}
		if s < 0 && ps < 0 {
			s = st.timeSubject(v)
		}
		h := toks[v].Head
		inSent := h >= sent.Start && h < sent.End
		if s >= 0 {
			if isRelPron(st, s) && toks[v].Rel == "acl:relcl" && inSent {
				return h, false
			}
			return s, false
		}
		if ps >= 0 {
			if isRelPron(st, ps) && toks[v].Rel == "acl:relcl" && inSent {
				ps = h
			}
			// inherited through coordination, the head's passive holds only
			// for a participle: "was indicted and will resign"
			return ps, !be && (v == orig || toks[orig].XPOS == "VBN")
		}
		if !inSent {
			return -1, false
		}
		switch baseRel(toks[v].Rel) {
		case "acl:relcl", "acl":
			// "the rebels who attacked": handled above; a reduced relative
			// "troops deployed to X" has its noun as subject
			// a participle modifier counts as passive only with its agent
			// ("property seized by the army"): parsers often misread a main
			// verb as a modifier of its subject ("Kurds demonstrated").
			// A finite verb (a past form, or a participle with an object,
			// which a reduced relative lacks) misread as modifying the last
			// of coordinated subjects ("Fabius and a group of deputies held
			// talks") has the whole coordination as subject.
			pass := toks[v].XPOS == "VBN" && st.oblWith(v, []string{"by"}) >= 0
			finite := toks[v].XPOS == "VBD" || toks[v].XPOS == "VBN" && st.hasChild(v, "obj")
			if finite && toks[h].Rel == "conj" {
				if g := toks[h].Head; g >= sent.Start && g < h && isNominal(toks[g].UPOS) {
					return g, pass
				}
			}
			return h, pass
		case "xcomp":
			// object control: "urged Iran to resume talks"
			if hp := st.predAt[h]; hp >= 0 {
				r := root(c.lex.Entries[st.preds[hp].entry].Code)
				if r == "02" || r == "10" || r == "13" {
					if o := st.object(h); o >= 0 && toks[o].Rel == "obj" {
						return o, false
					}
				}
			}
			v = h
		case "conj", "advcl", "ccomp", "parataxis", "obl":
			v = h
		default:
			return -1, false
		}
	}
	return -1, false
}

func isRelPron(st *state, i int32) bool {
	w := lemmaOrForm(st.doc, i)
	return strings.EqualFold(w, "who") || strings.EqualFold(w, "which") || strings.EqualFold(w, "that") || strings.EqualFold(w, "whom")
}

// target returns the target head of predicate v for entry e, or -1.
func (c *Coder) target(st *state, v int32, e *Entry) int32 {
	toks := st.doc.Tokens
	preps := e.Preps
	if len(preps) == 0 {
		preps = defaultPreps
	}
	if e.Objects != nil {
		o := st.object(v)
		if o >= 0 && len(e.Objects) == 1 && (e.Objects[0] == "*" || e.Objects[0] == "+") {
			return o
		}
		if s := st.slot(v, e); s >= 0 && s != o {
			// the slot is an oblique ("called for sanctions against
			// Nigeria"): its own modifiers, then the verb's object and
			// other obliques
			if t := st.oblWith(s, defaultPreps); t >= 0 {
				return t
			}
			if o >= 0 && toks[o].Rel == "obj" && isNominal(toks[o].UPOS) {
				return o
			}
			for ch := st.firstChild[v]; ch >= 0; ch = st.nextSib[ch] {
				if r := baseRel(toks[ch].Rel); ch != s && (r == "obl" || r == "iobj") && (r == "iobj" || inSet(st.caseOf(ch), defaultPreps)) {
					return ch
				}
			}
			return -1
		}
		if o >= 0 {
			if t := st.oblWith(o, preps); t >= 0 {
				return t
			}
			// "demanded the release of the hostages": who is to act
			if r := root(e.Code); r == "02" || r == "10" || r == "12" {
				if t := st.oblWith(o, []string{"of", "by"}); t >= 0 {
					return t
				}
			}
		}
		if t := st.oblWith(v, preps); t >= 0 {
			return t
		}
		for ch := st.firstChild[v]; ch >= 0; ch = st.nextSib[ch] {
			if toks[ch].Rel == "iobj" {
				return ch
			}
		}
		// the object itself, when it names an actor ("support a UN resolution")
		if o >= 0 && toks[o].Rel == "obj" && isNominal(toks[o].UPOS) {
			return o
		}
		return -1
	}
	if len(e.Preps) > 0 {
		return st.oblWith(v, e.Preps)
	}
	for ch := st.firstChild[v]; ch >= 0; ch = st.nextSib[ch] {
		if toks[ch].Rel == "obj" && isNominal(toks[ch].UPOS) {
			return ch
		}
	}
	for ch := st.firstChild[v]; ch >= 0; ch = st.nextSib[ch] {
		if toks[ch].Rel == "iobj" {
			return ch
		}
		if m := st.misreadNounModifier(ch); m >= 0 {
			return m
		}
	}
	return st.oblWith(v, preps)
}

// misreadNounModifier returns the name modifying an object noun the parser
// misread as a verb complement: in "rejected a US offer to host a summit"
// read as "rejected [a US] offer(VERB)", "offer" has a determiner, which no
// verb takes, and its "subject" "US" is the noun's modifier. It returns
// that modifier when it lies between the determiner and the word, or -1.
func (st *state) misreadNounModifier(ch int32) int32 {
	toks := st.doc.Tokens
	if r := toks[ch].Rel; (r != "xcomp" && r != "ccomp") || toks[ch].UPOS != "VERB" {
		return -1
	}
	det, mod := int32(-1), int32(-1)
	for d := st.firstChild[ch]; d >= 0 && d < ch; d = st.nextSib[d] {
		switch toks[d].Rel {
		case "det":
			switch strings.ToLower(lemmaOrForm(st.doc, d)) {
			case "a", "an", "the":
				det = d
			}
		case "nsubj":
			if toks[d].UPOS == "PROPN" {
				mod = d
			}
		}
	}
	if det < 0 || mod < det {
		return -1
	}
	return mod
}

// deepTarget looks for a target inside the complements of v: "committed to
// managing its relations with China".
func (c *Coder) deepTarget(st *state, v int32, depth int) int32 {
	if depth > 3 {
		return -1
	}
	toks := st.doc.Tokens
	for ch := st.firstChild[v]; ch >= 0; ch = st.nextSib[ch] {
		r := baseRel(toks[ch].Rel)
		switch r {
		case "obl":
			if toks[ch].Rel == "obl:unmarked" && toks[ch].UPOS == "PROPN" {
				return ch
			}
			if toks[ch].UPOS != "VERB" {
				continue
			}
			if t := st.oblWith(ch, defaultPreps); t >= 0 {
				return t
			}
		case "obj":
			if t := st.oblWith(ch, defaultPreps); t >= 0 {
				return t
			}
		case "xcomp", "ccomp", "advcl":
			if toks[ch].UPOS != "VERB" {
				continue
			}
			if t := st.oblWith(ch, defaultPreps); t >= 0 {
				return t
			}
			for cc := st.firstChild[ch]; cc >= 0; cc = st.nextSib[cc] {
				if toks[cc].Rel == "obj" {
					if t := st.oblWith(cc, defaultPreps); t >= 0 {
						return t
					}
				}
			}
			if t := c.deepTarget(st, ch, depth+1); t >= 0 {
				return t
			}
		}
	}
	return -1
}

// addressee returns the hearer of the speech predicate governing v ("told Xi
// that …"), or -1.
func (st *state) addressee(v int32) int32 {
	toks := st.doc.Tokens
	h := toks[v].Head
	if h < 0 || int(h) >= len(toks) {
		return -1
	}
	for ch := st.firstChild[h]; ch >= 0; ch = st.nextSib[ch] {
		if (toks[ch].Rel == "iobj" || toks[ch].Rel == "obj") && isNominal(toks[ch].UPOS) {
			return ch
		}
	}
	return st.oblWith(h, []string{"to"})
}

func isNominal(upos string) bool {
	return upos == "NOUN" || upos == "PROPN" || upos == "PRON" || upos == "NUM" || upos == "X"
}

// emit builds the events of predicate p.
func (c *Coder) emit(st *state, si int, p *pred, out []schema.Event, n *int) []schema.Event {
	e := &c.lex.Entries[p.entry]
	toks := st.doc.Tokens
	var src int32 = -1
	// target candidates, tried in order until one resolves
	var cand [8]int32
	nc := 0
	add := func(t int32) {
		if t >= 0 && nc < len(cand) && isNominal(toks[t].UPOS) {
			cand[nc] = t
			nc++
		}
	}
	s, passive := c.subject(st, p.tok, e.Be)
	switch {
	case e.SourcePrep != "":
		src = st.oblWith(p.tok, []string{e.SourcePrep})
		add(s)
	case passive:
		add(s)
		src = st.oblWith(p.tok, []string{"by"})
	default:
		src = s
		add(c.target(st, p.tok, e))
		if p.comp >= 0 {
			q := &st.preds[p.comp]
			add(c.target(st, q.tok, &c.lex.Entries[q.entry]))
		}
	}
	if src < 0 {
		return out
	}
	if root(p.code) != "01" {
		// "demanded that the United States match …": the clause's subject;
		// "threatened to strike unless Israel …": the condition's subject
		st.condSubjects(p.tok, add)
		// also under the complement: "threatened to strike unless Israel …"
		for ch := st.firstChild[p.tok]; ch >= 0; ch = st.nextSib[ch] {
			if r := baseRel(toks[ch].Rel); (r == "xcomp" || r == "advcl") && toks[ch].XPOS == "VB" {
				st.condSubjects(ch, add)
			}
		}
	}
	add(c.deepTarget(st, p.tok, 0))
	if p.modality == schema.Reported {
		add(st.addressee(p.tok))
	}
	switch r := root(p.code); {
	case r == "14" || r == "15" || r == "18" || r == "19" || r == "20" || r == "07" || p.code == "042":
		// where force, protest, aid or a visit happens is its target:
		// "strengthened its forces in Lebanon", "evacuated from Gorazde"
		// every such oblique, in order: "rioted at this jail in northern Israel"
		for ch := st.firstChild[p.tok]; ch >= 0; ch = st.nextSib[ch] {
			if r := baseRel(toks[ch].Rel); (r == "obl" || r == "nmod") && inSet(st.caseOf(ch), locPreps) {
				add(ch)
			}
		}
		if o := st.object(p.tok); o >= 0 {
			add(st.oblWith(o, []string{"in", "from", "at", "near"}))
		}
	}
	st.srcs = c.actorsOf(st, src, st.srcs[:0])
	if len(st.srcs) == 0 {
		return out
	}
	if r := root(p.code); r != "01" {
		// last resort: the first proper name the predicate governs
		// ("withdraw its troops from neighboring Lebanon")
		loc := r != "04" || p.code == "042"
		add(st.governedName(nil, p.tok, src, loc, false))
		// then through purpose clauses and place phrases: "staged
		// demonstrations to demand reforms by President Suharto's
		// government", "opened an embassy in Tehran"
		add(st.governedName(c, p.tok, src, loc, true))
		// and when the parse is broken, the next name in the clause's words
		add(st.nextName(c, p.tok, src, loc))
	}
	st.tgts = st.tgts[:0]
	for k := 0; k < nc && len(st.tgts) == 0; k++ {
		st.tgts = c.actorsOf(st, cand[k], st.tgts)
		if len(st.tgts) > 0 && st.selfOwned(cand[k], st.srcs) {
			// "Israel strengthened its forces": the source's own, not a target
			st.tgts = st.tgts[:0]
		}
	}
	trig := toks[p.tok]
	for i := range st.srcs {
		sa := &st.srcs[i]
		if len(st.tgts) == 0 {
			others := 0
			if len(st.srcs) > 1 && reciprocal(p.code) {
				for j := range st.srcs {
					if j != i && st.srcs[j].actor.Code != sa.actor.Code {
						out = c.event(st, si, p, sa, &st.srcs[j], trig.Start, trig.End, out, n)
						others++
					}
				}
			}
			if others == 0 {
				out = c.event(st, si, p, sa, nil, trig.Start, trig.End, out, n)
			}
			continue
		}
		for j := range st.tgts {
			ta := &st.tgts[j]
			if ta.head == sa.head {
				continue
			}
			out = c.event(st, si, p, sa, ta, trig.Start, trig.End, out, n)
		}
	}
	return out
}

// locPreps introduce where force, protest or aid happened.
var locPreps = []string{"in", "from", "at", "near", "across", "into"}

// timePreps introduce when something happened ("during Blinken's visit").
var timePreps = []string{"during", "since", "after", "before", "amid", "until", "throughout", "following"}

// placePreps introduce where or when something happened, not to whom.
var placePreps = []string{"in", "at", "near", "on", "during", "since", "after", "before", "outside", "inside", "around", "throughout", "across", "over", "within", "amid"}

// governedName returns the first proper noun after v in v's subtree (not
// inside nested clauses' subjects, nor the source), or -1. Unless locative
// (force, protest, aid, visits), places are skipped: "held talks at the
// Great Hall".
//
// When relaxed, the path may also pass through non-finite clauses (a
// to-infinitive or gerund modifying the predicate or its nouns).
//
// When c is not nil, only a name that resolves to an actor counts, and a
// capitalised adjective ("the Nigerian government") stands for its noun.
func (st *state) governedName(c *Coder, v, src int32, locative, relaxed bool) int32 {
	toks := st.doc.Tokens
	sent := st.sent
	for i := v + 1; i < sent.End; i++ {
		cand := i
		if c != nil && toks[i].UPOS == "ADJ" && toks[i].Rel == "amod" && capitalised(st.doc.Text[toks[i].Start:toks[i].End]) {
			cand = toks[i].Head
			if cand < sent.Start || cand >= sent.End || !isNominal(toks[cand].UPOS) {
				continue
			}
		} else if toks[i].UPOS != "PROPN" {
			continue
		}
		if i == src || cand == src || isDateWord(st.doc.Text[toks[i].Start:toks[i].End]) {
			continue
		}
		r := baseRel(toks[i].Rel)
		if cand == i && (r == "flat" || r == "compound" || r == "nsubj" || r == "nsubj:pass") {
			continue
		}
		// i must hang under v through nominal or oblique links only
		ok := false
		for j, k := i, 0; j >= sent.Start && j < sent.End && k < maxDepth; k++ {
			if r := baseRel(toks[j].Rel); !locative && (r == "obl" || r == "nmod") && inSet(st.caseOf(j), placePreps) {
				break
			}
			h := toks[j].Head
			nonFinite := relaxed && (toks[j].XPOS == "VB" || toks[j].XPOS == "VBG" || toks[j].XPOS == "VBN" && baseRel(toks[j].Rel) == "acl")
			if h == v {
				switch baseRel(toks[j].Rel) {
				case "advcl", "acl":
					ok = nonFinite
				case "ccomp", "parataxis", "csubj", "nsubj", "nsubj:pass", "discourse", "vocative":
					// another clause or the subject: not what v acts on
				default:
					ok = true
				}
				break
			}
			switch baseRel(toks[j].Rel) {
			case "nmod", "obl", "obj", "iobj", "appos", "conj", "xcomp", "nmod:poss", "compound", "flat", "amod":
			case "advcl", "acl":
				if !nonFinite {
					j = -1
					continue
				}
			default:
				j = -1
				continue
			}
			j = h
		}
		if !ok {
			continue
		}
		if c == nil {
			return cand
		}
		if _, found := c.resolveHead(st, cand); found {
			return cand
		}
	}
	return -1
}

// selfOwned reports whether the phrase at h is owned by a pronoun and all
// resolved targets share the source's country ("its forces").
func (st *state) selfOwned(h int32, srcs []argActor) bool {
	owned := false
	for ch := st.firstChild[h]; ch >= 0; ch = st.nextSib[ch] {
		if st.doc.Tokens[ch].Rel == "nmod:poss" && st.doc.Tokens[ch].UPOS == "PRON" {
			owned = true
		}
	}
	if !owned || len(srcs) == 0 {
		return false
	}
	for i := range st.tgts {
		if st.tgts[i].actor.Country == "" || st.tgts[i].actor.Country != srcs[0].actor.Country {
			return false
		}
	}
	return true
}

// fillCountries gives a bare role ("President Yoweri Museveni" → GOV) of
// the events evs of sentence si the country of the event's other side, else
// of the sentence's latest country mention: domestic news names the country
// once. Force (roots 18–20) is as often foreign as domestic and is left alone.
func (st *state) fillCountries(cd *Coder, evs []schema.Event, si int) {
	for i := range evs {
		e := &evs[i]
		if r := e.Root; r == "18" || r == "19" || r == "20" {
			// force is as often foreign as domestic: only when neither side
			// has a country and the sentence names exactly one ("militants
			// loyal to Iraq's al-Qaeda tried to assassinate Prime Minister
			// Allawi")
			if e.Target == nil {
				continue
			}
			switch {
			case e.Source.Country == "" && e.Target.Country == "":
				if c := st.sentenceCountry(cd, -1); c != "" {
					st.fillCountry(cd, &e.Source, c, si, -1)
					st.fillCountry(cd, e.Target, c, si, -1)
				}
			case e.Target.Country == "" && (domesticSide(e.Source.Code) || strings.HasSuffix(e.Source.Code, "COP")):
				// rebels fight their own state and police their own people:
				// "Darfur rebels attacked a government convoy"
				st.fillCountry(cd, e.Target, e.Source.Country, si, -1)
			case e.Source.Country == "" && domesticSide(e.Target.Code):
				// "government troops killed 12 Ugandan rebels"
				st.fillCountry(cd, &e.Source, e.Target.Country, si, -1)
			}
			continue
		}
		var tc string
		if e.Target != nil {
			tc = e.Target.Country
			st.fillCountry(cd, e.Target, e.Source.Country, si, -1)
			if e.Target.Code == e.Source.Code && tc == "" {
				// "Xi receives state leaders": a generic role, not Xi's own side
				e.Target.Code, e.Target.Country = e.Target.Code[3:], ""
			}
		}
		// a source takes the target's country in domestic demands,
		// accusations and acts of authority ("President Museveni banned
		// Ugandan opposition candidates"); in diplomacy only a country named
		// before it ("French President Chirac met …")
		switch e.Root {
		case "03", "08", "09", "10", "11", "12", "13", "14", "17":
			st.fillCountry(cd, &e.Source, tc, si, -1)
		default:
			st.fillCountry(cd, &e.Source, "", si, int32(e.Source.End))
		}
	}
}

// fillCountry gives a bare role the country other, else that of the
// sentence's latest country mention (ending before byte offset before, when
// before ≥ 0).
func (st *state) fillCountry(cd *Coder, a *schema.Actor, other string, si int, before int32) {
	if a.Country != "" || len(a.Code) != 3 {
		return
	}
	c := other
	if kb.Transnational(c) {
		c = ""
	}
	if c == "" {
		for i := len(st.mentions) - 1; i >= 0 && st.mentions[i].sent == si; i-- {
			m := &st.mentions[i]
			if m.actor.Country == "" || kb.Transnational(m.actor.Country) || before >= 0 && int32(m.actor.End) > before {
				continue
			}
			c = m.actor.Country
			break
		}
	}
	if c == "" {
		c = st.sentenceCountry(cd, before)
	}
	if len(c) == 3 && !kb.Transnational(c) {
		a.Country = c
		a.Code = c + a.Code
	}
}

// sentenceCountry returns the one country that the names of the current
// sentence (runs of capitalised proper nouns and adjectives, ending before
// byte offset before when before ≥ 0) resolve to, or "" when there is none
// or more than one: "workers … stopped work over a bill signed by Serbian
// Labour Minister Dragan Milovanovic" are Serbian workers.
func (st *state) sentenceCountry(c *Coder, before int32) string {
	toks := st.doc.Tokens
	sent := st.sent
	found := ""
	var run [6]int32
	for i := sent.Start; i < sent.End; {
		n := 0
		for j := i; j < sent.End && n < len(run); j++ {
			t := &toks[j]
			if (t.UPOS != "PROPN" && t.UPOS != "ADJ") || !capitalised(st.doc.Text[t.Start:t.End]) {
				break
			}
			run[n] = j
			n++
		}
		if n == 0 {
			i++
			continue
		}
		i += int32(n)
		if before >= 0 && toks[run[n-1]].End > before {
			break
		}
		a, ok := c.resolveTokens(st, run[:n], run[n-1])
		if !ok || len(a.Country) != 3 || a.Country == "IGO" || a.Country == "NGO" {
			continue
		}
		if found != "" && found != a.Country {
			return ""
		}
		found = a.Country
	}
	return found
}

// reflexive pronouns name the source again, never another actor.
var reflexive = map[string]bool{
	"himself": true, "herself": true, "itself": true, "themselves": true, "ourselves": true,
	"myself": true, "yourself": true, "yourselves": true, "oneself": true,
}

// reciprocal codes give "A and B met" both directions.
func reciprocal(code string) bool {
	switch root(code) {
	case "03", "04", "05", "06", "19":
		return true
	}
	return false
}

func (c *Coder) event(st *state, si int, p *pred, src, tgt *argActor, ts, te int32, out []schema.Event, n *int) []schema.Event {
	code, rule := p.code, p.rule
	if code == "145" && armed(src.actor.Code) {
		// armed forces that "clash" fight; they do not riot: "Tajik troops
		// clashed with Afghan guerrillas"
		code, rule = "190", rule+" (armed source)"
	}
	ev := schema.Event{
		ID:       "e" + strconv.Itoa(si) + "." + strconv.Itoa(*n),
		Sentence: si,
		Source:   src.actor,
		Cameo:    code,
		Root:     root(code),
		Trigger:  schema.Span{Text: st.doc.Text[ts:te], Start: int(ts), End: int(te)},
		Negated:  p.negated,
		Modality: p.modality,
		Rule:     rule,
	}
	if p.negated {
		ev.Modality = schema.Negated
	}
	if !st.date.IsZero() {
		ev.Date = st.date.Format("2006-01-02")
	}
	if tgt != nil {
		if tgt.actor.Start == src.actor.Start && tgt.actor.End == src.actor.End && tgt.actor.Code == src.actor.Code {
			return out // one actor mention cannot be both sides ("Wright met Wright")
		}
		if !reflexive[strings.ToLower(tgt.actor.Text)] { // "he considered himself" has no target
			t := tgt.actor
			ev.Target = &t
		}
	}
	ev.Plover.Context = []string{}
	if c.onto != nil {
		if info, ok := c.onto.Event(code); ok {
			ev.Goldstein = info.Goldstein
			ev.QuadClass = info.QuadClass
			ev.Plover = schema.Plover{Event: info.Plover, Mode: info.Mode, Context: info.Context}
			if ev.Plover.Context == nil {
				ev.Plover.Context = []string{}
			}
		}
	}
	*n++
	return append(out, ev)
}

// actorsOf resolves the noun phrase headed by h and its conjuncts.
func (c *Coder) actorsOf(st *state, h int32, out []argActor) []argActor {
	toks := st.doc.Tokens
	sent := st.sent
	// conjuncts of the head: "the US and China"
	heads := [8]int32{h}
	nh := 1
	for k := 0; k < nh && nh < len(heads); k++ {
		for ch := st.firstChild[heads[k]]; ch >= 0 && nh < len(heads); ch = st.nextSib[ch] {
			if toks[ch].Rel == "conj" && isNominal(toks[ch].UPOS) {
				heads[nh] = ch
				nh++
			}
		}
	}
	for k := 0; k < nh; k++ {
		x := st.quantityHead(heads[k])
		// coordinated modifiers: "Hungarian and Romanian officials", and
		// of a plural head "the foreign ministers of India and Pakistan"
		split := false
		for ch := st.firstChild[x]; ch >= 0; ch = st.nextSib[ch] {
			r := toks[ch].Rel
			ofPlural := r == "nmod" && st.plural(x) && st.caseOf(ch) == "of"
			if r != "amod" && r != "compound" && r != "nmod:poss" && !ofPlural {
				continue
			}
			for cj := st.firstChild[ch]; cj >= 0; cj = st.nextSib[cj] {
				if toks[cj].Rel != "conj" {
					continue
				}
				if !split {
					if a, ok := c.resolveHead(st, x); ok {
						out = append(out, argActor{actor: a, head: x})
					}
					split = true
				}
				st.phrase = st.collect(x, ch, cj, true, sent.Start, sent.End, st.phrase[:0])
				if a, ok := c.resolveTokens(st, st.phrase, cj); ok {
					out = append(out, argActor{actor: a, head: cj})
				}
			}
		}
		if split {
			continue
		}
		if a, ok := c.resolveHead(st, x); ok {
			// "Israeli helicopters and tanks": a bare role conjunct shares
			// the first conjunct's country
			if k > 0 && a.Country == "" && len(a.Code) == 3 && len(out) > 0 {
				if fc := out[0].actor.Country; len(fc) == 3 && fc != "IGO" && fc != "NGO" {
					a.Country, a.Code = fc, fc+a.Code
				}
			}
			out = append(out, argActor{actor: a, head: x})
		}
	}
	return out
}

// plural reports whether token i is a plural noun: tagged NNS, or (on
// text without fine tags) a noun whose lemma differs from its form.
func (st *state) plural(i int32) bool {
	t := &st.doc.Tokens[i]
	if t.XPOS != "" {
		return t.XPOS == "NNS"
	}
	return t.UPOS == "NOUN" && t.Lemma != "" && t.Lemma != st.doc.Text[t.Start:t.End]
}

// hasMark reports whether clause v has a mark child with one of words.
func (st *state) hasMark(v int32, words ...string) bool {
	for ch := st.firstChild[v]; ch >= 0; ch = st.nextSib[ch] {
		if st.doc.Tokens[ch].Rel == "mark" && inSet(lemmaOrForm(st.doc, ch), words) {
			return true
		}
	}
	return false
}

// quantityHead skips a quantity or group noun to what it counts: "scores of
// refugees", "52 members of the movement".
func (st *state) quantityHead(h int32) int32 {
	switch strings.ToLower(lemmaOrForm(st.doc, h)) {
	case "score", "scores", "hundred", "hundreds", "thousand", "thousands", "dozen", "dozens", "million", "millions", "number", "member", "members", "some", "many", "most", "all", "several", "one", "two", "three", "four", "five", "ten":
	default:
		return h
	}
	for ch := st.firstChild[h]; ch >= 0; ch = st.nextSib[ch] {
		if baseRel(st.doc.Tokens[ch].Rel) == "nmod" && st.caseOf(ch) == "of" {
			return ch
		}
	}
	return h
}

// stopRel reports relations that end a noun phrase.
func stopRel(r string) bool {
	switch baseRel(r) {
	case "acl:relcl", "acl", "appos", "conj", "cc", "punct", "parataxis", "advcl", "dep", "ccomp", "xcomp", "nsubj", "nsubj:pass", "obj", "iobj", "obl", "cop", "aux", "aux:pass", "mark", "advmod", "discourse", "orphan", "list", "reparandum", "vocative", "csubj", "dislocated":
		return true
	}
	return false
}

// collect gathers the noun phrase of h in text order: its subtree without
// clauses, appositions and conjuncts (and, when core, without the nominal
// modifiers of h: "the sides [of the island of Cyprus]"). When skip ≥ 0
// that child's subtree is left out and the subtree of extra (a conjunct of
// skip) is added instead. A parse that strands a capitalised modifier before
// the phrase ("Gambian President Dawda Jawara") is mended by taking up to
// two capitalised adjectives or proper nouns just before it.
func (st *state) collect(h, skip, extra int32, core bool, lo, hi int32, out []int32) []int32 {
	toks := st.doc.Tokens
	stack := append(st.stack[:0], h)
	if extra >= 0 {
		stack = append(stack, extra)
	}
	for i := lo; i < hi; i++ {
		st.mark[i] = false
	}
	steps := 0
	for len(stack) > 0 && steps < 512 {
		steps++
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if st.mark[x] {
			continue
		}
		st.mark[x] = true
		for ch := st.firstChild[x]; ch >= 0; ch = st.nextSib[ch] {
			if ch == skip || stopRel(toks[ch].Rel) {
				continue
			}
			if x == h && (toks[ch].Rel == "case" || core && baseRel(toks[ch].Rel) == "nmod" && toks[ch].Rel != "nmod:desc") {
				continue
			}
			stack = append(stack, ch)
		}
	}
	st.stack = stack
	first := int32(-1)
	for i := lo; i < hi; i++ {
		if st.mark[i] {
			first = i
			break
		}
	}
	if first > lo && (toks[first].UPOS == "PROPN" || toks[first].UPOS == "NOUN") && capitalised(st.doc.Text[toks[first].Start:toks[first].End]) {
		for k := 0; k < 2 && first > lo; k++ {
			p := &toks[first-1]
			if (p.UPOS != "ADJ" && p.UPOS != "PROPN") || !capitalised(st.doc.Text[p.Start:p.End]) || p.Head == first-1 {
				break
			}
			first--
			st.mark[first] = true
		}
	}
	for i := lo; i < hi; i++ {
		if st.mark[i] {
			out = append(out, i)
			st.mark[i] = false
		}
	}
	return out
}

func capitalised(w string) bool { return w != "" && w[0] >= 'A' && w[0] <= 'Z' }

// resolveHead resolves the phrase headed by h, memoised per token, falling
// back to appositions and in-article coreference.
func (c *Coder) resolveHead(st *state, h int32) (schema.Actor, bool) {
	if r := st.resolved[h]; r > 0 {
		return st.mentions[r-1].actor, true
	} else if r < 0 {
		return schema.Actor{}, false
	}
	if i := st.resolve(c, h); i >= 0 {
		return st.mentions[i].actor, true
	}
	return schema.Actor{}, false
}

// resolve resolves token h and records the mention; it returns the mention
// index or -1. Order: the core phrase, the full phrase (with its nominal
// modifiers), appositions, a role completed by an of/in-phrase's country
// ("the president of Armenia"), then coreference.
func (st *state) resolve(c *Coder, h int32) int {
	doc := st.doc
	toks := doc.Tokens
	sent := st.sent
	st.resolved[h] = -1
	t := &toks[h]
	if t.UPOS == "PRON" {
		if m := st.corefPronoun(h); m >= 0 {
			a := st.mentions[m].actor
			a.Text, a.Start, a.End = doc.Text[t.Start:t.End], int(t.Start), int(t.End)
			return st.addMention(h, a, st.mentions[m].person)
		}
		return -1
	}
	if c.actors == nil {
		return -1
	}
	if isTimeWord(lemmaOrForm(doc, h)) {
		// "On Thursday, …" names a time, not an actor. When the parse makes
		// the time the head of an actor, the actor is the phrase without
		// its time words ("The Security Council today"), else an apposition
		// ("As of Thursday, Associated Press reported").
		st.phrase = st.collect(h, -1, -1, false, sent.Start, sent.End, st.phrase[:0])
		kept := st.phrase[:0]
		for _, k := range st.phrase {
			if !isTimeWord(lemmaOrForm(doc, k)) {
				kept = append(kept, k)
			}
		}
		for len(kept) > 0 && (toks[kept[0]].UPOS == "PUNCT" || toks[kept[0]].UPOS == "ADP") {
			kept = kept[1:]
		}
		for len(kept) > 0 && toks[kept[len(kept)-1]].UPOS == "PUNCT" {
			kept = kept[:len(kept)-1]
		}
		if a, ok := c.resolveTokens(st, kept, h); ok {
			return st.addMention(h, a, false)
		}
		for ch := st.firstChild[h]; ch >= 0; ch = st.nextSib[ch] {
			if toks[ch].Rel != "appos" || isTimeWord(lemmaOrForm(doc, ch)) {
				continue
			}
			st.phrase = st.collect(ch, -1, -1, false, sent.Start, sent.End, st.phrase[:0])
			if a, ok := c.resolveTokens(st, st.phrase, ch); ok {
				return st.addMention(h, a, isPerson(st, ch, a))
			}
		}
		return -1
	}
	st.phrase = st.collect(h, -1, -1, true, sent.Start, sent.End, st.phrase[:0])
	coreN := len(st.phrase)
	best, found := c.resolveTokens(st, st.phrase, h)
	if found && coreN == 1 && t.UPOS == "PROPN" && best.Code == best.Country {
		// A bare surname after the full name is that person ("John Bolton
		// … Bolton said"), not the town the knowledge base knows by that
		// name (Bolton, England); a name the recogniser calls a person is
		// never a country.
		per := strings.HasSuffix(t.Ent, "PER")
		if m := st.corefName(h); m >= 0 && (st.mentions[m].person || per) {
			a := st.mentions[m].actor
			a.Text, a.Start, a.End = doc.Text[t.Start:t.End], int(t.Start), int(t.End)
			return st.addMention(h, a, true)
		}
		if per {
			best, found = schema.Actor{}, false
		}
	}
	if found && best.Country != "" {
		return st.addMention(h, best, isPerson(st, h, best))
	}
	st.phrase = st.collect(h, -1, -1, false, sent.Start, sent.End, st.phrase[:0])
	if len(st.phrase) != coreN {
		if a, ok := c.resolveTokens(st, st.phrase, h); ok && (a.Country != "" || !found) {
			if a.Country != "" {
				return st.addMention(h, a, isPerson(st, h, a))
			}
			best, found = a, true
		}
	}
	// appositions: "Xi Jinping, China's leader"
	for ch := st.firstChild[h]; ch >= 0; ch = st.nextSib[ch] {
		if toks[ch].Rel != "appos" {
			continue
		}
		st.phrase = st.collect(ch, -1, -1, false, sent.Start, sent.End, st.phrase[:0])
		if a, ok := c.resolveTokens(st, st.phrase, ch); ok && (a.Country != "" || !found) {
			st.phrase = st.collect(h, -1, -1, true, sent.Start, sent.End, st.phrase[:0])
			a.Text, a.Start, a.End = phraseSpan(doc, st.phrase)
			return st.addMention(h, a, isPerson(st, h, a))
		}
	}
	if found && best.Country == "" {
		// "its forces": the owner's country
		for ch := st.firstChild[h]; ch >= 0; ch = st.nextSib[ch] {
			if toks[ch].Rel == "nmod:poss" && toks[ch].UPOS == "PRON" {
				if m := st.corefPronoun(ch); m >= 0 && st.mentions[m].actor.Country != "" {
					best.Country = st.mentions[m].actor.Country
					best.Code = best.Country + best.Code
				}
				break
			}
		}
	}
	if found {
		// a bare role: look for the country in an of/in/from phrase
		for ch := st.firstChild[h]; ch >= 0; ch = st.nextSib[ch] {
			if baseRel(toks[ch].Rel) != "nmod" {
				continue
			}
			if cs := st.caseOf(ch); cs != "of" && cs != "in" && cs != "from" {
				continue
			}
			st.phrase = st.collect(ch, -1, -1, true, sent.Start, sent.End, st.phrase[:0])
			if a, ok := c.resolveTokens(st, st.phrase, ch); ok && a.Country != "" && a.Country == a.Code {
				best.Code = a.Country + best.Code
				best.Country = a.Country
				break
			}
		}
		return st.addMention(h, best, isPerson(st, h, best))
	}
	// short names and descriptions: "Xi", "the secretary"; a name the
	// recogniser calls a person does not refer back to a bare country or
	// region ("West said" is not an earlier "West" read as the Western bloc)
	if m := st.corefName(h); m >= 0 && (st.mentions[m].person || !strings.HasSuffix(t.Ent, "PER") ||
		st.mentions[m].actor.Code != st.mentions[m].actor.Country) {
		a := st.mentions[m].actor
		st.phrase = st.collect(h, -1, -1, true, sent.Start, sent.End, st.phrase[:0])
		a.Text, a.Start, a.End = phraseSpan(doc, st.phrase)
		return st.addMention(h, a, st.mentions[m].person)
	}
	// a common noun owned by or located at an actor: "Haiti's efforts",
	// "positions of the Palestinian security forces", "targets in Jericho"
	if t.UPOS == "NOUN" || t.UPOS == "PROPN" {
		for ch := st.firstChild[h]; ch >= 0; ch = st.nextSib[ch] {
			r := toks[ch].Rel
			named := st.namedPlace(ch) // "near the town of Samarra"
			cs := st.caseOf(ch)
			located := baseRel(r) == "nmod" && (inSet(cs, []string{"of", "in", "from"}) ||
				named != ch && inSet(cs, []string{"near", "outside", "at"}))
			if r != "nmod:poss" && !located {
				continue
			}
			if toks[ch].UPOS == "PRON" {
				continue
			}
			for _, x := range [2]int32{named, ch} { // the place's name first, then the whole phrase
				st.phrase = st.collect(x, -1, -1, true, sent.Start, sent.End, st.phrase[:0])
				if a, ok := c.resolveTokens(st, st.phrase, x); ok {
					st.phrase = st.collect(h, -1, -1, false, sent.Start, sent.End, st.phrase[:0])
					a.Text, a.Start, a.End = phraseSpan(doc, st.phrase)
					return st.addMention(h, a, false)
				}
				if named == ch {
					break
				}
			}
		}
	}
	return -1
}

// placeNouns name a kind of settlement or area: "the town of Samarra".
var placeNouns = map[string]bool{"town": true, "city": true, "village": true, "province": true,
	"region": true, "district": true, "county": true, "port": true, "capital": true, "suburb": true,
	"outskirts": true, "area": true, "state": true, "island": true}

// namedPlace returns the name in "the town of Samarra" when h is such a
// place noun with a proper-noun of-phrase, else h.
func (st *state) namedPlace(h int32) int32 {
	toks := st.doc.Tokens
	if toks[h].UPOS != "NOUN" || !placeNouns[strings.ToLower(toks[h].Lemma)] {
		return h
	}
	for ch := st.firstChild[h]; ch >= 0; ch = st.nextSib[ch] {
		if baseRel(toks[ch].Rel) == "nmod" && toks[ch].UPOS == "PROPN" && st.caseOf(ch) == "of" {
			return ch
		}
	}
	return h
}

func (c *Coder) resolveTokens(st *state, phrase []int32, h int32) (schema.Actor, bool) {
	if c.actors == nil || len(phrase) == 0 {
		return schema.Actor{}, false
	}
	a, ok := c.actors.ResolvePhrase(st.doc, phrase, st.date)
	if !ok || a.Code == "" {
		return schema.Actor{}, false
	}
	a.Text, a.Start, a.End = phraseSpan(st.doc, phrase)
	return a, true
}

func phraseSpan(d *text.Doc, phrase []int32) (string, int, int) {
	s, e := d.Tokens[phrase[0]].Start, d.Tokens[phrase[len(phrase)-1]].End
	return d.Text[s:e], int(s), int(e)
}

// isPerson guesses whether a resolved mention is a person, for he/she: the
// recogniser says PER, or a proper noun resolved to a multi-word name with a
// role ("Xi Jinping" → CHNGOV; not "China" → CHN, nor "Beijing").
func isPerson(st *state, h int32, a schema.Actor) bool {
	t := &st.doc.Tokens[h]
	if strings.HasSuffix(t.Ent, "PER") {
		return true
	}
	if strings.HasSuffix(t.Ent, "ORG") || strings.HasSuffix(t.Ent, "LOC") || strings.HasSuffix(t.Ent, "GPE") {
		return false
	}
	return t.UPOS == "PROPN" && strings.Contains(a.Name, " ") && a.Code != a.Country
}

func (st *state) addMention(h int32, a schema.Actor, person bool) int {
	r := baseRel(st.doc.Tokens[h].Rel)
	st.mentions = append(st.mentions, mention{actor: a, person: person, subject: r == "nsubj" || r == "nsubj:pass", sent: st.si, tok: h})
	st.resolved[h] = int32(len(st.mentions))
	return len(st.mentions) - 1
}

// corefPronoun returns the mention a personal pronoun refers to, or -1.
func (st *state) corefPronoun(h int32) int {
	w := st.doc.Text[st.doc.Tokens[h].Start:st.doc.Tokens[h].End]
	var person bool
	switch strings.ToLower(w) {
	case "he", "she", "him", "her", "his", "hers", "himself", "herself":
		person = true
	case "they", "them", "their", "it", "its", "itself", "themselves":
	default:
		return -1
	}
	cur := st.si
	// a subject of the current or previous sentence first ("Blinken told
	// Xi …" — "he said" is Blinken), then any mention
	for i := len(st.mentions) - 1; i >= 0; i-- {
		m := &st.mentions[i]
		if cur-m.sent > 1 {
			break
		}
		if m.subject && (!person || m.person) {
			return i
		}
	}
	for i := len(st.mentions) - 1; i >= 0; i-- {
		m := &st.mentions[i]
		if cur-m.sent > 3 {
			break
		}
		if person && !m.person {
			continue
		}
		return i
	}
	return -1
}

// corefName returns an earlier mention whose text contains the head word of
// h ("Xi" → "Xi Jinping", "the secretary" → "Secretary of state Antony J.
// Blinken"), or -1.
func (st *state) corefName(h int32) int {
	t := &st.doc.Tokens[h]
	if t.UPOS != "PROPN" && t.UPOS != "NOUN" {
		return -1
	}
	w := st.doc.Text[t.Start:t.End]
	if len(w) < 2 {
		return -1
	}
	cur := st.si
	for i, n := len(st.mentions)-1, 0; i >= 0 && n < maxCorefMentions; i, n = i-1, n+1 {
		m := &st.mentions[i]
		if cur-m.sent > maxCorefSentences {
			break
		}
		if containsWordFold(m.actor.Text, w) || containsWordFold(m.actor.Name, w) {
			return i
		}
	}
	return -1
}

// Coreference looks back at most this far: an article's later "Xi" or "the
// secretary" refers to a mention in the same story, and the bound keeps the
// cost per mention constant on long documents.
const (
	maxCorefMentions  = 48
	maxCorefSentences = 40
)

// containsWordFold reports whether w occurs in s as a whole word, ignoring case.
func containsWordFold(s, w string) bool {
	if w == "" {
		return false
	}
	c0 := w[0] | 0x20
	for i := 0; i+len(w) <= len(s); i++ {
		if s[i]|0x20 != c0 || !strings.EqualFold(s[i:i+len(w)], w) {
			continue
		}
		if i > 0 && isWordByte(s[i-1]) {
			continue
		}
		if j := i + len(w); j < len(s) && isWordByte(s[j]) {
			continue
		}
		return true
	}
	return false
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b >= 0x80
}

// isDateWord reports weekday and month names, which parsers often tag as
// proper nouns attached to the predicate ("staged demonstrations Saturday").
func isDateWord(w string) bool {
	switch strings.ToLower(w) {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december":
		return true
	}
	return false
}

// domesticSide reports codes of a country's non-state sides (rebels,
// insurgents, separatists, militias, opposition, civilians), whose
// opponent in force is usually their own state.
func domesticSide(code string) bool {
	if len(code) < 6 {
		return false
	}
	switch code[3:6] {
	case "REB", "INS", "SEP", "UAF", "OPP", "CVL":
		return true
	}
	return false
}

// nextName returns the first name after v, before the next comma, clause
// boundary, finite verb, time phrase or (unless locative) place phrase, that
// resolves to an actor (a proper noun, or a
// capitalised adjective standing for its noun), or -1: a last resort for
// parses that strand the target ("denounced as an ugly crime Serbia's
// suppression").
func (st *state) nextName(c *Coder, v, src int32, locative bool) int32 {
	toks := st.doc.Tokens
	sent := st.sent
	for i := v + 1; i < sent.End && i <= v+12; i++ {
		t := &toks[i]
		w := st.doc.Text[t.Start:t.End]
		switch {
		case t.UPOS == "PUNCT" && w != "'" && w != "’" && w != "-":
			return -1
		case t.UPOS == "SCONJ", t.UPOS == "PRON" && isRelPron(st, i):
			return -1
		case t.UPOS == "ADP":
			if lw := strings.ToLower(w); inSet(lw, timePreps) || !locative && inSet(lw, placePreps) {
				return -1
			}
		case t.UPOS == "VERB" || t.UPOS == "AUX":
			if x := t.XPOS; x == "VBD" || x == "VBZ" || x == "VBP" || x == "MD" {
				return -1
			}
		}
		if i == src || !capitalised(w) || isDateWord(w) || t.UPOS != "PROPN" && t.UPOS != "ADJ" {
			continue
		}
		h := i
		if t.UPOS == "ADJ" {
			h = t.Head
			if h < sent.Start || h >= sent.End || h == src || !isNominal(toks[h].UPOS) {
				continue
			}
		}
		if _, ok := c.resolveHead(st, h); ok {
			return h
		}
	}
	return -1
}

// condSubjects passes to add the subjects of v's complement clauses and of
// its conditions ("unless", "if", "until").
func (st *state) condSubjects(v int32, add func(int32)) {
	toks := st.doc.Tokens
	for ch := st.firstChild[v]; ch >= 0; ch = st.nextSib[ch] {
		r := baseRel(toks[ch].Rel)
		if r != "ccomp" && !(r == "advcl" && st.hasMark(ch, "unless", "if", "until")) {
			continue
		}
		for cc := st.firstChild[ch]; cc >= 0; cc = st.nextSib[cc] {
			if r := toks[cc].Rel; r == "nsubj" || r == "nsubj:pass" {
				add(cc)
				break
			}
		}
	}
}

// auxSubject returns a subject the parser attached to an auxiliary of v
// instead of to v ("Bangladesh has once again rejected" with "has" read as
// a verb heading "Bangladesh"): the active and the passive subject, or -1.
func (st *state) auxSubject(v int32) (s, ps int32) {
	toks := st.doc.Tokens
	s, ps = -1, -1
	for a := st.firstChild[v]; a >= 0; a = st.nextSib[a] {
		if r := toks[a].Rel; r != "aux" && r != "aux:pass" {
			continue
		}
		as, aps := st.directSubjects(a)
		if s < 0 {
			s = as
		}
		if ps < 0 {
			ps = aps
		}
	}
	return s, ps
}

// directSubjects returns the first active and passive subject among v's
// own dependents, or -1.
func (st *state) directSubjects(v int32) (s, ps int32) {
	toks := st.doc.Tokens
	s, ps = -1, -1
	for ch := st.firstChild[v]; ch >= 0; ch = st.nextSib[ch] {
		switch toks[ch].Rel {
		case "nsubj", "nsubj:outer":
			if s < 0 {
				s = ch
			}
		case "nsubj:pass":
			if ps < 0 {
				ps = ch
			}
		}
	}
	return s, ps
}

// timeSubject returns a subject the parser folded into a time expression
// before v: "A top U.S. official today praised" read with "today" heading
// "A top U.S. official". It returns the nearest nominal word left of the
// time word among its dependents, or -1.
func (st *state) timeSubject(v int32) int32 {
	toks := st.doc.Tokens
	for ch := st.firstChild[v]; ch >= 0 && ch < v; ch = st.nextSib[ch] {
		switch toks[ch].Rel {
		case "obl:unmarked", "obl:tmod", "nmod:tmod", "obl:npmod":
		default:
			continue
		}
		if !isTimeWord(lemmaOrForm(st.doc, ch)) {
			continue
		}
		best := int32(-1)
		for d := st.firstChild[ch]; d >= 0 && d < ch; d = st.nextSib[d] {
			switch toks[d].UPOS {
			case "NOUN", "PROPN", "ADJ":
			default:
				continue
			}
			if w := lemmaOrForm(st.doc, d); isTimeWord(w) || strings.EqualFold(w, "last") || strings.EqualFold(w, "next") {
				continue
			}
			best = d
		}
		if best >= 0 {
			return best
		}
	}
	return -1
}

// isTimeWord reports words that head time expressions attached to a
// predicate without a preposition: weekdays, months and "today" and kin.
func isTimeWord(w string) bool {
	if isDateWord(w) {
		return true
	}
	switch strings.ToLower(w) {
	case "today", "yesterday", "tomorrow", "tonight", "week", "weekend", "month", "year", "morning", "afternoon", "evening", "night":
		return true
	}
	return false
}

// armed reports actor codes with an armed role (military, rebels,
// insurgents, unidentified armed forces) in any 3-letter segment.
func armed(code string) bool {
	for i := 0; i+3 <= len(code); i += 3 {
		switch code[i : i+3] {
		case "MIL", "REB", "INS", "UAF":
			return true
		}
	}
	return false
}
