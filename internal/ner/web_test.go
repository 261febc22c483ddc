package ner

import (
	"slices"
	"strings"
	"testing"
)

func TestCaseRates(t *testing.T) {
	var sents [][]string
	for range 10 {
		sents = append(sents,
			strings.Fields("we shipped gas to Questar on monday"),
			strings.Fields("the apple was red and Windows was open"),
			strings.Fields("IN A HEADLINE APPLE QUESTAR"),
		)
	}
	sents = append(sents, strings.Fields("they said windows and windows and windows"))
	got := CaseRates(sents, 3)
	if got["questar"] != 5 {
		t.Errorf("questar: bucket %d, want 5 (always capitalised)", got["questar"])
	}
	if got["apple"] != 1 {
		t.Errorf("apple: bucket %d, want 1 (never capitalised; the capitals-only headline is skipped)", got["apple"])
	}
	if got["windows"] != 4 {
		t.Errorf("windows: bucket %d, want 4 (10 of 13 capitalised)", got["windows"])
	}
	if _, ok := got["we"]; ok {
		t.Error("sentence-initial words are counted")
	}
}

func TestAddCorpusNames(t *testing.T) {
	docs, err := Read(strings.NewReader("Anne\tB-PER\nFrank\tI-PER\nvisited\tO\nParis\tB-LOC\nand\tO\nthe\tB-ORG\nbank\tI-ORG\n\n"))
	if err != nil {
		t.Fatal(err)
	}
	gaz := map[string][]string{"paris": {"LOC"}}
	if n := AddCorpusNames(gaz, docs); n != 2 {
		t.Errorf("read %d names, want 2", n)
	}
	for name, want := range map[string]string{"anne frank": "PER", "anne": "PER", "paris": "LOC"} {
		if !slices.Equal(gaz[name], []string{want}) {
			t.Errorf("%q: %v, want [%s]", name, gaz[name], want)
		}
	}
	if _, ok := gaz["the bank"]; ok {
		t.Error("a lowercase entity joined the gazetteer")
	}
}

func TestRegister(t *testing.T) {
	d := newDecoder(newLexicon([]string{"PER"}))
	scan := func(s string) uint64 {
		d.startDoc()
		words := strings.Fields(s)
		for i, w := range words {
			d.scanWord(w, i == 0)
		}
		d.prepare(words, nil, nil)
		return d.register
	}
	if r := scan("The minister met his counterpart in Beijing on Monday , officials said ."); r != 0 {
		t.Errorf("news sentence: register %d, want 0", r)
	}
	if r := scan("I love this place , my husband and I go every week ! You should try it ."); r != 2 {
		t.Errorf("review: register %d, want 2", r)
	}
}
