package main

import (
	"io"
	"strings"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/schema"
)

// writeGDELT prints the events of each analysis as rows of the GDELT 2.0
// Events table (61 tab-separated columns), the same layout as
// `detente export --format gdelt`. GLOBALEVENTID numbers the events of this
// run from 1; each event counts as one mention in one article; IsRootEvent
// marks events of the lead sentence; DATEADDED is the publication date;
// an event dated only to a month or year gets the publication date.
// Negated events are left out.
func writeGDELT(w io.Writer, rs []detente.Analysis) error {
	var id int64
	var buf []string
	for i := range rs {
		a := &rs[i]
		added, _ := time.Parse(time.DateOnly, a.Article.Published)
		for _, e := range a.Events {
			if e.Negated {
				continue
			}
			id++
			date := e.Date
			if len(date) != len(time.DateOnly) {
				// GDELT dates are days: a month or year ("in September")
				// falls back to the publication date, as GDELT itself does.
				date = a.Article.Published
			}
			se := schema.StoredEvent{ID: id, Date: date, Source: storedActor(&e.Source),
				Cameo: e.Cameo, Base: e.Cameo[:min(3, len(e.Cameo))], Root: e.Root, QuadClass: e.QuadClass,
				Goldstein: e.Goldstein, Plover: e.Plover.Event, IsRoot: e.Sentence == 0,
				NumMentions: 1, NumSources: 1, NumArticles: 1, AvgTone: a.Tone.Tone,
				Location: e.Location, SourceURL: a.Article.URL, Added: added}
			if e.Target != nil {
				se.Target = storedActor(e.Target)
			}
			buf = gdeltFields(buf[:0], se)
			if _, err := io.WriteString(w, strings.Join(buf, "\t")+"\n"); err != nil {
				return err
			}
		}
	}
	return nil
}

func storedActor(a *detente.Actor) schema.StoredActor {
	name := a.Name
	if name == "" {
		name = a.Text
	}
	return schema.StoredActor{Code: a.Code, Name: name, Country: a.Country, Sectors: a.Sectors}
}
