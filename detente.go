// Package detente turns news into political event data: who did what to whom
// (CAMEO and PLOVER coded events with Goldstein scores), when, where, who said
// what, the people, organisations and places named, and the tone.
//
// The domain types are defined in a leaf package shared by every stage and
// re-exported here, so callers need only this package.
package detente

import "github.com/detente-project/detente/internal/schema"

// Domain types; see internal/schema for their fields.
type (
	Article     = schema.Article
	Analysis    = schema.Analysis
	Entity      = schema.Entity
	Event       = schema.Event
	Actor       = schema.Actor
	Span        = schema.Span
	Plover      = schema.Plover
	Location    = schema.Location
	Quote       = schema.Quote
	Speaker     = schema.Speaker
	DateMention = schema.DateMention
	Place       = schema.Place
	Tone        = schema.Tone
)
