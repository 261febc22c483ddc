package schema

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// Store is a persistent corpus of analysed articles: the articles, the
// distinct events they report (deduplicated across articles), every mention
// of an event, entities, quotes and the documents that failed.
//
// Implementations must be safe for concurrent use; Write calls are
// serialised by the implementation. The duckdb package implements Store.
type Store interface {
	// Seen reports, for each article id, whether that article is already stored.
	Seen(ctx context.Context, ids []string) ([]bool, error)
	// Write stores a batch in one transaction: either all of it is kept or
	// none. Articles already stored are skipped, so writing the same batch
	// twice adds nothing.
	Write(ctx context.Context, b Batch) (WriteStats, error)
	// Counts returns the number of rows in each table.
	Counts(ctx context.Context) (Counts, error)
	// Failures lists failed documents, oldest first; limit ≤ 0 means all.
	Failures(ctx context.Context, limit int) ([]Failure, error)
	// Dyad aggregates the events between two actors, both directions, per period.
	Dyad(ctx context.Context, q DyadQuery) ([]DyadRow, error)
	// Top ranks actors, dyads or event codes by number of events.
	Top(ctx context.Context, q TopQuery) ([]TopRow, error)
	// Events calls fn for each stored event in the range, ordered by id.
	Events(ctx context.Context, r DateRange, fn func(StoredEvent) error) error
	// FeedState returns the conditional-GET state saved for a feed URL.
	FeedState(ctx context.Context, url string) (FeedState, error)
	// SetFeedState saves the conditional-GET state of a feed URL.
	SetFeedState(ctx context.Context, s FeedState) error
	// Close releases the store.
	Close() error
}

// Batch is what one Store.Write stores.
type Batch struct {
	Analyses []Analysis
	Refs     []string // where each analysis came from (file, line, record); parallel to Analyses, may be nil
	Failures []Failure
}

// Failure is a document that could not be ingested, with the reason.
type Failure struct {
	Ref    string    `json:"ref"`    // file path, path:line, path@offset or URL
	Reason string    `json:"reason"` // why it failed
	At     time.Time `json:"at"`     // when it was recorded
}

// WriteStats counts what one Store.Write added.
type WriteStats struct {
	Articles   int // new articles
	Duplicates int // articles skipped because already stored
	Events     int // new distinct events
	Mentions   int // new event mentions (one per reporting sentence)
	Failures   int // new failure records
	Entities   int
	Quotes     int
}

// Counts is the number of rows in each table of a store.
type Counts struct {
	Articles int64 `json:"articles"`
	Events   int64 `json:"events"`
	Mentions int64 `json:"mentions"`
	Entities int64 `json:"entities"`
	Quotes   int64 `json:"quotes"`
	Failures int64 `json:"failures"`
}

// DateRange bounds queries by event date, inclusive; empty means unbounded.
// Dates are YYYY-MM-DD.
type DateRange struct {
	From string
	To   string
}

// Periods for DyadQuery.By.
const (
	ByDay   = "day"
	ByWeek  = "week" // weeks start on Monday
	ByMonth = "month"
)

// DyadQuery selects the events between actors A and B in both directions.
// An actor matches an event side by its country code (USA) or its full
// CAMEO code (USAGOV).
type DyadQuery struct {
	A, B string
	By   string // ByDay, ByWeek or ByMonth
	DateRange
}

// DyadRow aggregates the events of one direction of a dyad in one period.
type DyadRow struct {
	Period        string   `json:"period"` // first day of the period, YYYY-MM-DD
	Source        string   `json:"source"`
	Target        string   `json:"target"`
	Events        int64    `json:"events"`
	Mentions      int64    `json:"mentions"`
	Quad          [4]int64 `json:"quadclass"` // events per QuadClass 1..4
	GoldsteinSum  float64  `json:"goldstein_sum"`
	GoldsteinMean float64  `json:"goldstein_mean"`
	Tone          float64  `json:"tone"` // mean of the events' average tone
}

// Kinds for TopQuery.Kind.
const (
	TopActors = "actors"
	TopDyads  = "dyads"
	TopEvents = "events"
)

// TopQuery ranks actors, directed dyads (source > target) or CAMEO event
// codes by number of distinct events. Actors and dyads use full CAMEO actor
// codes (USAGOV), or country codes (USA) when Country is set.
type TopQuery struct {
	Kind    string // TopActors, TopDyads or TopEvents
	N       int    // how many rows; ≤ 0 means 20
	Country bool   // rank actors and dyads by country code rather than full code
	DateRange
}

// TopRow is one ranked key with its event figures.
type TopRow struct {
	Key           string  `json:"key"`            // actor code, "SRC>TGT" or CAMEO code
	Name          string  `json:"name,omitempty"` // most frequent actor name, if any
	Events        int64   `json:"events"`
	Mentions      int64   `json:"mentions"`
	GoldsteinMean float64 `json:"goldstein_mean"`
	Tone          float64 `json:"tone"`
}

// StoredActor is one side of a stored event.
type StoredActor struct {
	Code    string   `json:"code"`
	Name    string   `json:"name,omitempty"`
	Country string   `json:"country,omitempty"`
	Sectors []string `json:"sectors,omitempty"`
}

// StoredEvent is one distinct event after deduplication, with GDELT's
// coverage figures.
type StoredEvent struct {
	ID          int64       `json:"id"`
	Date        string      `json:"date"` // YYYY-MM-DD, empty when unknown
	Source      StoredActor `json:"source"`
	Target      StoredActor `json:"target"`
	Cameo       string      `json:"cameo"`
	Base        string      `json:"base"`
	Root        string      `json:"root"`
	QuadClass   int         `json:"quadclass"`
	Goldstein   float64     `json:"goldstein"`
	Plover      string      `json:"plover,omitempty"`
	IsRoot      bool        `json:"is_root"`
	NumMentions int         `json:"num_mentions"`
	NumSources  int         `json:"num_sources"`
	NumArticles int         `json:"num_articles"`
	AvgTone     float64     `json:"avg_tone"`
	Location    *Location   `json:"location,omitempty"`
	SourceURL   string      `json:"source_url,omitempty"` // URL of the first article that reported it
	Added       time.Time   `json:"added"`
}

// FeedState is what a conditional GET of a feed needs from the last fetch.
type FeedState struct {
	URL          string
	ETag         string
	LastModified string
	Fetched      time.Time
}

// ArticleID is the id of an article: the hex SHA-256 of its normalised
// text, followed by a newline and the URL when there is one. Ingesting the
// same text from the same URL twice therefore yields the same id.
func ArticleID(text, url string) string {
	h := sha256.New()
	h.Write([]byte(text))
	if url != "" {
		h.Write([]byte{'\n'})
		h.Write([]byte(url))
	}
	return hex.EncodeToString(h.Sum(nil))
}
