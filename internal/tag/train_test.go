package tag

import (
	"bytes"
	"io"
	"path/filepath"
	"testing"

	"github.com/detente-project/detente/internal/conllu"
	"github.com/detente-project/detente/internal/perceptron"
)

// TestTrainDeterministic trains twice on a slice of EWT train with the same
// seed, checks the serialised models are identical, and that the loaded
// model tags its own training data well (for every optional feature group).
func TestTrainDeterministic(t *testing.T) {
	path := filepath.Join(sharedDir(t), "data", "ud", "en_ewt", "en_ewt-ud-train.conllu")
	sents, err := conllu.ReadFiles(path)
	if err != nil {
		t.Skipf("EWT train not readable: %v", err)
	}
	sents = sents[:150]
	var unl [][]string
	for _, s := range sents {
		var ws []string
		for _, w := range s.Words {
			ws = append(ws, w.Form)
		}
		unl = append(unl, ws)
	}
	for _, feats := range []uint64{FeatContext | FeatTwoPass | FeatCaps | FeatLexicon | FeatTagLex} {
		opt := TrainOptions{Seed: 7, Epochs: 2, Features: feats, TwoPassFolds: 2, Unlabeled: unl,
			Lexicon:    map[string]uint16{"said": LexVerbPast, "people": LexNounPlural, "new": LexAdj},
			TagLexicon: TagLexicon{"said": {{"vbd", -5}, {"vbn", -6}}, "new": {{"jj", -4}, {"nnp", -7}}}}
		var out [2][]byte
		for i := range out {
			tg, err := Train(sents, sents[:20], opt)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if _, err := tg.WriteTo(&buf); err != nil {
				t.Fatal(err)
			}
			out[i] = buf.Bytes()
		}
		if !bytes.Equal(out[0], out[1]) {
			t.Fatalf("features %b: two trainings with one seed differ", feats)
		}
		tg, err := Load(out[0])
		if err != nil {
			t.Fatal(err)
		}
		if tg.featSet != feats {
			t.Errorf("feature set %b after load, want %b", tg.featSet, feats)
		}
		n, upos, _, lem := score(tg, sents)
		t.Logf("features %b: %d bytes; own training data: %d words UPOS %.2f lemma %.2f", feats, len(out[0]), n, upos, lem)
		if upos < 97 || lem < 97 {
			t.Errorf("features %b: training-data UPOS %.2f lemma %.2f, want ≥ 97", feats, upos, lem)
		}
	}
}

// FuzzLoad feeds Load corrupted model files: the uncompressed stream of a
// small trained tagger (all optional tables present), mutated, then
// gzipped. Load must return a tagger or an error, never panic or allocate
// beyond what the file can describe.
func FuzzLoad(f *testing.F) {
	sents := devSentences(f, 5)
	tg, err := Train(sents, nil, TrainOptions{Seed: 1, Epochs: 1, Features: FeatContext | FeatCaps | FeatLexicon,
		Unlabeled: [][]string{{"The", "talks", "in", "Beijing"}}, Lexicon: map[string]uint16{"talks": LexNounPlural}})
	if err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := tg.WriteTo(&buf); err != nil {
		f.Fatal(err)
	}
	r, err := perceptron.Gunzip(buf.Bytes())
	if err != nil {
		f.Fatal(err)
	}
	raw := make([]byte, r.Len())
	if _, err := io.ReadFull(r, raw); err != nil {
		f.Fatal(err)
	}
	f.Add(raw)
	f.Add(raw[:len(raw)/2])
	f.Fuzz(func(t *testing.T, b []byte) {
		var z bytes.Buffer
		if err := perceptron.Gzip(&z, b); err != nil {
			t.Fatal(err)
		}
		got, err := Load(z.Bytes())
		if err != nil {
			return
		}
		got.Tag(doc("The talks in Beijing were useful ."))
	})
}
