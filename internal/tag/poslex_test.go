package tag

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// A miniature Festival lexicon: the header and malformed lines are
// skipped, tags keep their log probabilities.
func TestReadPOSLex(t *testing.T) {
	path := filepath.Join(t.TempDir(), "wsj.wp39.poslexR")
	body := "MNCL\n" +
		`("imposed" ((vbd -7.806) (vbn -7.147) ) () )` + "\n" +
		`("\"" ((punc -3.1) ) () )` + "\n" +
		`("back" ((jj -8.138) (rb -4.534) (rp -3.390) ) () )` + "\n" +
		`("broken" ((vbn x) ) () )` + "\n" +
		"garbage\n"
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	lex, err := ReadPOSLex(path)
	if err != nil {
		t.Fatal(err)
	}
	want := TagLexicon{
		"imposed": {{"vbd", -7.806}, {"vbn", -7.147}},
		`\"`:      {{"punc", -3.1}},
		"back":    {{"jj", -8.138}, {"rb", -4.534}, {"rp", -3.390}},
	}
	if !reflect.DeepEqual(lex, want) {
		t.Errorf("got %v, want %v", lex, want)
	}
	if _, err := ReadPOSLex(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Error("a missing file reads without error")
	}
}

// Classes keep the tags whose posterior, with the training data's tag
// priors, reaches the share; words with the same tag set share a class.
func TestTagLexiconClasses(t *testing.T) {
	lex := TagLexicon{
		"imposed": {{"vbd", -7.8}, {"vbn", -7.1}},
		"raised":  {{"vbd", -7.0}, {"vbn", -7.5}},
		"run":     {{"nn", -9.0}, {"vb", -6.0}, {"fw", -3}}, // fw is not in training: floor prior
		"the":     {{"dt", -0.5}, {"nn", -11.7}},
		"rare":    {{"sym", -20}},
	}
	counts := map[string]int{"VBD": 300, "VBN": 200, "NN": 1300, "VB": 250, "DT": 800, ",": 500}
	sigs := tagLexiconSignatures(lex, counts, 0.05)
	want := map[string]string{"imposed": "vbd,vbn", "raised": "vbd,vbn", "run": "nn,vb", "the": "dt", "rare": "sym"}
	if !reflect.DeepEqual(sigs, want) {
		t.Errorf("signatures %v, want %v", sigs, want)
	}
	c := tagLexiconClasses(lex, counts, 0.05)
	// Sorted signatures: dt, nn,vb, sym, vbd,vbn.
	wantIDs := map[string]uint16{"the": 1, "run": 2, "rare": 3, "imposed": 4, "raised": 4}
	if !reflect.DeepEqual(c, wantIDs) {
		t.Errorf("classes %v, want %v", c, wantIDs)
	}
}
