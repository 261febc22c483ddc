package conllu

import (
	"bytes"
	"strings"
	"testing"
)

const sample = `# sent_id = 1
# text = I don't know.
1	I	I	PRON	PRP	_	4	nsubj	_	_
2-3	don't	_	_	_	_	_	_	_	_
2	do	do	AUX	VBP	_	4	aux	_	_
3	n't	not	PART	RB	_	4	advmod	_	_
4	know	know	VERB	VB	_	0	root	_	SpaceAfter=No
4.1	knew	_	_	_	_	_	_	_	_
5	.	.	PUNCT	.	_	4	punct	_	_

`

func TestReadWriteRoundTrip(t *testing.T) {
	sents, err := ReadAll(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) != 1 {
		t.Fatalf("got %d sentences", len(sents))
	}
	s := sents[0]
	if len(s.Words) != 5 || len(s.Multiwords) != 1 || s.Text() != "I don't know." {
		t.Fatalf("bad parse: %+v", s)
	}
	if s.Words[3].Head != 0 || s.Words[0].Head != 4 || s.Words[3].SpaceAfter() {
		t.Fatalf("bad word fields: %+v", s.Words)
	}
	var buf bytes.Buffer
	if err := Write(&buf, s); err != nil {
		t.Fatal(err)
	}
	again, err := ReadAll(&buf)
	if err != nil || len(again) != 1 || len(again[0].Words) != 5 || again[0].Multiwords[0].Form != "don't" {
		t.Fatalf("round trip failed: %v %+v", err, again)
	}
}

func TestBadInput(t *testing.T) {
	for _, in := range []string{"1\tonly\ttwo\n", "2\tx\tx\tX\tX\t_\t0\troot\t_\t_\n", "1\tx\tx\tX\tX\t_\tzz\troot\t_\t_\n"} {
		if _, err := ReadAll(strings.NewReader(in)); err == nil {
			t.Errorf("no error for %q", in)
		}
	}
}
