package tokenize_test

import (
	"github.com/detente-project/detente/internal/testshared"
	"os"
	"path/filepath"
	"testing"

	"github.com/detente-project/detente/internal/conllu"
	"github.com/detente-project/detente/internal/eval"
	"github.com/detente-project/detente/internal/text"
	"github.com/detente-project/detente/internal/tokenize"
)

// sharedDir returns ../shared relative to the repository root, or skips.
func sharedDir(t testing.TB) string { return testshared.Dir(t) }

// TestDevFloors tokenizes the raw text rebuilt from the UD dev sets and
// checks the CoNLL 2018 scores against floors a little under what was
// measured (GUM news dev: tokens 99.93, sentences 97.52; EWT dev: tokens
// 99.30, sentences 84.30).
func TestDevFloors(t *testing.T) {
	shared := sharedDir(t)
	sets := []struct {
		name, path        string
		tokens, sentences float64
	}{
		{"GUM news dev", "data/ud/en_gum_news/en_gum-news-dev.conllu", 0.990, 0.950},
		{"EWT dev", "data/ud/en_ewt/en_ewt-ud-dev.conllu", 0.985, 0.800},
	}
	for _, ds := range sets {
		path := filepath.Join(shared, ds.path)
		if _, err := os.Stat(path); err != nil {
			t.Logf("skip %s: %v", ds.name, err)
			continue
		}
		gold, err := conllu.ReadFiles(path)
		if err != nil {
			t.Fatal(err)
		}
		d := &text.Doc{Text: eval.GoldText(gold)}
		tokenize.Tokenize(d)
		sc, err := eval.Segmentation(gold, d)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: tokens_f1 %.4f words_f1 %.4f sentences_f1 %.4f (gold %d sentences, system %d)",
			ds.name, sc.Tokens.F1(), sc.Words.F1(), sc.Sentences.F1(), sc.Sentences.Gold, sc.Sentences.System)
		if sc.Tokens.F1() < ds.tokens {
			t.Errorf("%s: tokens_f1 %.4f < %.3f", ds.name, sc.Tokens.F1(), ds.tokens)
		}
		if sc.Sentences.F1() < ds.sentences {
			t.Errorf("%s: sentences_f1 %.4f < %.3f", ds.name, sc.Sentences.F1(), ds.sentences)
		}
		// Every aligned gold word must have the system token's text.
		for si, s := range gold {
			for w := range s.Words {
				if k := sc.Align.Word(si, w); k >= 0 && d.Word(k) != s.Words[w].Form {
					t.Fatalf("%s: sentence %d word %d %q aligned to token %q", ds.name, si, w, s.Words[w].Form, d.Word(k))
				}
			}
		}
	}
}
