package tokenize

import (
	"unicode"
	"unicode/utf8"

	"github.com/detente-project/detente/internal/text"
	"github.com/detente-project/detente/internal/textnorm"
)

// titles are abbreviations that precede a name or number and so never end a
// sentence ("Mr. Blinken", "No. 10").
var titles = []string{"Mr", "Mrs", "Ms", "Messrs", "Mmes", "Dr", "Prof", "Gov", "Sen", "Rep", "Reps", "Sens",
	"Gen", "Col", "Lt", "Sgt", "Capt", "Cmdr", "Cdr", "Adm", "Maj", "Rev", "Hon", "Pres", "Supt", "Det",
	"Insp", "Fr", "St", "Mt", "Ft", "No", "Nos", "no", "Vol", "vol", "vs", "v", "Sr", "Gens", "Cpl", "Pvt",
	"Amb", "Atty", "Sec", "Sgts", "Ph", "Dist", "Brig", "Gov", "Msgr", "Mme", "Mlle", "Op", "Nr", "Art"}

// abbrevs are other abbreviations that keep their period; they may end a
// sentence ("… in Washington, D.C.", "… Apple Inc.").
var abbrevs = []string{"Jr", "Inc", "Corp", "Co", "Ltd", "Bros", "Plc", "plc", "Jan", "Feb", "Mar", "Apr",
	"Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mon", "Tue", "Tues", "Wed", "Thu",
	"Thur", "Thurs", "Fri", "Sat", "Sun", "etc", "al", "approx", "dept", "Dept", "est", "fig", "Fig",
	"pp", "eds", "Esq", "Univ", "Assn", "Ave", "Blvd", "Rd", "Ariz", "Calif", "Colo", "Conn", "Fla",
	"Ga", "Ill", "Kan", "Kans", "Ky", "La", "Md", "Mich", "Minn", "Mont", "Neb", "Nev", "Okla", "Ore",
	"Pa", "Penn", "Tenn", "Tex", "Va", "Vt", "Wis", "Wyo", "cf", "viz", "ca", "min", "max", "Govt",
	"govt", "Intl", "Natl", "Gov't", "yr", "yrs", "hr", "hrs", "mins", "sq", "ft", "oz", "lb", "lbs"}

// isAbbrev reports whether the word s[a:q], followed by a period at q, keeps
// that period as part of the token.
func isAbbrev(s string, a, q, b int) bool {
	w := s[a:q]
	if hasInnerDot(w) {
		return true
	}
	if r, n := decode(s, a); n == len(w) && unicode.IsUpper(r) {
		return true // an initial: "Antony J. Blinken"
	}
	switch w {
	case "No", "no", "Nos", "nos", "Nr", "Art", "Op", "Vol", "vol", "Fig", "fig", "pp", "St":
		// Only before a number ("No. 10"); "No." ends many sentences.
		// ("St." also names saints and streets: "St. Louis", "Main St.")
		if w == "St" {
			return true
		}
		i := q + 1
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		return i < len(s) && isDigit(rune(s[i]))
	}
	return inList(titles, w) || inList(abbrevs, w)
}

// hasInnerDot reports forms like "U.S", "a.m", "e.g", "Ph.D": letters in
// segments of at most two, joined by periods.
func hasInnerDot(w string) bool {
	dots, seg := 0, 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c == '.':
			if seg == 0 {
				return false
			}
			dots++
			seg = 0
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			seg++
			if seg > 2 {
				return false
			}
		default:
			return false
		}
	}
	return dots > 0 && seg > 0
}

func inList(list []string, w string) bool {
	if len(w) > 8 {
		return false
	}
	for _, x := range list {
		if x == w {
			return true
		}
	}
	return false
}

// starters are capitalised words that usually begin a sentence; after an
// ambiguous abbreviation ("U.S.", "Inc.", an initial) they decide a boundary.
var starters = []string{"The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "But", "And", "In",
	"On", "At", "For", "This", "That", "These", "Those", "There", "Their", "His", "Her", "Its", "Our",
	"My", "However", "Meanwhile", "As", "After", "When", "While", "If", "Some", "Many", "Most", "According",
	"Also", "So", "Yet", "Still", "Now", "Then", "Earlier", "Later", "What", "Who", "Why", "How", "Both",
	"Since", "Although", "Though", "With", "By", "From", "Under", "Despite", "Because", "Officials",
	"Police", "Mr.", "Mrs.", "Ms.", "Dr.", "Other", "Such", "Several", "Each", "All", "No", "Not",
	"Last", "Next", "During", "Before", "Instead", "Separately", "Elsewhere", "Such", "Asked", "Here"}

