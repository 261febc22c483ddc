package detente_test

import (
	"context"
	"errors"
	"github.com/detente-project/detente/internal/testshared"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/detente-project/detente"
)

func analyzeSeed(t *testing.T) detente.Analysis {
	t.Helper()
	b, err := os.ReadFile(testshared.Path(t, "seed/blinken-xi.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return analyzeText(t, string(b), "2023-06-19")
}

// analyzeText analyses one article given as text and publication date.
func analyzeText(t *testing.T, text, published string) detente.Analysis {
	t.Helper()
	a, err := detente.Analyze(context.Background(), detente.Article{Text: text, Published: published})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func hasEvent(a detente.Analysis, pred func(e detente.Event) bool) bool {
	for _, e := range a.Events {
		if !e.Negated && pred(e) {
			return true
		}
	}
	return false
}

func target(e detente.Event) string {
	if e.Target == nil {
		return ""
	}
	return e.Target.Code
}

// The seed article's acceptance criteria (issues 4 and 5).
func TestSeedArticle(t *testing.T) {
	a := analyzeSeed(t)
	for _, e := range a.Events {
		t.Logf("s%d %s %s→%s %q %s %s", e.Sentence, e.Cameo, e.Source.Code, target(e), e.Trigger.Text, e.Date, e.Modality)
	}

	// Blinken (USAGOV) and Xi (CHNGOV) meet in Beijing on 2023-06-19: a 04x code, either direction.
	meet := func(e detente.Event) bool {
		pair := e.Source.Code + ">" + target(e)
		return strings.HasPrefix(e.Cameo, "04") && (pair == "USAGOV>CHNGOV" || pair == "CHNGOV>USAGOV") &&
			e.Date == "2023-06-19" && e.Location != nil && e.Location.Name == "Beijing" && e.Location.Country == "CHN" &&
			math.Abs(e.Location.Lat-39.9) < 0.2 && math.Abs(e.Location.Lon-116.4) < 0.2
	}
	if !hasEvent(a, meet) {
		t.Error("no USAGOV–CHNGOV meeting (04x) in Beijing on 2023-06-19")
	}
	found := false
	for _, e := range a.Events {
		if meet(e) && e.DateText == "on Monday" {
			found = true
		}
	}
	if !found {
		t.Error("the meeting's date does not come from \"on Monday\"")
	}
	// The source span keeps the title that identifies the actor.
	if !hasEvent(a, func(e detente.Event) bool {
		return e.Trigger.Text == "met" && e.Source.Text == "Secretary of state Antony J. Blinken"
	}) {
		t.Error(`the "met" event's source is not "Secretary of state Antony J. Blinken"`)
	}
	// Xi praises (051) the visit or the US side.
	if !hasEvent(a, func(e detente.Event) bool {
		return e.Cameo == "051" && e.Source.Code == "CHNGOV" && strings.HasPrefix(target(e), "USA")
	}) {
		t.Error("no CHNGOV→USA praise (051)")
	}
	// Blinken's statement of commitment to managing relations: 03x, USA→CHN.
	if !hasEvent(a, func(e detente.Event) bool {
		return strings.HasPrefix(e.Cameo, "03") && strings.HasPrefix(e.Source.Code, "USA") && strings.HasPrefix(target(e), "CHN")
	}) {
		t.Error("no USA→CHN intent to cooperate (03x)")
	}
	// No event for "did not voice any hope".
	for _, e := range a.Events {
		if strings.Contains(strings.ToLower(e.Trigger.Text), "voice") && !e.Negated {
			t.Errorf("asserted event from a negated clause: %+v", e)
		}
	}

	// Three quotes, all attributed.
	wantQuotes := []struct{ start, speaker, actor string }{
		{"This is very good.", "Xi Jinping", "CHNGOV"},
		{"It’s in the interest of the US", "Antony J. Blinken", "USAGOV"},
		{"State-to-state interactions", "Xi Jinping", "CHNGOV"},
	}
	for _, w := range wantQuotes {
		ok := false
		for _, q := range a.Quotes {
			if q.Direct && strings.HasPrefix(q.Text, w.start) && q.Speaker != nil &&
				q.Speaker.Name == w.speaker && q.Speaker.Actor == w.actor {
				ok = true
			}
		}
		if !ok {
			t.Errorf("quote %q not attributed to %s (%s); quotes: %+v", w.start, w.speaker, w.actor, a.Quotes)
		}
	}
	// Every span points at its text.
	for _, e := range a.Events {
		if a.Article.Text[e.Trigger.Start:e.Trigger.End] != e.Trigger.Text ||
			a.Article.Text[e.Source.Start:e.Source.End] != e.Source.Text {
			t.Errorf("event spans do not match the text: %+v", e)
		}
	}
	for _, q := range a.Quotes {
		if a.Article.Text[q.Start:q.End] != q.Text {
			t.Errorf("quote span does not match: %+v", q)
		}
	}
}

func TestSeedEntities(t *testing.T) {
	a := analyzeSeed(t)
	types := map[string]string{}
	for _, e := range a.Entities {
		types[e.Name] = e.Type
	}
	want := map[string][]string{
		"Antony J. Blinken": {"PER"}, "Xi Jinping": {"PER"}, "Biden": {"PER"},
		"China": {"LOC", "GPE"}, "Beijing": {"LOC", "GPE"}, "Washington": {"LOC", "GPE"}, "Taiwan": {"LOC", "GPE"},
		"US":                          {"LOC", "GPE"},
		"New York Times News Service": {"ORG"},
	}
	for name, ok := range want {
		got := types[name]
		if !contains(ok, got) {
			t.Errorf("entity %q: type %q, want one of %v", name, got, ok)
		}
	}
	for _, name := range []string{"Great Hall of the People", "Tiananmen Square"} {
		if types[name] == "" {
			t.Errorf("entity %q not found", name)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestAnalyzeBadInput(t *testing.T) {
	ctx := context.Background()
	if _, err := detente.Analyze(ctx, detente.Article{Text: " \n\t "}); !errors.Is(err, detente.ErrEmpty) {
		t.Errorf("empty text: err = %v, want ErrEmpty", err)
	}
	if _, err := detente.Analyze(ctx, detente.Article{Text: "Hello.", Published: "19/06/2023"}); !errors.Is(err, detente.ErrBadDate) {
		t.Errorf("bad date: err = %v, want ErrBadDate", err)
	}
	if _, err := detente.Analyze(ctx, detente.Article{Text: strings.Repeat("a", detente.MaxTextBytes+1)}); !errors.Is(err, detente.ErrTooLarge) {
		t.Errorf("huge text: err = %v, want ErrTooLarge", err)
	}
	// Binary bytes and invalid UTF-8: analysed without panic, offsets valid.
	a, err := detente.Analyze(ctx, detente.Article{Text: "Obama met Putin.\xff\xfe\x00\x01 The army attacked rebels in Syria."})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range a.Events {
		if e.Trigger.End > len(a.Article.Text) || a.Article.Text[e.Trigger.Start:e.Trigger.End] != e.Trigger.Text {
			t.Errorf("bad trigger span %+v", e.Trigger)
		}
	}
	// A 2,000-token sentence finishes.
	long := strings.Repeat("the army attacked rebels and ", 400)
	if _, err := detente.Analyze(ctx, detente.Article{Text: long, Published: "2020-01-01"}); err != nil {
		t.Fatal(err)
	}
	// A cancelled context stops the analysis.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := detente.Analyze(cctx, detente.Article{Text: "Obama met Putin."}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v", err)
	}
}

// News constructions the whole pipeline must code and place: a plural head
// with coordinated "of" countries meets reciprocally, and an English
// exonym places the meeting in Geneva, Switzerland (not Illinois); a
// country named after a locative preposition places the event at country
// level.
func TestCoordinatedOfAndPlaces(t *testing.T) {
	a := analyzeText(t, "The foreign ministers of India and Pakistan met in Geneva on Monday.\n\nIsraeli troops killed three militants in Lebanon.",
		"2023-06-20")
	for _, dyad := range [][2]string{{"INDGOV", "PAKGOV"}, {"PAKGOV", "INDGOV"}} {
		if !hasEvent(a, func(e detente.Event) bool {
			return e.Source.Code == dyad[0] && target(e) == dyad[1] && e.Cameo[:2] == "04" &&
				e.Location != nil && e.Location.Country == "CHE" && e.Location.Name == "Geneva"
		}) {
			t.Errorf("no %s→%s meeting in Geneva, CHE: %+v", dyad[0], dyad[1], a.Events)
		}
	}
	if !hasEvent(a, func(e detente.Event) bool {
		return strings.HasPrefix(e.Source.Code, "ISR") && e.Location != nil && e.Location.Country == "LBN"
	}) {
		t.Errorf("no Israeli event placed in Lebanon (the country): %+v", a.Events)
	}
}

// Wire copy: the dateline is not part of the first sentence, and the
// closing "…, Ukrainian officials said" has those officials as the
// speaker, not the subject of the clause before.
func TestWireDatelineAndReportingClause(t *testing.T) {
	a := analyzeText(t, "KYIV, Ukraine (AP) — Russian forces launched a massive missile attack on Ukraine's energy infrastructure overnight, killing at least five people, Ukrainian officials said on Friday.",
		"2025-01-10")
	if !hasEvent(a, func(e detente.Event) bool { return e.Source.Code == "RUSMIL" && e.Cameo[:2] == "19" }) {
		t.Errorf("no Russian military attack: %+v", a.Events)
	}
	for _, e := range a.Events {
		if e.Cameo == "010" && e.Source.Code != "UKRGOV" {
			t.Errorf("the statement is credited to %s (%q), want UKRGOV", e.Source.Code, e.Source.Text)
		}
	}
	for _, q := range a.Quotes {
		if strings.Contains(q.Text, "KYIV") || strings.Contains(q.Text, "(AP)") {
			t.Errorf("the dateline is inside quote %q", q.Text)
		}
	}
}

// One visit is one event, however many actor phrases the parse offers for
// its subject ("NATO" and "NATO Secretary General Mark Rutte").
func TestOneEventPerVisit(t *testing.T) {
	a := analyzeText(t, "NATO Secretary General Mark Rutte visited Kyiv.", "2025-01-10")
	n := 0
	for _, e := range a.Events {
		if e.Cameo == "042" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d visit events, want 1: %+v", n, a.Events)
	}
}

// Entity actor codes: a person named like a region or a town does not take
// its code; a company the recogniser calls a person keeps its own.
func TestEntityActors(t *testing.T) {
	text := "Rapper Kanye West said on Monday that he would run for president. " +
		"Anna Petrova, a teacher from Moscow, said she would vote for him. Airbnb said it would suspend bookings."
	a := analyzeText(t, text, "2020-07-06")
	actors := map[string]string{}
	for _, e := range a.Entities {
		actors[e.Name] = e.Actor
	}
	for name, want := range map[string]string{"Kanye West": "", "Anna Petrova": "", "Airbnb": "MNCUSA"} {
		if got, ok := actors[name]; !ok || got != want {
			t.Errorf("entity %q: actor %q (found %v), want %q", name, got, ok, want)
		}
	}
}

// "Georgia" is the US state in an American story and the country when the
// story has Tbilisi or a Georgian name in it.
func TestGeorgia(t *testing.T) {
	cases := []struct{ text, want string }{
		{"Senator David Perdue of Georgia said on Monday that President Donald Trump would visit Atlanta. " +
			"Perdue praised Trump. The White House confirmed the visit.", "USA"},
		{"Georgian President Salome Zourabichvili met US officials in Tbilisi. " +
			"Georgia wants to join NATO, Zourabichvili said.", "GEO"},
	}
	for _, c := range cases {
		a := analyzeText(t, c.text, "2020-07-06")
		found := false
		for _, e := range a.Entities {
			if e.Name == "Georgia" {
				found = true
				if !strings.HasPrefix(e.Actor, c.want) {
					t.Errorf("%q: Georgia coded %q, want %s…", c.text[:40], e.Actor, c.want)
				}
			}
		}
		if !found {
			t.Errorf("%q: no entity Georgia in %+v", c.text[:40], a.Entities)
		}
	}
}
