package parse

import (
	"bytes"
	"github.com/detente-project/detente/internal/testshared"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/detente-project/detente/internal/conllu"
	"github.com/detente-project/detente/internal/text"
)

// sharedDir returns ../shared relative to the repository root, or skips.
func sharedDir(t testing.TB) string { return testshared.Dir(t) }

func readUD(t testing.TB, rel string) []*conllu.Sentence {
	t.Helper()
	path := filepath.Join(sharedDir(t), "data", "ud", rel)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("%s absent: %v", path, err)
	}
	sents, err := conllu.ReadFiles(path)
	if err != nil {
		t.Fatal(err)
	}
	return sents
}

func shipped(t testing.TB) *Parser {
	t.Helper()
	p, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// docFromGold builds a Doc from gold sentences with their gold tags.
func docFromGold(sents []*conllu.Sentence) *text.Doc {
	var b strings.Builder
	d := &text.Doc{}
	for _, s := range sents {
		start := len(d.Tokens)
		for i := range s.Words {
			w := &s.Words[i]
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			off := b.Len()
			b.WriteString(w.Form)
			d.Tokens = append(d.Tokens, text.Token{Start: int32(off), End: int32(b.Len()),
				UPOS: w.UPOS, XPOS: w.XPOS, Lemma: w.Lemma, Head: -1})
		}
		d.Sentences = append(d.Sentences, text.Sentence{Start: int32(start), End: int32(len(d.Tokens))})
	}
	d.Text = b.String()
	return d
}

// checkTrees asserts that every sentence of d is a tree: heads inside the
// sentence, exactly one root, no cycle, a non-empty relation.
func checkTrees(t *testing.T, d *text.Doc, labels []string) {
	t.Helper()
	known := map[string]bool{}
	for _, l := range labels {
		known[l] = true
	}
	for si, s := range d.Sentences {
		roots := 0
		for i := s.Start; i < s.End; i++ {
			tok := &d.Tokens[i]
			if !known[tok.Rel] {
				t.Fatalf("sentence %d token %d: unknown relation %q", si, i, tok.Rel)
			}
			if tok.Head == -1 {
				roots++
				if tok.Rel != "root" {
					t.Fatalf("sentence %d token %d: root with relation %q", si, i, tok.Rel)
				}
				continue
			}
			if tok.Head < s.Start || tok.Head >= s.End || tok.Head == i {
				t.Fatalf("sentence %d token %d: head %d outside [%d,%d) or self", si, i, tok.Head, s.Start, s.End)
			}
			// Walk up: must reach the root within the sentence length.
			k, steps := i, int32(0)
			for k != -1 && steps <= s.End-s.Start {
				k = d.Tokens[k].Head
				steps++
			}
			if k != -1 {
				t.Fatalf("sentence %d token %d: cycle", si, i)
			}
		}
		if roots != 1 {
			t.Fatalf("sentence %d: %d roots", si, roots)
		}
	}
}

func TestShippedModelOnDev(t *testing.T) {
	dev := readUD(t, "en_ewt/en_ewt-ud-dev.conllu")
	if len(dev) > 300 {
		dev = dev[:300]
	}
	p := shipped(t)
	sc := p.Evaluate(dev)
	t.Logf("EWT dev[:300] gold tags: UAS %.2f LAS %.2f over %d words; model %d features, %d weights",
		sc.UAS, sc.LAS, sc.Words, p.model.NumFeatures(), p.model.NumWeights())
	if sc.UAS < 87.5 || sc.LAS < 85.5 { // the shipped model: 88.72 / 87.02
		t.Fatalf("UAS %.2f LAS %.2f below the floor 87.5/85.5", sc.UAS, sc.LAS)
	}
	// Parse through a Doc and check the trees and agreement with Evaluate.
	d := docFromGold(dev)
	p.Parse(d)
	checkTrees(t, d, p.Labels())
	correct := 0
	k := 0
	for _, s := range dev {
		base := k
		for i := range s.Words {
			if int(d.Tokens[k].Head) == -1 && s.Words[i].Head == 0 || int(d.Tokens[k].Head)-base == s.Words[i].Head-1 && s.Words[i].Head > 0 {
				correct++
			}
			k++
		}
	}
	if uas := 100 * float64(correct) / float64(k); uas != sc.UAS {
		t.Fatalf("Parse UAS %.2f differs from Evaluate UAS %.2f", uas, sc.UAS)
	}
}

func TestBadInput(t *testing.T) {
	p := shipped(t)
	// Empty doc and a doc without sentences.
	p.Parse(&text.Doc{})
	p.Parse(&text.Doc{Text: "x", Tokens: []text.Token{{Start: 0, End: 1, Head: 7}}})

	// A 2,000-token sentence of mixed words, punctuation-only sentences, a
	// one-token sentence, tokens with invalid offsets and empty tags.
	var b strings.Builder
	d := &text.Doc{}
	add := func(words []string, tags []string) {
		start := len(d.Tokens)
		for i, w := range words {
			off := b.Len()
			b.WriteString(w)
			b.WriteByte(' ')
			d.Tokens = append(d.Tokens, text.Token{Start: int32(off), End: int32(off + len(w)), XPOS: tags[i%len(tags)], Head: -1})
		}
		d.Sentences = append(d.Sentences, text.Sentence{Start: int32(start), End: int32(len(d.Tokens))})
	}
	long := make([]string, 2000)
	vocab := []string{"the", "minister", "said", ",", "and", "talks", "in", "Beijing", "."}
	tags := []string{"DT", "NN", "VBD", ",", "CC", "NNS", "IN", "NNP", "."}
	for i := range long {
		long[i] = vocab[i%len(vocab)]
	}
	add(long, tags)
	add([]string{"!", "?", "...", "--", "."}, []string{".", ".", ":", ":", "."})
	add([]string{"Yes"}, []string{"UH"})
	add([]string{"\xff\xfe", "日本", ""}, []string{"", "NNP", ""})
	d.Text = b.String()
	d.Tokens = append(d.Tokens, text.Token{Start: 5, End: 1 << 30})
	d.Sentences = append(d.Sentences, text.Sentence{Start: int32(len(d.Tokens) - 1), End: int32(len(d.Tokens))})
	d.Sentences = append(d.Sentences, text.Sentence{Start: 3, End: 2}) // inverted: skipped
	p.Parse(d)
	d.Sentences = d.Sentences[:len(d.Sentences)-1]
	checkTrees(t, d, p.Labels())
}

func TestConcurrentParseIsDeterministic(t *testing.T) {
	dev := readUD(t, "en_ewt/en_ewt-ud-dev.conllu")
	dev = dev[:min(200, len(dev))]
	p := shipped(t)
	ref := docFromGold(dev)
	p.Parse(ref)
	done := make(chan *text.Doc)
	for g := 0; g < 4; g++ {
		go func() {
			d := docFromGold(dev)
			p.Parse(d)
			done <- d
		}()
	}
	for g := 0; g < 4; g++ {
		d := <-done
		for i := range d.Tokens {
			if d.Tokens[i].Head != ref.Tokens[i].Head || d.Tokens[i].Rel != ref.Tokens[i].Rel {
				t.Fatalf("token %d differs between concurrent parses", i)
			}
		}
	}
}

func TestParseAllocatesNothing(t *testing.T) {
	dev := readUD(t, "en_ewt/en_ewt-ud-dev.conllu")
	p := shipped(t)
	d := docFromGold(dev[:50])
	p.Parse(d) // warm the pool
	if n := testing.AllocsPerRun(5, func() { p.Parse(d) }); n > 0.5 {
		t.Fatalf("Parse allocates %.1f times per call", n)
	}
}

func TestProjectivize(t *testing.T) {
	// 0→2 crosses 1→3 (root at 4): words 0 1 2 3, heads 2? Build:
	// word1 is root; word0 ← word2; word3 ← word1; word2 ← word1.
	// Arc 2→0 spans word 1, which is not a descendant of 2: non-projective.
	heads := []int32{2, 4, 1, 1}
	if !validTree(heads) {
		t.Fatal("test tree invalid")
	}
	if lifts := Projectivize(heads); lifts != 1 {
		t.Fatalf("lifts = %d, want 1", lifts)
	}
	want := []int32{1, 4, 1, 1}
	for i := range want {
		if heads[i] != want[i] {
			t.Fatalf("heads = %v, want %v", heads, want)
		}
	}
}

// TestOracleReachesGold follows random zero-cost transitions of the dynamic
// oracle from the start and checks the result is the projectivised gold tree.
func TestOracleReachesGold(t *testing.T) {
	dev := readUD(t, "en_ewt/en_ewt-ud-dev.conllu")
	rng := rand.New(rand.NewSource(3))
	var st state
	var acts [numActs]int
	for si, s := range dev[:500] {
		n := len(s.Words)
		gh := make([]int32, n)
		for i := range s.Words {
			gh[i] = int32(s.Words[i].Head - 1)
			if s.Words[i].Head == 0 {
				gh[i] = int32(n)
			}
		}
		if !validTree(gh) {
			continue
		}
		Projectivize(gh)
		st.reset(n)
		for steps := 0; !st.terminal(); steps++ {
			if steps > 4*n+4 {
				t.Fatalf("sentence %d: no termination", si)
			}
			if st.needsFix() {
				t.Fatalf("sentence %d: fix needed on a gold path", si)
			}
			st.costs(gh, &acts)
			var zero []int
			for a, c := range acts {
				if c == 0 {
					zero = append(zero, a)
				}
			}
			if len(zero) == 0 {
				t.Fatalf("sentence %d: no zero-cost action (costs %v)", si, acts)
			}
			st.apply(zero[rng.Intn(len(zero))], 0)
		}
		for i := 0; i < n; i++ {
			if st.head[i] != gh[i] {
				t.Fatalf("sentence %d word %d: head %d, gold %d", si, i, st.head[i], gh[i])
			}
		}
	}
}

func TestLoadRejectsGarbage(t *testing.T) {
	for _, b := range [][]byte{nil, []byte("garbage"), {0x1f, 0x8b, 0, 0}} {
		if _, err := Load(b); err == nil {
			t.Fatalf("Load(%q) succeeded", b)
		}
	}
	p := shipped(t)
	var buf bytes.Buffer
	if _, err := p.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	q, err := Load(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if q.model.NumWeights() != p.model.NumWeights() || len(q.labels) != len(p.labels) {
		t.Fatal("round trip changed the model")
	}
	trunc := buf.Bytes()[:buf.Len()/2]
	if _, err := Load(trunc); err == nil {
		t.Fatal("Load of a truncated model succeeded")
	}
}

func BenchmarkParse(b *testing.B) {
	dev := readUD(b, "en_ewt/en_ewt-ud-dev.conllu")
	p := shipped(b)
	d := docFromGold(dev)
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		p.Parse(d)
	}
	cpu := (cpuTime() - cpu0).Seconds()
	b.ReportMetric(float64(len(d.Tokens)*b.N)/b.Elapsed().Seconds(), "tokens/s")
	b.ReportMetric(float64(len(d.Sentences)*b.N)/b.Elapsed().Seconds(), "sentences/s")
	if cpu > 0 {
		b.ReportMetric(float64(len(d.Tokens)*b.N)/cpu, "tokens/cpu-s")
	}
}

func BenchmarkLoad(b *testing.B) {
	p := shipped(b)
	var buf bytes.Buffer
	p.WriteTo(&buf)
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		if _, err := Load(buf.Bytes()); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
}

// TestTrainSmall trains on a slice of EWT (with the lexical and UPOS templates), and
// checks that training is deterministic for a seed, that the model survives
// a save/load round trip, and that it learns something.
func TestTrainSmall(t *testing.T) {
	train := readUD(t, "en_ewt/en_ewt-ud-train.conllu")
	dev := readUD(t, "en_ewt/en_ewt-ud-dev.conllu")
	train, dev = train[:400], dev[:100]
	opt := TrainOptions{Epochs: 3, Seed: 7, Lexical: true, UPOS: true, Cutoff: 1}
	var out [2]bytes.Buffer
	var p *Parser
	for i := range out {
		var err error
		if p, err = Train(train, dev, opt); err != nil {
			t.Fatal(err)
		}
		if _, err := p.WriteTo(&out[i]); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(out[0].Bytes(), out[1].Bytes()) {
		t.Fatal("two trainings with the same seed differ")
	}
	q, err := Load(out[0].Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if q.flags != featLex|featUPOS {
		t.Fatalf("flags %#x after round trip, want featLex|featUPOS", q.flags)
	}
	a, b := p.Evaluate(dev), q.Evaluate(dev)
	if a != b {
		t.Fatalf("round trip changed scores: %+v vs %+v", a, b)
	}
	if a.UAS < 60 {
		t.Fatalf("UAS %.2f after training on 400 sentences; want ≥ 60", a.UAS)
	}
	d := docFromGold(dev)
	q.Parse(d)
	checkTrees(t, d, q.Labels())
}

// Words hung from punctuation move up to the nearest ancestor that is not
// punctuation; a punctuation root keeps its dependents.
func TestPunctLeaves(t *testing.T) {
	var st state
	// 0 "He" 1 "said" 2 "—" 3 "—" 4 "no" 5 "."
	st.reset(6)
	copy(st.utag, []string{"PRON", "VERB", "PUNCT", "PUNCT", "INTJ", "PUNCT"})
	copy(st.head, []int32{1, 6, 1, 2, 3, 1})
	punctLeaves(&st)
	if want := []int32{1, 6, 1, 1, 1, 1}; !slices.Equal(st.head[:6], want) {
		t.Errorf("heads %v, want %v", st.head[:6], want)
	}
	// 0 "(" root, 1 "yes" below it.
	st.reset(2)
	copy(st.utag, []string{"PUNCT", "INTJ"})
	copy(st.head, []int32{2, 0})
	punctLeaves(&st)
	if want := []int32{2, 0}; !slices.Equal(st.head[:2], want) {
		t.Errorf("punctuation root: heads %v, want %v", st.head[:2], want)
	}
}

// A parser averaged with itself parses as it does; parsers with other
// labels are refused.
func TestAverageWithItself(t *testing.T) {
	dev := readUD(t, "en_ewt/en_ewt-ud-dev.conllu")
	dev = dev[:min(200, len(dev))]
	p := shipped(t)
	q, err := Average([]*Parser{p, p})
	if err != nil {
		t.Fatal(err)
	}
	if a, b := p.Evaluate(dev), q.Evaluate(dev); a != b {
		t.Errorf("shipped %+v, averaged with itself %+v", a, b)
	}
	other, err := newParser(append([]string{"x"}, p.labels[1:]...), p.flags, p.wordVec, p.model)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Average([]*Parser{p, other}); err == nil {
		t.Error("averaged parsers with different labels")
	}
}
