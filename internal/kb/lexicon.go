package kb

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Kind is what a lexicon entry names.
type Kind uint8

// Entry kinds.
const (
	KindCountry Kind = iota + 1 // a country name, alias or demonym
	KindCapital                 // a capital city, a metonym for the government
	KindAgent                   // a title or role noun ("foreign minister", "police")
	KindPerson                  // a named person with dated roles
	KindOrg                     // an organisation or institution ("NATO", "the White House")
	KindDict                    // an entry of an imported TABARI/PETRARCH actor dictionary
	KindPlace                   // a gazetteer town named as a party, standing for its country
)

var kindNames = [...]string{"", "country", "capital", "agent", "person", "org", "dictionary", "place"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind" + strconv.Itoa(int(k))
}

// Date is a calendar date as yyyymmdd (20230619); 0 means open.
type Date int32

// DateOf converts a time to a Date (in its own location).
func DateOf(t time.Time) Date {
	if t.IsZero() {
		return 0
	}
	y, m, d := t.Date()
	return Date(y*10000 + int(m)*100 + d)
}

func (d Date) String() string {
	if d == 0 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d/10000, d/100%100, d%100)
}

// Role is an actor code held over a period; From and To are inclusive and
// 0 means open-ended. A role with both open is the actor's default code.
type Role struct {
	Code     string
	From, To Date
	Note     string
}

func (r Role) covers(d Date) bool {
	return (r.From == 0 || d >= r.From) && (r.To == 0 || d <= r.To)
}

func (r Role) String() string {
	if r.From == 0 && r.To == 0 {
		return r.Code
	}
	return r.Code + " " + r.From.String() + ".." + r.To.String()
}

// Actor is a named person, group or organisation with dated roles.
type Actor struct {
	Name    string
	Aliases []string
	Kind    Kind
	Roles   []Role
	Source  string // file:line it was defined at
}

// RoleAt returns the role that holds on date d: among the dated roles that
// cover d the one starting latest, else the default (undated) role.
func (a *Actor) RoleAt(d Date) (Role, bool) {
	best := -1
	for i, r := range a.Roles {
		if r.From == 0 && r.To == 0 || !r.covers(d) {
			continue
		}
		if best < 0 || r.From >= a.Roles[best].From {
			best = i
		}
	}
	if best >= 0 {
		return a.Roles[best], true
	}
	for _, r := range a.Roles {
		if r.From == 0 && r.To == 0 {
			return r, true
		}
	}
	return Role{}, false
}

// nearestRole returns the dated role closest in time to d (used to find
// the country of a person outside any of their roles).
func (a *Actor) nearestRole(d Date) (Role, bool) {
	best, bestDist := -1, int32(1<<30)
	for i, r := range a.Roles {
		var dist int32
		switch {
		case r.covers(d):
			dist = 0
		case r.From != 0 && d < r.From:
			dist = int32(r.From - d)
		case r.To != 0 && d > r.To:
			dist = int32(d - r.To)
		}
		if dist < bestDist {
			best, bestDist = i, dist
		}
	}
	if best < 0 {
		return Role{}, false
	}
	return a.Roles[best], true
}

// Agent is a title or role noun that gives a role code.
type Agent struct {
	Phrase  string
	Code    string // role code(s), e.g. GOV, MIL, GOVFRM
	Country string // a title bound to one country ("secretary of state" → USA), else ""
	Prefix  bool   // the code goes before the country (TABARI "[NGM~]")
	Weak    bool   // a generic person noun (spokesman, official) that an institution outranks
	Source  string
}

type entry struct {
	kind    Kind
	demonym bool
	acronym bool  // matches only a word written in capitals
	titled  bool  // a one-word title that matches only a capitalised word
	idx     int32 // into countries, agents or actors
	src     string
}

// lexicon maps normalised phrases to entries.
type lexicon struct {
	keys     map[string][]entry
	maxWords map[string]int // first word → most words of a key starting with it
}

func newLexicon() *lexicon {
	return &lexicon{keys: map[string][]entry{}, maxWords: map[string]int{}}
}

func (l *lexicon) add(phrase string, e entry) {
	key := normKey(phrase)
	if key == "" {
		return
	}
	e.acronym = isAcronym(phrase)
	l.addKey(key, e)
}

// addDict adds a phrase from an imported dictionary. Those are written in
// capitals throughout, so only a single word of at most four letters
// ("UN", "US", "WHO") is taken for an acronym that needs capitals in text.
func (l *lexicon) addDict(phrase string, e entry) {
	key := normKey(phrase)
	if key == "" {
		return
	}
	e.acronym = !strings.Contains(key, " ") && len(key) <= 4
	l.addKey(key, e)
}

func (l *lexicon) addKey(key string, e entry) {
	es := l.keys[key]
	for i, o := range es {
		if o.kind == e.kind && o.idx == e.idx {
			if !e.acronym && o.acronym {
				es[i].acronym = false // also listed in lower case: matches any case
			}
			return
		}
	}
	l.keys[key] = append(es, e)
	first, _, _ := strings.Cut(key, " ")
	if n := strings.Count(key, " ") + 1; n > l.maxWords[first] {
		l.maxWords[first] = n
	}
}

