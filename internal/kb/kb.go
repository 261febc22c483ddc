// Package kb is Détente's knowledge base: the CAMEO and PLOVER ontology,
// countries, a gazetteer of places, agents (titles and role nouns),
// international organisations and named actors with dated roles, and the
// resolution of a mention ("Secretary of State Antony J. Blinken",
// "the Chinese foreign ministry", "Beijing") to a CAMEO actor code with the
// evidence for it.
//
// Everything is embedded in the binary (see data/ and the generator in
// gen/) and parsed once, lazily, on first use; a *KB is immutable and safe
// for concurrent use. TABARI and PETRARCH actor and agent dictionaries can
// be loaded from a user's path at run time and layered over the embedded KB
// with Extend.
package kb

//go:generate go run ./gen -shared ../../../shared/data -out data

import (
	"bytes"
	"compress/gzip"
	"embed"
	"fmt"
	"io"
	"strings"
	"sync"
)

//go:embed data/events.tsv data/CAMEO.type.txt data/CAMEO.knowngroup.txt data/CAMEO.country.txt
//go:embed data/countries.tsv data/fips.tsv data/places.tsv.gz
//go:embed data/agents.txt data/actors.txt data/orgs.txt data/aliases.txt data/landmarks.txt data/exonyms.txt
var dataFS embed.FS

// KB is a loaded knowledge base. The zero value is not usable; call Default
// or Extend.
type KB struct {
	events    []EventCode
	eventIdx  map[string]int
	roles     map[string]string // CAMEO actor type/role code → label
	groups    map[string]string // CAMEO known group code → label
	regions   map[string]string // CAMEO region/country code → label
	countries []Country
	ctryIdx   map[string]int // ISO3 and CAMEO codes → index
	fipsISO   map[string]string
	places    places
	lex       *lexicon
	actors    []Actor
	agents    []Agent
	stats     Stats
}

// Stats counts the entries of each table of a KB.
type Stats struct {
	Events, Roles, Groups, Regions, Countries, Places, Agents, Actors, Orgs, Keys int
}

var (
	defaultOnce sync.Once
	defaultKB   *KB
	defaultErr  error
)

// Default returns the embedded knowledge base, parsing it on first use.
func Default() (*KB, error) {
	defaultOnce.Do(func() { defaultKB, defaultErr = load() })
	return defaultKB, defaultErr
}

// MustDefault is Default for callers that treat a broken embedded KB as a
// build error; it panics only if the embedded data do not parse, which the
// package tests rule out.
func MustDefault() *KB {
	k, err := Default()
	if err != nil {
		panic(err)
	}
	return k
}

// Stats reports how many entries each table holds.
func (k *KB) Stats() Stats { return k.stats }

// dataLines calls fn with each line of the embedded data file name that is
// not blank once its "#" comment is cut off; i is the 0-based line index.
func dataLines(name string, fn func(i int, ln string) error) error {
	b, err := readData(name)
	if err != nil {
		return err
	}
	for i, ln := range strings.Split(string(b), "\n") {
		ln, _, _ = strings.Cut(ln, "#")
		if strings.TrimSpace(ln) == "" {
			continue
		}
		if err := fn(i, ln); err != nil {
			return err
		}
	}
	return nil
}

func readData(name string) ([]byte, error) {
	b, err := dataFS.ReadFile("data/" + name)
	if err != nil {
		return nil, fmt.Errorf("kb: %w", err)
	}
	if len(name) > 3 && name[len(name)-3:] == ".gz" {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("kb: %s: %w", name, err)
		}
		b, err = io.ReadAll(zr)
		if err != nil {
			return nil, fmt.Errorf("kb: %s: %w", name, err)
		}
	}
	return b, nil
}

func load() (*KB, error) {
	k := &KB{lex: newLexicon()}
	steps := []struct {
		name string
		fn   func() error
	}{
		{"ontology", k.loadOntology},
		{"places", k.loadPlaces},
		{"countries", k.loadCountries},
		{"aliases", k.loadAliases},
		{"agents", k.loadAgents},
		{"orgs", func() error { return k.loadActorFile("orgs.txt", KindOrg) }},
		{"actors", func() error { return k.loadActorFile("actors.txt", KindPerson) }},
	}
	for _, s := range steps {
		if err := s.fn(); err != nil {
			return nil, fmt.Errorf("kb: loading %s: %w", s.name, err)
		}
	}
	k.lex.finish()
	k.stats.Keys = len(k.lex.keys)
	return k, nil
}

// The package-level functions below use the embedded KB (Default). They
// return zero values only if it failed to load, which the tests rule out.

// FIPS returns the FIPS 10-4 country code GDELT uses for an ISO alpha-3
// code ("CHN" → "CH"), or "".
func FIPS(iso3 string) string {
	k, err := Default()
	if err != nil {
		return ""
	}
	return k.FIPS(iso3)
}

// Event returns a CAMEO event code from the embedded KB.
func Event(code string) (EventCode, bool) {
	k, err := Default()
	if err != nil {
		return EventCode{}, false
	}
	return k.Event(code)
}
