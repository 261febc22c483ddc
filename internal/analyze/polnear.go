package analyze

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/detente-project/detente/internal/schema"
)

// PolNeARArticle is one article of a PolNeAR split with its gold
// attributions.
type PolNeARArticle struct {
	Name, Text string
	Gold       []Attribution
}

// ReadPolNeAR reads a PolNeAR split directory (attributions/NAME_ANNOTATOR.ann
// beside text/NAME.txt): each article once, with its first annotator's
// file, in name order, keeping only names for which keep (when not nil)
// returns true. Articles that cannot be read or parsed are skipped and
// returned as errors; no .ann file at all is an error.
func ReadPolNeAR(dir string, keep func(name string) bool) (arts []PolNeARArticle, skipped []error, err error) {
	anns, err := filepath.Glob(filepath.Join(dir, "attributions", "*.ann"))
	if err != nil {
		return nil, nil, fmt.Errorf("polnear: %w", err)
	}
	if len(anns) == 0 {
		return nil, nil, fmt.Errorf("polnear: no .ann files in %s", filepath.Join(dir, "attributions"))
	}
	seen := map[string]bool{}
	for _, ann := range anns { // Glob returns names in order
		name := strings.TrimSuffix(filepath.Base(ann), ".ann")
		if i := strings.LastIndexByte(name, '_'); i > 0 {
			name = name[:i]
		}
		if seen[name] || keep != nil && !keep(name) {
			continue
		}
		seen[name] = true
		raw, err := os.ReadFile(filepath.Join(dir, "text", name+".txt"))
		if err != nil {
			skipped = append(skipped, fmt.Errorf("polnear: %s: %w", name, err))
			continue
		}
		a, err := os.ReadFile(ann)
		if err != nil {
			skipped = append(skipped, fmt.Errorf("polnear: %s: %w", name, err))
			continue
		}
		gold, err := ParseBrat(string(a), string(raw))
		if err != nil {
			skipped = append(skipped, fmt.Errorf("polnear: %s: %w", ann, err))
			continue
		}
		arts = append(arts, PolNeARArticle{Name: name, Text: string(raw), Gold: gold})
	}
	return arts, skipped, nil
}

// Attribution is one gold attribution relation from a PolNeAR brat file:
// who (Source) said or thought what (Content), marked by a Cue. Spans are
// byte ranges into the article text; a span may be discontinuous.
type Attribution struct {
	ID      string
	Source  []Range
	Cue     []Range
	Content []Range
}

// Range is a byte range [Start, End) into an article text.
type Range struct{ Start, End int }

// Direct reports whether the attribution's content is a direct quotation:
// its first fragment opens with a quotation mark.
func (a *Attribution) Direct(text string) bool {
	if len(a.Content) == 0 {
		return false
	}
	s := a.Content[0].Start
	if s < 0 || s >= len(text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[s:])
	return r == '“' || r == '"'
}

// predDirect reports whether a predicted quote belongs to the direct class
// as Direct defines it for the gold: a direct quote whose opening mark is a
// double quotation mark (not the two apostrophes some papers print).
func predDirect(text string, p *schema.Quote) bool {
	if !p.Direct || p.Start <= 0 || p.Start > len(text) {
		return p.Direct
	}
	i := p.Start
	for i > 0 && (text[i-1] == ' ' || text[i-1] == '\n') {
		i--
	}
	return !strings.HasSuffix(text[:i], "''")
}

