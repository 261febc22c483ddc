package eval

import (
	"strings"
	"testing"

	"github.com/detente-project/detente/internal/conllu"
	"github.com/detente-project/detente/internal/text"
)

const segGold = `# newdoc id = d1
# newpar
# text = I don't know.
1	I	I	PRON	PRP	_	3	nsubj	_	_
2-3	don't	_	_	_	_	_	_	_	_
2	do	do	AUX	VBP	_	4	aux	_	_
3	n't	not	PART	RB	_	4	advmod	_	_
4	know	know	VERB	VB	_	0	root	_	SpaceAfter=No
5	.	.	PUNCT	.	_	4	punct	_	_

# text = Its good.
1-2	Its	_	_	_	_	_	_	_	_
1	It	it	PRON	PRP	_	3	nsubj	_	_
2	s	be	AUX	VBZ	_	3	cop	_	CorrectForm='s
3	good	good	ADJ	JJ	_	0	root	_	SpaceAfter=No
4	.	.	PUNCT	.	_	3	punct	_	_

# newpar
# text = Bye
1	Bye	bye	INTJ	UH	_	0	root	_	_

`

func readGold(t *testing.T) []*conllu.Sentence {
	t.Helper()
	gold, err := conllu.ReadAll(strings.NewReader(segGold))
	if err != nil {
		t.Fatal(err)
	}
	return gold
}

// mkDoc builds a system Doc over txt from its tokens (found left to right)
// and the number of tokens in each sentence.
func mkDoc(t *testing.T, txt string, toks []string, sentLens ...int) *text.Doc {
	t.Helper()
	d := &text.Doc{Text: txt}
	pos := 0
	for _, w := range toks {
		i := strings.Index(txt[pos:], w)
		if i < 0 {
			t.Fatalf("token %q not found after %d", w, pos)
		}
		d.Tokens = append(d.Tokens, text.Token{Start: int32(pos + i), End: int32(pos + i + len(w)), Head: -1})
		pos += i + len(w)
	}
	start := 0
	for _, n := range sentLens {
		d.Sentences = append(d.Sentences, text.Sentence{Start: int32(start), End: int32(start + n)})
		start += n
	}
	return d
}

func TestGoldText(t *testing.T) {
	if got, want := GoldText(readGold(t)), "I don't know. Its good.\n\nBye"; got != want {
		t.Errorf("GoldText = %q, want %q", got, want)
	}
}

func TestSegmentationWordsPerfect(t *testing.T) {
	gold := readGold(t)
	d := mkDoc(t, GoldText(gold), []string{"I", "do", "n't", "know", ".", "It", "s", "good", ".", "Bye"}, 5, 4, 1)
	sc, err := Segmentation(gold, d)
	if err != nil {
		t.Fatal(err)
	}
	// "It" "s" (no apostrophe) is not a clitic split, so the system has two
	// surface tokens where the gold has one: "Its".
	if sc.Tokens != (F1{Gold: 8, System: 9, Correct: 7}) {
		t.Errorf("tokens %+v", sc.Tokens)
	}
	if sc.Words != (F1{Gold: 10, System: 10, Correct: 10}) {
		t.Errorf("words %+v", sc.Words)
	}
	if sc.Sentences != (F1{Gold: 3, System: 3, Correct: 3}) {
		t.Errorf("sentences %+v", sc.Sentences)
	}
	// The gold words "It" and "s" spell "Its", so they align by span: every
	// gold word maps to the token of the same index.
	for i, tok := range sc.Align.Token {
		if int(tok) != i {
			t.Errorf("gold word %d aligned to %d", i, tok)
		}
	}
	if got := sc.Align.Word(1, 2); got != 7 {
		t.Errorf("Word(1,2) = %d, want 7 (good)", got)
	}
	if sc.Words.F1() != 1 || sc.Words.Precision() != 1 || sc.Sentences.Recall() != 1 {
		t.Error("perfect scores should be 1")
	}
}

func TestSegmentationErrors(t *testing.T) {
	gold := readGold(t)
	// "don't" unsplit, "know." glued, "Its" unsplit, first two sentences merged.
	d := mkDoc(t, GoldText(gold), []string{"I", "don't", "know.", "Its", "good", ".", "Bye"}, 6, 1)
	sc, err := Segmentation(gold, d)
	if err != nil {
		t.Fatal(err)
	}
	if sc.Tokens != (F1{Gold: 8, System: 7, Correct: 6}) {
		t.Errorf("tokens %+v", sc.Tokens)
	}
	if sc.Words != (F1{Gold: 10, System: 7, Correct: 4}) {
		t.Errorf("words %+v", sc.Words)
	}
	if sc.Sentences != (F1{Gold: 3, System: 2, Correct: 1}) {
		t.Errorf("sentences %+v", sc.Sentences)
	}
	if got, want := sc.Words.F1(), 8.0/17; got != want {
		t.Errorf("words F1 = %v, want %v", got, want)
	}
	want := []int32{0, -1, -1, -1, -1, -1, -1, 4, 5, 6}
	for i, w := range want {
		if sc.Align.Token[i] != w {
			t.Errorf("gold word %d aligned to %d, want %d", i, sc.Align.Token[i], w)
		}
	}
}

func TestSegmentationIrregularMultiword(t *testing.T) {
	// A gold multiword token whose words do not spell it: "wanna" = "want" + "to".
	const g = "# text = I wanna go\n1\tI\t_\t_\t_\t_\t_\t_\t_\t_\n2-3\twanna\t_\t_\t_\t_\t_\t_\t_\t_\n" +
		"2\twant\t_\t_\t_\t_\t_\t_\t_\t_\n3\tto\t_\t_\t_\t_\t_\t_\t_\t_\n4\tgo\t_\t_\t_\t_\t_\t_\t_\t_\n\n"
	gold, err := conllu.ReadAll(strings.NewReader(g))
	if err != nil {
		t.Fatal(err)
	}
	d := mkDoc(t, GoldText(gold), []string{"I", "wan", "na", "go"}, 4)
	sc, err := Segmentation(gold, d)
	if err != nil {
		t.Fatal(err)
	}
	// Surface: I, wanna (wan+na joined), go all correct.
	if sc.Tokens != (F1{Gold: 3, System: 3, Correct: 3}) {
		t.Errorf("tokens %+v", sc.Tokens)
	}
	// Words: "want"/"to" share no form with "wan"/"na": only I and go.
	if sc.Words != (F1{Gold: 4, System: 4, Correct: 2}) {
		t.Errorf("words %+v", sc.Words)
	}
	if sc.Align.Token[1] != -1 || sc.Align.Token[3] != 3 {
		t.Errorf("alignment %v", sc.Align.Token)
	}
}

func TestSegmentationTextMismatch(t *testing.T) {
	gold := readGold(t)
	d := mkDoc(t, "I don't know. It's good. Bye", []string{"I", "do", "n't", "know", ".", "It", "'s", "good", ".", "Bye"}, 10)
	if _, err := Segmentation(gold, d); err == nil || !strings.Contains(err.Error(), "differ") {
		t.Errorf("want a text mismatch error, got %v", err)
	}
}

func TestJoinsPrevious(t *testing.T) {
	d := mkDoc(t, "China’s students' gon na cannot can't", []string{"China", "’s", "students", "'", "gon", "na", "can", "not", "ca", "n't"}, 10)
	want := []bool{false, true, false, true, false, false, false, true, false, true}
	for i, w := range want {
		if got := JoinsPrevious(d, i); got != w {
			t.Errorf("JoinsPrevious(%d %q) = %v", i, d.Word(i), got)
		}
	}
}
