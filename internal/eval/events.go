package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/detente-project/detente/internal/schema"
)

// GoldEvent is one gold event of an events JSONL record (DESIGN.md).
type GoldEvent struct {
	Source string `json:"source"`
	Target string `json:"target"`
	Cameo  string `json:"cameo"`
	Plover string `json:"plover"`
}

// EventRecord is one line of an events gold file.
type EventRecord struct {
	ID     string      `json:"id"`
	Date   string      `json:"date"`
	Text   string      `json:"text"`
	Events []GoldEvent `json:"events"`
}

// ReadEventGold reads an events gold file: one JSON record a line; blank
// lines are skipped. A malformed line is an error naming the line.
func ReadEventGold(r io.Reader) ([]EventRecord, error) {
	var out []EventRecord
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 16<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var rec EventRecord
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			return nil, fmt.Errorf("events gold line %d: %w", n, err)
		}
		out = append(out, rec)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading events gold: %w", err)
	}
	return out, nil
}

// PredEvent is a predicted event reduced to what the scorer compares.
type PredEvent struct {
	Source  string `json:"source"` // actor code
	Target  string `json:"target"` // actor code, "" for none
	Cameo   string `json:"cameo"`
	Plover  string `json:"plover"` // "" when PLOVER drops the code
	Negated bool   `json:"negated,omitempty"`
}

// PredFromEvents reduces coded events for scoring.
func PredFromEvents(evs []schema.Event) []PredEvent {
	out := make([]PredEvent, 0, len(evs))
	for _, e := range evs {
		p := PredEvent{Source: e.Source.Code, Cameo: e.Cameo, Plover: e.Plover.Event, Negated: e.Negated}
		if e.Target != nil {
			p.Target = e.Target.Code
		}
		out = append(out, p)
	}
	return out
}

// EventLevels holds P/R/F1 at the three levels.
type EventLevels struct {
	Event PRF `json:"event"`
	Dyad  PRF `json:"dyad"`
	Full  PRF `json:"full"`
}

// TypePRF is one PLOVER type's score at one level. A match between a gold
// event and a prediction of different types (possible at the dyad level)
// is a recall hit for the gold event's type and a precision hit for the
// prediction's type, so the two have separate correct counts.
type TypePRF struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Gold      int     `json:"gold"`
	Predicted int     `json:"predicted"`
	// CorrectGold counts this type's gold events that were matched.
	CorrectGold int `json:"correct_gold"`
	// CorrectPredicted counts this type's predictions that were matched.
	CorrectPredicted int `json:"correct_predicted"`
}

func (p *TypePRF) finish() {
	p.Precision, p.Recall, p.F1 = 0, 0, 0
	var pr, rc float64
	if p.Predicted > 0 {
		pr = float64(p.CorrectPredicted) / float64(p.Predicted)
		p.Precision = round2(100 * pr)
	}
	if p.Gold > 0 {
		rc = float64(p.CorrectGold) / float64(p.Gold)
		p.Recall = round2(100 * rc)
	}
	if pr+rc > 0 {
		p.F1 = round2(100 * 2 * pr * rc / (pr + rc))
	}
}

// TypeLevels holds one PLOVER type's scores at the three levels.
type TypeLevels struct {
	Event TypePRF `json:"event"`
	Dyad  TypePRF `json:"dyad"`
	Full  TypePRF `json:"full"`
}

// EventsResult is the output of `detente eval events`.
type EventsResult struct {
	Records int `json:"records"`
	EventLevels
	// PerPlover splits the three levels by PLOVER type (CAMEO root for
	// CAMEO gold): a match counts toward the gold event's type for recall
	// and toward the predicted event's type for precision, which differ when
	// a dyad match pairs events of different types.
	PerPlover map[string]*TypeLevels `json:"per_plover"`
	// Uncounted predictions: negated ones, and ones whose CAMEO code PLOVER
	// drops (statements) in records whose gold has no CAMEO codes, since
	// that gold cannot express them.
	UncountedNegated int             `json:"uncounted_negated"`
	UncountedDropped int             `json:"uncounted_dropped"`
	Errors           int             `json:"errors,omitempty"`
	PerRecord        []RecordOutcome `json:"per_record,omitempty"`
}

// RecordOutcome is one record's scoring, for --verbose output.
type RecordOutcome struct {
	ID    string      `json:"id"`
	Text  string      `json:"text,omitempty"`
	Gold  []GoldEvent `json:"gold"`
	Pred  []PredEvent `json:"pred"`
	Event [3]int      `json:"event"` // correct, gold, predicted
	Dyad  [3]int      `json:"dyad"`
	Full  [3]int      `json:"full"`
	Error string      `json:"error,omitempty"`
}

// EventScorer accumulates scores over records. The zero value is not
// usable; call NewEventScorer.
type EventScorer struct {
	res     EventsResult
	verbose bool
}

// NewEventScorer returns a scorer; verbose keeps per-record outcomes.
func NewEventScorer(verbose bool) *EventScorer {
	return &EventScorer{res: EventsResult{PerPlover: map[string]*TypeLevels{}}, verbose: verbose}
}

// country returns the country part of an actor code: its first 3 letters.
func country(code string) string {
	if len(code) > 3 {
		return code[:3]
	}
	return code
}

