package eval

import (
	"strings"
	"testing"

	"github.com/detente-project/detente/internal/schema"
)

func TestReadEventGold(t *testing.T) {
	in := `{"id": "a", "date": "2000-01-01", "text": "X met Y.", "events": [{"source": "USAGOV", "target": "CHN", "cameo": "042", "plover": "CONSULT"}]}

{"id": "b", "date": "2000-01-02", "text": "Z.", "events": []}
`
	recs, err := ReadEventGold(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[0].Events[0].Target != "CHN" || recs[1].ID != "b" {
		t.Fatalf("got %+v", recs)
	}
	if _, err := ReadEventGold(strings.NewReader("{\"id\": 1\n")); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("malformed line: got err %v", err)
	}
}

func TestScoreEventsLevels(t *testing.T) {
	s := NewEventScorer(true)
	// PLOVER-only gold, one-sided target; the prediction's target is free
	o := s.Add(EventRecord{ID: "1", Events: []GoldEvent{
		{Source: "HUNGOV", Plover: "AGREE"},
		{Source: "ROUGOV", Plover: "AGREE"},
	}}, []PredEvent{
		{Source: "HUNGOV", Target: "ROUGOV", Cameo: "030", Plover: "AGREE"},
		{Source: "ROUGOV", Target: "HUNGOV", Cameo: "030", Plover: "AGREE"},
		{Source: "HUNGOV", Cameo: "010", Plover: ""},                       // dropped statement: not counted
		{Source: "ROUGOV", Cameo: "190", Plover: "ASSAULT", Negated: true}, // negated: not counted
	}, "")
	if o.Full != [3]int{2, 2, 2} || o.Event != [3]int{2, 2, 2} {
		t.Errorf("record 1: full %v event %v", o.Full, o.Event)
	}
	// CAMEO gold: root match; wrong target country fails dyad and full
	o = s.Add(EventRecord{ID: "2", Events: []GoldEvent{
		{Source: "USAGOV", Target: "CHNGOV", Cameo: "042"},
	}}, []PredEvent{
		{Source: "USA", Target: "RUS", Cameo: "040", Plover: "CONSULT"},
		{Source: "USA", Target: "CHN", Cameo: "111", Plover: "ACCUSE"},
	}, "")
	if o.Event != [3]int{1, 1, 2} || o.Dyad != [3]int{1, 1, 2} || o.Full != [3]int{0, 1, 2} {
		t.Errorf("record 2: event %v dyad %v full %v", o.Event, o.Dyad, o.Full)
	}
	r := s.Result()
	if r.Records != 2 || r.UncountedDropped != 1 || r.UncountedNegated != 1 {
		t.Errorf("counts: %+v", r)
	}
	// event: 3 correct of 3 gold, 4 predicted
	if r.Event.Correct != 3 || r.Event.Gold != 3 || r.Event.Predicted != 4 || r.Event.Precision != 75 || r.Event.Recall != 100 {
		t.Errorf("event level: %+v", r.Event)
	}
	if r.Full.Correct != 2 || r.Full.F1 != 57.14 {
		t.Errorf("full level: %+v", r.Full)
	}
	if a := r.PerPlover["AGREE"]; a == nil || a.Full.Gold != 2 || a.Full.CorrectGold != 2 || a.Full.CorrectPredicted != 2 || a.Full.Predicted != 2 {
		t.Errorf("per plover AGREE: %+v", a)
	}
	if len(r.PerRecord) != 2 {
		t.Errorf("verbose records: %d", len(r.PerRecord))
	}
}

func TestScoreOneToOne(t *testing.T) {
	// two identical predictions cannot both match one gold event
	s := NewEventScorer(false)
	o := s.Add(EventRecord{Events: []GoldEvent{{Source: "USA", Target: "CHN", Plover: "CONSULT"}}},
		[]PredEvent{{Source: "USA", Target: "CHN", Plover: "CONSULT", Cameo: "040"}, {Source: "USA", Target: "CHN", Plover: "CONSULT", Cameo: "042"}}, "")
	if o.Full != [3]int{1, 1, 2} {
		t.Errorf("one to one: %v", o.Full)
	}
	// augmenting path: greedy would match gold 0 to pred 0 and leave gold 1 unmatched
	gm, _ := maxMatch(
		[]GoldEvent{{Source: "A"}, {Source: "A", Target: "B"}},
		[]PredEvent{{Source: "A", Target: "B"}, {Source: "A", Target: "C"}},
		dyadMatch)
	if gm[0] != 1 || gm[1] != 0 {
		t.Errorf("maximum matching: %v", gm)
	}
}

func TestPredFromEvents(t *testing.T) {
	evs := []schema.Event{{Source: schema.Actor{Code: "USAGOV"}, Target: &schema.Actor{Code: "CHNGOV"}, Cameo: "042", Plover: schema.Plover{Event: "CONSULT"}},
		{Source: schema.Actor{Code: "CHN"}, Cameo: "190", Negated: true}}
	p := PredFromEvents(evs)
	if len(p) != 2 || p[0].Target != "CHNGOV" || p[0].Plover != "CONSULT" || p[1].Target != "" || !p[1].Negated {
		t.Errorf("got %+v", p)
	}
}

// TestScorePerTypeDyad checks that a dyad match between a gold event and a
// prediction of another type counts toward the gold type's recall and the
// predicted type's precision, so no per-type precision exceeds 100%.
func TestScorePerTypeDyad(t *testing.T) {
	s := NewEventScorer(false)
	s.Add(EventRecord{Events: []GoldEvent{
		{Source: "USAGOV", Target: "CHN", Plover: "PROTEST"},
		{Source: "CHN", Target: "USA", Plover: "PROTEST"},
	}}, []PredEvent{
		{Source: "USA", Target: "CHN", Cameo: "111", Plover: "ACCUSE"},
	}, "")
	r := s.Result()
	p, a := r.PerPlover["PROTEST"], r.PerPlover["ACCUSE"]
	if p == nil || a == nil {
		t.Fatalf("per plover: %+v", r.PerPlover)
	}
	if p.Dyad.Gold != 2 || p.Dyad.CorrectGold != 1 || p.Dyad.Predicted != 0 || p.Dyad.CorrectPredicted != 0 || p.Dyad.Recall != 50 || p.Dyad.Precision != 0 {
		t.Errorf("PROTEST dyad: %+v", p.Dyad)
	}
	if a.Dyad.Gold != 0 || a.Dyad.Predicted != 1 || a.Dyad.CorrectPredicted != 1 || a.Dyad.CorrectGold != 0 || a.Dyad.Precision != 100 || a.Dyad.Recall != 0 {
		t.Errorf("ACCUSE dyad: %+v", a.Dyad)
	}
	if p.Event.CorrectGold != 0 || a.Event.CorrectPredicted != 0 {
		t.Errorf("event level should not match across types: PROTEST %+v ACCUSE %+v", p.Event, a.Event)
	}
	for k, l := range r.PerPlover {
		for _, x := range []TypePRF{l.Event, l.Dyad, l.Full} {
			if x.Precision > 100 || x.Recall > 100 || x.CorrectPredicted > x.Predicted || x.CorrectGold > x.Gold {
				t.Errorf("%s: impossible figures %+v", k, x)
			}
		}
	}
}
