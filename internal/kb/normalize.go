package kb

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Keys in every lexicon are normalised words joined by single spaces.
// A word is normalised by lowercasing, folding common Latin diacritics,
// dropping periods and apostrophes inside the word ("U.S." → "us",
// "Côte d'Ivoire" → "cote divoire") and treating hyphens, underscores and
// slashes as word breaks. The possessive "'s" and the article "the" are
// dropped: they never decide who an actor is.

// appendFolded appends the normalised form of one word (which must not
// contain separators) to dst. It allocates nothing when dst has capacity.
func appendFolded(dst []byte, w string) []byte {
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c >= 'A' && c <= 'Z':
				dst = append(dst, c+'a'-'A')
			case c == '.' || c == '\'' || c == '`':
			case c == '-' || c == '_' || c == '/':
				// Only reached for raw coder tokens ("Secretary-General");
				// splitWords breaks words on these already.
				if len(dst) > 0 && dst[len(dst)-1] != ' ' {
					dst = append(dst, ' ')
				}
			default:
				dst = append(dst, c)
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(w[i:])
		i += n
		if r == utf8.RuneError && n == 1 {
			continue
		}
		if f, ok := foldTable[r]; ok {
			dst = append(dst, f...)
			continue
		}
		if r == '\u2019' || r == '\u2018' || r == '\u02bc' || r == '\u02bb' || r == '\u02be' || r == '\u02bf' ||
			r >= '\u0300' && r <= '\u036f' { // apostrophes, ayin and hamza signs, combining marks
			continue
		}
		dst = utf8.AppendRune(dst, toLowerRune(r))
	}
	return dst
}

func toLowerRune(r rune) rune { return unicode.ToLower(r) }

// foldTable maps accented Latin letters to ASCII.
var foldTable = map[rune]string{}

func init() {
	// fold maps each letter of from to the ASCII letter at the same place
	// in to.
	fold := func(from, to string) {
		i := 0
		for _, r := range from {
			foldTable[r] = to[i : i+1]
			i++
		}
	}
	fold("ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿŌōŪūĀāĒēĪīŞşŢţȘșȚțĞğİıŁłŃńŚśŹźŻżČčĆćĐđŠšŽžŘřĚěŇňŤťĎďŮůŐőŰű",
		"aaaaaaaaaaaacceeeeeeeeiiiiiiiinnoooooooooooouuuuuuuuyyyoouuaaeeiissttssttggiillnnsszzzzccccddsszzrreennttdduuoouu")
	fold("ĂăĄąĘęĖėĮįŲųŎŏŜŝĜĝĤĥĴĵŴŵŶŷŸĹĺĽľŔŕŅņĶķĻļĢģŊŋÐðÞþ", "aaaaeeeeiiuuoossgghhjjwwyyyllllrrnnkkllggnnddtt")
	// Letters with a dot or cedilla below, as in the transliterated
	// Arabic and Persian names of GeoNames ("Rafaḩ", "Khān Yūnis").
	fold("ḤḥḨḩḌḍḐḑṢṣṬṭẒẓẔẕḲḳṆṇṚṛḶḷẖ", "hhhhddddssttzzzzkknnrrllh")
	foldTable['ß'] = "ss"
	foldTable['Æ'] = "ae"
	foldTable['æ'] = "ae"
	foldTable['Œ'] = "oe"
	foldTable['œ'] = "oe"
}

// isSep reports whether r separates words.
func isSep(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '_', '-', '/', '\u2013', '\u2014', '\u00a0', '(', ')', '"', '\u201c', '\u201d', '[', ']', ';', ':', '!', '?':
		return true
	}
	return false
}

// word is one normalised word of a mention with its byte span in the input.
type word struct {
	text       string
	upper      bool // the raw word is written in capitals ("US", "WHO", "U.N.")
	title      bool // the raw word starts with a capital ("General")
	start, end int
	comma      bool // a comma precedes this word
}

// nextWord returns the byte span [i, j) of the next word at or after
// position i of s, and whether a comma was skipped before it; i == len(s)
// when there is none.
func nextWord(s string, i int) (start, end int, comma bool) {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == ',' {
			comma = true
		} else if !isSep(r) {
			break
		}
		i += n
	}
	j := i
	for j < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		if isSep(r) || r == ',' {
			break
		}
		j += n
	}
	return i, j, comma
}

// foldWord appends the normalised form of one raw word to dst, dropping a
// possessive ending ("China's" → "china", "Philippines'" → "philippines").
func foldWord(dst []byte, raw string) []byte {
	if n := len(raw); n > 2 {
		switch {
		case raw[n-2] == '\'' && (raw[n-1] == 's' || raw[n-1] == 'S'):
			raw = raw[:n-2]
		case n > 4 && strings.HasSuffix(raw, "\u2019s"), n > 4 && strings.HasSuffix(raw, "\u2019S"):
			raw = raw[:n-4]
		case raw[n-1] == '\'' && (raw[n-2] == 's' || raw[n-2] == 'S'):
			raw = raw[:n-1]
		}
	}
	return appendFolded(dst, raw)
}

// dropWord reports whether a normalised word is left out of keys.
func dropWord(w []byte) bool {
	return len(w) == 0 || string(w) == "the" || string(w) == "s"
}

// splitWords normalises s into words. Commas are recorded on the following
// word (they mark appositives); "the" and possessive "'s" are dropped.
func splitWords(s string) []word {
	var out []word
	var buf []byte
	pendingComma := false
	for i := 0; i < len(s); {
		start, end, comma := nextWord(s, i)
		pendingComma = pendingComma || comma
		if start >= end {
			break
		}
		i = end
		buf = foldWord(buf[:0], s[start:end])
		if dropWord(buf) {
			continue
		}
		out = append(out, word{text: string(buf), upper: isUpperWord(s[start:end]), title: startsUpper(s[start:end]), start: start, end: end, comma: pendingComma})
		pendingComma = false
	}
	return out
}

// appendKey appends the lexicon key of phrase s to dst: its normalised
// words joined by single spaces. It allocates only to grow dst.
func appendKey(dst []byte, s string) []byte {
	base := len(dst)
	for i := 0; i < len(s); {
		start, end, _ := nextWord(s, i)
		if start >= end {
			break
		}
		i = end
		mark := len(dst)
		if mark > base {
			dst = append(dst, ' ')
		}
		wstart := len(dst)
		dst = foldWord(dst, s[start:end])
		if dropWord(dst[wstart:]) {
			dst = dst[:mark]
		}
	}
	return dst
}

// normKey normalises a whole phrase into a lexicon key.
func normKey(s string) string {
	var buf [128]byte
	return string(appendKey(buf[:0], s))
}

// isUpperWord reports whether w has at least two letters and no lowercase
// ASCII letter: "US", "U.S.", "WHO", "G20".
func isUpperWord(w string) bool {
	letters := 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= 'a' && c <= 'z':
			return false
		case c >= 'A' && c <= 'Z':
			letters++
		}
	}
	return letters >= 2
}

// isAcronym reports whether a dictionary phrase is a single all-capitals
// word ("US", "WHO", "PA"). Such entries match only words written in
// capitals, so that the pronouns "us" and "who" are never countries or
// organisations.
func isAcronym(p string) bool {
	return !strings.ContainsAny(strings.TrimSpace(p), " _-") && isUpperWord(p)
}
