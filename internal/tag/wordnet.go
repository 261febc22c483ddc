package tag

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Lexicon classes: what an external dictionary says a lowercase word form
// can be. A word may have several. They are features (FeatLexicon), not
// constraints: the treebank's conventions still decide.
const (
	LexNoun       uint16 = 1 << iota // singular noun
	LexNounPlural                    // plural noun
	LexVerb                          // verb base form
	LexVerbS                         // third person singular present
	LexVerbPast                      // past tense or past participle
	LexVerbIng                       // present participle or gerund
	LexAdj                           // adjective
	LexAdjMore                       // comparative or superlative adjective
	LexAdv                           // adverb
)

// maxLexiconFile bounds the bytes ReadWordNet reads from one file.
const maxLexiconFile = 64 << 20

// ReadWordNet builds a form → lexicon-class table from a WordNet 3.0
// database directory (Debian's wordnet-base installs it in
// /usr/share/wordnet): the single-word lemmas of index.noun, index.verb,
// index.adj and index.adv, their regular inflections (plurals, verb forms,
// comparatives; a doubled final consonant is also generated, so a few
// forms that English does not have are harmless extras), and the irregular
// forms of the *.exc exception lists.
func ReadWordNet(dir string) (map[string]uint16, error) {
	lex := map[string]uint16{}
	add := func(form string, c uint16) {
		if form != "" && !strings.ContainsAny(form, "_ ") {
			lex[form] |= c
		}
	}
	read := func(name string, fn func(fields []string)) error {
		path := filepath.Join(dir, name)
		f, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("wordnet: %w", err)
		}
		defer f.Close()
		sc := bufio.NewScanner(&limitedReader{f: f, left: maxLexiconFile})
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			if line == "" || line[0] == ' ' { // the licence header
				continue
			}
			fn(strings.Fields(line))
		}
		if err := sc.Err(); err != nil {
			return fmt.Errorf("wordnet: reading %s: %w", path, err)
		}
		return nil
	}
	steps := []struct {
		file string
		fn   func(w string)
	}{
		{"index.noun", func(w string) { add(w, LexNoun); add(sForm(w), LexNounPlural) }},
		{"index.verb", func(w string) {
			add(w, LexVerb)
			add(sForm(w), LexVerbS)
			for _, f := range edForms(w) {
				add(f, LexVerbPast)
			}
			for _, f := range ingForms(w) {
				add(f, LexVerbIng)
			}
		}},
		{"index.adj", func(w string) {
			add(w, LexAdj)
			for _, f := range erForms(w) {
				add(f, LexAdjMore)
			}
		}},
		{"index.adv", func(w string) { add(w, LexAdv) }},
	}
	for _, st := range steps {
		err := read(st.file, func(f []string) {
			if len(f) > 0 {
				st.fn(f[0])
			}
		})
		if err != nil {
			return nil, err
		}
	}
	exc := []struct {
		file string
		fn   func(form, base string)
	}{
		{"noun.exc", func(form, base string) { add(form, LexNounPlural) }},
		{"verb.exc", func(form, base string) {
			switch {
			case strings.HasSuffix(form, "ing"):
				add(form, LexVerbIng)
			case form == sForm(base), form == base+"es": // goes, does
				add(form, LexVerbS)
			default:
				add(form, LexVerbPast)
			}
		}},
		{"adj.exc", func(form, base string) {
			if form != base {
				add(form, LexAdjMore)
			}
		}},
	}
	for _, e := range exc {
		err := read(e.file, func(f []string) {
			if len(f) >= 2 {
				e.fn(f[0], f[1])
			}
		})
		if err != nil {
			return nil, err
		}
	}
	if len(lex) == 0 {
		return nil, fmt.Errorf("wordnet: no entries in %s", dir)
	}
	return lex, nil
}

// limitedReader reads at most left bytes of f.
type limitedReader struct {
	f    *os.File
	left int64
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.left <= 0 {
		return 0, fmt.Errorf("file over %d bytes", maxLexiconFile)
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.f.Read(p)
	l.left -= int64(n)
	return n, err
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }

// consonantY reports whether w ends in a consonant followed by y (spy, try).
func consonantY(w string) bool {
	n := len(w)
	return n >= 2 && w[n-1] == 'y' && !isVowel(w[n-2])
}

// doubles reports whether w ends consonant–vowel–consonant, the pattern
// that may double its last letter before a suffix (stop → stopped).
func doubles(w string) bool {
	n := len(w)
	if n < 3 {
		return false
	}
	c := w[n-1]
	return !isVowel(c) && !strings.ContainsRune("wxy", rune(c)) && isVowel(w[n-2]) && !isVowel(w[n-3])
}

// sForm is the plural of a noun or third person singular of a verb.
func sForm(w string) string {
	switch {
	case consonantY(w):
		return w[:len(w)-1] + "ies"
	case strings.HasSuffix(w, "s"), strings.HasSuffix(w, "x"), strings.HasSuffix(w, "z"),
		strings.HasSuffix(w, "ch"), strings.HasSuffix(w, "sh"):
		return w + "es"
	}
	return w + "s"
}

// edForms are the regular past forms of a verb.
func edForms(w string) []string {
	switch {
	case strings.HasSuffix(w, "e"):
		return []string{w + "d"}
	case consonantY(w):
		return []string{w[:len(w)-1] + "ied"}
	case doubles(w):
		return []string{w + "ed", w + w[len(w)-1:] + "ed"}
	}
	return []string{w + "ed"}
}

// ingForms are the regular -ing forms of a verb.
func ingForms(w string) []string {
	switch {
	case strings.HasSuffix(w, "ie"):
		return []string{w[:len(w)-2] + "ying"}
	case strings.HasSuffix(w, "e") && !strings.HasSuffix(w, "ee") && !strings.HasSuffix(w, "ye") && !strings.HasSuffix(w, "oe"):
		return []string{w[:len(w)-1] + "ing"}
	case doubles(w):
		return []string{w + "ing", w + w[len(w)-1:] + "ing"}
	}
	return []string{w + "ing"}
}

// erForms are the regular comparative and superlative of an adjective.
func erForms(w string) []string {
	switch {
	case strings.HasSuffix(w, "e"):
		return []string{w + "r", w + "st"}
	case consonantY(w):
		return []string{w[:len(w)-1] + "ier", w[:len(w)-1] + "iest"}
	case doubles(w):
		d := w + w[len(w)-1:]
		return []string{w + "er", w + "est", d + "er", d + "est"}
	}
	return []string{w + "er", w + "est"}
}
