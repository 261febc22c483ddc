package analyze

import (
	"sort"
	"strings"

	"github.com/detente-project/detente/internal/schema"
	"github.com/detente-project/detente/internal/text"
)

// SummarySentence is one sentence chosen for an article's summary.
type SummarySentence struct {
	Index      int    // sentence index in the Doc (or in the word scan of a bare Doc)
	Text       string // the sentence text
	Start, End int    // byte offsets
}

// Summary picks the n sentences (3 in the output) that best carry the
// article's main events and actors and returns them in article order. A
// sentence scores for each coded event it holds (events[i].Sentence), for
// each mention of the article's entities weighted by how often the entity
// recurs (main actors count more), and for its position (the lead carries the
// story); very short sentences and bare quotations score less. Without
// entities, capitalised names stand in for them.
func Summary(d *text.Doc, events []schema.Event, entities []schema.Entity, n int) []SummarySentence {
	if d == nil || len(d.Text) == 0 || n <= 0 {
		return nil
	}
	v := newView(d)
	ns := len(v.sents)
	if ns == 0 {
		return nil
	}
	score := make([]float64, ns)
	for _, e := range events {
		if e.Sentence >= 0 && e.Sentence < ns {
			score[e.Sentence] += 2
		}
	}
	// entity names and their weights
	type ent struct {
		name string
		w    float64
	}
	var ents []ent
	for _, e := range entities {
		w := 0.5 + float64(min(e.Mentions, 6))/4
		for _, name := range []string{e.Name, e.Text} {
			if name != "" {
				ents = append(ents, ent{name, w})
			}
		}
		if f := strings.Fields(e.Name); len(f) > 1 && e.Type == "PER" {
			ents = append(ents, ent{f[len(f)-1], w}) // surname mentions
		}
	}
	if len(ents) == 0 {
		// capitalised names, weighted by their frequency in the article
		freq := map[string]int{}
		inQuote := make([]bool, len(v.words))
		ms := findMentions(v, inQuote)
		for _, m := range ms {
			freq[m.name]++
		}
		for _, m := range ms {
			score[v.sent[m.first]] += 0.5 + float64(min(freq[m.name], 6))/4
		}
	}
	for si := 0; si < ns; si++ {
		s := v.sents[si]
		if s.end <= s.start {
			score[si] = -1e9
			continue
		}
		st := v.text[v.words[s.start].start:v.words[s.end-1].end]
		for _, e := range ents {
			if c := strings.Count(st, e.name); c > 0 {
				score[si] += e.w * float64(min(c, 2))
			}
		}
		words := countWords(v, int(s.start), int(s.end))
		switch {
		case words < 6:
			score[si] -= 3
		case words > 60:
			score[si] -= 1
		}
		if first := v.w(int(s.start)); first == "“" || first == "\"" {
			score[si] -= 1
		}
		score[si] += 3 / float64(1+si) // lead bonus: 3, 1.5, 1, …
	}
	idx := make([]int, ns)
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return score[idx[a]] > score[idx[b]] })
	if n > ns {
		n = ns
	}
	idx = idx[:n]
	sort.Ints(idx)
	out := make([]SummarySentence, 0, n)
	for _, si := range idx {
		s := v.sents[si]
		a, b := v.words[s.start].start, v.words[s.end-1].end
		out = append(out, SummarySentence{Index: si, Text: v.text[a:b], Start: int(a), End: int(b)})
	}
	return out
}
