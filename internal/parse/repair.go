package parse

import "strings"

// reportingForms are the forms of speech verbs that end news sentences
// ("…, Ukrainian officials said.").
var reportingForms = map[string]bool{
	"said": true, "says": true, "told": true, "tells": true, "added": true, "adds": true,
	"wrote": true, "writes": true, "noted": true, "warned": true, "insisted": true,
	"argued": true, "explained": true, "stated": true, "claimed": true,
}

// isReporting reports whether w is a reporting form in any case, without
// allocating.
func isReporting(w string) bool {
	var buf [12]byte
	if len(w) > len(buf) {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return reportingForms[string(buf[:len(w)])]
}

// npTag reports whether a universal tag can be part of a short subject
// noun phrase before a reporting verb.
func npTag(u string) bool {
	switch u {
	case "DET", "ADJ", "NOUN", "PROPN", "NUM", "PRON":
		return true
	}
	return false
}

// repair applies the fixes below to a finished parse.
func (p *Parser) repair(st *state) {
	p.repairReporting(st)
	punctLeaves(st)
}

// repairReporting fixes the greedy parser's commonest error on wire copy:
// in "…, killing five people, Ukrainian officials said on Friday." the
// subject of the closing reporting verb is read as a conjunct of the
// clause before and the verb is left without one, so "said" inherits the
// wrong subject. When a reporting verb has no subject and a comma is
// followed directly by a noun phrase ending right before the verb, that
// phrase becomes its nsubj (its other words hang from its head, a comma
// that hung from it hangs from the verb). Nothing changes when the phrase
// has other dependents outside it or the verb lies below it.
func (p *Parser) repairReporting(st *state) {
	if p.nsubj < 0 {
		return
	}
	n := st.n
	for v := int32(2); v < n; v++ {
		if st.utag[v] != "VERB" || !isReporting(st.form[v]) || p.hasSubject(st, v) {
			continue
		}
		a := v
		for a > 0 && v-a < 8 && npTag(st.utag[a-1]) {
			a--
		}
		if a == v || a == 0 || st.form[a-1] != "," {
			continue
		}
		h := int32(-1)
		for i := v - 1; i >= a; i-- {
			if u := st.utag[i]; u == "NOUN" || u == "PROPN" || u == "PRON" {
				h = i
				break
			}
		}
		if h < 0 || !p.canRehang(st, a, v, h) {
			continue
		}
		for i := int32(0); i < n; i++ {
			if (i < a || i >= v) && st.head[i] >= a && st.head[i] < v {
				st.head[i] = v // a comma that hung from the phrase
			}
		}
		st.head[h], st.label[h] = v, p.nsubj
		for i := a; i < v; i++ {
			if i != h && (st.head[i] < a || st.head[i] >= v) {
				st.head[i] = h
			}
		}
	}
}

// hasSubject reports whether v has a nominal or clausal subject.
func (p *Parser) hasSubject(st *state, v int32) bool {
	for i := int32(0); i < st.n; i++ {
		if st.head[i] != v || st.label[i] < 0 {
			continue
		}
		if l := p.labels[st.label[i]]; strings.HasPrefix(l, "nsubj") || strings.HasPrefix(l, "csubj") {
			return true
		}
	}
	return false
}

// canRehang reports whether the phrase [a, v) with head h can become the
// subject of v: only punctuation outside the phrase depends on it, and v
// does not lie below h.
func (p *Parser) canRehang(st *state, a, v, h int32) bool {
	for i := int32(0); i < st.n; i++ {
		if (i < a || i >= v) && st.head[i] >= a && st.head[i] < v && i != a-1 && !(st.label[i] >= 0 && p.labels[st.label[i]] == "punct") {
			return false
		}
	}
	for x, steps := st.head[v], int32(0); x >= 0 && x < st.n && steps <= st.n; x, steps = st.head[x], steps+1 {
		if x == h {
			return false
		}
	}
	return true
}

// punctLeaves gives punctuation no dependents, as UD requires: a word the
// greedy parser hung from a punctuation mark (usually one it tagged PUNCT
// by mistake, or a word after a dash) moves up to the mark's head, the
// nearest ancestor that is not punctuation. A mark that is the sentence
// root keeps its dependents, so the tree keeps one root. EWT dev: UAS
// +0.08 (words other than punctuation 86.47 → 86.56).
func punctLeaves(st *state) {
	n := st.n
	for i := int32(0); i < n; i++ {
		h := st.head[i]
		for steps := int32(0); h >= 0 && h < n && st.utag[h] == "PUNCT" && st.head[h] != n && steps < n; steps++ {
			h = st.head[h]
		}
		if h >= 0 && h != i {
			st.head[i] = h
		}
	}
}
