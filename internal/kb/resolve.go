package kb

import (
	"strings"
	"time"
)

// Resolution is what a mention resolved to.
type Resolution struct {
	Code     string   // CAMEO actor code, e.g. USAGOV, IGOUNO, COP
	Country  string   // ISO alpha-3, CAMEO region or IGO/NGO prefix; "" if unknown
	Sectors  []string // role codes after the country, e.g. [GOV]
	Name     string   // canonical name of the person, organisation or country
	Kind     Kind     // what decided the code
	Place    *Place   // the place named after "in"/"at", if any
	Evidence []string // the rules and entries that fired, in order
}

// Mention is a mention to resolve with its context.
type Mention struct {
	Text       string    // "Xi Jinping", "the Chinese foreign ministry"
	Appositive string    // optional appositive or title from the sentence: "China's leader"
	Date       time.Time // the date the mention refers to (usually the article date)
}

// Resolve resolves a mention on a date; see ResolveMention.
func (k *KB) Resolve(mention string, date time.Time) (Resolution, bool) {
	return k.ResolveMention(Mention{Text: mention, Date: date})
}

type hit struct {
	key        string
	start, n   int // word positions
	entries    []entry
	locative   bool // after in/at/near/from: a location, not the actor itself
	dative     bool // after to/with/against/and: another party, not this actor
	former     bool // "former"/"ex" precedes it
	opposed    bool // "anti"/"pro" precedes a role: "anti-government protests" are not the government
	place      int32
	isPlace    bool
	appositive bool
	bare       bool   // a place that is the whole start of the mention ("Jericho")
	raw        string // the hit's words as written in the mention ("" in the appositive)
}

var (
	locativeWords = map[string]bool{"in": true, "at": true, "near": true, "from": true, "outside": true, "inside": true, "across": true}
	dativeWords   = map[string]bool{"to": true, "with": true, "against": true, "toward": true, "towards": true, "and": true, "versus": true, "vs": true}
	formerWords   = map[string]bool{"former": true, "ex": true, "retired": true}
)

// ResolveMention resolves a mention to a CAMEO actor code. Rules, in order:
//
//  1. A named organisation or institution ("NATO", "the White House") gives its code.
//  2. A title or role noun in the mention or its appositive beats the
//     dictionary: "Secretary of State X" is USAGOV even if X is unknown,
//     "X, China's leader" is CHNGOV; the country comes from the mention
//     ("Chinese", "China's"), else the title ("secretary of state" is
//     American), else the person's dated role.
//  3. A known person gets the code of their role on the date; outside
//     every role, the country of the nearest role with ELI (elite), as
//     TABARI does. "former" before a title gives ELI as well.
//  4. A country name or demonym gives its ISO code; a capital used as the
//     actor ("Beijing said") gives the government (CHNGOV); a place after
//     "in"/"at" gives only the country ("protesters in Hong Kong" → HKGOPP).
//  5. A role noun alone gives its role code without a country ("police" → COP).
func (k *KB) ResolveMention(m Mention) (Resolution, bool) {
	d := DateOf(m.Date)
	words := splitWords(m.Text)
	nText := len(words)
	if m.Appositive != "" {
		aw := splitWords(m.Appositive)
		if len(aw) > 0 {
			aw[0].comma = true
		}
		words = append(words, aw...)
	}
	if len(words) == 0 {
		return Resolution{}, false
	}
	hits := k.scan(words)
	for i := range hits {
		if hits[i].start >= nText {
			hits[i].appositive = true
		} else if h := &hits[i]; h.n > 0 && h.start+h.n <= nText {
			h.raw = m.Text[words[h.start].start:words[h.start+h.n-1].end]
		}
	}
	return k.compose(hits, d)
}

