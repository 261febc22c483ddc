package kb

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// Dict is a TABARI or PETRARCH actor or agent dictionary loaded from a
// user's path. The project does not ship these files (GPL/MIT, "use only");
// Extend layers them over the embedded KB so that resolution uses them too.
// Nothing is dropped silently: every line that could not be used is in Bad.
type Dict struct {
	Name     string      // file name or label
	Agents   bool        // an agents file (else actors)
	Lines    int         // lines read
	Records  int         // actor records (a primary phrase with its synonyms) or agent lines
	Phrases  int         // phrases entered, synonyms and generated plurals included
	Roles    int         // codes and date restrictions read
	NullCode int         // records without any code (TABARI's null code): counted, not entered
	Bad      []LineError // lines not used at all
	Warnings []LineError // lines used with a part ignored (trailing text, a [---] null code)
	actors   []Actor
	agents   []Agent
}

// bad records the current line (d.Lines) as not used at all.
func (d *Dict) bad(text, reason string) {
	d.Bad = append(d.Bad, LineError{Line: d.Lines, Text: text, Reason: reason})
}

// warn records the current line as used with a part ignored.
func (d *Dict) warn(text, reason string) {
	d.Warnings = append(d.Warnings, LineError{Line: d.Lines, Text: text, Reason: reason})
}

// LineError is a dictionary line that could not be used.
type LineError struct {
	Line   int
	Text   string
	Reason string
}

func (e LineError) String() string {
	return fmt.Sprintf("line %d: %s: %q", e.Line, e.Reason, e.Text)
}

// Report summarises the dictionary: counts and every bad line.
func (d *Dict) Report() string {
	var b strings.Builder
	kind := "actors"
	if d.Agents {
		kind = "agents"
	}
	fmt.Fprintf(&b, "%s (%s): %d lines, %d records, %d phrases, %d codes, %d without code, %d bad lines, %d warnings",
		d.Name, kind, d.Lines, d.Records, d.Phrases, d.Roles, d.NullCode, len(d.Bad), len(d.Warnings))
	for _, e := range d.Bad {
		b.WriteString("\n  bad ")
		b.WriteString(e.String())
	}
	for _, e := range d.Warnings {
		b.WriteString("\n  warning ")
		b.WriteString(e.String())
	}
	return b.String()
}

// LoadActorDict reads a TABARI (.actors) or PETRARCH (Phoenix.*.actors.txt)
// actor dictionary from path.
func LoadActorDict(path string) (*Dict, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("kb: actor dictionary: %w", err)
	}
	defer f.Close()
	return ParseActorDict(f, path)
}

// LoadAgentDict reads a TABARI (.agents) or PETRARCH agents dictionary.
func LoadAgentDict(path string) (*Dict, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("kb: agent dictionary: %w", err)
	}
	defer f.Close()
	return ParseAgentDict(f, path)
}

func newScanner(r io.Reader) *bufio.Scanner {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	return sc
}

// stripComment removes "# ..." comments and TABARI "; ..." annotations.
func stripComment(s string) string {
	if i := strings.IndexByte(s, '#'); i >= 0 {
		s = s[:i]
	}
	if i := strings.IndexByte(s, ';'); i >= 0 {
		s = s[:i]
	}
	return strings.TrimRight(s, " \t\r")
}

// dictPhrase turns "ANTONY_J._BLINKEN_" into "ANTONY J. BLINKEN".
func dictPhrase(s string) string {
	s = strings.TrimSpace(s)
	s = strings.ReplaceAll(s, "_", " ")
	return strings.Join(strings.Fields(s), " ")
}