// ParseBrat reads the attribution relations of a PolNeAR .ann file. Brat
// offsets are character (code point) offsets; text converts them to bytes.
// Relations whose text-bound annotations are missing are skipped.
func ParseBrat(ann, text string) ([]Attribution, error) {
	// code point offset → byte offset
	cp := make([]int, 0, len(text)+1)
	for i := range text {
		cp = append(cp, i)
	}
	cp = append(cp, len(text))
	spans := map[string][]Range{}
	var rels [][]string
	for ln, line := range strings.Split(ann, "\n") {
		if line == "" {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 2 || len(f[0]) < 2 {
			continue // the rest of an annotation's text that held a line break
		}
		switch f[0][0] {
		case 'T':
			sp := strings.IndexByte(f[1], ' ')
			if sp < 0 {
				return nil, fmt.Errorf("ann line %d: no offsets", ln+1)
			}
			var rs []Range
			for _, frag := range strings.Split(f[1][sp+1:], ";") {
				var a, b int
				ab := strings.Fields(frag)
				if len(ab) != 2 {
					return nil, fmt.Errorf("ann line %d: bad offsets %q", ln+1, frag)
				}
				a, err1 := strconv.Atoi(ab[0])
				b, err2 := strconv.Atoi(ab[1])
				if err1 != nil || err2 != nil || a < 0 || b < a || b >= len(cp) {
					return nil, fmt.Errorf("ann line %d: bad offsets %q", ln+1, frag)
				}
				rs = append(rs, Range{cp[a], cp[b]})
			}
			spans[f[0]] = rs
		case 'E':
			rels = append(rels, strings.Fields(f[1]))
		}
	}
	var out []Attribution
	for _, r := range rels {
		at := Attribution{}
		for _, arg := range r {
			role, id, ok := strings.Cut(arg, ":")
			if !ok {
				continue
			}
			switch role {
			case "Source":
				at.Source = spans[id]
			case "Cue":
				at.Cue = spans[id]
			case "Content":
				at.Content = spans[id]
			case "Attribution", "Attribution-no-source":
				at.ID = id
			}
		}
		if len(at.Content) == 0 {
			continue
		}
		out = append(out, at)
	}
	return out, nil
}

// QuoteScore accumulates PolNeAR scores over articles: for one class of
// attributions (direct quotes, or all), content words found and matched, and
// the speaker of each gold attribution that a predicted quote overlaps.
type QuoteScore struct {
	GoldWords, PredWords, MatchedPredWords, CoveredGoldWords int
	Gold, Pred                                               int // attributions / predicted quotes
	Found                                                    int // gold attributions overlapped by a prediction
	WithSource                                               int // found and the gold has a source
	SpeakerRight                                             int // of WithSource, the speaker overlaps the gold source
}

// Add scores one article's predicted quotes against its gold attributions.
// When direct is set only direct quotes on both sides are scored.
func (s *QuoteScore) Add(text string, gold []Attribution, pred []schema.Quote, direct bool) {
	words := scanWords(text)
	isWord := func(i int) bool {
		r, _ := utf8.DecodeRuneInString(text[words[i].start:])
		return isWordRune(r)
	}
	goldOf := make([]int32, len(words)) // 1+index of the gold attribution holding the word
	predOf := make([]int32, len(words))
	for gi := range gold {
		g := &gold[gi]
		if direct && !g.Direct(text) {
			continue
		}
		s.Gold++
		for _, r := range g.Content {
			for i := range words {
				if int(words[i].start) >= r.Start && int(words[i].end) <= r.End && isWord(i) {
					goldOf[i] = int32(gi + 1)
				}
			}
		}
	}
	for pi := range pred {
		p := &pred[pi]
		if direct && !predDirect(text, p) {
			continue
		}
		s.Pred++
		for i := range words {
			if int(words[i].start) >= p.Start && int(words[i].end) <= p.End && isWord(i) {
				predOf[i] = int32(pi + 1)
			}
		}
	}
	// overlap[g][p] word counts, via a small map keyed by pairs
	type pair struct{ g, p int32 }
	overlap := map[pair]int{}
	for i := range words {
		if goldOf[i] > 0 {
			s.GoldWords++
			if predOf[i] > 0 {
				s.CoveredGoldWords++
				overlap[pair{goldOf[i], predOf[i]}]++
			}
		}
		if predOf[i] > 0 {
			s.PredWords++
			if goldOf[i] > 0 {
				s.MatchedPredWords++
			}
		}
	}
	for gi := range gold {
		g := &gold[gi]
		if direct && !g.Direct(text) {
			continue
		}
		best, bestN := -1, 0
		for pi := range pred {
			if n := overlap[pair{int32(gi + 1), int32(pi + 1)}]; n > bestN {
				best, bestN = pi, n
			}
		}
		if best < 0 {
			continue
		}
		s.Found++
		if len(g.Source) == 0 {
			continue
		}
		s.WithSource++
		if SpeakerMatches(text, g.Source, pred[best].Speaker) {
			s.SpeakerRight++
		}
	}
}

// SpeakerMatches reports whether a predicted speaker agrees with a gold
// source: the spans overlap, or the gold source is a name whose last word is
// a word of the predicted speaker's resolved name.
func SpeakerMatches(text string, src []Range, sp *schema.Speaker) bool {
	if sp == nil {
		return false
	}
	for _, r := range src {
		if sp.Start < r.End && r.Start < sp.End {
			return true
		}
	}
	r := src[len(src)-1]
	f := strings.Fields(text[r.Start:r.End])
	if len(f) == 0 || !capitalised(f[len(f)-1]) {
		return false
	}
	last := strings.TrimRight(f[len(f)-1], ",.")
	last = strings.TrimSuffix(strings.TrimSuffix(last, "’s"), "'s")
	return last != "" && containsWords(sp.Name, last)
}

// Report returns the figures: content precision, recall and F1 over words,
// attribution recall (gold attributions overlapped) and speaker accuracy
// (of found attributions with a gold source).
func (s *QuoteScore) Report() map[string]any {
	p := ratio(s.MatchedPredWords, s.PredWords)
	r := ratio(s.CoveredGoldWords, s.GoldWords)
	f := 0.0
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return map[string]any{
		"gold": s.Gold, "predicted": s.Pred, "found": s.Found,
		"attribution_recall": round4(ratio(s.Found, s.Gold)),
		"speaker_accuracy":   round4(ratio(s.SpeakerRight, s.WithSource)),
		"speaker_scored":     s.WithSource,
		"content_precision":  round4(p), "content_recall": round4(r), "content_f1": round4(f),
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func round4(x float64) float64 {
	return float64(int64(x*10000+0.5)) / 10000
}
