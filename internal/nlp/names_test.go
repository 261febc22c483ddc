package nlp

import (
	"testing"

	"github.com/detente-project/detente/internal/ner"
	"github.com/detente-project/detente/internal/text"
)

// nameDoc builds one sentence of tokens with the given entity tags, tags,
// heads (0-based, -1 for the root) and relations.
func nameDoc(ents, upos []string, heads []int32, rels []string) *text.Doc {
	d := &text.Doc{}
	for i := range ents {
		d.Tokens = append(d.Tokens, text.Token{Ent: ents[i], UPOS: upos[i], Head: heads[i], Rel: rels[i]})
	}
	d.Sentences = []text.Sentence{{Start: 0, End: int32(len(ents))}}
	return d
}

func TestFlatNames(t *testing.T) {
	cases := []struct {
		name       string
		ents, upos []string
		heads      []int32
		rels       []string
		wantHeads  []int32
		wantRels   []string
	}{
		{
			// "Antony J. Blinken 's visit": the parser made Blinken the head.
			name:      "head moves to the first word",
			ents:      []string{"B-PER", "I-PER", "L-PER", "O", "O"},
			upos:      []string{"PROPN", "PROPN", "PROPN", "PART", "NOUN"},
			heads:     []int32{2, 2, 4, 2, -1},
			rels:      []string{"compound", "compound", "nmod:poss", "case", "root"},
			wantHeads: []int32{4, 0, 0, 0, -1},
			wantRels:  []string{"nmod:poss", "flat", "flat", "case", "root"},
		},
		{
			// "Madam Speaker Pelosi spoke": the title stays a descriptor.
			name:      "leading title kept",
			ents:      []string{"B-PER", "I-PER", "L-PER", "O"},
			upos:      []string{"PROPN", "PROPN", "PROPN", "VERB"},
			heads:     []int32{2, 2, 3, -1},
			rels:      []string{"nmod:desc", "compound", "nsubj", "root"},
			wantHeads: []int32{1, 3, 1, -1},
			wantRels:  []string{"nmod:desc", "nsubj", "flat", "root"},
		},
		{
			name:      "split by the parse: unchanged",
			ents:      []string{"B-PER", "L-PER", "O"},
			upos:      []string{"PROPN", "PROPN", "VERB"},
			heads:     []int32{2, 2, -1},
			rels:      []string{"nsubj", "obj", "root"},
			wantHeads: []int32{2, 2, -1},
			wantRels:  []string{"nsubj", "obj", "root"},
		},
		{
			name:      "not all proper nouns: unchanged",
			ents:      []string{"B-PER", "L-PER", "O"},
			upos:      []string{"PROPN", "NOUN", "VERB"},
			heads:     []int32{1, 2, -1},
			rels:      []string{"compound", "nsubj", "root"},
			wantHeads: []int32{1, 2, -1},
			wantRels:  []string{"compound", "nsubj", "root"},
		},
		{
			name:      "organisations: unchanged",
			ents:      []string{"B-ORG", "L-ORG", "O"},
			upos:      []string{"PROPN", "PROPN", "VERB"},
			heads:     []int32{1, 2, -1},
			rels:      []string{"compound", "nsubj", "root"},
			wantHeads: []int32{1, 2, -1},
			wantRels:  []string{"compound", "nsubj", "root"},
		},
	}
	for _, c := range cases {
		d := nameDoc(c.ents, c.upos, c.heads, c.rels)
		flatNames(d, ner.Entities(d))
		for i, tok := range d.Tokens {
			if tok.Head != c.wantHeads[i] || tok.Rel != c.wantRels[i] {
				t.Errorf("%s: token %d: %d/%s, want %d/%s", c.name, i, tok.Head, tok.Rel, c.wantHeads[i], c.wantRels[i])
			}
		}
	}
	// Bad input: empty docs, tags without a type, sentences out of range.
	flatNames(&text.Doc{}, nil)
	d := nameDoc([]string{"B-", "L", ""}, []string{"PROPN", "PROPN", "X"}, []int32{1, -1, 1}, []string{"a", "root", "b"})
	d.Sentences = append(d.Sentences, text.Sentence{Start: 2, End: 9})
	flatNames(d, ner.Entities(d))
	flatNames(d, []ner.Span{{Start: 0, End: 2, Type: "PER"}, {Start: 7, End: 12, Type: "PER"}})
}