// ParseActorDict parses an actor dictionary in TABARI/PETRARCH format:
// records of a primary phrase with an optional [CODE], synonym lines
// beginning with "+", and date restrictions on lines beginning with a tab,
// "[CODE]", "[CODE yymmdd-yymmdd]", "[CODE <date]", "[CODE >date]".
func ParseActorDict(r io.Reader, name string) (*Dict, error) {
	d := &Dict{Name: name}
	var cur *Actor
	flush := func() {
		if cur == nil {
			return
		}
		d.Records++
		if len(cur.Roles) == 0 {
			d.NullCode++
		} else {
			d.actors = append(d.actors, *cur)
			d.Phrases += 1 + len(cur.Aliases)
		}
		cur = nil
	}
	sc := newScanner(r)
	for sc.Scan() {
		d.Lines++
		raw := sc.Text()
		if !validUTF8(raw) {
			d.bad(raw, "invalid UTF-8")
			continue
		}
		s := stripComment(raw)
		if strings.TrimSpace(s) == "" {
			continue
		}
		switch {
		case s[0] == '\t' || s[0] == ' ':
			t := strings.TrimSpace(s)
			if !strings.HasPrefix(t, "[") {
				d.bad(raw, "indented line is not a [code] restriction")
				continue
			}
			if cur == nil {
				d.bad(raw, "restriction before any phrase")
				continue
			}
			if _, roles, ok := d.entry(raw, t, entryCodes); ok {
				cur.Roles = append(cur.Roles, roles...)
			}
		case s[0] == '+':
			if cur == nil {
				d.bad(raw, "synonym before any phrase")
				continue
			}
			if phr, roles, ok := d.entry(raw, s[1:], entrySynonym); ok {
				cur.Aliases = append(cur.Aliases, phr)
				cur.Roles = append(cur.Roles, roles...)
			}
		default:
			flush()
			if phr, roles, ok := d.entry(raw, s, entryPhrase); ok {
				cur = &Actor{Name: titleCase(phr), Kind: KindDict, Source: name + ":" + strconv.Itoa(d.Lines), Roles: roles}
			}
		}
	}
	flush()
	if err := sc.Err(); err != nil {
		return d, fmt.Errorf("kb: %s: line %d: %w", name, d.Lines+1, err)
	}
	return d, nil
}

// splitPhraseCodes splits "PHRASE_  [CODE] [CODE2]" into its phrase, the
// bracketed codes and any trailing text after the last bracket.
// Kinds of actor-dictionary lines that entry parses.
const (
	entryCodes   = iota // an indented "[CODE]" restriction: no phrase
	entrySynonym        // "+SYNONYM [CODE]"
	entryPhrase         // "PHRASE [CODE]"
)

// entry parses a line's "PHRASE [CODE] [CODE]…" part s (raw is the whole
// line) into its phrase and roles, counting the roles. A line that cannot
// be used is reported as bad and gives ok false: codes that do not parse,
// and for synonyms and phrases an empty phrase, and for phrases a '+'
// inside. Text after the last ] and [---] null codes are warned about.
func (d *Dict) entry(raw, s string, kind int) (phrase string, roles []Role, ok bool) {
	phr, codes, trailing, err := splitPhraseCodes(s)
	if err != nil {
		d.bad(raw, err.Error())
		return "", nil, false
	}
	switch {
	case kind == entryPhrase && strings.Contains(phr, "+"):
		d.bad(raw, "'+' inside a phrase (two entries on one line?)")
		return "", nil, false
	case kind == entryPhrase && phr == "":
		d.bad(raw, "empty phrase")
		return "", nil, false
	case kind == entrySynonym && phr == "":
		d.bad(raw, "empty synonym")
		return "", nil, false
	}
	roles, nulls, err := parseDictCodes(codes)
	if err != nil {
		d.bad(raw, err.Error())
		return "", nil, false
	}
	d.Roles += len(roles)
	if trailing != "" {
		d.warn(raw, "text after ] ignored")
	}
	if nulls > 0 {
		d.warn(raw, "[---] null code ignored")
	}
	return phr, roles, true
}

func splitPhraseCodes(s string) (phrase string, codes []string, trailing string, err error) {
	i := strings.IndexByte(s, '[')
	if i < 0 {
		if strings.ContainsAny(s, "]{}") {
			return "", nil, "", fmt.Errorf("stray bracket")
		}
		return dictPhrase(s), nil, "", nil
	}
	phrase = dictPhrase(s[:i])
	rest := s[i:]
	for {
		rest = strings.TrimSpace(rest)
		if !strings.HasPrefix(rest, "[") {
			break
		}
		j := strings.IndexByte(rest, ']')
		if j < 0 {
			return "", nil, "", fmt.Errorf("unclosed [")
		}
		codes = append(codes, strings.TrimSpace(rest[1:j]))
		rest = rest[j+1:]
	}
	return phrase, codes, strings.TrimSpace(rest), nil
}

