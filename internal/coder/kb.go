package coder

import (
	"strings"
	"time"

	"github.com/detente-project/detente/internal/kb"
	"github.com/detente-project/detente/internal/schema"
	"github.com/detente-project/detente/internal/text"
)

// KBActors resolves noun phrases through the knowledge base.
type KBActors struct{ KB *kb.KB }

var _ Actors = KBActors{}

// ResolvePhrase implements Actors: the phrase text (and the appositive of
// its head, if any: "Xi Jinping, China's leader") goes to kb.ResolveMention.
func (a KBActors) ResolvePhrase(doc *text.Doc, toks []int32, date time.Time) (schema.Actor, bool) {
	if a.KB == nil || len(toks) == 0 {
		return schema.Actor{}, false
	}
	m := kb.Mention{Text: phraseText(doc, toks), Date: date}
	if ap := appositive(doc, toks); ap != "" {
		m.Appositive = ap
	}
	r, ok := a.KB.ResolveMention(m)
	if !ok || r.Code == "" {
		return schema.Actor{}, false
	}
	if r.Kind == kb.KindPlace && tagged(doc, toks) && !hasProperNoun(doc, toks) {
		// A town standing for its country must be a name: "Most of the
		// protesters" is not about Most, Czech Republic.
		return schema.Actor{}, false
	}
	if personName(doc, toks) && !a.KB.FitsPersonName(m.Text, r) {
		// "West said", Kanye West: not the West.
		return schema.Actor{}, false
	}
	return schema.Actor{Code: r.Code, Country: r.Country, Sectors: r.Sectors, Name: r.Name}, true
}

// tagged reports whether the phrase's tokens carry part-of-speech tags.
func tagged(doc *text.Doc, toks []int32) bool {
	for _, k := range toks {
		if doc.Tokens[k].UPOS != "" {
			return true
		}
	}
	return false
}

// personName reports whether the phrase is a name the entity recogniser
// calls a person: every token but punctuation and the possessive ending is
// inside a PER entity.
func personName(doc *text.Doc, toks []int32) bool {
	n := 0
	for _, k := range toks {
		t := &doc.Tokens[k]
		if t.UPOS == "PUNCT" || t.XPOS == "POS" {
			continue
		}
		if !strings.HasSuffix(t.Ent, "-PER") {
			return false
		}
		n++
	}
	return n > 0
}

// hasProperNoun reports whether a token of the phrase is tagged PROPN.
func hasProperNoun(doc *text.Doc, toks []int32) bool {
	for _, k := range toks {
		if doc.Tokens[k].UPOS == "PROPN" {
			return true
		}
	}
	return false
}

// phraseText joins the words of toks, keeping the text's own spacing
// between adjacent tokens and a single space across gaps.
func phraseText(doc *text.Doc, toks []int32) string {
	first, last := toks[0], toks[len(toks)-1]
	if int(last-first)+1 == len(toks) {
		return doc.Text[doc.Tokens[first].Start:doc.Tokens[last].End]
	}
	var b strings.Builder
	for i, k := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(doc.Word(int(k)))
	}
	return b.String()
}

// appositive returns the text of the appos dependent of the phrase's head,
// or "".
func appositive(doc *text.Doc, toks []int32) string {
	si := doc.SentenceOf(int(toks[0]))
	if si < 0 {
		return ""
	}
	s := doc.Sentences[si]
	if s.Start < 0 || s.End > int32(len(doc.Tokens)) {
		return ""
	}
	head := int32(-1)
	for _, k := range toks {
		h := doc.Tokens[k].Head
		in := false
		for _, j := range toks {
			if j == h {
				in = true
				break
			}
		}
		if !in {
			head = k
			break
		}
	}
	if head < 0 {
		return ""
	}
	for i := s.Start; i < s.End; i++ {
		if doc.Tokens[i].Head != head || doc.Tokens[i].Rel != "appos" {
			continue
		}
		// the appositive's extent: the tokens it dominates
		lo, hi := i, i
		for j := s.Start; j < s.End; j++ {
			if dominates(doc, i, j, s) {
				if j < lo {
					lo = j
				}
				if j > hi {
					hi = j
				}
			}
		}
		for hi > lo && doc.Tokens[hi].UPOS == "PUNCT" {
			hi--
		}
		return doc.Text[doc.Tokens[lo].Start:doc.Tokens[hi].End]
	}
	return ""
}

func dominates(doc *text.Doc, a, j int32, s text.Sentence) bool {
	for k := 0; k < maxDepth*4 && j >= s.Start && j < s.End; k++ {
		if j == a {
			return true
		}
		j = doc.Tokens[j].Head
	}
	return false
}

// KBOntology looks CAMEO codes up in the knowledge base.
type KBOntology struct{ KB *kb.KB }

var _ Ontology = KBOntology{}

// Event implements Ontology.
func (o KBOntology) Event(code string) (EventInfo, bool) {
	if o.KB == nil {
		return EventInfo{}, false
	}
	e, ok := o.KB.Event(code)
	if !ok {
		return EventInfo{}, false
	}
	return EventInfo{Name: e.Name, Goldstein: e.Goldstein, QuadClass: e.QuadClass, Plover: e.Plover.Event, Mode: e.Plover.Mode, Context: e.Plover.Context}, true
}

// NewDefault returns a coder over the embedded lexicon and knowledge base.
func NewDefault() (*Coder, error) {
	lex, err := DefaultLexicon()
	if err != nil {
		return nil, err
	}
	k, err := kb.Default()
	if err != nil {
		return nil, err
	}
	return New(lex, KBActors{KB: k}, KBOntology{KB: k}), nil
}
