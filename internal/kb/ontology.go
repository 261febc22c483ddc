package kb

import (
	"bufio"
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// Plover is an event's PLOVER classification.
type Plover struct {
	Event   string   // e.g. CONSULT; empty when PLOVER drops the CAMEO code
	Mode    string   // e.g. visit; often empty
	Context []string // e.g. [diplomatic]
	Dropped bool     // the CAMEO→PLOVER table marks the code "(dropped)"
}

// EventCode is one CAMEO event code.
type EventCode struct {
	Code      string  // "042"
	Level     int     // 1 for a root ("04"), 2 for three digits, 3 for four
	Root      string  // "04"
	Name      string  // "Make a visit"
	Goldstein float64 // GDELT Goldstein score (ICEWS's where GDELT has none: 1213)
	// GoldsteinICEWS is the ICEWS Goldstein score.
	GoldsteinICEWS float64
	QuadClass      int // GDELT QuadClass 1..4
	Plover         Plover
}

func (k *KB) loadOntology() error {
	b, err := readData("events.tsv")
	if err != nil {
		return err
	}
	k.eventIdx = map[string]int{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	line := 0
	for sc.Scan() {
		line++
		if line == 1 {
			continue
		}
		c := strings.Split(sc.Text(), "\t")
		if len(c) != 10 {
			return fmt.Errorf("events.tsv:%d: %d columns, want 10", line, len(c))
		}
		lvl, err1 := strconv.Atoi(c[1])
		g, err2 := strconv.ParseFloat(c[4], 64)
		q, err3 := strconv.Atoi(c[5])
		gi, err4 := strconv.ParseFloat(c[9], 64)
		if err1 != nil || err2 != nil || err3 != nil || err4 != nil {
			return fmt.Errorf("events.tsv:%d: bad number", line)
		}
		e := EventCode{Code: c[0], Level: lvl, Root: c[2], Name: c[3], Goldstein: g, GoldsteinICEWS: gi, QuadClass: q}
		if c[6] == "(dropped)" {
			e.Plover.Dropped = true
		} else {
			e.Plover.Event = c[6]
			e.Plover.Mode = c[7]
		}
		if c[8] != "" {
			e.Plover.Context = strings.Split(c[8], ";")
		}
		k.eventIdx[e.Code] = len(k.events)
		k.events = append(k.events, e)
	}
	k.stats.Events = len(k.events)
	k.roles, err = readCodeTable("CAMEO.type.txt")
	if err != nil {
		return err
	}
	k.groups, err = readCodeTable("CAMEO.knowngroup.txt")
	if err != nil {
		return err
	}
	k.regions, err = readCodeTable("CAMEO.country.txt")
	if err != nil {
		return err
	}
	k.stats.Roles, k.stats.Groups, k.stats.Regions = len(k.roles), len(k.groups), len(k.regions)
	return nil
}

// readCodeTable reads a two-column CODE<TAB>LABEL table with a header.
// A code listed twice keeps its first label plus the second after " / ".
func readCodeTable(name string) (map[string]string, error) {
	b, err := readData(name)
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	for i, ln := range strings.Split(strings.TrimRight(string(b), "\n"), "\n") {
		if i == 0 {
			continue
		}
		code, label, ok := strings.Cut(strings.TrimRight(ln, "\r"), "\t")
		if !ok {
			return nil, fmt.Errorf("%s:%d: no tab", name, i+1)
		}
		if old, dup := m[code]; dup {
			label = old + " / " + label
		}
		m[code] = label
	}
	return m, nil
}

// Event returns the CAMEO event code, e.g. Event("042").
func (k *KB) Event(code string) (EventCode, bool) {
	i, ok := k.eventIdx[code]
	if !ok {
		return EventCode{}, false
	}
	return k.events[i], true
}

// Events returns all CAMEO event codes in table order. The slice is shared:
// do not modify it.
func (k *KB) Events() []EventCode { return k.events }

// Role returns the label of a CAMEO actor type/role code ("GOV" → "Government").
func (k *KB) Role(code string) (string, bool) { l, ok := k.roles[code]; return l, ok }

// KnownGroup returns the label of a CAMEO known-group code ("NAT" → NATO).
func (k *KB) KnownGroup(code string) (string, bool) { l, ok := k.groups[code]; return l, ok }

// Region returns the label of a CAMEO country or region code ("MEA" → "Middle East").
func (k *KB) Region(code string) (string, bool) { l, ok := k.regions[code]; return l, ok }

// RoleCodes returns all CAMEO actor type/role codes, sorted.
func (k *KB) RoleCodes() []string { return slices.Sorted(maps.Keys(k.roles)) }

// SplitCode splits a CAMEO actor code into its country (or region, IGO/NGO
// prefix) part and its 3-letter role codes: "USAGOV" → ("USA", [GOV]),
// "IGOUNO" → ("IGO", [UNO]), "GOV" → ("", [GOV]).
func (k *KB) SplitCode(code string) (country string, sectors []string) {
	if len(code) < 3 {
		return "", nil
	}
	if strings.ToLower(code) == code { // ethnic or religion code: no country
		return "", []string{code}
	}
	head := code[:3]
	rest := code[3:]
	if _, isRole := k.roles[head]; isRole && !intlPrefix[head] && !k.isCountry(head) {
		rest = code
		head = ""
	}
	for len(rest) >= 3 {
		sectors = append(sectors, rest[:3])
		rest = rest[3:]
	}
	return head, sectors
}

func (k *KB) isCountry(code string) bool {
	if _, ok := k.ctryIdx[code]; ok {
		return true
	}
	_, ok := k.regions[code]
	return ok
}

// Transnational reports whether a code's first segment stands in the
// country position for a transnational actor (IGO, NGO, MNC, …): it is
// nobody's country, so it never passes to other actors of a sentence.
func Transnational(prefix string) bool { return intlPrefix[prefix] }

// intlPrefix lists the CAMEO codes that stand in the country position for
// transnational actors (IGOUNO, NGOAMN, IMGMUSALQ, MNC...).
var intlPrefix = map[string]bool{"IGO": true, "NGO": true, "IMG": true, "MNC": true, "NGM": true, "INT": true, "UIS": true}
