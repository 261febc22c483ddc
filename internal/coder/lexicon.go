package coder

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
)

//go:embed lexicon/verbs.txt
var verbsTxt string

// Entry is one expanded lexicon pattern: a predicate lemma with its optional
// particle, object slot and target prepositions, and the CAMEO code it yields.
type Entry struct {
	Code       string   // CAMEO event code, e.g. "042"
	Head       string   // verb lemma, or the word of a be: predicate
	Be         bool     // predicate adjective/participle after "be": subject stays source
	Particle   string   // compound:prt particle, "" for none
	Objects    []string // object lemmas; ["*"] any object, ["+"] an actor, ["-"] none; nil for no constraint
	Preps      []string // prepositions whose oblique gives the target
	SourcePrep string   // preposition whose oblique gives the source ("receive <from")
	Line       int      // line in the lexicon file
	Rule       string   // the pattern as written, for evidence
	spec       int      // specificity: higher wins
}

// Lexicon is the parsed verb lexicon, indexed by predicate lemma.
type Lexicon struct {
	Entries []Entry
	lemmaID map[string]int32 // head lemma → id
	byLemma [][]int32        // id → entry indices, most specific first
	chains  map[[2]string]string
	Lines   int // pattern lines in the file (before class expansion)
}

var (
	defaultOnce sync.Once
	defaultLex  *Lexicon
	defaultErr  error
)

// DefaultLexicon returns the embedded lexicon (lexicon/verbs.txt), parsed once.
func DefaultLexicon() (*Lexicon, error) {
	defaultOnce.Do(func() {
		defaultLex, defaultErr = ParseLexicon(strings.NewReader(verbsTxt))
	})
	return defaultLex, defaultErr
}

