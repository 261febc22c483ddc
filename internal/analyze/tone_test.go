package analyze

import (
	"math"
	"testing"

	"github.com/detente-project/detente/internal/text"
	"github.com/detente-project/detente/internal/tokenize"
)

func TestLexicon(t *testing.T) {
	if n := LexiconSize(); n < 3300 {
		t.Fatalf("lexicon has %d entries, want AFINN-165's ~3,380", n)
	}
}

func TestTone(t *testing.T) {
	cases := []struct {
		text            string
		words, pos, neg int
	}{
		// good(+3), fine(+2): 2 of 8 words positive
		{"The talks were good and the food was fine.", 9, 2, 0},
		// killed(-3), attack(-1): 2 negative of 6
		{"Five people were killed in an attack.", 7, 0, 2},
		{"Officials met on Monday.", 4, 0, 0},
		// "no fun" is a lexicon phrase (-3) counted once
		{"It was no fun at all.", 6, 0, 1},
	}
	for _, c := range cases {
		for _, tok := range []bool{false, true} {
			d := &text.Doc{Text: c.text}
			if tok {
				tokenize.Tokenize(d)
			}
			got := Tone(d)
			if got.Words != c.words {
				t.Errorf("%q tok=%v: words %d, want %d", c.text, tok, got.Words, c.words)
				continue
			}
			wp := 100 * float64(c.pos) / float64(c.words)
			wn := 100 * float64(c.neg) / float64(c.words)
			if math.Abs(got.Positive-wp) > 1e-9 || math.Abs(got.Negative-wn) > 1e-9 ||
				math.Abs(got.Tone-(wp-wn)) > 1e-9 || math.Abs(got.Polarity-(wp+wn)) > 1e-9 {
				t.Errorf("%q tok=%v: got %+v, want pos %.2f neg %.2f", c.text, tok, got, wp, wn)
			}
		}
	}
	if got := Tone(&text.Doc{}); got.Words != 0 || got.Tone != 0 {
		t.Errorf("empty doc: %+v", got)
	}
}

func BenchmarkTone(b *testing.B) {
	d := &text.Doc{Text: "Secretary of state Antony J. Blinken met Xi Jinping, China’s leader, on Monday in Beijing, as the two governments sought to pull relations out of a deep freeze that has raised global concerns about the growing risk of a conflict between them."}
	tokenize.Tokenize(d)
	Tone(d)
	b.ReportAllocs()
	for b.Loop() {
		Tone(d)
	}
}
