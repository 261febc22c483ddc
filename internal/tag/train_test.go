package tag

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/detente-project/detente/internal/conllu"
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
