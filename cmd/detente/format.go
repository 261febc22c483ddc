package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/kb"
)

// outputFormat returns the writer for a --format name.
func outputFormat(name string) (func(io.Writer, []detente.Analysis) error, error) {
	switch name {
	case "json":
		return writeJSON, nil
	case "jsonl":
		return writeJSONL, nil
	case "table":
		return writeTable, nil
	case "plover":
		return writePlover, nil
	case "gdelt":
		return writeGDELT, nil
	}
	return nil, fmt.Errorf("unknown format %q (want json, jsonl, table, gdelt or plover)", name)
}

// writeTable prints a readable terminal view of each analysis.
func writeTable(w io.Writer, rs []detente.Analysis) error {
	for i := range rs {
		a := &rs[i]
		title := a.Article.Title
		if title == "" {
			title = a.Article.ID[:min(12, len(a.Article.ID))]
		}
		fmt.Fprintf(w, "== %s  (published %s)\n\n", title, orDash(a.Article.Published))
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "EVENTS\tSOURCE\tCAMEO\tTARGET\tDATE\tPLACE\tMODALITY\tTRIGGER")
		for _, e := range a.Events {
			target, place := "-", "-"
			if e.Target != nil {
				target = actorCell(*e.Target)
			}
			if e.Location != nil {
				place = e.Location.Name + " " + e.Location.Country
			}
			mod := e.Modality
			if e.Negated {
				mod = "negated"
			}
			fmt.Fprintf(tw, "s%d\t%s\t%s %s (%s, %+.1f)\t%s\t%s\t%s\t%s\t%q\n", e.Sentence, actorCell(e.Source),
				e.Cameo, e.Plover.Event, eventName(e.Cameo), e.Goldstein, target, orDash(e.Date), place, mod, e.Trigger.Text)
		}
		tw.Flush()
		fmt.Fprintln(w)
		if len(a.Quotes) > 0 {
			fmt.Fprintln(w, "QUOTES")
			for _, q := range a.Quotes {
				who := "?"
				if q.Speaker != nil {
					who = q.Speaker.Name
					if q.Speaker.Actor != "" {
						who += " [" + q.Speaker.Actor + "]"
					}
				}
				fmt.Fprintf(w, "  %s (%s): %q\n", who, q.Cue, clip(q.Text, 100))
			}
			fmt.Fprintln(w)
		}
		if len(a.Entities) > 0 {
			fmt.Fprint(w, "ENTITIES\n  ")
			for j, e := range a.Entities {
				if j > 0 {
					fmt.Fprint(w, "; ")
				}
				fmt.Fprintf(w, "%s %s×%d", e.Name, e.Type, e.Mentions)
				if e.Actor != "" {
					fmt.Fprintf(w, " [%s]", e.Actor)
				}
			}
			fmt.Fprint(w, "\n\n")
		}
		if len(a.Dates) > 0 {
			fmt.Fprint(w, "DATES\n  ")
			for j, d := range a.Dates {
				if j > 0 {
					fmt.Fprint(w, "; ")
				}
				fmt.Fprintf(w, "%q=%s", d.Text, d.Value)
			}
			fmt.Fprint(w, "\n\n")
		}
		if len(a.Places) > 0 {
			fmt.Fprint(w, "PLACES\n  ")
			for j, p := range a.Places {
				if j > 0 {
					fmt.Fprint(w, "; ")
				}
				fmt.Fprintf(w, "%s (%s %.2f,%.2f)", p.Text, p.Country, p.Lat, p.Lon)
			}
			fmt.Fprint(w, "\n\n")
		}
		t := a.Tone
		fmt.Fprintf(w, "TONE  %.2f (positive %.2f%%, negative %.2f%%, %d words)\n\n", t.Tone, t.Positive, t.Negative, t.Words)
		if len(a.Summary) > 0 {
			fmt.Fprintln(w, "SUMMARY")
			for _, s := range a.Summary {
				fmt.Fprintf(w, "  - %s\n", clip(s, 160))
			}
			fmt.Fprintln(w)
		}
	}
	return nil
}

func actorCell(a detente.Actor) string {
	s := a.Code
	if s == "" {
		s = "?"
	}
	name := a.Name
	if name == "" {
		name = a.Text
	}
	return s + " " + clip(name, 30)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// ploverEvent is one event in PLOVER's JSON form.
type ploverEvent struct {
	ID        string         `json:"id"`
	Date      string         `json:"event_date"`
	Event     string         `json:"event_type"`
	Mode      string         `json:"event_mode"`
	Context   []string       `json:"event_context"`
	Source    ploverActor    `json:"source"`
	Target    *ploverActor   `json:"target"`
	Location  *ploverPlace   `json:"location"`
	ArticleID string         `json:"story_id"`
	Sentence  int            `json:"sentence"`
	Modality  string         `json:"modality"`
	Cameo     string         `json:"cameo"`
	Evidence  ploverEvidence `json:"evidence"`
}

type ploverActor struct {
	Text    string   `json:"text"`
	Name    string   `json:"name,omitempty"`
	Country string   `json:"country"`
	Sectors []string `json:"sectors"`
}

type ploverPlace struct {
	Name      string  `json:"placename"`
	Country   string  `json:"country"`
	Lat       float64 `json:"lat"`
	Lon       float64 `json:"lon"`
	GeonameID int     `json:"geonameid,omitempty"`
}

type ploverEvidence struct {
	Trigger string `json:"trigger"`
	Rule    string `json:"rule"`
}

// writePlover prints one PLOVER JSON event a line; events that PLOVER
// drops (no PLOVER type) and negated events are left out.
func writePlover(w io.Writer, rs []detente.Analysis) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i := range rs {
		a := &rs[i]
		for _, e := range a.Events {
			if e.Plover.Event == "" || e.Negated {
				continue
			}
			pe := ploverEvent{ID: e.ID, Date: e.Date, Event: e.Plover.Event, Mode: e.Plover.Mode,
				Context: e.Plover.Context, Source: toPloverActor(e.Source), ArticleID: a.Article.ID,
				Sentence: e.Sentence, Modality: e.Modality, Cameo: e.Cameo,
				Evidence: ploverEvidence{Trigger: e.Trigger.Text, Rule: e.Rule}}
			if pe.Context == nil {
				pe.Context = []string{}
			}
			if e.Target != nil {
				t := toPloverActor(*e.Target)
				pe.Target = &t
			}
			if l := e.Location; l != nil {
				pe.Location = &ploverPlace{Name: l.Name, Country: l.Country, Lat: l.Lat, Lon: l.Lon, GeonameID: l.GeonameID}
			}
			if err := enc.Encode(pe); err != nil {
				return err
			}
		}
	}
	return nil
}

func toPloverActor(a detente.Actor) ploverActor {
	s := a.Sectors
	if s == nil {
		s = []string{}
	}
	return ploverActor{Text: a.Text, Name: a.Name, Country: a.Country, Sectors: s}
}

// eventName is the CAMEO name of an event code.
func eventName(code string) string {
	if e, ok := kb.Event(code); ok {
		return e.Name
	}
	return "?"
}
