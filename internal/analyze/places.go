package analyze

import (
	"strings"

	"github.com/detente-project/detente/internal/schema"
	"github.com/detente-project/detente/internal/text"
)

// Gazetteer resolves a place name to a place, using the countries the
// article is about (ISO alpha-3, most mentioned first) to choose among
// places of the same name. The knowledge base implements it. The returned
// Place's Text, Start and End are ignored; Places fills them.
type Gazetteer interface {
	Place(name string, countries []string) (schema.Place, bool)
}

// landmark is a named building or site that stands for its city.
type landmark struct {
	name, city, country string
}

// landmarks are matched case-sensitively, longest first at each position.
var landmarks = []landmark{
	{"Great Hall of the People", "Beijing", "CHN"},
	{"Tiananmen Square", "Beijing", "CHN"},
	{"Zhongnanhai", "Beijing", "CHN"},
	{"Diaoyutai State Guesthouse", "Beijing", "CHN"},
	{"White House", "Washington", "USA"},
	{"Capitol Hill", "Washington", "USA"},
	{"Oval Office", "Washington", "USA"},
	{"Pentagon", "Washington", "USA"},
	{"Kremlin", "Moscow", "RUS"},
	{"Red Square", "Moscow", "RUS"},
	{"Downing Street", "London", "GBR"},
	{"Westminster", "London", "GBR"},
	{"Élysée Palace", "Paris", "FRA"},
	{"Elysee Palace", "Paris", "FRA"},
	{"Blue House", "Seoul", "KOR"},
	{"Knesset", "Jerusalem", "ISR"},
	{"Bundestag", "Berlin", "DEU"},
	{"Quai d'Orsay", "Paris", "FRA"},
	{"Palais des Nations", "Geneva", "CHE"},
}

// locPreps introduce a location: "in Beijing", "at the White House".
var locPreps = map[string]bool{
	"in": true, "at": true, "near": true, "outside": true, "inside": true, "from": true,
	"across": true, "throughout": true, "around": true, "to": true, "into": true,
}

// Places finds place mentions in d and resolves them through gz with the
// article's countries as context. Mentions are the recogniser's LOC and GPE
// spans when the Doc is tagged, else capitalised runs after a locative
// preposition ("in Beijing", "near the Syrian border town of Kobani" gives
// "Kobani"); known landmarks ("the Great Hall of the People") resolve to
// their city, keeping the landmark's own text and offsets.
func Places(d *text.Doc, gz Gazetteer, countries []string) []schema.Place {
	if d == nil || len(d.Text) == 0 {
		return nil
	}
	v := newView(d)
	var out []schema.Place
	tagged := v.tagged()
	for i := 0; i < len(v.words); i++ {
		if lm, n := landmarkAt(v, i); n > 0 {
			if gz != nil {
				if p, ok := gz.Place(lm.city, []string{lm.country}); ok {
					out = append(out, placeAt(v, p, i, i+n))
				}
			}
			i += n - 1
			continue
		}
		var a, b int
		if tagged {
			e := v.ent(i)
			if e == "ORG" && i > 0 && lower(v.w(i-1)) == "in" && (i+1 == len(v.words) || v.ent(i+1) != "ORG") {
				// "in Marseille": a one-word organisation after "in" is a
				// city when the gazetteer has one of that name (the
				// recogniser learnt football clubs named after cities)
				if gz != nil {
					if p, ok := gz.Place(v.w(i), countries); ok && p.GeonameID != 0 {
						out = append(out, placeAt(v, p, i, i+1))
					}
				}
				continue
			}
			if e != "LOC" && e != "GPE" {
				continue
			}
			a, b = i, i+1
			for b < len(v.words) && v.ent(b) == e && !strings.HasPrefix(v.doc.Tokens[v.words[b].tok].Ent, "B-") &&
				!strings.HasPrefix(v.doc.Tokens[v.words[b].tok].Ent, "U-") {
				b++
			}
		} else {
			if !locPreps[lower(v.w(i))] {
				continue
			}
			a = i + 1
			if a+1 < len(v.words) && lower(v.w(a)) == "the" {
				a++
			}
			if a >= len(v.words) || !capitalised(v.w(a)) || notNames[v.w(a)] {
				continue
			}
			if _, n := landmarkAt(v, a); n > 0 {
				i = a - 1 // the landmark is matched at its own position
				continue
			}
			b = a + 1
			for b < len(v.words) && capitalised(v.w(b)) && !notNames[v.w(b)] && v.sent[b] == v.sent[a] {
				b++
			}
		}
		if gz == nil {
			i = b - 1
			continue
		}
		name := joinWords(v, a, b)
		name = strings.TrimSuffix(strings.TrimSuffix(name, "’s"), "'s")
		if p, ok := gz.Place(name, countries); ok {
			out = append(out, placeAt(v, p, a, b))
		}
		i = b - 1
	}
	return out
}

func placeAt(v *view, p schema.Place, a, b int) schema.Place {
	p.Start, p.End = int(v.words[a].start), int(v.words[b-1].end)
	p.Text = v.text[p.Start:p.End]
	return p
}

// landmarkAt returns the landmark whose words start at word i.
func landmarkAt(v *view, i int) (landmark, int) {
	if !capitalised(v.w(i)) {
		return landmark{}, 0
	}
	rest := v.text[v.words[i].start:]
	for _, lm := range landmarks {
		if !strings.HasPrefix(rest, lm.name) {
			continue
		}
		end := v.words[i].start + int32(len(lm.name))
		n := 0
		for k := i; k < len(v.words) && v.words[k].end <= end; k++ {
			n++
		}
		if n > 0 && v.words[i+n-1].end == end {
			return lm, n
		}
	}
	return landmark{}, 0
}

// EventLocation picks the location of an event from the article's resolved
// places: the place mention inside the event's clause [clauseStart,
// clauseEnd) (byte offsets) that a locative preposition introduces ("in
// Beijing", "at the Great Hall of the People"), nearest to the trigger. It
// returns nil when the clause names no place.
func EventLocation(text string, places []schema.Place, clauseStart, clauseEnd, trigger int) *schema.Location {
	best, bestDist := -1, 0
	for i, p := range places {
		if p.Start < clauseStart || p.End > clauseEnd || p.Start > len(text) {
			continue
		}
		if !afterLocPrep(text[:p.Start]) {
			continue
		}
		dist := p.Start - trigger
		if dist < 0 {
			dist = trigger - p.End
		}
		if best < 0 || dist < bestDist {
			best, bestDist = i, dist
		}
	}
	if best < 0 {
		return nil
	}
	p := places[best]
	return &schema.Location{Name: p.Name, Country: p.Country, Lat: p.Lat, Lon: p.Lon, GeonameID: p.GeonameID}
}

// afterLocPrep reports whether the text before a place ends with a locative
// preposition, optionally followed by "the".
func afterLocPrep(before string) bool {
	f := strings.Fields(tail(before, 24))
	if len(f) > 0 && strings.EqualFold(f[len(f)-1], "the") {
		f = f[:len(f)-1]
	}
	if len(f) == 0 {
		return false
	}
	w := lower(f[len(f)-1])
	return w == "in" || w == "at" || w == "near" || w == "outside" || w == "inside"
}

// tail returns at most the last n bytes of s.
func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[len(s)-n:]
}
