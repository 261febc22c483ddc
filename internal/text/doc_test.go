package text

import "testing"

func TestSentenceOf(t *testing.T) {
	d := &Doc{Text: "a b. c d e. f", Tokens: make([]Token, 7),
		Sentences: []Sentence{{0, 3}, {3, 6}, {6, 7}}}
	want := []int{0, 0, 0, 1, 1, 1, 2}
	for i, w := range want {
		if got := d.SentenceOf(i); got != w {
			t.Errorf("SentenceOf(%d) = %d, want %d", i, got, w)
		}
	}
	if got := d.SentenceOf(7); got != -1 {
		t.Errorf("SentenceOf(7) = %d, want -1", got)
	}
}
