package coder

import (
	"sort"
	"strings"
	"testing"
)

func TestLexiconParses(t *testing.T) {
	lx := mustLex(t)
	cov := lx.RootCoverage()
	for r := 1; r <= 20; r++ {
		root := string('0'+byte(r/10)) + string('0'+byte(r%10))
		if cov[root] == 0 {
			t.Errorf("no lexicon entry for CAMEO root %s", root)
		}
	}
	if len(lx.Entries) < 1200 {
		t.Errorf("only %d entries", len(lx.Entries))
	}
	roots := make([]string, 0, len(cov))
	for r := range cov {
		roots = append(roots, r)
	}
	sort.Strings(roots)
	var b strings.Builder
	for _, r := range roots {
		b.WriteString(r + ":" + itoa(cov[r]) + " ")
	}
	t.Logf("%d pattern lines, %d entries, %d patterns with object alternatives, %d codes; per root: %s",
		lx.Lines, len(lx.Entries), lx.Patterns(), len(lx.Codes()), b.String())
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var d []byte
	for ; n > 0; n /= 10 {
		d = append([]byte{byte('0' + n%10)}, d...)
	}
	return string(d)
}

// TestLexiconCodesExist checks every code the lexicon can produce against
// the CAMEO code table, and reports how many 3-digit codes it covers.
func TestLexiconCodesExist(t *testing.T) {
	onto := loadOntology(t)
	lx := mustLex(t)
	for _, c := range lx.Codes() {
		if _, ok := onto[c]; !ok {
			t.Errorf("lexicon code %s is not a CAMEO event code", c)
		}
	}
	covered, total := 0, 0
	have := map[string]bool{}
	for _, c := range lx.Codes() {
		have[c] = true
	}
	for c := range onto {
		if len(c) == 3 {
			total++
			if have[c] {
				covered++
			}
		}
	}
	if covered*4 < total*3 {
		t.Errorf("lexicon covers %d of %d three-digit codes", covered, total)
	}
	t.Logf("covers %d of %d three-digit codes (%d codes in all)", covered, total, len(have))
}

func TestParseLexiconErrors(t *testing.T) {
	for _, in := range []string{
		"042",               // no pattern
		"visit 042",         // code last
		"042 visit [@NOPE]", // unknown class
		"chain 03 04",       // short chain
		"class",             // empty class
	} {
		if _, err := ParseLexicon(strings.NewReader(in)); err == nil {
			t.Errorf("%q: want an error", in)
		}
	}
	lx, err := ParseLexicon(strings.NewReader("class C a b\n# comment\n040 @C ~up [x|@C] with\nchain 03 04 036\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(lx.Entries) != 2 || lx.Entries[0].Particle != "up" || len(lx.Entries[1].Objects) != 3 || lx.Entries[1].Preps[0] != "with" {
		t.Errorf("got %+v", lx.Entries)
	}
	if c, ok := lx.Chain("03", "04"); !ok || c != "036" {
		t.Errorf("chain: %q %v", c, ok)
	}
	if ids := lx.Candidates("A"); len(ids) != 1 {
		t.Errorf("case-insensitive lookup: %v", ids)
	}
}

func TestCandidatesForm(t *testing.T) {
	lx := mustLex(t)
	for form, want := range map[string]string{"shelled": "shell", "stopped": "stop", "hoping": "hope", "carries": "carry", "Attacks": "attack", "visited": "visit"} {
		ids := lx.CandidatesForm(form)
		if len(ids) == 0 || lx.Entries[ids[0]].Head != want {
			t.Errorf("%s: got %v, want %s", form, ids, want)
		}
	}
	if ids := lx.CandidatesForm("zzzzed"); ids != nil {
		t.Errorf("unknown form: %v", ids)
	}
	if n := testing.AllocsPerRun(100, func() { lx.CandidatesForm("wandering") }); n != 0 {
		t.Errorf("CandidatesForm allocates %.0f times", n)
	}
}