// ParseLexicon reads a lexicon in the format documented at the top of
// lexicon/verbs.txt.
func ParseLexicon(r io.Reader) (*Lexicon, error) {
	lx := &Lexicon{lemmaID: map[string]int32{}, chains: map[[2]string]string{}}
	classes := map[string][]string{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		switch f[0] {
		case "class":
			if len(f) < 3 {
				return nil, fmt.Errorf("lexicon line %d: class needs a name and words", n)
			}
			classes[f[1]] = append(classes[f[1]], f[2:]...)
			continue
		case "chain":
			if len(f) != 4 || !isCode(f[1]) || !isCode(f[2]) || !isCode(f[3]) {
				return nil, fmt.Errorf("lexicon line %d: chain needs ROOT CROOT CODE", n)
			}
			lx.chains[[2]string{f[1], f[2]}] = f[3]
			continue
		}
		if !isCode(f[0]) || len(f) < 2 {
			return nil, fmt.Errorf("lexicon line %d: want CODE PATTERN, got %q", n, line)
		}
		lx.Lines++
		proto := Entry{Code: f[0], Line: n, Rule: strings.Join(f[1:], " ")}
		for _, tok := range f[2:] {
			switch {
			case strings.HasPrefix(tok, "~"):
				proto.Particle = tok[1:]
				proto.spec += 2
			case strings.HasPrefix(tok, "[") && strings.HasSuffix(tok, "]"):
				for _, w := range strings.Split(tok[1:len(tok)-1], "|") {
					if strings.HasPrefix(w, "@") {
						ws, ok := classes[w[1:]]
						if !ok {
							return nil, fmt.Errorf("lexicon line %d: unknown class %s", n, w)
						}
						proto.Objects = append(proto.Objects, ws...)
					} else if w != "" {
						proto.Objects = append(proto.Objects, w)
					}
				}
				if len(proto.Objects) == 1 && proto.Objects[0] == "-" {
					proto.spec++
				} else if len(proto.Objects) == 1 && (proto.Objects[0] == "*" || proto.Objects[0] == "+") {
					proto.spec += 3
				} else {
					proto.spec += 4
				}
			case strings.HasPrefix(tok, "<"):
				proto.SourcePrep = tok[1:]
				proto.spec++
			default:
				proto.Preps = append(proto.Preps, tok)
				proto.spec++
			}
		}
		heads := []string{f[1]}
		if strings.HasPrefix(f[1], "@") {
			ws, ok := classes[f[1][1:]]
			if !ok {
				return nil, fmt.Errorf("lexicon line %d: unknown class %s", n, f[1])
			}
			heads = ws
		}
		for _, h := range heads {
			e := proto
			if w, ok := strings.CutPrefix(h, "be:"); ok {
				e.Be, h = true, w
			}
			e.Head = strings.ToLower(h)
			id, ok := lx.lemmaID[e.Head]
			if !ok {
				id = int32(len(lx.byLemma))
				lx.lemmaID[e.Head] = id
				lx.byLemma = append(lx.byLemma, nil)
			}
			lx.byLemma[id] = append(lx.byLemma[id], int32(len(lx.Entries)))
			lx.Entries = append(lx.Entries, e)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading lexicon: %w", err)
	}
	for _, ids := range lx.byLemma {
		sort.SliceStable(ids, func(a, b int) bool {
			return lx.Entries[ids[a]].spec > lx.Entries[ids[b]].spec
		})
	}
	return lx, nil
}

// Chain returns the code for a control predicate of root root governing a
// complement event of root croot ("agreed to meet": 03, 04 → 036).
func (lx *Lexicon) Chain(root, croot string) (string, bool) {
	c, ok := lx.chains[[2]string{root, croot}]
	return c, ok
}

// Candidates returns the entries for a lemma, most specific first. The
// lemma is matched case-insensitively without allocating.
func (lx *Lexicon) Candidates(lemma string) []int32 {
	if id, ok := lx.lemmaID[lemma]; ok {
		return lx.byLemma[id]
	}
	var buf [48]byte
	if len(lemma) > len(buf) {
		return nil
	}
	changed := false
	for i := 0; i < len(lemma); i++ {
		c := lemma[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
			changed = true
		}
		buf[i] = c
	}
	if !changed {
		return nil
	}
	if id, ok := lx.lemmaID[string(buf[:len(lemma)])]; ok {
		return lx.byLemma[id]
	}
	return nil
}

// CandidatesForm looks a surface form up when its lemma is unknown, undoing
// regular inflection ("shelled" → shell, "stopped" → stop, "carries" →
// carry), so a lemmatizer slip does not hide a known verb. It does not
// allocate.
func (lx *Lexicon) CandidatesForm(form string) []int32 {
	var buf [48]byte
	n := len(form)
	if n < 3 || n > len(buf)-1 {
		return nil
	}
	for i := 0; i < n; i++ {
		c := form[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	w := buf[:n]
	try := func(b []byte) []int32 {
		if len(b) < 2 {
			return nil
		}
		if id, ok := lx.lemmaID[string(b)]; ok {
			return lx.byLemma[id]
		}
		return nil
	}
	if c := try(w); c != nil {
		return c
	}
	for _, suf := range [...]string{"ing", "ed", "es", "s", "d"} {
		if len(w) <= len(suf)+1 || string(w[len(w)-len(suf):]) != suf {
			continue
		}
		stem := w[:len(w)-len(suf)]
		if c := try(stem); c != nil {
			return c
		}
		if suf == "ing" || suf == "ed" {
			// undouble ("stopped" → stop) or restore e ("hoping" → hope)
			if k := len(stem); k >= 2 && stem[k-1] == stem[k-2] {
				if c := try(stem[:k-1]); c != nil {
					return c
				}
			}
			// stem and buf share memory: writing just past the stem
			// overwrites the suffix we no longer need
			k := len(stem)
			saved := buf[k]
			buf[k] = 'e'
			if c := try(buf[:k+1]); c != nil {
				return c
			}
			buf[k] = saved
		}
		if (suf == "es" || suf == "ed") && len(stem) > 1 && stem[len(stem)-1] == 'i' {
			k := len(stem)
			buf[k-1] = 'y'
			if c := try(buf[:k]); c != nil {
				return c
			}
			buf[k-1] = 'i'
		}
	}
	return nil
}

// Patterns counts the expanded patterns: entries times their object
// alternatives.
func (lx *Lexicon) Patterns() int {
	n := 0
	for i := range lx.Entries {
		if k := len(lx.Entries[i].Objects); k > 0 {
			n += k
		} else {
			n++
		}
	}
	return n
}

// RootCoverage returns the number of entries per CAMEO root ("01".."20").
func (lx *Lexicon) RootCoverage() map[string]int {
	m := map[string]int{}
	for i := range lx.Entries {
		m[lx.Entries[i].Code[:2]]++
	}
	return m
}

// Codes returns the distinct CAMEO codes the lexicon can produce directly.
func (lx *Lexicon) Codes() []string {
	seen := map[string]bool{}
	for i := range lx.Entries {
		seen[lx.Entries[i].Code] = true
	}
	for _, c := range lx.chains {
		seen[c] = true
	}
	out := make([]string, 0, len(seen))
	for c := range seen {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

func isCode(s string) bool {
	if len(s) < 2 || len(s) > 4 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// root returns the two-digit CAMEO root of a code.
func root(code string) string {
	if len(code) < 2 {
		return code
	}
	return code[:2]
}