// class reports whether a prediction has the gold event's class: the CAMEO
// root when the gold has a CAMEO code, else the PLOVER type; a gold event
// with neither matches any class.
func classMatch(g GoldEvent, p PredEvent) bool {
	if g.Cameo != "" {
		return len(p.Cameo) >= 2 && len(g.Cameo) >= 2 && p.Cameo[:2] == g.Cameo[:2]
	}
	if g.Plover != "" {
		return strings.EqualFold(g.Plover, p.Plover)
	}
	return true
}

// dyadMatch compares source and target countries; an empty gold target
// matches any predicted target.
func dyadMatch(g GoldEvent, p PredEvent) bool {
	if country(g.Source) != country(p.Source) {
		return false
	}
	return g.Target == "" || country(g.Target) == country(p.Target)
}

// Add scores one record's predictions against its gold events and returns
// the outcome. errMsg, when not empty, records a pipeline failure (the
// record's gold events then all count as missed).
func (s *EventScorer) Add(rec EventRecord, pred []PredEvent, errMsg string) RecordOutcome {
	s.res.Records++
	if errMsg != "" {
		s.res.Errors++
	}
	hasCameo := false
	for _, g := range rec.Events {
		if g.Cameo != "" {
			hasCameo = true
		}
	}
	counted := make([]PredEvent, 0, len(pred))
	for _, p := range pred {
		switch {
		case p.Negated:
			s.res.UncountedNegated++
		case !hasCameo && p.Plover == "":
			s.res.UncountedDropped++
		default:
			counted = append(counted, p)
		}
	}
	out := RecordOutcome{ID: rec.ID, Gold: rec.Events, Pred: counted, Error: errMsg}
	if s.verbose {
		out.Text = rec.Text
	}
	level := func(prf *PRF, per func(*TypeLevels) *TypePRF, ok func(GoldEvent, PredEvent) bool) [3]int {
		gm, pm := maxMatch(rec.Events, counted, ok)
		correct := 0
		for gi, g := range rec.Events {
			t := per(s.plover(goldType(g)))
			t.Gold++
			if gm[gi] >= 0 {
				correct++
				t.CorrectGold++
			}
		}
		for pi, p := range counted {
			t := per(s.plover(predType(p, hasCameo)))
			t.Predicted++
			if pm[pi] >= 0 {
				t.CorrectPredicted++
			}
		}
		prf.Gold += len(rec.Events)
		prf.Predicted += len(counted)
		prf.Correct += correct
		return [3]int{correct, len(rec.Events), len(counted)}
	}
	out.Event = level(&s.res.Event, func(l *TypeLevels) *TypePRF { return &l.Event }, classMatch)
	out.Dyad = level(&s.res.Dyad, func(l *TypeLevels) *TypePRF { return &l.Dyad }, dyadMatch)
	out.Full = level(&s.res.Full, func(l *TypeLevels) *TypePRF { return &l.Full }, func(g GoldEvent, p PredEvent) bool {
		return classMatch(g, p) && dyadMatch(g, p)
	})
	if s.verbose {
		s.res.PerRecord = append(s.res.PerRecord, out)
	}
	return out
}

func goldType(g GoldEvent) string {
	if g.Plover != "" {
		return strings.ToUpper(g.Plover)
	}
	return "CAMEO:" + root2(g.Cameo)
}

func predType(p PredEvent, byCameo bool) string {
	if p.Plover != "" && !byCameo {
		return strings.ToUpper(p.Plover)
	}
	if byCameo {
		return "CAMEO:" + root2(p.Cameo)
	}
	return "(none)"
}

func root2(c string) string {
	if len(c) >= 2 {
		return c[:2]
	}
	return c
}

func (s *EventScorer) plover(t string) *TypeLevels {
	l, ok := s.res.PerPlover[t]
	if !ok {
		l = &TypeLevels{}
		s.res.PerPlover[t] = l
	}
	return l
}

// Result returns the micro-averaged scores so far.
func (s *EventScorer) Result() EventsResult {
	r := s.res
	r.Event.finish()
	r.Dyad.finish()
	r.Full.finish()
	per := make(map[string]*TypeLevels, len(r.PerPlover))
	for k, v := range r.PerPlover {
		c := *v
		c.Event.finish()
		c.Dyad.finish()
		c.Full.finish()
		per[k] = &c
	}
	r.PerPlover = per
	return r
}

// maxMatch finds a maximum one-to-one matching between gold and predicted
// events under ok (Kuhn's augmenting paths; records hold a handful of
// events). It returns, for each gold event, the matched prediction or -1,
// and for each prediction the matched gold event or -1. Ties are broken by
// order, so the result is deterministic.
func maxMatch(gold []GoldEvent, pred []PredEvent, ok func(GoldEvent, PredEvent) bool) (gm, pm []int) {
	gm = make([]int, len(gold))
	pm = make([]int, len(pred))
	for i := range gm {
		gm[i] = -1
	}
	for i := range pm {
		pm[i] = -1
	}
	var try func(g int, seen []bool) bool
	try = func(g int, seen []bool) bool {
		for p := range pred {
			if seen[p] || !ok(gold[g], pred[p]) {
				continue
			}
			seen[p] = true
			if pm[p] < 0 || try(pm[p], seen) {
				pm[p], gm[g] = g, p
				return true
			}
		}
		return false
	}
	seen := make([]bool, len(pred))
	for g := range gold {
		for i := range seen {
			seen[i] = false
		}
		try(g, seen)
	}
	return gm, pm
}

// PloverTypes returns the keys of PerPlover in sorted order.
func (r *EventsResult) PloverTypes() []string {
	keys := make([]string, 0, len(r.PerPlover))
	for k := range r.PerPlover {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
