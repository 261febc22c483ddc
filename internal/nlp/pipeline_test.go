package nlp

import (
	"bufio"
	"bytes"
	"encoding/json"
	"testing"

	"github.com/detente-project/detente/examples"
	"github.com/detente-project/detente/internal/text"
)

// Every sentence of the bundled Wikinews articles comes out of the whole
// pipeline (with the proper-noun and flat-name steps after the models) as
// one tree: one root, heads inside the sentence, no cycle.
func TestPipelineTrees(t *testing.T) {
	pipe, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(bytes.NewReader(examples.Wikinews))
	sc.Buffer(make([]byte, 1<<20), 4<<20)
	var d text.Doc
	articles, sentences, flat := 0, 0, 0
	for sc.Scan() && articles < 100 {
		var rec struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		pipe.Process(&d, rec.Text)
		articles++
		for si, s := range d.Sentences {
			sentences++
			roots := 0
			for i := s.Start; i < s.End; i++ {
				tok := &d.Tokens[i]
				if tok.Rel == "flat" {
					flat++
				}
				if tok.Head == -1 {
					roots++
					continue
				}
				if tok.Head < s.Start || tok.Head >= s.End || tok.Head == i {
					t.Fatalf("article %d sentence %d token %d: head %d outside [%d,%d) or self", articles, si, i, tok.Head, s.Start, s.End)
				}
				k, steps := i, int32(0)
				for k != -1 && steps <= s.End-s.Start {
					k = d.Tokens[k].Head
					steps++
				}
				if k != -1 {
					t.Fatalf("article %d sentence %d token %d: cycle", articles, si, i)
				}
			}
			if roots != 1 {
				t.Fatalf("article %d sentence %d: %d roots", articles, si, roots)
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d articles, %d sentences, %d flat name words", articles, sentences, flat)
	if articles < 100 || flat == 0 {
		t.Fatalf("%d articles read, %d flat name words: want 100 and some", articles, flat)
	}
}

// A news verb the tagger may leave a participle is past tense once the
// parse gives it a subject and no auxiliary; a real passive or perfect keeps
// its participle.
func TestFiniteParticiples(t *testing.T) {
	pipe, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		text, word, xpos string
	}{
		{"The United States imposed sanctions on Iran.", "imposed", "VBD"},
		{"The two governments sought to pull relations back from the brink.", "sought", "VBD"},
		{"Sanctions were imposed on Iran by the United States.", "imposed", "VBN"},
		{"The United States has imposed sanctions on Iran.", "imposed", "VBN"},
	}
	var d text.Doc
	for _, c := range cases {
		pipe.Process(&d, c.text)
		found := false
		for _, tok := range d.Tokens {
			if d.Text[tok.Start:tok.End] == c.word {
				found = true
				if tok.XPOS != c.xpos {
					t.Errorf("%q: %s is %s, want %s", c.text, c.word, tok.XPOS, c.xpos)
				}
			}
		}
		if !found {
			t.Errorf("%q: no token %q", c.text, c.word)
		}
	}
}