// parseDictCodes parses bracket contents; "---" (null code) is counted.
func parseDictCodes(codes []string) (roles []Role, nulls int, err error) {
	for _, c := range codes {
		if c == "---" {
			nulls++
			continue
		}
		r, err := parseDictCode("[" + c + "]")
		if err != nil {
			return nil, 0, err
		}
		roles = append(roles, r)
	}
	return roles, nulls, nil
}

// parseDictCode parses "[CODE]", "[CODE 780101-000101]", "[CODE >090120]"
// or "[CODE <090120]".
func parseDictCode(t string) (Role, error) {
	if !strings.HasPrefix(t, "[") || !strings.HasSuffix(t, "]") {
		return Role{}, fmt.Errorf("code not in [ ]")
	}
	f := strings.Fields(t[1 : len(t)-1])
	if len(f) > 2 && (f[1] == "<" || f[1] == ">") { // "[EGYGOV > 140608]"
		f = []string{f[0], f[1] + strings.Join(f[2:], "")}
	}
	if len(f) == 0 || len(f) > 2 {
		return Role{}, fmt.Errorf("want [CODE] or [CODE dates]")
	}
	r := Role{Code: f[0]}
	lower := true // CAMEO ethnic and religion codes are lower case ("abk", "chr")
	for _, c := range r.Code {
		if c >= 'A' && c <= 'Z' {
			lower = false
		}
	}
	for _, c := range r.Code {
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || lower && c >= 'a' && c <= 'z') {
			return r, fmt.Errorf("bad code %q", r.Code)
		}
	}
	if len(r.Code) < 3 {
		return r, fmt.Errorf("bad code %q", r.Code)
	}
	if len(f) == 1 {
		return r, nil
	}
	ds := f[1]
	var err error
	switch {
	case ds[0] == '<':
		r.To, err = parseDictDate(ds[1:])
	case ds[0] == '>':
		r.From, err = parseDictDate(ds[1:])
	default:
		a, b, ok := strings.Cut(ds, "-")
		if !ok {
			return r, fmt.Errorf("bad date restriction %q", ds)
		}
		if r.From, err = parseDictDate(a); err == nil {
			r.To, err = parseDictDate(b)
		}
	}
	return r, err
}

// parseDictDate parses YYYYMMDD or YYMMDD; two-digit years below 30 are
// 20xx (TABARI's dictionaries run from the 1900s to the 2010s).
func parseDictDate(s string) (Date, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("bad date %q", s)
	}
	switch len(s) {
	case 6:
		y := n / 10000
		if y < 30 {
			y += 2000
		} else {
			y += 1900
		}
		n = y*10000 + n%10000
	case 8:
	default:
		return 0, fmt.Errorf("bad date %q", s)
	}
	if m, d := n/100%100, n%100; m < 1 || m > 12 || d < 1 || d > 31 {
		return 0, fmt.Errorf("bad date %q", s)
	}
	return Date(n), nil
}

