package coder

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/detente-project/detente/internal/conllu"
	"github.com/detente-project/detente/internal/text"
)

func loadGold(t testing.TB, rel string) *text.Doc {
	t.Helper()
	sents, err := conllu.ReadFiles(filepath.Join(sharedDir(t), "data", "ud", rel))
	if err != nil {
		t.Fatal(err)
	}
	return DocFromCoNLLU(sents)
}

// TestGoldTreebank codes the GUM news dev treebank from gold parses: every
// event's spans must point into the text, and the coder must find events.
func TestGoldTreebank(t *testing.T) {
	doc := loadGold(t, "en_gum_news/en_gum-news-dev.conllu")
	c := New(mustLex(t), testActors, loadOntology(t))
	evs := c.Code(doc, time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC))
	if len(evs) == 0 {
		t.Fatal("no events on GUM news dev")
	}
	for _, e := range evs {
		if doc.Text[e.Trigger.Start:e.Trigger.End] != e.Trigger.Text || doc.Text[e.Source.Start:e.Source.End] != e.Source.Text {
			t.Fatalf("span mismatch in %+v", e)
		}
		if e.Target != nil && doc.Text[e.Target.Start:e.Target.End] != e.Target.Text {
			t.Fatalf("target span mismatch in %+v", e)
		}
		if e.Root != e.Cameo[:2] || (e.Plover.Event == "" && e.Root >= "03") {
			t.Fatalf("ontology fields missing in %+v", e)
		}
	}
	t.Logf("%d sentences, %d events", len(doc.Sentences), len(evs))
}

func mustLex(t testing.TB) *Lexicon {
	lx, err := DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	return lx
}

// benchCode codes doc b.N times and reports sentences per second.
func benchCode(b *testing.B, c *Coder, doc *text.Doc) {
	date := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.Code(doc, date)
	}
	b.ReportMetric(float64(len(doc.Sentences))*float64(b.N)/b.Elapsed().Seconds(), "sentences/s")
}

// BenchmarkCode measures the coder alone on gold-parsed EWT dev (2,001
// sentences) with the test name resolver and the ontology.
func BenchmarkCode(b *testing.B) {
	doc := loadGold(b, "en_ewt/en_ewt-ud-dev.conllu")
	c := New(mustLex(b), testActors, loadOntology(b))
	benchCode(b, c, doc)
}

// BenchmarkMatch measures predicate matching and argument finding without
// actor resolution (no resolver: no events are emitted).
func BenchmarkMatch(b *testing.B) {
	doc := loadGold(b, "en_ewt/en_ewt-ud-dev.conllu")
	c := New(mustLex(b), nil, nil)
	benchCode(b, c, doc)
}

// BenchmarkCodeKB measures the coder with the knowledge base's resolver and
// ontology, as the pipeline runs it.
func BenchmarkCodeKB(b *testing.B) {
	doc := loadGold(b, "en_ewt/en_ewt-ud-dev.conllu")
	c, err := NewDefault()
	if err != nil {
		b.Fatal(err)
	}
	benchCode(b, c, doc)
}
