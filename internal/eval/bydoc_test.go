package eval

import (
	"strconv"
	"testing"

	"github.com/detente-project/detente/internal/text"
	"github.com/detente-project/detente/internal/tokenize"
)

// Each document is annotated on its own, and the merged document carries
// every annotation at the right place with heads shifted to it.
func TestByDocument(t *testing.T) {
	gold := ewtDev(t, 300)
	docs := 0
	for i, s := range gold {
		if i == 0 || isNewDoc(s) {
			docs++
		}
	}
	if docs < 5 {
		t.Fatalf("%d documents in 300 EWT sentences; the test needs several", docs)
	}
	// Every token's head is its document's first token; Ent numbers the call.
	calls := 0
	mark := func(d *text.Doc) {
		calls++
		for i := range d.Tokens {
			d.Tokens[i].Head = 0
			d.Tokens[i].Ent = strconv.Itoa(calls)
		}
		d.Tokens[0].Head = -1
	}
	check := func(name string, d *text.Doc) {
		t.Helper()
		if calls != docs {
			t.Fatalf("%s: %d calls for %d documents", name, calls, docs)
		}
		first := -1
		for i, tok := range d.Tokens {
			if tok.Head == -1 {
				first = i
				continue
			}
			if int(tok.Head) != first || tok.Ent != d.Tokens[first].Ent {
				t.Fatalf("%s: token %d head %d ent %s, want %d and %s", name, i, tok.Head, tok.Ent, first, d.Tokens[first].Ent)
			}
		}
	}
	d := AnnotateByDocument(gold, mark)
	check("gold tokens", d)
	if want := GoldDoc(gold); d.Text != want.Text || len(d.Tokens) != len(want.Tokens) {
		t.Fatalf("gold tokens: the merged document differs from GoldDoc")
	}

	calls = 0
	d = ProcessRawByDocument(gold, func(d *text.Doc, s string) {
		d.Reset(s)
		tokenize.Tokenize(d)
		mark(d)
	})
	check("raw", d)
	if d.Text != GoldText(gold) {
		t.Fatal("raw: the merged text differs from GoldText")
	}
	seg, err := Segmentation(gold, d)
	if err != nil {
		t.Fatal(err)
	}
	if f := seg.Tokens.F1(); f < 0.98 {
		t.Errorf("raw: tokens F1 %.3f over the merged document; offsets shifted wrong?", f)
	}
}