func (l *lexicon) get(key string) []entry { return l.keys[key] }

// finish orders each key's entries so that output never depends on map
// order: curated kinds first (person, org, agent, country, capital), then
// imported dictionary entries, each in insertion order.
func (l *lexicon) finish() {
	for _, es := range l.keys {
		if len(es) > 1 {
			sort.SliceStable(es, func(i, j int) bool { return kindRank[es[i].kind] < kindRank[es[j].kind] })
		}
	}
}

var kindRank = [...]int{KindPerson: 0, KindOrg: 1, KindAgent: 2, KindCountry: 3, KindCapital: 4, KindDict: 5}

func (l *lexicon) clone() *lexicon {
	c := &lexicon{keys: make(map[string][]entry, len(l.keys)), maxWords: make(map[string]int, len(l.maxWords))}
	for k, v := range l.keys {
		c.keys[k] = v[:len(v):len(v)]
	}
	for k, v := range l.maxWords {
		c.maxWords[k] = v
	}
	return c
}

// pluralize returns the regular plural of a phrase's head: its last word,
// or the word before "of" ("minister" → "ministers", "party" → "parties",
// "policeman" → "policemen", "head of state" → "heads of state").
func pluralize(p string) string {
	// "minister of foreign affairs" → "ministers of foreign affairs"
	if i := strings.Index(strings.ToLower(p), " of "); i > 0 {
		return pluralize(p[:i]) + p[i:]
	}
	l := strings.ToLower(p)
	switch {
	case strings.HasSuffix(l, "man"):
		return p[:len(p)-3] + p[len(p)-3:len(p)-2] + "en"
	case strings.HasSuffix(l, "person"):
		return p[:len(p)-6] + "people"
	case strings.HasSuffix(l, "y") && len(l) > 1 && !strings.ContainsRune("aeiou", rune(l[len(l)-2])):
		return p[:len(p)-1] + "ies"
	case strings.HasSuffix(l, "s"), strings.HasSuffix(l, "sh"), strings.HasSuffix(l, "ch"), strings.HasSuffix(l, "x"):
		return p + "es"
	}
	return p + "s"
}

// loadAgents reads data/agents.txt: "phrase|phrase<TAB>CODE [USA] [weak] [noplural] [prefix] [titled]".
func (k *KB) loadAgents() error {
	if err := dataLines("agents.txt", func(i int, ln string) error {
		phr, spec, ok := strings.Cut(ln, "\t")
		f := strings.Fields(spec)
		if !ok || len(f) == 0 {
			return fmt.Errorf("agents.txt:%d: want phrases<TAB>CODE [flags]", i+1)
		}
		a := Agent{Code: f[0], Source: "agents.txt:" + strconv.Itoa(i+1)}
		plural, titled := true, false
		for _, fl := range f[1:] {
			switch {
			case fl == "titled":
				titled = true
			case fl == "weak":
				a.Weak = true
			case fl == "noplural":
				plural = false
			case fl == "prefix":
				a.Prefix = true
			case len(fl) == 3 && strings.ToUpper(fl) == fl:
				a.Country = fl
			default:
				return fmt.Errorf("agents.txt:%d: unknown flag %q", i+1, fl)
			}
		}
		for _, p := range strings.Split(phr, "|") {
			p = strings.TrimSpace(p)
			if p == "" {
				continue
			}
			ag := a
			ag.Phrase = p
			idx := int32(len(k.agents))
			k.agents = append(k.agents, ag)
			k.lex.add(p, entry{kind: KindAgent, idx: idx, titled: titled, src: ag.Source})
			if plural {
				k.lex.add(pluralize(p), entry{kind: KindAgent, idx: idx, src: ag.Source})
			}
		}
		return nil
	}); err != nil {
		return err
	}
	k.stats.Agents = len(k.agents)
	return nil
}

// loadAliases reads data/aliases.txt: "ISO3<TAB>name|adj|capital|region<TAB>phrase|phrase".
func (k *KB) loadAliases() error {
	if err := dataLines("aliases.txt", func(i int, ln string) error {
		c := strings.Split(ln, "\t")
		if len(c) != 3 {
			return fmt.Errorf("aliases.txt:%d: want ISO3<TAB>kind<TAB>phrases", i+1)
		}
		ci, ok := k.ctryIdx[c[0]]
		if !ok {
			return fmt.Errorf("aliases.txt:%d: unknown country %q", i+1, c[0])
		}
		src := "aliases.txt:" + strconv.Itoa(i+1)
		for _, p := range strings.Split(c[2], "|") {
			p = strings.TrimSpace(p)
			switch c[1] {
			case "name":
				k.lex.add(p, entry{kind: KindCountry, idx: int32(ci), src: src})
				k.countries[ci].Aliases = append(k.countries[ci].Aliases, p)
			case "adj":
				k.lex.add(p, entry{kind: KindCountry, idx: int32(ci), demonym: true, src: src})
				if pl := demonymPlural(p); pl != "" {
					k.lex.add(pl, entry{kind: KindCountry, idx: int32(ci), demonym: true, src: src})
				}
			case "capital":
				k.lex.add(p, entry{kind: KindCapital, idx: int32(ci), src: src})
			case "region": // a state or province: its actors take the country's code
				k.lex.add(p, entry{kind: KindCountry, idx: int32(ci), src: src + " region"})
			default:
				return fmt.Errorf("aliases.txt:%d: unknown kind %q", i+1, c[1])
			}
		}
		return nil
	}); err != nil {
		return err
	}
	return nil
}

