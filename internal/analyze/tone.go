package analyze

import (
	_ "embed"
	"strconv"
	"strings"
	"sync"

	"github.com/detente-project/detente/internal/schema"
	"github.com/detente-project/detente/internal/text"
)

// afinnTSV is AFINN-165 (Finn Årup Nielsen, ODbL v1.0), built by genlexicon.
//
//go:embed afinn165.tsv
var afinnTSV string

// lexicon is the parsed tone lexicon: single words, and phrases of two or
// three words keyed by their space-joined text. Built once, read-only.
type lexicon struct {
	words   map[string]int8
	phrases map[string]int8
	firsts  map[string]bool // first words of phrases
}

var loadLexicon = sync.OnceValue(func() *lexicon {
	lx := &lexicon{words: map[string]int8{}, phrases: map[string]int8{}, firsts: map[string]bool{}}
	for _, line := range strings.Split(afinnTSV, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		w, sc, ok := strings.Cut(line, "\t")
		n, err := strconv.Atoi(sc)
		if !ok || err != nil {
			continue
		}
		if strings.ContainsAny(w, " ") {
			lx.phrases[w] = int8(n)
			f, _, _ := strings.Cut(w, " ")
			lx.firsts[f] = true
		} else {
			lx.words[w] = int8(n)
		}
	}
	return lx
})

// LexiconSize returns the number of entries in the tone lexicon.
func LexiconSize() int {
	lx := loadLexicon()
	return len(lx.words) + len(lx.phrases)
}

// Tone scores d as GDELT does (GKG V1.5TONE): the percentage of words with
// positive and with negative valence in the AFINN-165 lexicon, tone =
// positive − negative, polarity = positive + negative, and the word count.
// Words are runs of letters or digits; a lexicon phrase ("cover-up", "no
// fun") counts as one matched word. Negation is not handled: GDELT does not
// handle it either, and keeping the plain definition keeps scores comparable.
func Tone(d *text.Doc) schema.Tone {
	if d == nil || len(d.Text) == 0 {
		return schema.Tone{}
	}
	lx := loadLexicon()
	v := newView(d)
	var words, pos, neg int
	var buf []byte
	for i := 0; i < len(v.words); i++ {
		if v.isPunct(i) {
			continue
		}
		words++
		w := lower(v.w(i))
		if lx.firsts[w] {
			// try a three- then a two-word phrase
			matched := false
			for n := 3; n >= 2 && !matched; n-- {
				if i+n > len(v.words) {
					continue
				}
				buf = append(buf[:0], w...)
				for k := 1; k < n; k++ {
					buf = append(buf, ' ')
					buf = append(buf, lower(v.w(i+k))...)
				}
				if sc, ok := lx.phrases[string(buf)]; ok {
					count(sc, &pos, &neg)
					words += n - 1
					i += n - 1
					matched = true
				}
			}
			if matched {
				continue
			}
		}
		if sc, ok := lx.words[w]; ok {
			count(sc, &pos, &neg)
		}
	}
	if words == 0 {
		return schema.Tone{}
	}
	p := 100 * float64(pos) / float64(words)
	n := 100 * float64(neg) / float64(words)
	return schema.Tone{Tone: p - n, Positive: p, Negative: n, Polarity: p + n, Words: words}
}

func count(sc int8, pos, neg *int) {
	if sc > 0 {
		*pos++
	} else if sc < 0 {
		*neg++
	}
}
