package tag

import (
	"fmt"
	"github.com/detente-project/detente/internal/testshared"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/detente-project/detente/internal/conllu"
	"github.com/detente-project/detente/internal/text"
	"github.com/detente-project/detente/models"
)

// sharedDir returns ../shared relative to the repository root, or skips.
func sharedDir(t testing.TB) string { return testshared.Dir(t) }

func devSentences(t testing.TB, n int) []*conllu.Sentence {
	path := filepath.Join(sharedDir(t), "data", "ud", "en_ewt", "en_ewt-ud-dev.conllu")
	sents, err := conllu.ReadFiles(path)
	if err != nil {
		t.Skipf("EWT dev not readable: %v", err)
	}
	if n > 0 && n < len(sents) {
		sents = sents[:n]
	}
	return sents
}

// goldDoc joins gold words with spaces, one token per word and one sentence
// per CoNLL-U sentence. (internal/eval has the exported equivalent; tests here
// avoid importing it so they do not depend on the other evaluators.)
func goldDoc(sents []*conllu.Sentence) *text.Doc {
	var b strings.Builder
	d := &text.Doc{}
	for _, s := range sents {
		first := int32(len(d.Tokens))
		for i := range s.Words {
			start := int32(b.Len())
			b.WriteString(s.Words[i].Form)
			d.Tokens = append(d.Tokens, text.Token{Start: start, End: int32(b.Len()), Head: -1})
			b.WriteByte(' ')
		}
		d.Sentences = append(d.Sentences, text.Sentence{Start: first, End: int32(len(d.Tokens))})
	}
	d.Text = b.String()
	return d
}

