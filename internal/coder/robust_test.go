package coder

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/detente-project/detente/internal/text"
)

// TestRandomParses codes random, often malformed parses (cycles, heads out
// of range, odd relations, bad offsets): no panic, and every span it emits
// points into the text.
func TestRandomParses(t *testing.T) {
	c := newTestCoder(t)
	rng := rand.New(rand.NewPCG(1, 2))
	words := []string{"Putin", "attacked", "met", "Israel", "and", "China", "said", "that", "he", "will", "not", "visit", "talks", "the", "US", "urged", "to", "withdraw", "by", "sanctions", "on", "Iran", "was", "committed", "who", "its", "forces", "in", "Georgia", "."}
	upos := []string{"PROPN", "VERB", "NOUN", "PRON", "AUX", "ADP", "PART", "ADJ", "CCONJ", "PUNCT", "DET", "SCONJ"}
	rels := []string{"root", "nsubj", "nsubj:pass", "obj", "iobj", "obl", "nmod", "nmod:poss", "conj", "cc", "xcomp", "ccomp", "advcl", "acl", "acl:relcl", "appos", "aux", "aux:pass", "cop", "advmod", "case", "mark", "compound", "amod", "flat", "compound:prt", "punct", "det", "obl:unmarked", "parataxis"}
	for iter := 0; iter < 3000; iter++ {
		doc := &text.Doc{}
		n := 1 + rng.IntN(25)
		var b []byte
		for i := 0; i < n; i++ {
			w := words[rng.IntN(len(words))]
			if len(b) > 0 {
				b = append(b, ' ')
			}
			start := len(b)
			b = append(b, w...)
			tok := text.Token{Start: int32(start), End: int32(len(b)), Lemma: w, UPOS: upos[rng.IntN(len(upos))],
				Head: int32(rng.IntN(n+4)) - 2, Rel: rels[rng.IntN(len(rels))]}
			if rng.IntN(50) == 0 {
				tok.End = tok.Start + 1000 // bad offsets must be skipped, not crash
			}
			doc.Tokens = append(doc.Tokens, tok)
		}
		doc.Text = string(b)
		cut := int32(rng.IntN(n + 1))
		doc.Sentences = []text.Sentence{{Start: 0, End: cut}, {Start: cut, End: int32(n)}}
		if rng.IntN(20) == 0 {
			doc.Sentences = append(doc.Sentences, text.Sentence{Start: 3, End: 1}, text.Sentence{Start: -1, End: int32(n + 5)})
		}
		for _, e := range c.Code(doc, time.Time{}) {
			if e.Trigger.End > len(doc.Text) || doc.Text[e.Trigger.Start:e.Trigger.End] != e.Trigger.Text {
				t.Fatalf("bad trigger span %+v in %q", e.Trigger, doc.Text)
			}
			if e.Source.End > len(doc.Text) || doc.Text[e.Source.Start:e.Source.End] != e.Source.Text {
				t.Fatalf("bad source span %+v in %q", e.Source, doc.Text)
			}
		}
	}
	if evs := c.Code(nil, time.Time{}); evs != nil {
		t.Errorf("nil doc: %v", evs)
	}
	if evs := c.Code(&text.Doc{}, time.Time{}); evs != nil {
		t.Errorf("empty doc: %v", evs)
	}
}
