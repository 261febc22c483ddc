package lemma

import (
	"bufio"
	"bytes"
	"testing"

	"github.com/detente-project/detente/internal/conllu"
)

func sent(triples ...string) *conllu.Sentence {
	s := &conllu.Sentence{}
	for i := 0; i+2 < len(triples); i += 3 {
		s.Words = append(s.Words, conllu.Word{Form: triples[i], XPOS: triples[i+1], Lemma: triples[i+2]})
	}
	return s
}

func toy() []*conllu.Sentence {
	return []*conllu.Sentence{
		sent("dogs", "NNS", "dog", "studies", "NNS", "study", "parties", "NNS", "party", "cities", "NNS", "city"),
		sent("books", "NNS", "book", "trees", "NNS", "tree", "walked", "VBD", "walk", "talked", "VBD", "talk"),
		sent("went", "VBD", "go", "I", "PRP", "I", "Americans", "NNPS", "American", "States", "NNPS", "State"),
		sent("The", "DT", "the", "jumped", "VBD", "jump", "houses", "NNS", "house", "Obama", "NNP", "Obama"),
		sent("’s", "POS", "'s", "is", "VBZ", "be", "isn", "NN", "isn"),
	}
}

func TestLemmaRulesAndExceptions(t *testing.T) {
	l := Train(toy(), Options{})
	cases := []struct{ form, xpos, want string }{
		{"cats", "NNS", "cat"},         // unseen, -s rule
		{"ponies", "NNS", "pony"},      // unseen, -ies rule
		{"kicked", "VBD", "kick"},      // unseen, -ed rule
		{"went", "VBD", "go"},          // exception
		{"I", "PRP", "I"},              // exception keeps case
		{"Went", "VBD", "go"},          // lowercased before lookup
		{"Germans", "NNPS", "German"},  // proper: case kept, -s cut
		{"Blinken", "NNP", "Blinken"},  // proper: identity
		{"THE", "DT", "the"},           // lowercased
		{"'s", "POS", "'s"},            // apostrophes normalised
		{"\u2019s", "POS", "'s"},       // curly apostrophe
		{"", "NN", ""},                 // empty
		{"\xff\xfe", "NN", "\xff\xfe"}, // invalid UTF-8 survives
	}
	for _, c := range cases {
		if got := l.Lemma(c.form, c.xpos); got != c.want {
			t.Errorf("Lemma(%q, %s) = %q, want %q", c.form, c.xpos, got, c.want)
		}
	}
}

func TestLemmaRoundTrip(t *testing.T) {
	l := Train(toy(), Options{})
	var buf bytes.Buffer
	if _, err := l.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	raw := buf.Bytes()
	l2, err := Read(bufio.NewReader(bytes.NewReader(raw)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"ponies", "went", "Germans", "kicked"} {
		if a, b := l.Lemma(f, "NNS"), l2.Lemma(f, "NNS"); a != b {
			t.Errorf("round trip changed Lemma(%q): %q vs %q", f, a, b)
		}
	}
	var buf2 bytes.Buffer
	l2.WriteTo(&buf2)
	if !bytes.Equal(raw, buf2.Bytes()) {
		t.Error("serialisation is not deterministic")
	}
	for n := 0; n < len(raw); n += 7 {
		if _, err := Read(bufio.NewReader(bytes.NewReader(raw[:n]))); err == nil {
			t.Fatalf("truncated model (%d of %d bytes) read without error", n, len(raw))
		}
	}
}

func TestLemmaNoAlloc(t *testing.T) {
	l := Train(toy(), Options{})
	allocs := testing.AllocsPerRun(100, func() {
		l.Lemma("went", "VBD")
		l.Lemma("cats", "NNS")
		l.Lemma("Obama", "NNP")
	})
	if allocs != 0 {
		t.Errorf("%.1f allocations per run for known words and strip rules, want 0", allocs)
	}
}

func TestLemmaInterned(t *testing.T) {
	l := Train(toy(), Options{})
	allocs := testing.AllocsPerRun(100, func() {
		l.Lemma("The", "DT")      // lowercased, rule identity: interned
		l.Lemma("Studies", "NNS") // known lemma "study" after an -ies edit
	})
	if allocs != 0 {
		t.Errorf("%.1f allocations per run for lemmas seen in training, want 0", allocs)
	}
}
