package analyze

import (
	"strings"

	"github.com/detente-project/detente/internal/schema"
)

// Parse-based attribution: when the Doc carries a dependency parse, every
// verb whose lemma is an attribution cue ("say", "argue", "criticize", …)
// and that has a subject yields an attribution: the subject is the source,
// the clausal complement (or object) the content. The rule-based readers in
// quotes.go run first; this pass adds what they left.

// cueLemmas are verb lemmas that mark an attribution whatever their
// complement; cueLemmasCcomp only with a clausal complement ("found that …").
// Both lists were derived from PolNeAR train: lemmas seen at least five times
// as a cue outside quotation marks with a precision of at least 0.5 (some
// entries are stems the lemmatizer produces, such as "declin").
var cueLemmas = setOf(`accord accuse acknowledge acquiesce add admit agree allude anger announce
apologize applaud argue articulate ask assail assert assure balk bemoan blame blast boast brag
brush call caution chant characterize chide cite claim clarify complain concede conclude condemn
confirm congratulate contemplate contend credit criticize declare declin decline decry deem defend
denounce deride describe detail disclose discuss dismiss dispute distance document doubt echo email
emphasize endorse envision expect explain express fear hail highlight hint hop hope imply indicate
inform insist interject interpret joke label lament lash liken list mention mock note observe order
outlin pivote plead pleade point portray praise predict prefer proclaim promise propose question
quote rail rattl rattle reaffirm rebuff rebuk rebuke rebut recall recite recount refer reference
refuse reiterate reject remark remember remind repeat reply report respond retweet reveal say seem
shout show side signal single slam speculate state stress suggest talk tell thank threaten title
tout tweet urge utter voice vouch vow warn wonder worry write yell`)

// cueBeliefs are verbs of stance, intent and belief that PolNeAR counts as
// attributions ("X wants …", "X supports …"): lemmas with a train precision
// between 0.28 and 0.5 (at least eight cue uses), less a few that rarely
// report anyone's view (issue, lay, introduce, focus, enjoy, present,
// project, push).
var cueBeliefs = setOf(`advocate aim allege answer appear approve attack attribute back believe
challenge charge comment consider continue convince decide demand deny disavow encourage estimate
favor find identify intend invoke know learn like name offer oppose persuade pledge post press
promote read recognize recommend regard request rule see seek share sound support think view want
welcome`)

var cueLemmasCcomp = setOf(`demonstrate maintain make`)

// physicalCues are cue lemmas with a common physical sense ("rebels
// attacked the town", "police charged the crowd", "the army pressed on"):
// without a clause to report they attribute a stance only towards a person
// or an organisation ("Trump attacked Clinton").
var physicalCues = setOf(`attack charge slam lash press strike hit back target`)

// stanceTarget reports whether words [a, b) name a person or an
// organisation: an entity of those types or a personal pronoun.
func stanceTarget(v *view, a, b int) bool {
	for i := a; i < b; i++ {
		switch v.ent(i) {
		case "PER", "ORG":
			return true
		}
		if v.upos(i) == "PRON" {
			switch lower(v.w(i)) {
			case "him", "her", "them", "me", "us", "you", "himself", "herself", "themselves":
				return true
			}
		}
	}
	return false
}

