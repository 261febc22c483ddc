// Package schema defines Détente's domain types: the Article that goes in and
// the Analysis that comes out. It is a leaf package that every stage may
// import; the root package detente re-exports these types as aliases.
//
// Offsets are byte offsets into Article.Text, half-open [Start, End).
// JSON field names follow ../shared/DESIGN.md (lower snake case).
package schema

// Article is one news document.
type Article struct {
	ID        string `json:"id"`        // sha256 (hex) of the normalised text and URL
	URL       string `json:"url"`       // where it came from, if known
	Title     string `json:"title"`     // headline, if known
	Published string `json:"published"` // publication date, YYYY-MM-DD
	Source    string `json:"source"`    // publisher or feed name, if known
	Language  string `json:"language"`  // ISO 639-1 code
	Text      string `json:"-"`         // the normalised body text that offsets point into
}

// Entity is a named entity grouped over its mentions in an article.
type Entity struct {
	Text     string `json:"text"`            // first mention as written
	Type     string `json:"type"`            // PER, ORG, LOC, GPE, MISC
	Start    int    `json:"start"`           // first mention's span
	End      int    `json:"end"`             //
	Name     string `json:"name"`            // canonical (longest) name
	Actor    string `json:"actor,omitempty"` // resolved CAMEO actor code, if any
	Mentions int    `json:"mentions"`        // number of mentions in the article
}

// Actor is one side of an event: the words that named it and what they resolved to.
type Actor struct {
	Text    string   `json:"text"`
	Code    string   `json:"code"`              // CAMEO actor code, e.g. USAGOV
	Country string   `json:"country,omitempty"` // ISO alpha-3 or CAMEO region/IGO code
	Sectors []string `json:"sectors,omitempty"` // role codes, e.g. GOV, MIL
	Name    string   `json:"name,omitempty"`    // canonical name of a known person or group
	Start   int      `json:"start"`
	End     int      `json:"end"`
}

// Span is a stretch of the article text.
type Span struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Plover is an event's PLOVER coding.
type Plover struct {
	Event   string   `json:"event"`
	Mode    string   `json:"mode"`
	Context []string `json:"context"`
}

// Location is a resolved place.
type Location struct {
	Name      string  `json:"name"`
	Country   string  `json:"country"` // ISO alpha-3
	Lat       float64 `json:"lat"`
	Lon       float64 `json:"lon"`
	GeonameID int     `json:"geonameid,omitempty"`
}

// Modality values of Event.Modality.
const (
	Asserted     = "asserted"
	Negated      = "negated"
	Intended     = "intended"
	Reported     = "reported"
	Hypothetical = "hypothetical"
)

// Event is one coded event with the evidence that produced it.
type Event struct {
	ID        string    `json:"id"`
	Sentence  int       `json:"sentence"`
	Source    Actor     `json:"source"`
	Target    *Actor    `json:"target"`
	Cameo     string    `json:"cameo"`
	Root      string    `json:"root"`
	QuadClass int       `json:"quadclass"`
	Goldstein float64   `json:"goldstein"`
	Plover    Plover    `json:"plover"`
	Trigger   Span      `json:"trigger"`
	Date      string    `json:"date"`
	DateText  string    `json:"date_text"`
	Location  *Location `json:"location"`
	Negated   bool      `json:"negated"`
	Modality  string    `json:"modality"`
	Rule      string    `json:"rule"`
}

// Speaker is who said a quote.
type Speaker struct {
	Text  string `json:"text"`
	Name  string `json:"name"`
	Actor string `json:"actor,omitempty"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Quote is a direct or indirect quotation with its speaker.
type Quote struct {
	Text    string   `json:"text"`
	Start   int      `json:"start"`
	End     int      `json:"end"`
	Direct  bool     `json:"direct"`
	Cue     string   `json:"cue"`
	Speaker *Speaker `json:"speaker"`
}

// DateMention is a date expression resolved against the publication date.
type DateMention struct {
	Text  string `json:"text"`
	Value string `json:"value"` // YYYY-MM-DD, or YYYY-MM / YYYY for coarser expressions
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Place is a place mention resolved through the gazetteer.
type Place struct {
	Text      string  `json:"text"`
	Name      string  `json:"name"`
	Country   string  `json:"country"`
	Lat       float64 `json:"lat"`
	Lon       float64 `json:"lon"`
	GeonameID int     `json:"geonameid,omitempty"`
	Start     int     `json:"start"`
	End       int     `json:"end"`
}

// Tone follows GDELT's definition: percentages of positive and negative words.
type Tone struct {
	Tone     float64 `json:"tone"`     // positive − negative
	Positive float64 `json:"positive"` // % of words that are positive
	Negative float64 `json:"negative"` // % of words that are negative
	Polarity float64 `json:"polarity"` // positive + negative
	Words    int     `json:"words"`    // words counted
}

// Analysis is everything Détente extracts from one article.
type Analysis struct {
	Article  Article       `json:"article"`
	Entities []Entity      `json:"entities"`
	Events   []Event       `json:"events"`
	Quotes   []Quote       `json:"quotes"`
	Dates    []DateMention `json:"dates"`
	Places   []Place       `json:"places"`
	Tone     Tone          `json:"tone"`
	Summary  []string      `json:"summary"`
}
