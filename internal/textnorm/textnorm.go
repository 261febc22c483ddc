// Package textnorm puts article text into the canonical form that offsets
// point into and article ids hash.
package textnorm

import (
	"strings"
	"unicode"

	"github.com/detente-project/detente/internal/schema"
	"golang.org/x/text/unicode/norm"
)

// Normalize returns the canonical form of an article body: valid UTF-8
// (invalid sequences become U+FFFD), Unicode NFC; CRLF and CR become LF;
// control characters other than newline are dropped and tabs and other
// horizontal spaces (NBSP included) become one ASCII space; spaces at line
// ends are trimmed; more than one blank line becomes one; leading and
// trailing blank space is trimmed. Two copies of an article that differ only
// in such details get the same id.
func Normalize(s string) string {
	s = norm.NFC.String(strings.TrimPrefix(strings.ToValidUTF8(s, "\uFFFD"), "\ufeff"))
	var b strings.Builder
	b.Grow(len(s))
	newlines := 0  // pending newlines
	space := false // pending space
	prev := rune(0)
	for _, r := range s {
		p := prev
		prev = r
		switch {
		case r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029':
			if r != '\n' || p != '\r' { // CRLF is one line break
				newlines++
			}
			space = false
		case unicode.IsSpace(r):
			space = true
		case unicode.IsControl(r) || r == '\ufffe' || r == '\uffff':
			// dropped
		default:
			if b.Len() > 0 {
				switch {
				case newlines >= 2:
					b.WriteString("\n\n")
				case newlines == 1:
					b.WriteByte('\n')
				case space:
					b.WriteByte(' ')
				}
			}
			newlines, space = 0, false
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ArticleID is the id of an article with normalised text and an optional URL.
func ArticleID(text, url string) string { return schema.ArticleID(text, url) }

// IsDash reports whether the token w is a dash used as punctuation: a hyphen
// or double hyphen, the figure dash, the en and em dashes, or the horizontal
// bar (U+2015, the quotation dash that signs a quote and that some sites use
// for every em dash).
func IsDash(w string) bool {
	switch w {
	case "-", "--", "\u2012", "\u2013", "\u2014", "\u2015":
		return true
	}
	return false
}