// scan finds the longest known phrase at each position, left to right.
func (k *KB) scan(words []word) []hit {
	var hits []hit
	locative, dative, former := false, false, false
	var kb strings.Builder
	for i := 0; i < len(words); {
		if words[i].comma {
			locative, dative, former = false, false, false
		}
		best, bestN := []entry(nil), 0
		bestKey := ""
		max := k.lex.maxWords[words[i].text]
		if max > len(words)-i {
			max = len(words) - i
		}
		for n := max; n >= 1; n-- {
			kb.Reset()
			crosses := false
			for j := i; j < i+n; j++ {
				if j > i {
					if words[j].comma {
						crosses = true // a phrase never spans a comma
						break
					}
					kb.WriteByte(' ')
				}
				kb.WriteString(words[j].text)
			}
			if crosses {
				continue
			}
			es := k.lex.keys[kb.String()]
			if n == 1 {
				es = caseOK(es, words[i].upper, words[i].title)
			}
			if len(es) > 0 {
				best, bestN, bestKey = es, n, kb.String()
				break
			}
		}
		// A place name longer than any actor phrase here is a place, not
		// an actor ("Great Hall of the People", "New York police"); after
		// a locative preposition a one-word place counts too ("in Kharkiv"),
		// and right after "of" ("the University of Miami", "residents of
		// Kharkiv"; but not "the government of President Prosper Avril").
		afterLoc := locative || bestN == 0 && i > 0 && (locativeWords[words[i-1].text] || words[i-1].text == "of")
		minN := 2
		if afterLoc || i == 0 && len(words) == 1 {
			minN = 1
		}
		if bestN < 6 && (bestN == 0 || best[0].kind != KindCountry || !afterLoc) {
			for n := min(6, len(words)-i); n >= minN && n > bestN; n-- {
				if crossesComma(words[i : i+n]) {
					continue
				}
				if !capitalised(words[i+n-1]) {
					continue // "worms", "the valley": not Worms, The Valley
				}
				key := joinWords(words[i : i+n])
				if rows := k.places.idx[key]; len(rows) > 0 {
					hits = append(hits, hit{key: key, start: i, n: n, locative: true, isPlace: true, place: rows[0], bare: !afterLoc && i == 0 && n == len(words)})
					best, bestN = nil, -n
					break
				}
			}
		}
		if bestN < 0 {
			i += -bestN
			locative = false
			continue
		}
		if bestN == 0 {
			w := words[i].text
			switch {
			case locativeWords[w]:
				locative, dative = true, false
			case dativeWords[w]:
				dative, locative = true, false
			case formerWords[w]:
				former = true
			}
			i++
			continue
		}
		hits = append(hits, hit{key: bestKey, start: i, n: bestN, entries: best, locative: locative, dative: dative, former: former})
		i += bestN
	}
	// "Iranian-backed militias", "pro-Russian separatists": the country
	// supports the actor, it is not the actor's.
	for i := range hits {
		h := &hits[i]
		if !h.isPlace && h.entries[0].kind == KindAgent && h.start > 0 &&
			(words[h.start-1].text == "anti" || words[h.start-1].text == "pro") {
			h.opposed = true
		}
		if h.isPlace || h.entries[0].kind != KindCountry && h.entries[0].kind != KindCapital {
			continue
		}
		if h.start > 0 && (words[h.start-1].text == "pro" || words[h.start-1].text == "anti" || words[h.start-1].text == "ethnic") ||
			h.start+h.n < len(words) && backerWords[words[h.start+h.n].text] {
			h.dative = true
		}
	}
	return hits
}

var backerWords = map[string]bool{"backed": true, "allied": true, "aligned": true, "linked": true, "funded": true,
	"sponsored": true, "supported": true, "affiliated": true, "inspired": true, "friendly": true}

// capitalised reports whether a word is written with a capital, as a
// place name is.
func capitalised(w word) bool { return w.title || w.upper }

func crossesComma(ws []word) bool {
	for _, w := range ws[1:] {
		if w.comma {
			return true
		}
	}
	return false
}

func joinWords(ws []word) string {
	if len(ws) == 1 {
		return ws[0].text
	}
	var b strings.Builder
	for i, w := range ws {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w.text)
	}
	return b.String()
}