// class is the role of a token for the boundary rules.
type class uint8

const (
	clWord     class = iota
	clFinal          // . ? ! … and runs of them
	clCloser         // ” ’ " ' ) ] } » ''
	clTitle          // Mr. Dr. No. — never ends a sentence
	clInitial        // J. — an initial; ends a sentence only before a starter
	clAbbrev         // U.S. Inc. etc. — ends a sentence only before a starter
	clPause          // , ; : ( - — –: a wrapped line continues after these
	clEmoticon       // :) ;-) — ends a sentence before a capital
)

func classify(w string) class {
	if w == "" {
		return clWord
	}
	if len(w) > 1 && w[len(w)-1] == '.' {
		body := w[:len(w)-1]
		allMarks := true
		for _, r := range body {
			if !isFinalMark(r) {
				allMarks = false
				break
			}
		}
		if !allMarks {
			if inList(titles, body) {
				return clTitle
			}
			if r, n := decode(body, 0); n == len(body) && unicode.IsUpper(r) {
				return clInitial
			}
			return clAbbrev
		}
	}
	if emoticonLen(w) == len(w) {
		return clEmoticon
	}
	r, n := decode(w, 0)
	if isFinalMark(r) {
		for i := n; i < len(w); {
			r2, n2 := decode(w, i)
			if !isFinalMark(r2) {
				return clWord
			}
			i += n2
		}
		return clFinal
	}
	switch w {
	case "”", "’", "\"", "'", ")", "]", "}", "»", "''", "’’", "›":
		return clCloser
	case ",", ";", ":", "(", "&":
		return clPause
	}
	if textnorm.IsDash(w) {
		return clPause
	}
	return clWord
}

// startsLower reports whether w begins with a lower-case letter.
func startsLower(w string) bool {
	if w == "" {
		return false
	}
	r, _ := decode(w, 0)
	return unicode.IsLower(r)
}

// segment appends the sentences of toks (over s) to sents and returns it.
func segment(s string, toks []text.Token, sents []text.Sentence) []text.Sentence {
	n := len(toks)
	if n == 0 {
		return sents
	}
	word := func(i int) string { return s[toks[i].Start:toks[i].End] }
	start := 0
	for i := 0; i < n-1; i++ {
		if boundaryAfter(s, toks, i, start, word) {
			sents = append(sents, text.Sentence{Start: int32(start), End: int32(i + 1)})
			start = i + 1
			continue
		}
		if i+1-start >= MaxSentence {
			cut := bestCut(toks, start, i, word)
			sents = append(sents, text.Sentence{Start: int32(start), End: int32(cut)})
			start = cut
		}
	}
	// After each iteration i+1-start < MaxSentence, so the last sentence
	// holds at most MaxSentence tokens too.
	sents = append(sents, text.Sentence{Start: int32(start), End: int32(n)})
	return sents
}

// bestCut chooses where to end an over-long sentence [start, i]: after the
// last semicolon, colon, dash or comma in its second half, else after i.
func bestCut(toks []text.Token, start, i int, word func(int) string) int {
	lo := start + MaxSentence/2
	for _, want := range [...]string{";", ":", "—", "–", "--", ","} {
		for j := i; j >= lo; j-- {
			if word(j) == want {
				return j + 1
			}
		}
	}
	return i + 1
}

// newlines counts the line breaks in the gap between tokens i and i+1.
func newlines(s string, toks []text.Token, i int) int {
	n := 0
	for j := toks[i].End; j < toks[i+1].Start; j++ {
		if s[j] == '\n' || s[j] == '\r' && (j+1 == toks[i+1].Start || s[j+1] != '\n') {
			n++
		} else if s[j] == 0xe2 && j+2 < toks[i+1].Start && s[j+1] == 0x80 && (s[j+2] == 0xa8 || s[j+2] == 0xa9) {
			n += 2 // U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR
		}
	}
	return n
}

// Lines of hard-wrapped text (wire copy, e-mail) are 40 to 90 bytes long.
const (
	wrapMin = 40
	wrapMax = 90
)

// hardWrapped reports whether the line break between end (the end of a
// token) and next (the start of the next token) looks like the wrapping of a
// long line rather than the end of a headline or paragraph: both the line
// before and the line after are of wrapped length. Headlines are followed by
// a blank line or by an unwrapped paragraph, far longer than wrapMax.
func hardWrapped(s string, end, next int) bool {
	lo := end - 1
	for lo >= 0 && s[lo] != '\n' && end-lo <= wrapMax {
		lo--
	}
	if n := end - lo - 1; n < wrapMin || n > wrapMax {
		return false
	}
	hi := next
	for hi < len(s) && s[hi] != '\n' && hi-next <= wrapMax {
		hi++
	}
	n := hi - next
	return n >= wrapMin && n <= wrapMax
}

