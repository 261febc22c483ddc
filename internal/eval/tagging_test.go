package eval

import (
	"github.com/detente-project/detente/internal/testshared"
	"testing"

	"github.com/detente-project/detente/internal/conllu"
	"github.com/detente-project/detente/internal/tag"
)

func ewtDev(t *testing.T, n int) []*conllu.Sentence {
	path := testshared.Path(t, "ud/en_ewt/en_ewt-ud-dev.conllu")
	sents, err := conllu.ReadFiles(path)
	if err != nil {
		t.Skipf("../shared EWT dev absent: %v", err)
	}
	return sents[:min(n, len(sents))]
}

func TestGoldDocAndScoreTagging(t *testing.T) {
	gold := ewtDev(t, 200)
	d := GoldDoc(gold)
	k := 0
	for si, s := range gold {
		sent := d.Sentences[si]
		if int(sent.End-sent.Start) != len(s.Words) {
			t.Fatalf("sentence %d has %d tokens, want %d", si, sent.End-sent.Start, len(s.Words))
		}
		for i := range s.Words {
			if got := d.Word(k); got != s.Words[i].Form {
				t.Fatalf("token %d = %q, want %q", k, got, s.Words[i].Form)
			}
			k++
		}
	}
	// Copying the gold tags scores 100.
	k = 0
	for _, s := range gold {
		for i := range s.Words {
			d.Tokens[k].UPOS, d.Tokens[k].XPOS, d.Tokens[k].Lemma = s.Words[i].UPOS, s.Words[i].XPOS, s.Words[i].Lemma
			k++
		}
	}
	if sc := ScoreTaggedDoc(d, gold); sc.UPOS != 100 || sc.XPOS != 100 || sc.Lemma != 100 || sc.Words != k {
		t.Errorf("gold copy scored %+v", sc)
	}
	tg, err := tag.Default()
	if err != nil {
		t.Fatal(err)
	}
	sc := ScoreTagging(tg, gold)
	t.Logf("EWT dev[:200] %+v", sc)
	if sc.UPOS < 93 || sc.XPOS < 92 || sc.Lemma < 95 || sc.UPOS == 100 {
		t.Errorf("implausible tagging scores %+v", sc)
	}
}