func setOf(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// tree is the dependency structure of a parsed Doc in flat slices: for each
// token its first child and next sibling, and the word range its subtree
// covers.
type tree struct {
	first, next []int32
	lo, hi      []int32 // subtree span [lo, hi] (inclusive token indices)
}

// parsed reports whether the dependency parser ran over the Doc.
func (v *view) parsed() bool {
	toks := v.doc.Tokens
	if len(toks) == 0 || len(toks) != len(v.words) {
		return false
	}
	for i := range toks {
		if toks[i].Rel != "" {
			return true
		}
	}
	return false
}

// newTree indexes the parse of v's Doc; v.parsed() must hold.
func newTree(v *view) *tree {
	toks := v.doc.Tokens
	n := len(toks)
	buf := make([]int32, 4*n)
	t := &tree{first: buf[:n], next: buf[n : 2*n], lo: buf[2*n : 3*n], hi: buf[3*n:]}
	for i := range t.first {
		t.first[i], t.next[i] = -1, -1
		t.lo[i], t.hi[i] = int32(i), int32(i)
	}
	for i := n - 1; i >= 0; i-- {
		h := toks[i].Head
		if h < 0 || int(h) >= n || int(h) == i {
			continue
		}
		t.next[i] = t.first[h]
		t.first[h] = int32(i)
	}
	// widen each ancestor's span; depth is bounded to survive cycles
	for i := 0; i < n; i++ {
		h := toks[i].Head
		for d := 0; h >= 0 && int(h) < n && d < 64; d++ {
			if t.lo[h] > int32(i) {
				t.lo[h] = int32(i)
			}
			if t.hi[h] < int32(i) {
				t.hi[h] = int32(i)
			}
			h = toks[h].Head
		}
	}
	return t
}

// child returns the first child of k whose relation is rel (or starts with
// rel followed by ':'), or -1.
func (t *tree) child(v *view, k int, rel string) int {
	for c := t.first[k]; c >= 0; c = t.next[c] {
		r := v.doc.Tokens[c].Rel
		if r == rel || (len(r) > len(rel) && r[len(rel)] == ':' && r[:len(rel)] == rel) {
			return int(c)
		}
	}
	return -1
}

// isCueVerb reports whether token k is an attribution cue.
func isCueVerb(v *view, t *tree, k int) bool {
	tk := &v.doc.Tokens[k]
	if tk.UPOS != "VERB" {
		return false
	}
	l := tk.Lemma
	if cueLemmas[l] || cueBeliefs[l] {
		return true
	}
	if cueLemmasCcomp[l] && t.child(v, k, "ccomp") >= 0 {
		return true
	}
	w := lower(v.w(k))
	return indirectCues[w]
}

// subjectOf finds the subject of cue k: its own nsubj, else (for a
// participle, a conjunct or a controlled verb) the subject of its head.
// A relative pronoun subject stands for the noun the clause modifies.
func subjectOf(v *view, t *tree, k int) int {
	toks := v.doc.Tokens
	for hop := 0; hop < 3 && k >= 0; hop++ {
		if s := t.child(v, k, "nsubj"); s >= 0 && toks[s].Rel != "nsubj:pass" {
			return s
		}
		if s := t.child(v, k, "nsubj"); s >= 0 {
			// a passive: "was asked by host Bill Maher" has its source in
			// the agent; "was asked" alone has none
			if ag := t.child(v, k, "obl:agent"); ag >= 0 {
				return ag
			}
			return -1
		}
		switch r := toks[k].Rel; {
		case r == "conj" || r == "xcomp" || strings.HasPrefix(r, "advcl"):
			k = headOf(v, k)
		default:
			return -1
		}
	}
	return -1
}

// timeWords head obliques that date a cue rather than give its content.
var timeWords = setOf(`monday tuesday wednesday thursday friday saturday sunday today yesterday
tomorrow tonight morning afternoon evening night weekend week month year day january february
march april may june july august september october november december`)

// contentOf returns the content word range [a, b) of cue k: its clausal
// complement, else its object, controlled clause and as/of/for phrases.
func contentOf(v *view, t *tree, k int) (int, int) {
	toks := v.doc.Tokens
	if c := t.child(v, k, "ccomp"); c >= 0 && int(t.lo[c]) > k {
		return int(t.lo[c]), int(t.hi[c]) + 1
	}
	a, b := -1, -1
	for c := t.first[k]; c >= 0; c = t.next[c] {
		if int(c) < k {
			continue
		}
		r := toks[c].Rel
		ok := r == "obj" || r == "xcomp" || r == "ccomp" || r == "obl:unmarked"
		if r == "obl" && !timeWords[lower(v.w(int(c)))] { // "said on Friday" reports no content
			if cs := t.child(v, int(c), "case"); cs >= 0 {
				switch lower(v.w(cs)) {
				case "as", "of", "for", "about", "on", "to":
					ok = true
				}
			}
		}
		if !ok {
			continue
		}
		if a < 0 || int(t.lo[c]) < a {
			a = int(t.lo[c])
		}
		if int(t.hi[c])+1 > b {
			b = int(t.hi[c]) + 1
		}
	}
	return a, b
}

// parsedAttributions adds an attribution for every cue verb the rules left:
// the cue must not lie inside a quote or a found attribution, and its
// content must not overlap one.
func parsedAttributions(v *view, t *tree, ments []mention, inQuote, used []bool, found []schema.Quote) []schema.Quote {
	taken := make([]bool, len(v.words))
	for _, q := range found {
		for i := v.wordAt(int32(q.Start)); i < len(v.words) && int(v.words[i].start) < q.End; i++ {
			taken[i] = true
		}
	}
	var out []schema.Quote
	for k := range v.words {
		if inQuote[k] || used[k] || taken[k] || !isCueVerb(v, t, k) {
			continue
		}
		s := subjectOf(v, t, k)
		if s < 0 || inQuote[s] {
			continue
		}
		a, b := contentOf(v, t, k)
		if a < 0 || b <= a {
			continue
		}
		if physicalCues[v.doc.Tokens[k].Lemma] && t.child(v, k, "ccomp") < 0 && !stanceTarget(v, a, b) {
			continue
		}
		for a < b && (v.isPunct(a) || lower(v.w(a)) == "that") {
			a++
		}
		for b > a && v.isPunct(b-1) && v.w(b-1) != "”" && v.w(b-1) != "\"" {
			b--
		}
		if countWords(v, a, b) < 1 {
			continue
		}
		clash := false
		for i := a; i < b; i++ {
			if taken[i] {
				clash = true
				break
			}
		}
		if clash {
			continue
		}
		spk := speakerAt(v, t, s, ments, inQuote)
		if spk == nil {
			continue
		}
		// Quoted words left in the content are a term or a fragment
		// ("called Trump “unhinged.”"), not a direct quote of their own;
		// the content may be a single word ("endorsed Clinton").
		st, en := v.words[a].start, v.words[b-1].end
		q := schema.Quote{Text: v.text[st:en], Start: int(st), End: int(en), Cue: v.w(k), Speaker: spk}
		for i := a; i < b; i++ {
			taken[i] = true
		}
		taken[k] = true
		out = append(out, q)
	}
	return out
}

// speakerAt builds the speaker from the subject token s: a pronoun resolved
// to its antecedent, else the subject's phrase (its subtree, cut at a
// relative clause) with its name resolved.
func speakerAt(v *view, t *tree, s int, ments []mention, inQuote []bool) *schema.Speaker {
	lw := lower(v.w(s))
	if speakerPronouns[lw] {
		return resolvePronoun(v, s, ments, inQuote)
	}
	if lw == "who" || lw == "which" || lw == "that" {
		// a relative pronoun is the source; its name is the noun the
		// clause modifies
		sp := speakerFrom(v, s, s+1, ments)
		if h := headOf(v, s); h >= 0 && strings.HasPrefix(v.doc.Tokens[h].Rel, "acl") {
			if n := headOf(v, h); n >= 0 && n != s && !inQuote[n] {
				if a, b := nounPhrase(v, t, n, inQuote); b > a {
					sp.Name = speakerFrom(v, a, b, ments).Name
				}
			}
		}
		return sp
	}
	a, b := nounPhrase(v, t, s, inQuote)
	if b <= a {
		return nil
	}
	return speakerFrom(v, a, b, ments)
}

// governorSpeaker attributes a quote without a cue through the parse: the
// verb outside the quote that governs it ("thanked him for “…”") has a
// subject, which is the speaker.
func governorSpeaker(v *view, t *tree, qo, qc int, ments []mention, inQuote []bool) *schema.Speaker {
	h := governorVerb(v, qo, qc, inQuote)
	if h < 0 {
		return nil
	}
	s := subjectOf(v, t, h)
	if s < 0 || inQuote[s] {
		return nil
	}
	if lower(v.w(s)) == "what" {
		return nil
	}
	return speakerAt(v, t, s, ments, inQuote)
}

// governorVerb returns the verb outside quote marks qo..qc that governs the
// quote in the parse, or -1.
func governorVerb(v *view, qo, qc int, inQuote []bool) int {
	toks := v.doc.Tokens
	h := -1
	for i := qo; i < qc && i < len(toks); i++ {
		if hh := headOf(v, i); hh >= 0 && (hh < qo || hh >= qc) {
			h = hh
			break
		}
	}
	if h < 0 {
		// the quote holds the root: a verb hanging from it outside the
		// marks ("“…,” he points out") is the cue
		si := v.sents[v.sent[qo]]
		for i := int(si.start); i < int(si.end) && i < len(toks); i++ {
			if hh := headOf(v, i); (i < qo || i >= qc) && hh >= qo && hh < qc &&
				toks[i].UPOS == "VERB" && (toks[i].Rel == "parataxis" || toks[i].Rel == "ccomp") {
				h = i
				break
			}
		}
	}
	for d := 0; d < 3 && h >= 0 && toks[h].UPOS != "VERB"; d++ {
		h = headOf(v, h)
	}
	if h < 0 || inQuote[h] || toks[h].UPOS != "VERB" {
		return -1
	}
	return h
}

// nominal reports whether a speaker span holds a noun, proper noun or
// pronoun by the tagger, or a person or organisation by the recogniser, or
// is a surname resolved to a fuller name; it holds on an untagged Doc.
func nominal(v *view, sp *schema.Speaker) bool {
	a := v.wordAt(int32(sp.Start))
	for i := a; i < len(v.words) && int(v.words[i].start) < sp.End; i++ {
		switch v.upos(i) {
		case "NOUN", "PROPN", "PRON", "":
			return true
		}
		if e := v.ent(i); e == "PER" || e == "PERSON" || e == "ORG" {
			return true
		}
	}
	// a surname the tagger read as an adjective ("said Small") still names
	// the person it was resolved to
	return capitalised(sp.Text) && len(sp.Name) > len(sp.Text) && containsWords(sp.Name, sp.Text)
}

// titleAbbrevs maps a role noun to the title abbreviation that names the
// same role before a name ("the senator" ~ "Sen. Marco Rubio").
var titleAbbrevs = map[string]string{
	"senator": "Sen.", "governor": "Gov.", "representative": "Rep.", "congressman": "Rep.",
	"congresswoman": "Rep.", "general": "Gen.", "doctor": "Dr.",
}

// nounAntecedent resolves a common-noun speaker ("the spokesman", "the
// Florida senator") to a person named earlier next to the same role noun
// ("Josh Earnest, the White House spokesman", "spokesman Josh Earnest",
// "Sen. Marco Rubio"). It returns "" when none is found.
func nounAntecedent(v *view, a, b int, ments []mention) string {
	head := lower(strings.TrimRight(v.w(b-1), ".,"))
	if len(head) < 3 || !(lower(v.w(a)) == "the" || lower(v.w(a)) == "a" || lower(v.w(a)) == "an") {
		return ""
	}
	if p := v.upos(b - 1); p != "" && p != "NOUN" {
		return ""
	}
	abbr := titleAbbrevs[head]
	// the nearest earlier person mention with the role noun (or its title)
	// within four words of it
	for mi := len(ments) - 1; mi >= 0; mi-- {
		m := &ments[mi]
		if int(m.first) >= a || !m.person {
			continue
		}
		lo, hi := int(m.first)-4, int(m.last)+6
		if lo < 0 {
			lo = 0
		}
		if hi > a {
			hi = a
		}
		for i := lo; i < hi; i++ {
			if w := v.w(i); lower(w) == head || (abbr != "" && w == abbr) {
				return fullName(m.name, ments)
			}
		}
	}
	return ""
}

// fixSpeakers replaces the speaker of a rule-found reported quote when it is
// not a noun phrase ("been", "the"), or names no person where the parse has
// one: the cue's subject in the parse, the cue being the cue word nearest the
// content.
func fixSpeakers(v *view, t *tree, qs []schema.Quote, ments []mention, inQuote []bool) {
	for i := range qs {
		q := &qs[i]
		if q.Speaker == nil || (nominal(v, q.Speaker) && personish(v, q.Speaker)) {
			continue
		}
		a := v.wordAt(int32(q.Start))
		si := v.sents[v.sent[min(a, len(v.words)-1)]]
		best := -1
		for k := int(si.start); k < int(si.end); k++ {
			if v.w(k) == q.Cue && (best < 0 || abs(k-a) < abs(best-a)) {
				best = k
			}
		}
		if best < 0 {
			continue
		}
		if s := subjectOf(v, t, best); s >= 0 && !inQuote[s] {
			if sp := speakerAt(v, t, s, ments, inQuote); sp != nil && nominal(v, sp) && !(int(v.words[s].start) < q.Speaker.End && q.Speaker.Start < int(v.words[s].end)) &&
				(!nominal(v, q.Speaker) || personish(v, sp)) {
				q.Speaker = sp
			}
		}
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// headOf returns the head of token i, or -1 for a root or a head out of range.
func headOf(v *view, i int) int {
	h := int(v.doc.Tokens[i].Head)
	if h < 0 || h >= len(v.doc.Tokens) || h == i {
		return -1
	}
	return h
}

// nounPhrase returns the word range [a, b) of the noun phrase headed by s:
// its modifiers, appositions and conjuncts, but not a relative or clausal
// dependent, nor its preposition, nor quoted words, nor edge punctuation.
func nounPhrase(v *view, t *tree, s int, inQuote []bool) (int, int) {
	// the noun phrase: the subject with its modifiers, appositions and
	// conjuncts, but not a relative or clausal dependent, nor quoted words
	a, b := s, s+1
	for c := t.first[s]; c >= 0; c = t.next[c] {
		switch r := v.doc.Tokens[c].Rel; {
		case strings.HasPrefix(r, "acl") || r == "parataxis" || r == "ccomp" || r == "dep" ||
			r == "punct" || r == "case" || strings.HasPrefix(r, "advcl"):
			continue
		}
		a, b = min(a, int(t.lo[c])), max(b, int(t.hi[c])+1)
	}
	for i := s - 1; i >= a; i-- {
		if inQuote[i] {
			a = i + 1
			break
		}
	}
	for i := s + 1; i < b; i++ {
		if inQuote[i] {
			b = i
			break
		}
	}
	if b-a > 25 {
		a, b = s, s+1
	}
	for a < b && v.isPunct(a) {
		a++
	}
	for b > a && v.isPunct(b-1) {
		b--
	}
	return a, b
}

// placeOnly reports whether a speaker span names places or groups only:
// words tagged LOC, GPE, NORP or MISC and no person, organisation or pronoun.
func placeOnly(v *view, sp *schema.Speaker) bool {
	place := false
	for i := v.wordAt(int32(sp.Start)); i < len(v.words) && int(v.words[i].start) < sp.End; i++ {
		switch v.ent(i) {
		case "PER", "PERSON", "ORG":
			return false
		case "LOC", "GPE", "NORP", "MISC":
			place = true
		}
		if v.upos(i) == "PRON" {
			return false
		}
	}
	return place
}

// personish reports whether a speaker span holds a person name or a
// personal pronoun.
func personish(v *view, sp *schema.Speaker) bool {
	for i := v.wordAt(int32(sp.Start)); i < len(v.words) && int(v.words[i].start) < sp.End; i++ {
		if e := v.ent(i); e == "PER" || e == "PERSON" {
			return true
		}
		if lw := lower(v.w(i)); lw == "he" || lw == "she" || lw == "i" || lw == "we" || lw == "they" {
			return true
		}
	}
	return false
}

// labelledLines reads transcript and headline lines without quotation
// marks, "FALLIN: Well, I think …" or "Bill Clinton: Hillary thinks …": a
// line opening with a person's name (or an all-capitals label) and a colon
// attributes the rest of the line to that name. Lines that overlap a quote
// already found are left alone.
func labelledLines(v *view, ments []mention, inQuote []bool, found []schema.Quote) []schema.Quote {
	var out []schema.Quote
	for i := range ments {
		m := &ments[i]
		a, c := int(m.first), int(m.last)
		if c >= len(v.words) || v.w(c) != ":" || c-a > 4 || inQuote[a] {
			continue
		}
		if a > 0 && !lineBreakBetween(v.text, v.words[a-1].end, v.words[a].start) {
			continue
		}
		label := !strings.ContainsFunc(v.w(c-1), func(r rune) bool { return r >= 'a' && r <= 'z' })
		if !m.person && !label {
			continue
		}
		// the content runs to the end of the line
		b := c + 1
		for b < len(v.words) && !lineBreakBetween(v.text, v.words[b-1].end, v.words[b].start) {
			b++
		}
		cs := c + 1
		if cs >= b || countWords(v, cs, b) < 3 || inQuote[cs] {
			continue
		}
		st, en := v.words[cs].start, v.words[b-1].end
		q := schema.Quote{Start: int(st), End: int(en)}
		if overlapsAny(q, found) {
			continue
		}
		out = append(out, schema.Quote{Text: v.text[st:en], Start: int(st), End: int(en), Cue: ":",
			Speaker: speakerFrom(v, a, c, ments)})
	}
	return out
}

// overlapsAny reports whether q's content overlaps one of qs.
func overlapsAny(q schema.Quote, qs []schema.Quote) bool {
	for i := range qs {
		if qs[i].Start < q.End && q.Start < qs[i].End {
			return true
		}
	}
	return false
}

// cutSubject returns the cue k's subject in the parse when the rules read a
// speaker phrase that begins right after a preposition, a "to" or a verb
// (a phrase cut from a longer subject: "a source speaking to Fox News said")
// and the parse subject, a noun, lies before it in the same sentence. It
// returns nil otherwise.
func cutSubject(v *view, t *tree, k int, spk *schema.Speaker, ments []mention, inQuote []bool) *schema.Speaker {
	a := v.wordAt(int32(spk.Start))
	if a <= 0 || a >= len(v.words) || a > k {
		return nil
	}
	switch v.upos(a - 1) {
	case "ADP", "PART", "VERB":
	default:
		return nil
	}
	s := subjectOf(v, t, k)
	if s < 0 || s >= a-1 || inQuote[s] || v.sent[s] != v.sent[k] {
		return nil
	}
	if p := v.upos(s); p != "NOUN" && p != "PROPN" {
		return nil
	}
	for i := s; i < a; i++ {
		if inQuote[i] {
			return nil
		}
	}
	sp := speakerAt(v, t, s, ments, inQuote)
	if sp == nil || sp.End > spk.Start || (personish(v, spk) && !personish(v, sp)) {
		return nil
	}
	return sp
}

// colonLeadIn reads the sentence that ends in a colon right before the quote
// opening at word qo ("His campaign sent supporters a message saying:",
// "Transcript as follows:"): the subject of its root verb by the parse, or
// the root itself when it is a noun, is the speaker. It returns nil when no
// such sentence or subject is found.
func colonLeadIn(v *view, t *tree, qo int, ments []mention, inQuote []bool) *schema.Speaker {
	p := qo - 1
	if p < 1 || v.w(p) != ":" || inQuote[p] {
		return nil
	}
	toks := v.doc.Tokens
	ss := int(v.sents[v.sent[p]].start)
	r := -1
	for i := ss; i < p; i++ {
		if toks[i].Head < 0 {
			r = i
			break
		}
	}
	if r < 0 || inQuote[r] {
		return nil
	}
	switch toks[r].UPOS {
	case "VERB", "AUX":
		if s := subjectOf(v, t, r); s >= 0 && !inQuote[s] && lower(v.w(s)) != "what" {
			return speakerAt(v, t, s, ments, inQuote)
		}
	case "NOUN", "PROPN":
		if a, b := nounPhrase(v, t, r, inQuote); b > a && b-a <= 6 {
			return speakerFrom(v, a, b, ments)
		}
	}
	return nil
}
