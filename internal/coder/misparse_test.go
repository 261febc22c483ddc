package coder

import (
	"testing"
	"time"

	"github.com/detente-project/detente/internal/schema"
)

// TestMisparses codes parses with the errors the shipped parser makes on
// news text; each must still give the event a correct parse gives.
func TestMisparses(t *testing.T) {
	c := newTestCoder(t)
	date := time.Date(2023, 6, 19, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name, sent, want string
	}{
		{"subject attached to an auxiliary read as a verb",
			"Russia/Russia/PROPN/2/nsubj has/have/VERB/4/aux again/again/ADV/4/advmod rejected/reject/VERB/0/root the/the/DET/6/det plan/plan/NOUN/4/obj of/of/ADP/8/case Iran/Iran/PROPN/6/nmod ./././4/punct",
			"RUS>IRN:127[asserted]"},
		{"particle attached to the following quantity",
			"France/France/PROPN/2/nsubj handed/hand/VERB/0/root over/over/ADV/4/advmod 700/700/NUM/5/nummod tons/ton/NOUN/2/obj of/of/ADP/7/case medicine/medicine/NOUN/5/nmod to/to/ADP/9/case Iran/Iran/PROPN/2/obl ./././2/punct",
			"FRA>IRN:070[asserted]"},
		{"subject folded into a time word",
			"A/a/DET/5/det top/top/ADJ/4/amod US/US/PROPN/4/compound official/official/ADJ/5/amod today/today/NOUN/6/obl:unmarked praised/praise/VERB/0/root China/China/PROPN/6/obj ./././6/punct",
			"USA>CHN:051[asserted]"},
		{"object noun misread as a verb complement",
			"China/China/PROPN/2/nsubj rejected/reject/VERB/0/root a/a/DET/5/det US/US/PROPN/5/nsubj offer/offer/VERB/2/xcomp to/to/PART/7/mark host/host/VERB/5/xcomp talks/talk/NOUN/7/obj between/between/ADP/10/case Israel/Israel/PROPN/8/nmod ./././2/punct",
			"CHN>USA:120[asserted]"},
		{"phrase hung on a time word",
			"Putin/Putin/PROPN/2/nsubj mediated/mediate/VERB/0/root on/on/ADP/4/case Saturday/Saturday/PROPN/2/obl between/between/ADP/6/case Israel/Israel/PROPN/4/nmod and/and/CCONJ/8/cc Iran/Iran/PROPN/6/conj ./././2/punct",
			"RUSGOV>ISR:045[asserted] RUSGOV>IRN:045[asserted]"},
		{"a time word without dependents gives no subject",
			"Today/today/NOUN/2/obl:unmarked praised/praise/VERB/0/root China/China/PROPN/2/obj ./././2/punct",
			""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := summary(c.Code(parseDoc(t, tc.sent), date)); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestMisparsedCoordinatedSubject: a finite verb misread as a modifier of
// the last of coordinated subjects takes the whole coordination.
func TestMisparsedCoordinatedSubject(t *testing.T) {
	c := newTestCoder(t)
	date := time.Date(2023, 6, 19, 0, 0, 0, 0, time.UTC)
	doc := parseDoc(t, "Putin/Putin/PROPN/0/root and/and/CCONJ/4/cc a/a/DET/4/det group/group/NOUN/1/conj of/of/ADP/6/case deputies/deputy/NOUN/4/nmod held/hold/VERB/4/acl talks/talk/NOUN/7/obj with/with/ADP/10/case China/China/PROPN/8/nmod ./././1/punct")
	for _, x := range []string{"VBD", "VBN"} {
		doc.Tokens[6].XPOS = x
		if got, want := summary(c.Code(doc, date)), "RUSGOV>CHN:046[asserted]"; got != want {
			t.Errorf("%s: got %q, want %q", x, got, want)
		}
	}
	// a reduced relative without an object keeps its own noun: "a group
	// of deputies held in Beijing" is no talks event of Putin's
	doc = parseDoc(t, "Putin/Putin/PROPN/0/root and/and/CCONJ/4/cc a/a/DET/4/det group/group/NOUN/1/conj of/of/ADP/6/case deputies/deputy/NOUN/4/nmod held/hold/VERB/4/acl in/in/ADP/9/case China/China/PROPN/7/obl ./././1/punct")
	doc.Tokens[6].XPOS = "VBN"
	for _, e := range c.Code(doc, date) {
		if e.Source.Code == "RUSGOV" {
			t.Errorf("reduced relative gave Putin an event: %s", summary([]schema.Event{e}))
		}
	}
}

// TestArmedClash: armed sides that clash fight (190); crowds that clash
// riot (145).
func TestArmedClash(t *testing.T) {
	c := newTestCoder(t)
	date := time.Date(2023, 6, 19, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct{ sent, want string }{
		{"The/the/DET/2/det rebels/rebel/NOUN/3/nsubj clashed/clash/VERB/0/root with/with/ADP/5/case police/police/NOUN/3/obl ./././3/punct", "REB>COP:190[asserted]"},
		{"The/the/DET/2/det protesters/protester/NOUN/3/nsubj clashed/clash/VERB/0/root with/with/ADP/5/case police/police/NOUN/3/obl ./././3/punct", "CVL>COP:145[asserted]"},
	} {
		if got := summary(c.Code(parseDoc(t, tc.sent), date)); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
}
