package coder

import (
	"bufio"
	"github.com/detente-project/detente/internal/testshared"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/detente-project/detente/internal/schema"
	"github.com/detente-project/detente/internal/text"
)

// sharedDir returns ../shared relative to the repository root, or skips.
func sharedDir(t testing.TB) string { return testshared.Dir(t) }

// tsvOntology reads shared/data/cameo/event_codes.tsv (test-side loader; the
// product uses internal/kb).
type tsvOntology map[string]EventInfo

func (o tsvOntology) Event(code string) (EventInfo, bool) {
	e, ok := o[code]
	return e, ok
}

func loadOntology(t testing.TB) tsvOntology {
	t.Helper()
	f, err := os.Open(filepath.Join(sharedDir(t), "data", "cameo", "event_codes.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	o := tsvOntology{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	first := true
	for sc.Scan() {
		if first {
			first = false
			continue
		}
		c := strings.Split(sc.Text(), "\t")
		if len(c) < 13 {
			continue
		}
		g, _ := strconv.ParseFloat(c[6], 64)
		q, _ := strconv.Atoi(c[8])
		pl := c[10]
		if pl == "(dropped)" {
			pl = ""
		}
		var ctx []string
		if c[12] != "" {
			ctx = strings.Split(c[12], ";")
		}
		o[c[0]] = EventInfo{Name: c[3], Goldstein: g, QuadClass: q, Plover: pl, Mode: c[11], Context: ctx}
	}
	return o
}

// nameActors resolves a phrase when it contains a known name as whole words
// (longest name wins). It is the test-side resolver; the product uses
// internal/kb.
type nameActors map[string]schema.Actor

func (m nameActors) ResolvePhrase(doc *text.Doc, toks []int32, _ time.Time) (schema.Actor, bool) {
	words := make([]string, len(toks))
	for i, k := range toks {
		words[i] = doc.Word(int(k))
	}
	s := strings.Join(words, " ")
	best, bestLen := schema.Actor{}, 0
	for name, a := range m {
		if len(name) > bestLen && containsWord(s, name) {
			best, bestLen = a, len(name)
		}
	}
	return best, bestLen > 0
}

var testActors = nameActors{
	"Blinken":             {Code: "USAGOV", Country: "USA", Name: "Antony Blinken"},
	"Xi Jinping":          {Code: "CHNGOV", Country: "CHN", Name: "Xi Jinping"},
	"Putin":               {Code: "RUSGOV", Country: "RUS", Name: "Vladimir Putin"},
	"Obama":               {Code: "USAGOV", Country: "USA", Name: "Barack Obama"},
	"US":                  {Code: "USA", Country: "USA"},
	"United States":       {Code: "USA", Country: "USA"},
	"American government": {Code: "USAGOV", Country: "USA"},
	"China":               {Code: "CHN", Country: "CHN"},
	"Chinese":             {Code: "CHN", Country: "CHN"},
	"Russia":              {Code: "RUS", Country: "RUS"},
	"Georgia":             {Code: "GEO", Country: "GEO"},
	"France":              {Code: "FRA", Country: "FRA"},
	"Paris":               {Code: "FRA", Country: "FRA"},
	"Israel":              {Code: "ISR", Country: "ISR"},
	"Hamas":               {Code: "PSEREB", Country: "PSE"},
	"Iran":                {Code: "IRN", Country: "IRN"},
	"Hungarian officials": {Code: "HUNGOV", Country: "HUN"},
	"Romanian officials":  {Code: "ROUGOV", Country: "ROU"},
	"rebels":              {Code: "REB"},
	"village":             {Code: "CVL"},
	"police":              {Code: "COP"},
	"protesters":          {Code: "CVL"},
	"president":           {Code: "GOV"},
	"Ugandan candidates":  {Code: "UGAOPP", Country: "UGA"},
}

// parseDoc builds a Doc from compact hand-written parses: one sentence per
// string, tokens separated by spaces, each "form/lemma/UPOS/head/rel" with a
// 1-based head (0 = root). Tokens are joined by single spaces.
func parseDoc(t testing.TB, sents ...string) *text.Doc {
	t.Helper()
	doc := &text.Doc{}
	var b strings.Builder
	for _, s := range sents {
		first := int32(len(doc.Tokens))
		for _, f := range strings.Fields(s) {
			p := strings.Split(f, "/")
			if len(p) != 5 {
				t.Fatalf("bad token %q", f)
			}
			h, err := strconv.Atoi(p[3])
			if err != nil {
				t.Fatalf("bad head in %q", f)
			}
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			start := int32(b.Len())
			b.WriteString(p[0])
			head := int32(-1)
			if h > 0 {
				head = first + int32(h) - 1
			}
			doc.Tokens = append(doc.Tokens, text.Token{Start: start, End: int32(b.Len()), Lemma: p[1], UPOS: p[2], Head: head, Rel: p[4], SpaceAfter: true})
		}
		doc.Sentences = append(doc.Sentences, text.Sentence{Start: first, End: int32(len(doc.Tokens))})
	}
	doc.Text = b.String()
	return doc
}

func containsWord(s, w string) bool {
	for i := 0; i+len(w) <= len(s); i++ {
		if s[i:i+len(w)] != w || (i > 0 && isWordByte(s[i-1])) || (i+len(w) < len(s) && isWordByte(s[i+len(w)])) {
			continue
		}
		return true
	}
	return false
}
