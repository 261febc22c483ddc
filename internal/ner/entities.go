package ner

import (
	"strings"

	"github.com/detente-project/detente/internal/schema"
	"github.com/detente-project/detente/internal/text"
)

// Span is an entity mention: tokens [Start, End) of a Doc and its type.
type Span struct {
	Start, End int32
	Type       string
}

// Entities returns the entity mentions recorded in the tokens' Ent tags
// (BILOU, IOB or IOB2), in order. A mention never crosses a sentence
// boundary.
func Entities(d *text.Doc) []Span {
	var out []Span
	emit := func(start, end int) {
		out = chunkTokens(d.Tokens, start, end, out)
	}
	if len(d.Sentences) == 0 {
		emit(0, len(d.Tokens))
		return out
	}
	for _, s := range d.Sentences {
		if 0 <= s.Start && s.Start <= s.End && int(s.End) <= len(d.Tokens) {
			emit(int(s.Start), int(s.End))
		}
	}
	return out
}

// chunkTokens applies the Chunks rules to tokens [lo, hi).
func chunkTokens(toks []text.Token, lo, hi int, out []Span) []Span {
	start := -1
	typ := ""
	prevPrefix := byte('O')
	for i := lo; i < hi; i++ {
		p, ty := splitTag(toks[i].Ent)
		if start >= 0 && (p == 'O' || p == 'B' || p == 'U' || p == 'S' || ty != typ ||
			prevPrefix == 'L' || prevPrefix == 'U' || prevPrefix == 'E' || prevPrefix == 'S') {
			out = append(out, Span{int32(start), int32(i), typ})
			start = -1
		}
		if p != 'O' && start < 0 {
			start, typ = i, ty
		}
		prevPrefix = p
	}
	if start >= 0 {
		out = append(out, Span{int32(start), int32(hi), typ})
	}
	return out
}

// Group merges an article's mentions into entities: mentions of one type
// whose words are a contiguous part of a longer mention's words ("Xi" of
// "Xi Jinping", "Blinken" of "Antony J. Blinken") join that longer name's
// entity. Each entity reports its first mention's text and byte span, its
// canonical (longest) name and its mention count, in order of first
// mention. A short name that fits several longer names of its type joins
// the one mentioned most recently before it (or first after it).
func Group(d *text.Doc, spans []Span) []schema.Entity {
	type mention struct {
		span  Span
		words []string
		start int32
		end   int32
	}
	ms := make([]mention, 0, len(spans))
	for _, s := range spans {
		if s.Start < 0 || s.End > int32(len(d.Tokens)) || s.Start >= s.End {
			continue
		}
		m := mention{span: s, start: d.Tokens[s.Start].Start, end: d.Tokens[s.End-1].End}
		if m.start < 0 || m.end > int32(len(d.Text)) || m.start > m.end {
			continue
		}
		for i := s.Start; i < s.End; i++ {
			w := d.Word(int(i))
			if w == "." && i == s.End-1 && i > s.Start {
				continue
			}
			m.words = append(m.words, w)
		}
		ms = append(ms, m)
	}
	// Canonical names: mentions not contained in a longer mention of the
	// same type.
	group := make([]int, len(ms)) // mention → index of its canonical mention
	for i := range ms {
		group[i] = -1
	}
	for i := range ms {
		bestJ, bestDist := -1, int32(0)
		for j := range ms {
			if i == j || ms[j].span.Type != ms[i].span.Type || len(ms[j].words) <= len(ms[i].words) {
				continue
			}
			if !containsRun(ms[j].words, ms[i].words) {
				continue
			}
			// Prefer the nearest preceding long form, then the nearest following.
			dist := ms[i].start - ms[j].start
			if dist < 0 {
				dist = -dist + 1<<30
			}
			if bestJ < 0 || dist < bestDist {
				bestJ, bestDist = j, dist
			}
		}
		group[i] = bestJ
	}
	// Follow the chain to the longest form, then key by its words.
	root := func(i int) int {
		for steps := 0; group[i] >= 0 && steps < len(ms); steps++ {
			i = group[i]
		}
		return i
	}
	type agg struct {
		first, canon int
		count        int
	}
	index := map[string]int{}
	var aggs []agg
	for i := range ms {
		r := root(i)
		key := ms[r].span.Type + "\x00" + strings.Join(ms[r].words, " ")
		k, ok := index[key]
		if !ok {
			k = len(aggs)
			index[key] = k
			aggs = append(aggs, agg{first: i, canon: r})
		}
		a := &aggs[k]
		a.count++
		if len(ms[r].words) > len(ms[a.canon].words) {
			a.canon = r
		}
	}
	out := make([]schema.Entity, 0, len(aggs))
	for _, a := range aggs {
		f := ms[a.first]
		c := ms[a.canon]
		out = append(out, schema.Entity{
			Text:     d.Text[f.start:f.end],
			Type:     f.span.Type,
			Start:    int(f.start),
			End:      int(f.end),
			Name:     d.Text[c.start:c.end],
			Mentions: a.count,
		})
	}
	return out
}

// containsRun reports whether short occurs as a contiguous run in long.
func containsRun(long, short []string) bool {
	if len(short) == 0 {
		return false
	}
	for i := 0; i+len(short) <= len(long); i++ {
		ok := true
		for j, w := range short {
			if long[i+j] != w {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}
