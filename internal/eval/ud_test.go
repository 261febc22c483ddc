package eval

import (
	"math"
	"strings"
	"testing"

	"github.com/detente-project/detente/internal/conllu"
)

const udSample = `# text = Talks resumed in Beijing today.
1	Talks	talk	NOUN	NNS	_	2	nsubj	_	_
2	resumed	resume	VERB	VBD	_	0	root	_	_
3	in	in	ADP	IN	_	4	case	_	_
4	Beijing	Beijing	PROPN	NNP	_	2	obl	_	_
5	today	today	NOUN	NN	_	2	obl:tmod	_	SpaceAfter=No
6	.	.	PUNCT	.	_	2	punct	_	_

`

func TestScoreParsedDoc(t *testing.T) {
	gold, err := conllu.ReadAll(strings.NewReader(udSample))
	if err != nil {
		t.Fatal(err)
	}
	d := GoldDoc(gold)
	for i := range d.Tokens {
		w := &gold[0].Words[i]
		d.Tokens[i].Head = int32(w.Head - 1)
		d.Tokens[i].Rel = w.Deprel
	}
	sc := ScoreParsedDoc(d, gold)
	if sc.Words != 6 || sc.UAS != 100 || sc.LAS != 100 || sc.LASFull != 100 {
		t.Fatalf("perfect parse scored %+v", sc)
	}
	// A subtype error costs las_full only; a head error costs both.
	d.Tokens[4].Rel = "obl"
	d.Tokens[3].Head = 4
	sc = ScoreParsedDoc(d, gold)
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	if !near(sc.UAS, 500.0/6) || !near(sc.LAS, 500.0/6) || !near(sc.LASFull, 400.0/6) {
		t.Fatalf("scores %+v, want UAS=LAS=83.33, las_full=66.67", sc)
	}
	// A root attached elsewhere is wrong.
	d.Tokens[1].Head = 0
	if sc2 := ScoreParsedDoc(d, gold); !near(sc2.UAS, 400.0/6) {
		t.Fatalf("UAS %.2f after breaking the root, want 66.67", sc2.UAS)
	}
}