// ParseAgentDict parses an agents dictionary: "PHRASE {plurals} [~CODE]"
// (the code follows the country) or "[CODE~]" (it precedes it), with
// "!PERSON! = MAN, MEN, ..." substitution sets.
func ParseAgentDict(r io.Reader, name string) (*Dict, error) {
	d := &Dict{Name: name, Agents: true}
	subst := map[string][]string{}
	sc := newScanner(r)
	for sc.Scan() {
		d.Lines++
		raw := sc.Text()
		if !validUTF8(raw) {
			d.bad(raw, "invalid UTF-8")
			continue
		}
		s := strings.TrimSpace(stripComment(raw))
		if s == "" || strings.HasPrefix(s, "<!--") {
			continue
		}
		if s[0] == '!' {
			if lhs, rhs, ok := strings.Cut(s, "="); ok {
				key := strings.TrimSpace(lhs)
				if len(key) < 3 || key[len(key)-1] != '!' {
					d.bad(raw, "bad substitution set name")
					continue
				}
				var vals []string
				for _, v := range strings.Split(rhs, ",") {
					if v = strings.TrimSpace(v); v != "" {
						vals = append(vals, v)
					}
				}
				if len(vals) == 0 {
					d.bad(raw, "empty substitution set")
					continue
				}
				subst[key] = vals
				continue
			}
		}
		i := strings.IndexByte(s, '[')
		j := strings.LastIndexByte(s, ']')
		if i < 0 || j < i {
			d.bad(raw, "no [code]")
			continue
		}
		code := strings.TrimSpace(s[i+1 : j])
		body := strings.TrimSpace(s[:i])
		var plurals []string
		explicitPlural := false
		if k := strings.IndexByte(body, '{'); k >= 0 {
			e := strings.IndexByte(body, '}')
			if e < k {
				d.bad(raw, "unclosed {")
				continue
			}
			explicitPlural = true
			plurals = strings.Fields(body[k+1 : e])
			body = strings.TrimSpace(body[:k] + body[e+1:])
		}
		ag := Agent{Source: name + ":" + strconv.Itoa(d.Lines)}
		switch {
		case strings.HasPrefix(code, "~"):
			ag.Code = code[1:]
		case strings.HasSuffix(code, "~"):
			ag.Code, ag.Prefix = code[:len(code)-1], true
		default:
			d.bad(raw, "code without ~")
			continue
		}
		if len(ag.Code) < 3 || strings.ToUpper(ag.Code) != ag.Code {
			d.bad(raw, "bad code")
			continue
		}
		if body == "" {
			d.bad(raw, "empty phrase")
			continue
		}
		forms := []string{body}
		// The first "!SET!" marker in the phrase is expanded.
		if a := strings.IndexByte(body, '!'); a >= 0 {
			if b := strings.IndexByte(body[a+1:], '!'); b >= 0 {
				key := body[a : a+b+2]
				if vals, ok := subst[key]; ok {
					forms = forms[:0]
					for _, v := range vals {
						forms = append(forms, strings.ReplaceAll(body, key, v))
					}
					explicitPlural = true // the set lists its plurals
				}
			}
		}
		if len(forms) == 0 || strings.Contains(forms[0], "!") {
			d.bad(raw, "undefined substitution set")
			continue
		}
		noStem := strings.HasSuffix(body, "_")
		if !explicitPlural && !noStem {
			forms = append(forms, pluralize(dictPhrase(body)))
		}
		forms = append(forms, plurals...)
		d.Records++
		d.Roles++
		for _, f := range forms {
			a := ag
			a.Phrase = dictPhrase(f)
			if a.Phrase == "" {
				continue
			}
			d.agents = append(d.agents, a)
			d.Phrases++
		}
	}
	if err := sc.Err(); err != nil {
		return d, fmt.Errorf("kb: %s: line %d: %w", name, d.Lines+1, err)
	}
	return d, nil
}

func validUTF8(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return strings.ToValidUTF8(s, "\uFFFD") == s
		}
	}
	return true
}

// Extend returns a new KB with the dictionaries' actors and agents added.
// The embedded entries keep priority when a phrase is in both; k itself is
// not modified.
func (k *KB) Extend(dicts ...*Dict) *KB {
	n := *k
	n.actors = append(k.actors[:len(k.actors):len(k.actors)], nil...)
	n.agents = append(k.agents[:len(k.agents):len(k.agents)], nil...)
	n.lex = k.lex.clone()
	for _, d := range dicts {
		if d == nil {
			continue
		}
		for _, a := range d.actors {
			idx := int32(len(n.actors))
			n.actors = append(n.actors, a)
			for _, p := range append([]string{a.Name}, a.Aliases...) {
				n.lex.addDict(p, entry{kind: KindDict, idx: idx, src: a.Source})
			}
			n.stats.Actors++
		}
		for _, a := range d.agents {
			idx := int32(len(n.agents))
			n.agents = append(n.agents, a)
			n.lex.addDict(a.Phrase, entry{kind: KindAgent, idx: idx, src: a.Source})
			n.stats.Agents++
		}
	}
	n.lex.finish()
	n.stats.Keys = len(n.lex.keys)
	return &n
}

// titleCase turns a dictionary's "HAMID KARZAI" into "Hamid Karzai".
func titleCase(s string) string {
	b := []byte(strings.ToLower(s))
	up := true
	for i, c := range b {
		if up && c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
		up = c == ' ' || c == '-' || c == '.' || c == '\''
	}
	return string(b)
}
