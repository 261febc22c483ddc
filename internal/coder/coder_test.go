package coder

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/detente-project/detente/internal/schema"
)

func newTestCoder(t testing.TB) *Coder {
	t.Helper()
	lex, err := DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	return New(lex, testActors, nil)
}

// summary renders events as "SRC>TGT:CODE[modality]" in order.
func summary(evs []schema.Event) string {
	var parts []string
	for _, e := range evs {
		tgt := "-"
		if e.Target != nil {
			tgt = e.Target.Code
		}
		parts = append(parts, fmt.Sprintf("%s>%s:%s[%s]", e.Source.Code, tgt, e.Cameo, e.Modality))
	}
	return strings.Join(parts, " ")
}

func TestCodeTable(t *testing.T) {
	c := newTestCoder(t)
	date := time.Date(2023, 6, 19, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		sents []string
		want  string
	}{
		{"meet with object, location is not target",
			[]string{"Blinken/Blinken/PROPN/2/nsubj met/meet/VERB/0/root Xi/Xi/PROPN/2/obj Jinping/Jinping/PROPN/3/flat in/in/ADP/6/case Beijing/Beijing/PROPN/2/obl ./././2/punct"},
			"USAGOV>CHNGOV:040[asserted]"},
		{"coordinated subjects, control chain to intent",
			[]string{"The/the/DET/2/det US/US/PROPN/5/nsubj and/and/CCONJ/4/cc China/China/PROPN/2/conj agreed/agree/VERB/0/root to/to/PART/7/mark resume/resume/VERB/5/xcomp talks/talk/NOUN/7/obj ./././5/punct"},
			"USA>CHN:036[asserted] CHN>USA:036[asserted]"},
		{"passive with by-agent",
			[]string{"Israel/Israel/PROPN/3/nsubj:pass was/be/AUX/3/aux:pass attacked/attack/VERB/0/root by/by/ADP/5/case Hamas/Hamas/PROPN/3/obl ./././3/punct"},
			"PSEREB>ISR:180[asserted]"},
		{"negation",
			[]string{"Russia/Russia/PROPN/4/nsubj did/do/AUX/4/aux not/not/PART/4/advmod attack/attack/VERB/0/root Georgia/Georgia/PROPN/4/obj ./././4/punct"},
			"RUS>GEO:180[negated]"},
		{"future is intended and recoded to intent",
			[]string{"Putin/Putin/PROPN/3/nsubj will/will/AUX/3/aux visit/visit/VERB/0/root France/France/PROPN/3/obj ./././3/punct"},
			"RUSGOV>FRA:036[intended]"},
		{"reported speech emits statement and reported event",
			[]string{"Obama/Obama/PROPN/2/nsubj said/say/VERB/0/root that/that/SCONJ/5/mark Russia/Russia/PROPN/5/nsubj attacked/attack/VERB/2/ccomp Georgia/Georgia/PROPN/5/obj ./././2/punct"},
			"USAGOV>-:010[asserted] RUS>GEO:180[reported]"},
		{"relative clause subject",
			[]string{"The/the/DET/2/det rebels/rebel/NOUN/9/nsubj ,/,/PUNCT/5/punct who/who/PRON/5/nsubj attacked/attack/VERB/2/acl:relcl the/the/DET/7/det village/village/NOUN/5/obj ,/,/PUNCT/5/punct retreated/retreat/VERB/0/root ./././9/punct"},
			"REB>CVL:190[asserted] REB>-:0874[asserted]"},
		{"a bare role takes the country of the other side",
			[]string{"The/the/DET/2/det president/president/NOUN/3/nsubj banned/ban/VERB/0/root Ugandan/Ugandan/ADJ/5/amod candidates/candidate/NOUN/3/obj ./././3/punct"},
			"UGAGOV>UGAOPP:1722[asserted]"},
		{"pronoun coreference across sentences",
			[]string{"Putin/Putin/PROPN/2/nsubj arrived/arrive/VERB/0/root in/in/ADP/4/case Paris/Paris/PROPN/2/obl ./././2/punct",
				"He/he/PRON/2/nsubj praised/praise/VERB/0/root France/France/PROPN/2/obj ./././2/punct"},
			"RUSGOV>FRA:042[asserted] RUSGOV>FRA:051[asserted]"},
		{"short name coreference",
			[]string{"Xi/Xi/PROPN/3/nsubj Jinping/Jinping/PROPN/1/flat praised/praise/VERB/0/root Blinken/Blinken/PROPN/3/obj ./././3/punct",
				"Xi/Xi/PROPN/2/nsubj condemned/condemn/VERB/0/root Israel/Israel/PROPN/2/obj ./././2/punct"},
			"CHNGOV>USAGOV:051[asserted] CHNGOV>ISR:111[asserted]"},
		{"coordinated modifiers split the actor",
			[]string{"Hungarian/Hungarian/ADJ/4/amod and/and/CCONJ/3/cc Romanian/Romanian/ADJ/1/conj officials/official/NOUN/5/nsubj agreed/agree/VERB/0/root ./././5/punct"},
			"HUNGOV>ROUGOV:030[asserted] ROUGOV>HUNGOV:030[asserted]"},
		{"a while-clause with its own subject is an event of its own",
			[]string{"Russia/Russia/PROPN/2/nsubj condemned/condemn/VERB/0/root Israel/Israel/PROPN/2/obj ,/,/PUNCT/7/punct while/while/SCONJ/7/mark China/China/PROPN/7/nsubj praised/praise/VERB/2/advcl France/France/PROPN/7/obj ./././2/punct"},
			"RUS>ISR:111[asserted] CHN>FRA:051[asserted]"},
		{"a reflexive object is no target",
			[]string{"Putin/Putin/PROPN/2/nsubj praised/praise/VERB/0/root himself/himself/PRON/2/obj ./././2/punct"},
			"RUSGOV>-:051[asserted]"},
		{"light verb with object class and with-target",
			[]string{"Blinken/Blinken/PROPN/2/nsubj held/hold/VERB/0/root talks/talk/NOUN/2/obj with/with/ADP/5/case China/China/PROPN/3/nmod ./././2/punct"},
			"USAGOV>CHN:046[asserted]"},
		{"object class beats the bare verb",
			[]string{"The/the/DET/2/det US/US/PROPN/3/nsubj imposed/impose/VERB/0/root sanctions/sanction/NOUN/3/obj on/on/ADP/6/case Iran/Iran/PROPN/4/nmod ./././3/punct"},
			"USA>IRN:163[asserted]"},
		{"appeal with object control",
			[]string{"China/China/PROPN/2/nsubj urged/urge/VERB/0/root Russia/Russia/PROPN/2/obj to/to/PART/5/mark withdraw/withdraw/VERB/2/xcomp ./././2/punct"},
			"CHN>RUS:025[asserted]"},
		{"appositive resolves an unknown head",
			[]string{"Blinken/Blinken/PROPN/2/nsubj met/meet/VERB/0/root the/the/DET/4/det leader/leader/NOUN/2/obj ,/,/PUNCT/6/punct Xi/Xi/PROPN/4/appos Jinping/Jinping/PROPN/6/flat ./././2/punct"},
			"USAGOV>CHNGOV:040[asserted]"},
		{"an oblique fills the object slot",
			[]string{"Russia/Russia/PROPN/2/nsubj called/call/VERB/0/root for/for/ADP/4/case talks/talk/NOUN/2/obl with/with/ADP/6/case China/China/PROPN/4/nmod ./././2/punct"},
			"RUS>CHN:026[asserted]"},
		{"must in a reported clause is a demand on its subject",
			[]string{"Obama/Obama/PROPN/2/nsubj said/say/VERB/0/root Russia/Russia/PROPN/5/nsubj must/must/AUX/5/aux withdraw/withdraw/VERB/2/ccomp ./././2/punct"},
			"USAGOV>RUS:100[asserted]"},
		{"negated refusable verb is a rejection",
			[]string{"Iran/Iran/PROPN/4/nsubj will/will/AUX/4/aux not/not/PART/4/advmod accept/accept/VERB/0/root the/the/DET/6/det plan/plan/NOUN/4/obj ./././4/punct"},
			"IRN>-:120[intended]"},
		{"purpose clause is not an asserted event, but names the target",
			[]string{"Russia/Russia/PROPN/2/nsubj deployed/deploy/VERB/0/root troops/troop/NOUN/2/obj to/to/PART/5/mark attack/attack/VERB/2/advcl Georgia/Georgia/PROPN/5/obj ./././2/punct"},
			"RUS>GEO:150[asserted]"},
		{"unknown actors give no event",
			[]string{"Someone/someone/PRON/2/nsubj attacked/attack/VERB/0/root something/something/PRON/2/obj ./././2/punct"},
			""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := parseDoc(t, tc.sents...)
			evs := c.Code(doc, date)
			if got := summary(evs); got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
			for _, e := range evs {
				if doc.Text[e.Trigger.Start:e.Trigger.End] != e.Trigger.Text {
					t.Errorf("trigger span %+v does not match text", e.Trigger)
				}
				if doc.Text[e.Source.Start:e.Source.End] != e.Source.Text {
					t.Errorf("source span %+v does not match text", e.Source)
				}
				if e.Rule == "" || e.Date != "2023-06-19" {
					t.Errorf("missing evidence: %+v", e)
				}
			}
		})
	}
}