func (k *KB) compose(hits []hit, d Date) (Resolution, bool) {
	var (
		person, org, dict, agent, weakAgent, country, capital, loc, dat *hit
		lastAgent                                                       *hit
		r                                                               Resolution
	)
	for i := range hits {
		h := &hits[i]
		if h.isPlace {
			if loc == nil {
				loc = h
			}
			continue
		}
		e := h.entries[0]
		switch {
		case e.kind == KindPerson && person == nil:
			person = h
		case e.kind == KindOrg && org == nil && !h.locative && !h.dative:
			org = h
		case e.kind == KindDict && dict == nil && !h.locative && !h.dative:
			dict = h
		case e.kind == KindAgent && h.opposed:
		case e.kind == KindAgent:
			if k.agents[e.idx].Weak {
				if weakAgent == nil {
					weakAgent = h
				}
			} else {
				if agent == nil {
					agent = h
				}
				lastAgent = h
			}
		case e.kind == KindCountry || e.kind == KindCapital:
			switch {
			case h.locative:
				if loc == nil {
					loc = h
				}
			case h.dative:
				if dat == nil {
					dat = h
				}
			case e.kind == KindCapital && capital == nil:
				capital = h
			case e.kind == KindCountry && country == nil:
				country = h
			}
		}
	}
	if agent != nil && lastAgent != agent {
		// between government and military the head noun decides: "the
		// military government" is GOV, "government troops" MIL
		if a, b := k.agents[agent.entries[0].idx].Code, k.agents[lastAgent.entries[0].idx].Code; (a == "GOV" || a == "MIL") && (b == "GOV" || b == "MIL") {
			agent = lastAgent
		}
	}
	if agent == nil {
		agent = weakAgent
	}
	if loc != nil {
		r.Place = k.hitPlace(loc)
	}
	explicit := ""
	if country != nil {
		explicit = k.countries[country.entries[0].idx].ISO3
		r.Evidence = append(r.Evidence, "country: "+country.key+" → "+explicit+" ("+country.entries[0].src+")")
	} else if capital != nil && (agent != nil || person != nil) {
		explicit = k.countries[capital.entries[0].idx].ISO3
		r.Evidence = append(r.Evidence, "country: "+capital.key+" → "+explicit+" ("+capital.entries[0].src+")")
	}
	var ag *Agent
	if agent != nil {
		ag = &k.agents[agent.entries[0].idx]
		where := "title"
		if agent.appositive {
			where = "appositive title"
		}
		r.Evidence = append(r.Evidence, where+": "+agent.key+" → "+ag.Code+countrySuffix(ag.Country)+" ("+ag.Source+")")
	}
	former := agent != nil && agent.former || person != nil && person.former
	switch {
	case org != nil:
		a := &k.actors[org.entries[0].idx]
		role, ok := a.RoleAt(d)
		if !ok {
			role, _ = a.nearestRole(d)
		}
		r.Code, r.Name, r.Kind = role.Code, a.Name, KindOrg
		r.Evidence = append(r.Evidence, "organisation: "+org.key+" → "+role.String()+" ("+a.Source+")")
	case person != nil || dict != nil:
		h := person
		if h == nil {
			h = dict
		}
		a := &k.actors[h.entries[0].idx]
		r.Name, r.Kind = a.Name, h.entries[0].kind
		role, holds := a.RoleAt(d)
		ok := holds
		if holds {
			r.Evidence = append(r.Evidence, "actor: "+h.key+" → "+a.Name+", "+role.String()+" on "+d.String()+" ("+a.Source+")")
		} else if role, ok = a.nearestRole(d); ok {
			r.Evidence = append(r.Evidence, "actor: "+h.key+" → "+a.Name+": no role on "+d.String()+"; nearest "+role.String()+" ("+a.Source+")")
		}
		pc, _ := k.SplitCode(role.Code)
		switch {
		case ag != nil:
			r.Code = k.joinCode(firstNonEmpty(explicit, ag.Country, pc), ag)
			r.Evidence = append(r.Evidence, "rule: title beats dictionary")
		case holds:
			r.Code = role.Code
		case ok:
			r.Code = pc + "ELI"
			r.Evidence = append(r.Evidence, "rule: out of office → ELI")
		default:
			r.Code = explicit
		}
	case ag != nil:
		c := firstNonEmpty(explicit, ag.Country)
		if c == "" && r.Place != nil {
			c = r.Place.Country
			r.Evidence = append(r.Evidence, "country: place "+loc.key+" → "+c)
		}
		r.Code, r.Kind = k.joinCode(c, ag), KindAgent
	case capital != nil:
		ct := &k.countries[capital.entries[0].idx]
		r.Code, r.Name, r.Kind = ct.ISO3+"GOV", ct.Name, KindCapital
		r.Evidence = append(r.Evidence, "capital metonym: "+capital.key+" → "+r.Code+" ("+capital.entries[0].src+")")
	case country != nil:
		ct := &k.countries[country.entries[0].idx]
		r.Code, r.Name, r.Kind = ct.ISO3, ct.Name, KindCountry
	case loc != nil && loc.isPlace && loc.bare && len(hits) == 1 && len(k.places.idx[loc.key]) == 1 &&
		r.Place != nil && r.Place.Country != "" && r.Place.Feature != "LMK" &&
		spelledAsPlace(loc.raw, r.Place):
		// an unambiguous town named as a party ("shelled Jericho",
		// "riots shook Kirkuk") stands for its country; landmarks do not
		r.Code, r.Name, r.Kind = r.Place.Country, r.Place.Name, KindPlace
		r.Evidence = append(r.Evidence, "place: "+loc.key+" → "+r.Code)
	case loc != nil && r.Place != nil && dat == nil:
		// Only a place: "in Hong Kong" names where, not who.
		return r, false
	case dat != nil:
		return r, false
	default:
		return Resolution{}, false
	}
	if former && r.Code != "" {
		c, _ := k.SplitCode(r.Code)
		r.Code = c + "ELI"
		r.Evidence = append(r.Evidence, "rule: former → ELI")
	}
	if r.Code == "" {
		return r, false
	}
	r.Country, r.Sectors = k.SplitCode(r.Code)
	if iso := k.ISO3(r.Country); iso != r.Country {
		r.Code = iso + r.Code[3:]
		r.Country = iso
	}
	return r, true
}