// boundaryAfter decides whether a sentence ends after token i (the current
// sentence began at token start).
func boundaryAfter(s string, toks []text.Token, i, start int, word func(int) string) bool {
	nl := 0
	if toks[i].End < toks[i+1].Start {
		nl = newlines(s, toks, i)
	}
	if nl >= 2 {
		return true
	}
	// Fast path: a token ending in a letter or digit ends a sentence only at
	// a line break.
	if c := s[toks[i].End-1]; nl == 0 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
		return false
	}
	w, nx := word(i), word(i+1)
	if textnorm.IsDash(w) && dateline(s, toks, start, i, word) {
		return true // "KYIV, Ukraine (AP) —" is not part of the first sentence
	}
	attached := toks[i].End == toks[i+1].Start
	c := classify(w)
	nc := classify(nx)
	if attached && nc == clCloser && (c == clFinal || c == clCloser || c == clAbbrev || c == clInitial) {
		return false // the closing quote or bracket belongs to this sentence
	}
	closed := false
	if c == clCloser {
		// A closer ends a sentence when it follows final punctuation with no
		// space: `… good.” He said`, `(See below.)`.
		j := i
		for j > start && classify(word(j)) == clCloser && toks[j-1].End == toks[j].Start {
			j--
		}
		if j < i {
			c = classify(word(j))
			closed = true
			if c != clFinal {
				c = clCloser
			}
		}
	}
	if nl == 1 {
		if startsLower(nx) || c == clPause || c == clTitle {
			return false
		}
		if c == clWord && hardWrapped(s, int(toks[i].End), int(toks[i+1].Start)) {
			return false
		}
		return true
	}
	switch c {
	case clFinal:
		// Web text starts sentences in lower case; news has a lower-case
		// word after a split-off final mark only inside quotes (`?” he
		// asked`) and after ellipses.
		lowerOK := !closed && (w == "?" || w == "!" || w == ".")
		// Runs of spaced dots (". . .") and ellipses go on: the treebanks
		// (GUM in particular) keep "we just ... I don't know" together.
		if nc == clFinal || w == "..." || w == "…" {
			return false
		}
		if startsLower(nx) && !lowerOK || nc == clPause && nx != "(" && !textnorm.IsDash(nx) || nc == clCloser && nx != "\"" && nx != "'" {
			return false
		}
		// A list number at the start of a line: "1. Foo".
		if w == "." && i >= 1 && i-1 == start && allDigits(word(i-1)) && len(word(i-1)) <= 3 {
			return false
		}
		return true
	case clEmoticon:
		r, _ := decode(nx, 0)
		return unicode.IsUpper(r)
	case clAbbrev, clInitial:
		return inList(starters, nx) || nx == "“" || nx == "\"" && !attached
	}
	return false
}

// dateline reports whether tokens [start, dash) open a paragraph as a wire
// dateline: a place in capitals ("KYIV", "NEW YORK"), optionally a comma
// and a capitalised region or country, optionally an agency in brackets
// ("(AP)", "(Reuters)"), then the dash at dash.
func dateline(s string, toks []text.Token, start, dash int, word func(int) string) bool {
	if dash-start < 1 || dash-start > 10 {
		return false
	}
	if start > 0 && newlines(s, toks, start-1) == 0 {
		return false // not at the start of a paragraph
	}
	letters := 0
	i := start
	for ; i < dash && allCaps(word(i)); i++ {
		letters += len(word(i))
	}
	if letters < 3 { // "PS -- There is…" is a postscript, not a place
		return false
	}
	if i < dash && word(i) == "," {
		i++
		for i < dash && word(i) != "(" && capitalised(word(i)) {
			i++
		}
	}
	if i < dash && word(i) == "(" {
		i++
		for i < dash && word(i) != ")" && capitalised(word(i)) {
			i++
		}
		if i >= dash || word(i) != ")" {
			return false
		}
		i++
	}
	return i == dash
}

// allCaps reports whether w is a word of two or more upper-case letters.
func allCaps(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2 && letters == utf8.RuneCountInString(w)
}

// capitalised reports whether w starts with an upper-case letter.
func capitalised(w string) bool {
	r, _ := decode(w, 0)
	return unicode.IsUpper(r)
}
