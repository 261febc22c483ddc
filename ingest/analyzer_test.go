package ingest

import (
	"context"
	"strings"

	"github.com/detente-project/detente/internal/schema"
)

// This file holds a small deterministic analyzer for the tests only: it
// codes an event for every sentence that names two known countries and a
// known verb, dated on the publication date. It is a test double for the
// real detente.Analyze, which ingest does not import.

var testCountries = []struct{ name, code string }{
	{"United States", "USA"}, {"China", "CHN"}, {"Russia", "RUS"}, {"Ukraine", "UKR"},
	{"France", "FRA"}, {"Germany", "DEU"}, {"Iran", "IRN"}, {"Israel", "ISR"}, {"India", "IND"},
	{"Japan", "JPN"}, {"Turkey", "TUR"}, {"Syria", "SYR"}, {"Australia", "AUS"}, {"Brazil", "BRA"},
	{"Canada", "CAN"}, {"Mexico", "MEX"}, {"Pakistan", "PAK"}, {"Venezuela", "VEN"}, {"Britain", "GBR"},
	{"United Kingdom", "GBR"}, {"North Korea", "PRK"}, {"South Korea", "KOR"}, {"Egypt", "EGY"},
}

var testVerbs = []struct {
	word, cameo string
	quad        int
	goldstein   float64
}{
	{" met ", "040", 1, 1}, {" said ", "010", 1, 0}, {" visit", "042", 1, 1.9}, {" agreed", "057", 2, 8},
	{" attack", "190", 4, -10}, {" sanction", "163", 4, -8}, {" accused", "112", 3, -2}, {" killed", "190", 4, -10},
	{" talks", "043", 1, 2.8}, {" aid", "070", 2, 7}, {" protest", "140", 3, -6.5},
}

var testPositive = []string{"good", "agreed", "peace", "support", "success", "welcome"}
var testNegative = []string{"killed", "dead", "attack", "crisis", "war", "accused"}

// testAnalyze is the deterministic test analyzer.
func testAnalyze(_ context.Context, a schema.Article) (schema.Analysis, error) {
	an := schema.Analysis{Article: a}
	text := a.Text
	sent := 0
	for start := 0; start < len(text); sent++ {
		end := strings.IndexAny(text[start:], ".!?")
		if end < 0 {
			end = len(text)
		} else {
			end += start + 1
		}
		s := text[start:end]
		type hit struct {
			pos  int
			code string
			name string
		}
		var hits []hit
		for _, c := range testCountries {
			if i := strings.Index(s, c.name); i >= 0 {
				hits = append(hits, hit{i, c.code, c.name})
			}
		}
		if len(hits) >= 2 {
			// order by position in the sentence, ties by code
			for i := 1; i < len(hits); i++ {
				for j := i; j > 0 && (hits[j].pos < hits[j-1].pos || (hits[j].pos == hits[j-1].pos && hits[j].code < hits[j-1].code)); j-- {
					hits[j], hits[j-1] = hits[j-1], hits[j]
				}
			}
			vi, best := -1, len(s)
			for k, v := range testVerbs { // the earliest verb in the sentence
				if i := strings.Index(s, v.word); i >= 0 && i < best {
					vi, best = k, i
				}
			}
			if vi >= 0 && hits[0].code != hits[1].code {
				v, i := testVerbs[vi], best
				src, tgt := hits[0], hits[1]
				an.Events = append(an.Events, schema.Event{
					Sentence:  sent,
					Source:    schema.Actor{Text: src.name, Code: src.code + "GOV", Country: src.code, Sectors: []string{"GOV"}, Start: start + src.pos, End: start + src.pos + len(src.name)},
					Target:    &schema.Actor{Text: tgt.name, Code: tgt.code, Country: tgt.code, Start: start + tgt.pos, End: start + tgt.pos + len(tgt.name)},
					Cameo:     v.cameo,
					Root:      v.cameo[:2],
					QuadClass: v.quad,
					Goldstein: v.goldstein,
					Trigger:   schema.Span{Text: strings.TrimSpace(v.word), Start: start + i + 1, End: start + i + len(strings.TrimRight(v.word, " "))},
					Date:      a.Published,
					Modality:  schema.Asserted,
					Rule:      "test:" + strings.TrimSpace(v.word),
				})
			}
		}
		for _, h := range hits {
			an.Entities = append(an.Entities, schema.Entity{Text: h.name, Type: "GPE", Start: start + h.pos, End: start + h.pos + len(h.name), Name: h.name, Actor: h.code, Mentions: 1})
		}
		start = end
	}
	words := len(strings.Fields(text))
	pos, neg := 0, 0
	lower := strings.ToLower(text)
	for _, w := range testPositive {
		pos += strings.Count(lower, w)
	}
	for _, w := range testNegative {
		neg += strings.Count(lower, w)
	}
	if words > 0 {
		p, n := 100*float64(pos)/float64(words), 100*float64(neg)/float64(words)
		an.Tone = schema.Tone{Tone: p - n, Positive: p, Negative: n, Polarity: p + n, Words: words}
	}
	return an, nil
}
