package kb

import (
	"fmt"
	"strconv"
	"strings"
)

// Country is a country or territory.
type Country struct {
	ISO3        string   // ISO 3166-1 alpha-3 (XKX for Kosovo); the country part of actor codes
	ISO2        string   // ISO 3166-1 alpha-2
	CAMEO       string   // CAMEO code where it differs from ISO3 (ROM, TMP, MTN, KSV), else ""
	FIPS        string   // FIPS 10-4 code used by GDELT geography, "" if none
	Name        string   // common English name
	Official    string   // official name
	Capitals    []string // capital cities
	Demonyms    []string // adjectival/demonym forms ("Chinese", "Emirati")
	Aliases     []string // other names and abbreviations
	Region      string   // continent-level region
	Subregion   string
	Lat, Lon    float64 // rough centre
	Independent bool
}

func (k *KB) loadCountries() error {
	b, err := readData("countries.tsv")
	if err != nil {
		return err
	}
	k.ctryIdx = map[string]int{}
	for i, ln := range strings.Split(strings.TrimRight(string(b), "\n"), "\n") {
		if i == 0 {
			continue
		}
		c := strings.Split(ln, "\t")
		if len(c) != 14 {
			return fmt.Errorf("countries.tsv:%d: %d columns, want 14", i+1, len(c))
		}
		lat, _ := strconv.ParseFloat(c[12], 64)
		lon, _ := strconv.ParseFloat(c[13], 64)
		ct := Country{ISO3: c[0], ISO2: c[1], CAMEO: c[2], FIPS: c[3], Independent: c[4] == "1",
			Name: c[5], Official: c[6], Capitals: splitList(c[7]), Demonyms: splitList(c[8]),
			Aliases: splitList(c[9]), Region: c[10], Subregion: c[11], Lat: lat, Lon: lon}
		idx := len(k.countries)
		k.countries = append(k.countries, ct)
		k.ctryIdx[ct.ISO3] = idx
		if ct.CAMEO != "" {
			k.ctryIdx[ct.CAMEO] = idx
		}
	}
	b, err = readData("fips.tsv")
	if err != nil {
		return err
	}
	k.fipsISO = map[string]string{}
	for i, ln := range strings.Split(strings.TrimRight(string(b), "\n"), "\n") {
		if i == 0 {
			continue
		}
		f, iso, ok := strings.Cut(ln, "\t")
		if !ok {
			return fmt.Errorf("fips.tsv:%d: no tab", i+1)
		}
		k.fipsISO[f] = iso
	}
	// Lexicon: independent states first so that shared demonyms ("French",
	// "American") resolve to the state rather than its territories.
	for pass := 0; pass < 2; pass++ {
		for i := range k.countries {
			ct := &k.countries[i]
			if ct.Independent != (pass == 0) {
				continue
			}
			src := "countries.tsv:" + ct.ISO3
			for _, n := range append([]string{ct.Name, ct.Official}, ct.Aliases...) {
				if !notAName[normKey(n)] {
					k.lex.add(n, entry{kind: KindCountry, idx: int32(i), src: src})
				}
			}
			for _, d := range ct.Demonyms {
				k.lex.add(d, entry{kind: KindCountry, idx: int32(i), demonym: true, src: src + " demonym"})
				if p := demonymPlural(d); p != "" {
					k.lex.add(p, entry{kind: KindCountry, idx: int32(i), demonym: true, src: src + " demonym"})
				}
			}
			for _, c := range ct.Capitals {
				if k.capitalMetonym(ct, c) {
					k.lex.add(c, entry{kind: KindCapital, idx: int32(i), src: src + " capital"})
				}
			}
		}
	}
	k.stats.Countries = len(k.countries)
	return nil
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "|")
}

// demonymPlural returns the plural noun of a demonym ("American" →
// "Americans"), or "" when it is the same ("Chinese", "British").
func demonymPlural(d string) string {
	l := strings.ToLower(d)
	for _, suf := range []string{"ese", "ish", "ch", "s", "i", "x", "z"} {
		if strings.HasSuffix(l, suf) {
			if suf == "i" { // "Emirati" → "Emiratis", "Israeli" → "Israelis"
				return d + "s"
			}
			return ""
		}
	}
	return d + "s"
}

// CountryByCode returns the country with ISO alpha-3 or CAMEO code code.
func (k *KB) CountryByCode(code string) (Country, bool) {
	i, ok := k.ctryIdx[code]
	if !ok {
		return Country{}, false
	}
	return k.countries[i], true
}

// CountryByName resolves a country name, alias, abbreviation or demonym
// ("U.S.", "Britain", "DPRK", "Emirati") to its country.
func (k *KB) CountryByName(name string) (Country, bool) {
	for _, e := range k.lex.get(normKey(name)) {
		if e.kind == KindCountry {
			return k.countries[e.idx], true
		}
	}
	return Country{}, false
}

// Countries returns every country and territory, sorted by ISO3. The slice
// is shared: do not modify it.
func (k *KB) Countries() []Country { return k.countries }

// FIPS returns the FIPS 10-4 code for an ISO alpha-3 code, as GDELT's
// geography fields use ("USA" → "US", "CHN" → "CH"), or "" if none.
func (k *KB) FIPS(iso3 string) string {
	if i, ok := k.ctryIdx[iso3]; ok {
		return k.countries[i].FIPS
	}
	return ""
}

// ISOFromFIPS maps a FIPS 10-4 country code to ISO alpha-3.
func (k *KB) ISOFromFIPS(fips string) (string, bool) {
	iso, ok := k.fipsISO[fips]
	return iso, ok && iso != ""
}

// ISO3 maps a CAMEO country code to ISO alpha-3 ("ROM" → "ROU"); other
// codes are returned unchanged.
func (k *KB) ISO3(code string) string {
	if i, ok := k.ctryIdx[code]; ok {
		return k.countries[i].ISO3
	}
	return code
}

// notAName lists native or alternative country names and capitals that are
// ordinary English words ("Ísland", "Malé", "The Valley").
var notAName = map[string]bool{
	"island": true, "states": true, "male": true, "bottom": true, "valley": true, "mann": true,
	"union": true, "republic": true, "kingdom": true, "federation": true, "islands": true, "uss": true,
}

// metonymTerritories are not independent but their capitals still stand
// for their governments in the news.
var metonymTerritories = map[string]bool{"TWN": true, "PSE": true, "XKX": true, "HKG": true, "ESH": false}

// capitalMetonym reports whether a capital's name may stand for its
// government: the country is a state (or a territory with a government in
// the news), the name is not an ordinary word, and the most populous place
// of that name is in the country ("Victoria" is Canadian, not the
// Seychelles' government; "Plymouth" is English, not Montserrat's).
func (k *KB) capitalMetonym(ct *Country, capital string) bool {
	key := normKey(capital)
	if key == "" || notAName[key] || !(ct.Independent || metonymTerritories[ct.ISO3]) {
		return false
	}
	if rows := k.places.idx[key]; len(rows) > 0 && k.places.rows[rows[0]].Country != ct.ISO3 {
		return false
	}
	return true
}
