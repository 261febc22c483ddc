package coder

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/detente-project/detente/internal/parse"
	"github.com/detente-project/detente/internal/schema"
	"github.com/detente-project/detente/internal/tag"
	"github.com/detente-project/detente/internal/text"
	"github.com/detente-project/detente/internal/tokenize"
)

// analyzeText runs the shipped tokenizer, tagger, parser, knowledge base and
// coder on txt.
func analyzeText(t testing.TB, txt string, date time.Time) (*text.Doc, []schema.Event) {
	t.Helper()
	tg, err := tag.Default()
	if err != nil {
		t.Fatalf("tagger: %v", err)
	}
	ps, err := parse.Default()
	if err != nil {
		t.Fatalf("parser: %v", err)
	}
	c, err := NewDefault()
	if err != nil {
		t.Fatalf("coder: %v", err)
	}
	doc := &text.Doc{Text: txt}
	tokenize.Tokenize(doc)
	tg.Tag(doc)
	ps.Parse(doc)
	return doc, c.Code(doc, date)
}

// TestSeedArticle is the acceptance test on the seed article (Blinken meets
// Xi in Beijing, 19 June 2023).
func TestSeedArticle(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(sharedDir(t), "data", "seed", "blinken-xi.txt"))
	if err != nil {
		t.Fatal(err)
	}
	doc, evs := analyzeText(t, string(b), time.Date(2023, 6, 19, 0, 0, 0, 0, time.UTC))
	for _, e := range evs {
		tgt := "-"
		if e.Target != nil {
			tgt = e.Target.Code + "(" + e.Target.Text + ")"
		}
		t.Logf("s%d %s(%s) → %s %s %s neg=%v %s [%s]", e.Sentence, e.Source.Code, e.Source.Text, tgt, e.Cameo, e.Plover.Event, e.Negated, e.Modality, e.Rule)
	}
	var meet, praise, commit bool
	for _, e := range evs {
		if e.Negated {
			continue
		}
		tc := ""
		if e.Target != nil {
			tc = e.Target.Code
		}
		pair := e.Source.Code + ">" + tc
		switch {
		case e.Root == "04" && (pair == "USAGOV>CHNGOV" || pair == "CHNGOV>USAGOV"):
			meet = true
		case e.Cameo == "051" && e.Source.Code == "CHNGOV":
			praise = true
		case e.Root == "03" && strings.HasPrefix(e.Source.Code, "USA") && e.Target != nil && strings.HasPrefix(tc, "CHN"):
			commit = true
		}
		// no event from "did not voice any hope"
		if strings.Contains(doc.SentenceText(e.Sentence), "did not voice") && e.Trigger.Text == "voice" {
			t.Errorf("non-negated event from a negated clause: %+v", e)
		}
	}
	if !meet {
		t.Error("missing: Blinken (USAGOV) and Xi (CHNGOV) meet (04x)")
	}
	if !praise {
		t.Error("missing: Xi (CHNGOV) praises (051)")
	}
	if !commit {
		t.Error("missing: the US commitment to managing relations (03x, USA→CHN)")
	}
}
