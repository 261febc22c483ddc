package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/detente-project/detente/internal/conllu"
)

// detente parse prints well-formed CoNLL-U: every sentence one tree whose
// MISC offsets point at the token's own text.
func TestParseCommand(t *testing.T) {
	const text = "Secretary of State Antony J. Blinken met Xi Jinping in Beijing on Monday.\n\nThe talks were \"candid,\" he said."
	path := filepath.Join(t.TempDir(), "a.txt")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	out := execute(t, "parse", path)
	sents, err := conllu.ReadAll(strings.NewReader(out))
	if err != nil {
		t.Fatalf("output is not CoNLL-U: %v\n%s", err, out)
	}
	if len(sents) != 2 {
		t.Fatalf("%d sentences, want 2:\n%s", len(sents), out)
	}
	for _, s := range sents {
		roots := 0
		for _, w := range s.Words {
			if w.Head == 0 {
				roots++
			}
			if w.Head < 0 || w.Head > len(s.Words) || w.Deprel == "" || w.UPOS == "" {
				t.Errorf("bad word %+v", w)
			}
			var start, end int
			for _, kv := range strings.Split(w.Misc, "|") {
				if v, ok := strings.CutPrefix(kv, "Start="); ok {
					start, _ = strconv.Atoi(v)
				} else if v, ok := strings.CutPrefix(kv, "End="); ok {
					end, _ = strconv.Atoi(v)
				}
			}
			if end > len(text) || text[start:end] != w.Form {
				t.Errorf("offsets %d:%d of %q do not match the text", start, end, w.Form)
			}
		}
		if roots != 1 {
			t.Errorf("sentence %q has %d roots", s.Text(), roots)
		}
	}
	if !strings.Contains(out, "Ent=B-PER") || !strings.Contains(out, "\tmeet\tVERB\tVBD\t") {
		t.Errorf("entities or lemmas missing:\n%s", out)
	}
}