// score returns UPOS, XPOS and lemma accuracy in percent.
func score(tg *Tagger, gold []*conllu.Sentence) (n int, upos, xpos, lem float64) {
	d := goldDoc(gold)
	tg.Tag(d)
	var u, x, l int
	for _, s := range gold {
		for i := range s.Words {
			w, tok := &s.Words[i], &d.Tokens[n]
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
	return n, pct(u, n), pct(x, n), pct(l, n)
}

func loadDefault(t testing.TB) *Tagger {
	tg, err := Default()
	if err != nil {
		t.Fatalf("loading the embedded tagger: %v", err)
	}
	return tg
}

// doc tokenises s on spaces into one sentence.
func doc(s string) *text.Doc {
	d := &text.Doc{Text: s}
	start := -1
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ' ' {
			if start >= 0 {
				d.Tokens = append(d.Tokens, text.Token{Start: int32(start), End: int32(i), Head: -1})
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	d.Sentences = []text.Sentence{{Start: 0, End: int32(len(d.Tokens))}}
	return d
}

func TestTagSentence(t *testing.T) {
	tg := loadDefault(t)
	d := doc("Blinken met Xi in Beijing on Monday and said the talks were useful .")
	tg.Tag(d)
	want := []struct{ upos, xpos, lemma string }{
		{"PROPN", "NNP", "Blinken"}, {"VERB", "VBD", "meet"}, {"PROPN", "NNP", "Xi"},
		{"ADP", "IN", "in"}, {"PROPN", "NNP", "Beijing"}, {"ADP", "IN", "on"},
		{"PROPN", "NNP", "Monday"}, {"CCONJ", "CC", "and"}, {"VERB", "VBD", "say"},
		{"DET", "DT", "the"}, {"NOUN", "NNS", "talk"}, {"AUX", "VBD", "be"},
		{"ADJ", "JJ", "useful"}, {"PUNCT", ".", "."},
	}
	for i, w := range want {
		tok := d.Tokens[i]
		if tok.UPOS != w.upos || tok.XPOS != w.xpos || tok.Lemma != w.lemma {
			t.Errorf("token %d %q: got %s/%s/%s, want %s/%s/%s", i, d.Word(i),
				tok.UPOS, tok.XPOS, tok.Lemma, w.upos, w.xpos, w.lemma)
		}
	}
}

// Common nouns inside a recognised name become proper nouns with the
// lemma of their new tag; nouns outside names and other tags stay.
func TestProperNames(t *testing.T) {
	tg := loadDefault(t)
	d := doc("the Workers Party and the workers of the Enron Sector")
	tg.Tag(d)
	ents := []string{"O", "B-ORG", "L-ORG", "O", "O", "O", "O", "B-ORG", "I-ORG", "L-ORG"}
	for i := range d.Tokens {
		d.Tokens[i].Ent = ents[i]
	}
	// Whatever the tagger said, give the words inside names common-noun tags.
	d.Tokens[1].UPOS, d.Tokens[1].XPOS = "NOUN", "NNS"
	d.Tokens[2].UPOS, d.Tokens[2].XPOS = "NOUN", "NN"
	d.Tokens[9].UPOS, d.Tokens[9].XPOS = "NOUN", "NN"
	d.Tokens[7].UPOS, d.Tokens[7].XPOS = "DET", "DT" // not a noun: stays
	before := d.Tokens[5]
	tg.ProperNames(d)
	want := map[int][3]string{
		1: {"PROPN", "NNPS", "Worker"}, 2: {"PROPN", "NNP", "Party"}, 9: {"PROPN", "NNP", "Sector"},
		7: {"DET", "DT", ""},
	}
	for i, w := range want {
		tok := d.Tokens[i]
		if tok.UPOS != w[0] || tok.XPOS != w[1] || (w[2] != "" && tok.Lemma != w[2]) {
			t.Errorf("token %d %q: got %s/%s/%s, want %s/%s/%s", i, d.Word(i), tok.UPOS, tok.XPOS, tok.Lemma, w[0], w[1], w[2])
		}
	}
	if d.Tokens[5] != before {
		t.Errorf("\"workers\" outside a name changed: %+v → %+v", before, d.Tokens[5])
	}
}

func TestCurlyApostrophe(t *testing.T) {
	tg := loadDefault(t)
	a, b := doc("China 's leader did n't come ."), doc("China \u2019s leader did n\u2019t come .")
	tg.Tag(a)
	tg.Tag(b)
	for i := range a.Tokens {
		if a.Tokens[i].XPOS != b.Tokens[i].XPOS || a.Tokens[i].UPOS != b.Tokens[i].UPOS {
			t.Errorf("token %d: straight %s/%s, curly %s/%s", i, a.Tokens[i].UPOS, a.Tokens[i].XPOS,
				b.Tokens[i].UPOS, b.Tokens[i].XPOS)
		}
	}
	if got := b.Tokens[1].XPOS; got != "POS" {
		t.Errorf("\u2019s tagged %s, want POS", got)
	}
	if got := b.Tokens[4].Lemma; got != "not" {
		t.Errorf("n\u2019t lemma %q, want not", got)
	}
}

func TestGarbage(t *testing.T) {
	tg := loadDefault(t)
	tg.Tag(&text.Doc{})                  // empty
	tg.Tag(&text.Doc{Text: "no tokens"}) // no tokens
	bad := "\xff\xfe\x00binary\x01 \xc3 " + strings.Repeat("x", 5<<20)
	d := &text.Doc{Text: bad, Tokens: []text.Token{
		{Start: 0, End: 9}, {Start: 10, End: 12}, {Start: 13, End: int32(len(bad))},
		{Start: 5, End: 2}, {Start: -3, End: 4}, {Start: 0, End: int32(len(bad) + 10)},
	}} // no sentences: tagged as one
	tg.Tag(d)
	for i, tok := range d.Tokens {
		if tok.UPOS == "" || tok.XPOS == "" {
			t.Errorf("token %d left untagged", i)
		}
	}
	// Sentences with out-of-range bounds.
	d.Sentences = []text.Sentence{{Start: -2, End: 2}, {Start: 4, End: 99}, {Start: 3, End: 1}}
	tg.Tag(d)
	// A 3,000-token sentence.
	long := doc(strings.TrimSpace(strings.Repeat("the cat sat . ", 750)))
	tg.Tag(long)
	if long.Tokens[2999].UPOS != "PUNCT" {
		t.Errorf("last token of long sentence: %s", long.Tokens[2999].UPOS)
	}
}

func TestLoadCorrupt(t *testing.T) {
	if _, err := Load(nil); err == nil {
		t.Error("Load(nil) succeeded")
	}
	if _, err := Load([]byte("not a model at all")); err == nil {
		t.Error("Load(garbage) succeeded")
	}
	m := models.Tagger
	for _, n := range []int{10, len(m) / 3, len(m) - 10} {
		if _, err := Load(m[:n]); err == nil {
			t.Errorf("Load of %d/%d bytes succeeded", n, len(m))
		}
	}
}

// TestDevFloor scores the embedded model on the first 500 EWT dev sentences.
func TestDevFloor(t *testing.T) {
	gold := devSentences(t, 500)
	n, upos, xpos, lem := score(loadDefault(t), gold)
	t.Logf("EWT dev[:500]: %d words, UPOS %.2f XPOS %.2f lemma %.2f", n, upos, xpos, lem)
	if upos < 96.3 || xpos < 95.7 || lem < 97.7 {
		t.Errorf("below floor (UPOS 96.3, XPOS 95.7, lemma 97.7; the shipped model scores 96.75, 96.13, 98.15)")
	}
}

func TestNoAllocSteadyState(t *testing.T) {
	tg := loadDefault(t)
	d := doc("The president said on Tuesday that the talks had been useful and constructive .")
	tg.Tag(d)
	if a := testing.AllocsPerRun(50, func() { tg.Tag(d) }); a > 0 {
		t.Errorf("%.1f allocations per Tag of a known-word sentence, want 0", a)
	}
}

func TestLoadTime(t *testing.T) {
	start := time.Now()
	if _, err := Load(models.Tagger); err != nil {
		t.Fatal(err)
	}
	el := time.Since(start)
	t.Logf("Load: %s for %d compressed bytes", el, len(models.Tagger))
	if el > 2*time.Second { // generous: the machine may be shared
		t.Errorf("Load took %s", el)
	}
}

func BenchmarkTag(b *testing.B) {
	tg := loadDefault(b)
	d := goldDoc(devSentences(b, 0))
	b.ResetTimer()
	cpu0, ok := testshared.CPUTime()
	for i := 0; i < b.N; i++ {
		tg.Tag(d)
	}
	b.ReportMetric(float64(len(d.Tokens))*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	if cpu1, ok1 := testshared.CPUTime(); ok && ok1 && cpu1 > cpu0 {
		b.ReportMetric(float64(len(d.Tokens))*float64(b.N)/(cpu1-cpu0).Seconds(), "tokens/cpu-s")
	}
}

func BenchmarkLoad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := Load(models.Tagger); err != nil {
			b.Fatal(err)
		}
	}
}

func TestConcurrent(t *testing.T) {
	tg := loadDefault(t)
	texts := []string{
		"The talks in Beijing were candid and constructive .",
		"Xi told Blinken that China wants stable ties .",
		"Protesters gathered outside the embassy on Friday .",
	}
	want := make([][]string, len(texts))
	for i, s := range texts {
		d := doc(s)
		tg.Tag(d)
		for _, tok := range d.Tokens {
			want[i] = append(want[i], tok.XPOS+"/"+tok.Lemma)
		}
	}
	done := make(chan error)
	for g := 0; g < 4; g++ {
		go func() {
			for r := 0; r < 50; r++ {
				i := (g + r) % len(texts)
				d := doc(texts[i])
				tg.Tag(d)
				for j, tok := range d.Tokens {
					if got := tok.XPOS + "/" + tok.Lemma; got != want[i][j] {
						done <- fmt.Errorf("text %d token %d: %s, want %s", i, j, got, want[i][j])
						return
					}
				}
			}
			done <- nil
		}()
	}
	for g := 0; g < 4; g++ {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

// FuzzTag checks that any text, tokenised on spaces, is tagged without panic
// and that every token gets a class and a lemma from its own text or tables.
func FuzzTag(f *testing.F) {
	for _, s := range []string{"", " ", "U.S. officials said", "\xff\xfe \x00", "’s n’t “quoted”", strings.Repeat("ab ", 100)} {
		f.Add(s)
	}
	tg, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := doc(s)
		tg.Tag(d)
		for i, tok := range d.Tokens {
			if tok.UPOS == "" || tok.XPOS == "" {
				t.Fatalf("token %d (%q) untagged", i, d.Word(i))
			}
			if tok.Lemma == "" && d.Word(i) != "" {
				t.Fatalf("token %d (%q) has no lemma", i, d.Word(i))
			}
		}
	})
}

func TestFiniteParticiples(t *testing.T) {
	// "Iran imposed tariffs . Tariffs were imposed ." with hand-made trees:
	// only the first verb has an active subject and no auxiliary.
	d := doc("Iran imposed tariffs . Tariffs were imposed .")
	d.Sentences = []text.Sentence{{Start: 0, End: 4}, {Start: 4, End: 8}}
	set := func(i int, upos, xpos string, head int, rel string) {
		d.Tokens[i].UPOS, d.Tokens[i].XPOS, d.Tokens[i].Head, d.Tokens[i].Rel = upos, xpos, int32(head), rel
	}
	set(0, "PROPN", "NNP", 1, "nsubj")
	set(1, "VERB", "VBN", -1, "root")
	set(2, "NOUN", "NNS", 1, "obj")
	set(3, "PUNCT", ".", 1, "punct")
	set(4, "NOUN", "NNS", 6, "nsubj:pass")
	set(5, "AUX", "VBD", 6, "aux:pass")
	set(6, "VERB", "VBN", -1, "root")
	set(7, "PUNCT", ".", 6, "punct")
	FiniteParticiples(d)
	if got := d.Tokens[1].XPOS; got != "VBD" {
		t.Errorf("imposed with a subject and no auxiliary: %s, want VBD", got)
	}
	if got := d.Tokens[6].XPOS; got != "VBN" {
		t.Errorf("passive imposed: %s, want VBN", got)
	}
	d.Tokens[1].XPOS, d.Tokens[1].UPOS = "VBN", "ADJ"
	FiniteParticiples(d)
	if got := d.Tokens[1].XPOS; got != "VBN" {
		t.Errorf("an adjectival participle became %s", got)
	}
}

func TestFunctionWords(t *testing.T) {
	d := doc("She has left . She has a car . They gave up .")
	rels := []string{"nsubj", "aux", "root", "punct", "nsubj", "root", "det", "obj", "punct", "nsubj", "root", "compound:prt", "punct"}
	for i := range d.Tokens {
		d.Tokens[i].UPOS, d.Tokens[i].XPOS, d.Tokens[i].Rel = "VERB", "VBZ", rels[i]
	}
	d.Tokens[11].UPOS, d.Tokens[11].XPOS = "ADV", "RB"
	FunctionWords(d)
	for i, want := range []string{"VERB", "AUX", "VERB", "VERB", "VERB", "VERB", "VERB", "VERB", "VERB", "VERB", "VERB", "ADP", "VERB"} {
		if d.Tokens[i].UPOS != want {
			t.Errorf("token %d (%s): %s, want %s", i, rels[i], d.Tokens[i].UPOS, want)
		}
	}
	if d.Tokens[11].XPOS != "RP" {
		t.Errorf("particle XPOS %s, want RP", d.Tokens[11].XPOS)
	}
}
