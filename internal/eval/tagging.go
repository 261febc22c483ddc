// Package eval scores Détente's components against gold data.
package eval

import (
	"strings"

	"github.com/detente-project/detente/internal/conllu"
	"github.com/detente-project/detente/internal/text"
)

// DocTagger is what ScoreTagging needs from a tagger (tag.Tagger satisfies it).
type DocTagger interface {
	Tag(d *text.Doc)
}

// TagScores holds tagging accuracies in percent over gold words.
type TagScores struct {
	Words int     `json:"words"`
	UPOS  float64 `json:"upos"`
	XPOS  float64 `json:"xpos"`
	Lemma float64 `json:"lemma"`
}

// GoldDoc builds a document from gold-tokenised sentences: the words joined by
// single spaces (a newline between sentences), one token per syntactic word
// and one sentence per CoNLL-U sentence, with SpaceAfter from the MISC column.
// Tags, lemmas and heads are left empty (Head -1).
func GoldDoc(sents []*conllu.Sentence) *text.Doc {
	var b strings.Builder
	n := 0
	for _, s := range sents {
		n += len(s.Words)
	}
	d := &text.Doc{Tokens: make([]text.Token, 0, n), Sentences: make([]text.Sentence, 0, len(sents))}
	for _, s := range sents {
		first := int32(len(d.Tokens))
		for i := range s.Words {
			if i > 0 {
				b.WriteByte(' ')
			}
			start := int32(b.Len())
			b.WriteString(s.Words[i].Form)
			d.Tokens = append(d.Tokens, text.Token{Start: start, End: int32(b.Len()), Head: -1,
				SpaceAfter: s.Words[i].SpaceAfter()})
		}
		b.WriteByte('\n')
		d.Sentences = append(d.Sentences, text.Sentence{Start: first, End: int32(len(d.Tokens))})
	}
	d.Text = b.String()
	return d
}

// ScoreTagging tags the gold sentences with their gold tokens and sentence
// breaks and returns UPOS, XPOS and lemma accuracy as in the CoNLL 2018
// shared task (exact match; a gold lemma "_" matches anything).
func ScoreTagging(t DocTagger, gold []*conllu.Sentence) TagScores {
	d := GoldDoc(gold)
	t.Tag(d)
	return ScoreTaggedDoc(d, gold)
}

// ScoreTaggedDoc compares the tags of a document built by GoldDoc (and tagged
// by any means) with the gold sentences.
func ScoreTaggedDoc(d *text.Doc, gold []*conllu.Sentence) TagScores {
	var u, x, l, n int
	k := 0
	for _, s := range gold {
		for i := range s.Words {
			if k >= len(d.Tokens) {
				break
			}
			w, tok := &s.Words[i], &d.Tokens[k]
			k++
			n++
			if tok.UPOS == w.UPOS {
				u++
			}
			if tok.XPOS == w.XPOS {
				x++
			}
			if w.Lemma == "_" || tok.Lemma == w.Lemma {
				l++
			}
		}
	}
	sc := TagScores{Words: n}
	if n > 0 {
		sc.UPOS = 100 * float64(u) / float64(n)
		sc.XPOS = 100 * float64(x) / float64(n)
		sc.Lemma = 100 * float64(l) / float64(n)
	}
	return sc
}

// AnnotateByDocument runs annotate on each document of gold (a new one
// starts at every "# newdoc" comment) as its own text.Doc, so that
// article-level memory (the entity recogniser's) stays inside the article
// as in production, and returns one document of all sentences carrying
// the annotations, laid out as GoldDoc lays them out.
func AnnotateByDocument(gold []*conllu.Sentence, annotate func(d *text.Doc)) *text.Doc {
	all := GoldDoc(gold)
	k := 0
	for _, r := range documents(gold) {
		d := GoldDoc(gold[r[0]:r[1]])
		annotate(d)
		for i := range d.Tokens {
			src, dst := &d.Tokens[i], &all.Tokens[k+i]
			dst.UPOS, dst.XPOS, dst.Lemma, dst.Rel, dst.Ent = src.UPOS, src.XPOS, src.Lemma, src.Rel, src.Ent
			dst.Head = src.Head
			if src.Head >= 0 {
				dst.Head += int32(k)
			}
		}
		k += len(d.Tokens)
	}
	return all
}
