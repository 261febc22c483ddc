package tag

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestInflections(t *testing.T) {
	cases := []struct {
		got, want []string
	}{
		{[]string{sForm("country"), sForm("day"), sForm("tax"), sForm("church"), sForm("talk")},
			[]string{"countries", "days", "taxes", "churches", "talks"}},
		{edForms("impose"), []string{"imposed"}},
		{edForms("try"), []string{"tried"}},
		{edForms("stop"), []string{"stoped", "stopped"}},
		{edForms("play"), []string{"played"}},
		{ingForms("impose"), []string{"imposing"}},
		{ingForms("die"), []string{"dying"}},
		{ingForms("agree"), []string{"agreeing"}},
		{ingForms("sit"), []string{"siting", "sitting"}},
		{erForms("large"), []string{"larger", "largest"}},
		{erForms("happy"), []string{"happier", "happiest"}},
		{erForms("big"), []string{"biger", "bigest", "bigger", "biggest"}},
	}
	for _, c := range cases {
		if !slices.Equal(c.got, c.want) {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

// A miniature WordNet directory: the licence header is skipped, lemmas are
// inflected, exceptions are classed by form, multiword lemmas are dropped.
func TestReadWordNet(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"index.noun": "  1 This software and database is being provided\nsanction n 2 1 @ 2 0 1 2\nunited_states n 1 0 1 0 3\n",
		"index.verb": "  1 header\nimpose v 1 1 @ 1 0 4\nsanction v 1 0 1 0 5\n",
		"index.adj":  "large a 1 0 1 0 6\n",
		"index.adv":  "abroad r 1 0 1 0 7\n",
		"noun.exc":   "mice mouse\n",
		"verb.exc":   "went go\ngoes go\n",
		"adj.exc":    "better good\n",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	lex, err := ReadWordNet(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]uint16{
		"sanction": LexNoun | LexVerb, "sanctions": LexNounPlural | LexVerbS, "sanctioned": LexVerbPast,
		"impose": LexVerb, "imposed": LexVerbPast, "imposing": LexVerbIng, "imposes": LexVerbS,
		"large": LexAdj, "largest": LexAdjMore, "abroad": LexAdv,
		"mice": LexNounPlural, "went": LexVerbPast, "goes": LexVerbS, "better": LexAdjMore,
	}
	for w, c := range want {
		if lex[w] != c {
			t.Errorf("%q: classes %09b, want %09b", w, lex[w], c)
		}
	}
	for w := range lex {
		if w == "united_states" || w == "This" {
			t.Errorf("unexpected entry %q", w)
		}
	}
	if _, err := ReadWordNet(t.TempDir()); err == nil {
		t.Error("an empty directory gave no error")
	}
}

// The lexicon features tag an unseen news verb after a plural proper noun
// (the treebanks never have "imposed"; it was tagged JJ without them). The
// tagger alone may leave it a participle; the pipeline's FiniteParticiples
// makes it VBD once the parse shows its subject (see internal/nlp).
func TestLexiconTagsUnseenVerb(t *testing.T) {
	tg := loadDefault(t)
	if tg.featSet&FeatLexicon == 0 {
		t.Skip("the shipped tagger has no lexicon features")
	}
	d := doc("The United States imposed sanctions on Iran .")
	tg.Tag(d)
	if tok := d.Tokens[3]; tok.UPOS != "VERB" || (tok.XPOS != "VBD" && tok.XPOS != "VBN") || tok.Lemma != "impose" {
		t.Errorf("imposed: %s/%s/%s, want VERB/VBD or VBN/impose", tok.UPOS, tok.XPOS, tok.Lemma)
	}
}