// loadActorFile reads the actors.txt/orgs.txt format:
//
//	Canonical Name | alias | alias
//	    CODE [FROM..TO] [note]
//
// Dates are YYYY, YYYY-MM or YYYY-MM-DD; either end may be empty.
func (k *KB) loadActorFile(name string, kind Kind) error {
	n := 0
	var cur *Actor
	flush := func() error {
		if cur == nil {
			return nil
		}
		if len(cur.Roles) == 0 {
			return fmt.Errorf("%s: %q has no role", cur.Source, cur.Name)
		}
		idx := int32(len(k.actors))
		k.actors = append(k.actors, *cur)
		for _, p := range append([]string{cur.Name}, cur.Aliases...) {
			// A one-word organisation name is a proper name: "Apple" and
			// "Shell" count only when capitalised.
			titled := kind == KindOrg && !strings.ContainsAny(p, " -") && startsUpper(p)
			k.lex.add(p, entry{kind: kind, idx: idx, titled: titled, src: cur.Source})
		}
		n++
		cur = nil
		return nil
	}
	if err := dataLines(name, func(i int, ln string) error {
		if ln[0] == ' ' || ln[0] == '\t' {
			if cur == nil {
				return fmt.Errorf("%s:%d: role before any name", name, i+1)
			}
			r, err := parseRole(strings.TrimSpace(ln))
			if err != nil {
				return fmt.Errorf("%s:%d: %w", name, i+1, err)
			}
			cur.Roles = append(cur.Roles, r)
			return nil
		}
		if err := flush(); err != nil {
			return err
		}
		names := strings.Split(ln, "|")
		cur = &Actor{Name: strings.TrimSpace(names[0]), Kind: kind, Source: name + ":" + strconv.Itoa(i+1)}
		for _, a := range names[1:] {
			if a = strings.TrimSpace(a); a != "" {
				cur.Aliases = append(cur.Aliases, a)
			}
		}
		return nil
	}); err != nil {
		return err
	}
	if err := flush(); err != nil {
		return err
	}
	if kind == KindOrg {
		k.stats.Orgs += n
	} else {
		k.stats.Actors += n
	}
	return nil
}

func parseRole(s string) (Role, error) {
	f := strings.Fields(s)
	r := Role{Code: f[0]}
	if len(r.Code) < 3 || strings.ToUpper(r.Code) != r.Code {
		return r, fmt.Errorf("bad code %q", r.Code)
	}
	rest := f[1:]
	if len(rest) > 0 && strings.Contains(rest[0], "..") {
		from, to, _ := strings.Cut(rest[0], "..")
		var err error
		if r.From, err = parseISODate(from, false); err != nil {
			return r, err
		}
		if r.To, err = parseISODate(to, true); err != nil {
			return r, err
		}
		rest = rest[1:]
	}
	r.Note = strings.Join(rest, " ")
	return r, nil
}

// parseISODate parses YYYY, YYYY-MM or YYYY-MM-DD; a partial date is the
// first day of its period, or the last if end is set.
func parseISODate(s string, end bool) (Date, error) {
	if s == "" {
		return 0, nil
	}
	p := strings.Split(s, "-")
	y, err := strconv.Atoi(p[0])
	if err != nil || len(p[0]) != 4 || len(p) > 3 {
		return 0, fmt.Errorf("bad date %q", s)
	}
	m, d := 1, 1
	if end {
		m, d = 12, 31
	}
	if len(p) > 1 {
		if m, err = strconv.Atoi(p[1]); err != nil || m < 1 || m > 12 {
			return 0, fmt.Errorf("bad date %q", s)
		}
		if end {
			d = 31
		}
	}
	if len(p) > 2 {
		if d, err = strconv.Atoi(p[2]); err != nil || d < 1 || d > 31 {
			return 0, fmt.Errorf("bad date %q", s)
		}
	}
	return Date(y*10000 + m*100 + d), nil
}

// caseOK filters entries for a one-word match: acronym-only entries need a
// word written in capitals, titled ones ("General") a capitalised word. It
// returns es itself when nothing is filtered.
func caseOK(es []entry, upper, title bool) []entry {
	ok := func(e entry) bool { return (upper || !e.acronym) && (title || upper || !e.titled) }
	n := 0
	for _, e := range es {
		if ok(e) {
			n++
		}
	}
	if n == len(es) {
		return es
	}
	out := make([]entry, 0, n)
	for _, e := range es {
		if ok(e) {
			out = append(out, e)
		}
	}
	return out
}

// startsUpper reports whether s begins with an upper-case letter.
func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}