func (k *KB) joinCode(country string, ag *Agent) string {
	if ag.Prefix {
		return ag.Code + country
	}
	if country != "" && strings.HasPrefix(ag.Code, "~") {
		return country + ag.Code[1:]
	}
	return country + ag.Code
}

func countrySuffix(c string) string {
	if c == "" {
		return ""
	}
	return " (" + c + ")"
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// spelledAsPlace reports whether a mention names the place as written: with
// the name's diacritics, or the place is a city of 100,000 or more, whose
// name is often written without them ("Zurich", "Sao Paulo"). "God" is not
// Göd, a Hungarian town of 16,000.
func spelledAsPlace(text string, p *Place) bool {
	if p.Population >= 100_000 || isASCII(p.Name) {
		return true
	}
	return strings.EqualFold(strings.TrimSuffix(strings.TrimSuffix(text, "'s"), "’s"), p.Name)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func (k *KB) hitPlace(h *hit) *Place {
	if h.isPlace {
		p := k.places.rows[h.place]
		return &p
	}
	e := h.entries[0]
	ct := &k.countries[e.idx]
	if e.kind == KindCapital || e.kind == KindCountry {
		if e.kind == KindCapital {
			for _, c := range ct.Capitals {
				if p, ok := k.Place(c, ct.ISO3); ok {
					return &p
				}
			}
		}
		return &Place{Name: ct.Name, Country: ct.ISO3, Lat: ct.Lat, Lon: ct.Lon}
	}
	return nil
}

// FitsPersonName reports whether resolution r of name can stand for a name
// the entity recogniser calls a person. A person is never a town or a
// capital that the name also spells ("Anna" is not Anna, Russia; "Paris
// Hilton" not the French government), nor a region ("West" said, Kanye
// West: not the West), nor an organisation that only a word of the name
// names; an organisation the whole name is keeps its code (a company
// mistyped as a person: "Airbnb").
func (k *KB) FitsPersonName(name string, r Resolution) bool {
	switch r.Kind {
	case KindPlace, KindCapital:
		return false
	case KindOrg:
		if _, region := k.Region(r.Code); region {
			return false
		}
		_, whole := k.Actor(name)
		return whole
	}
	return true
}

// FitsEntity reports whether resolution r of a named entity suits the type
// the entity recogniser gave it: a person's name as FitsPersonName says;
// any other name is a region (the West, Asia) only when the whole name is
// the region, give or take compass and sea words ("Eastern Mediterranean",
// "Mediterranean Sea"; but "West Point" and "South West Railway" are not
// the West).
func (k *KB) FitsEntity(typ, name string, r Resolution) bool {
	if typ == "PER" {
		return k.FitsPersonName(name, r)
	}
	if _, region := k.Region(r.Code); r.Kind == KindOrg && region {
		if _, whole := k.Actor(name); whole {
			return true
		}
		var rest []string
		for _, w := range strings.Fields(name) {
			if !regionWords[strings.ToLower(w)] {
				rest = append(rest, w)
			}
		}
		a, ok := k.Actor(strings.Join(rest, " "))
		return ok && len(rest) > 0 && a.Name == r.Name
	}
	return true
}

// regionWords may surround a region's name in a name for the same region.
var regionWords = map[string]bool{"the": true, "sea": true, "ocean": true, "region": true, "central": true,
	"east": true, "west": true, "north": true, "south": true, "eastern": true, "western": true, "northern": true, "southern": true}

// Actor returns the curated or imported actor with that name or alias.
func (k *KB) Actor(name string) (Actor, bool) {
	for _, e := range k.lex.get(normKey(name)) {
		if e.kind == KindPerson || e.kind == KindOrg || e.kind == KindDict {
			return k.actors[e.idx], true
		}
	}
	return Actor{}, false
}

// Agent returns the agent (title or role noun) with that phrase.
func (k *KB) Agent(phrase string) (Agent, bool) {
	for _, e := range k.lex.get(normKey(phrase)) {
		if e.kind == KindAgent {
			return k.agents[e.idx], true
		}
	}
	return Agent{}, false
}
