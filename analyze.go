package detente

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/detente-project/detente/internal/analyze"
	"github.com/detente-project/detente/internal/coder"
	"github.com/detente-project/detente/internal/kb"
	"github.com/detente-project/detente/internal/ner"
	"github.com/detente-project/detente/internal/nlp"
	"github.com/detente-project/detente/internal/schema"
	"github.com/detente-project/detente/internal/text"
	"github.com/detente-project/detente/internal/textnorm"
)

// MaxTextBytes bounds the text of one article. Longer input is refused with
// ErrTooLarge rather than analysed in unbounded time and memory.
const MaxTextBytes = 5 << 20

// SummarySentences is the number of sentences Analyze puts in a summary.
const SummarySentences = 3

// Errors returned by Analyze.
var (
	ErrEmpty    = errors.New("detente: empty text")
	ErrTooLarge = fmt.Errorf("detente: text over %d bytes", MaxTextBytes)
	ErrBadDate  = errors.New("detente: publication date is not YYYY-MM-DD")
)

// Analyzer turns articles into analyses. It holds the loaded models and
// knowledge base, is immutable, and is safe for concurrent use.
type Analyzer struct {
	pipe  *nlp.Pipeline
	kb    *kb.KB
	coder *coder.Coder
	docs  sync.Pool // *text.Doc scratch, reused across articles
}

// Options configure an Analyzer.
type Options struct {
	// Dicts are TABARI or PETRARCH actor and agent dictionaries, loaded from
	// a user's path (kb.LoadActorDict, kb.LoadAgentDict), layered over the
	// embedded knowledge base.
	Dicts []*kb.Dict
}

// New returns an Analyzer over the embedded models and knowledge base.
func New(opts Options) (*Analyzer, error) {
	pipe, err := nlp.Default()
	if err != nil {
		return nil, err
	}
	k, err := kb.Default()
	if err != nil {
		return nil, fmt.Errorf("loading knowledge base: %w", err)
	}
	if len(opts.Dicts) > 0 {
		k = k.Extend(opts.Dicts...)
	}
	lex, err := coder.DefaultLexicon()
	if err != nil {
		return nil, fmt.Errorf("loading verb lexicon: %w", err)
	}
	a := &Analyzer{pipe: pipe, kb: k,
		coder: coder.New(lex, coder.KBActors{KB: k}, coder.KBOntology{KB: k})}
	a.docs.New = func() any { return new(text.Doc) }
	return a, nil
}

var (
	defaultOnce     sync.Once
	defaultAnalyzer *Analyzer
	defaultErr      error
)

// Default returns the shared Analyzer over the embedded data, created on the
// first call.
func Default() (*Analyzer, error) {
	defaultOnce.Do(func() { defaultAnalyzer, defaultErr = New(Options{}) })
	return defaultAnalyzer, defaultErr
}

// Analyze analyses one article with the default Analyzer.
func Analyze(ctx context.Context, a Article) (Analysis, error) {
	an, err := Default()
	if err != nil {
		return Analysis{}, err
	}
	return an.Analyze(ctx, a)
}

// Analyze normalises the article's text (see textnorm.Normalize; offsets in
// the result point into the normalised text, returned as
// Analysis.Article.Text), fills its id when empty, and extracts entities,
// events, quotes, dates, places, tone and a summary. Published, when set,
// must be YYYY-MM-DD; relative dates resolve against it.
func (an *Analyzer) Analyze(ctx context.Context, a Article) (Analysis, error) {
	if err := ctx.Err(); err != nil {
		return Analysis{}, err
	}
	if len(a.Text) > MaxTextBytes {
		return Analysis{}, ErrTooLarge
	}
	a.Text = textnorm.Normalize(a.Text)
	if a.Text == "" {
		return Analysis{}, ErrEmpty
	}
	if a.ID == "" {
		a.ID = textnorm.ArticleID(a.Text, a.URL)
	}
	if a.Language == "" {
		a.Language = "en"
	}
	var pub time.Time
	if a.Published != "" {
		t, err := time.Parse(time.DateOnly, a.Published)
		if err != nil {
			return Analysis{}, fmt.Errorf("%w: %q", ErrBadDate, a.Published)
		}
		pub = t
	}

	doc := an.docs.Get().(*text.Doc)
	defer an.docs.Put(doc)
	an.pipe.Process(doc, a.Text)

	out := Analysis{Article: a}
	out.Entities = an.entities(doc, pub)
	out.Events = an.coder.Code(doc, pub)
	if err := ctx.Err(); err != nil {
		return Analysis{}, err
	}
	usGeorgia := georgiaIsTheState(&out)
	if usGeorgia {
		recodeGeorgia(&out)
	}
	out.Dates = analyze.Dates(doc, pub)
	out.Places = analyze.Places(doc, gazetteer{an.kb}, articleCountries(out.Entities, out.Events))
	for i := range out.Events {
		ev := &out.Events[i]
		// The coder numbers events within the article (e<sentence>.<n>);
		// prefixing the article id makes the id unique across a corpus.
		ev.ID = a.ID[:min(16, len(a.ID))] + "-" + ev.ID
		an.placeInTime(doc, &out, ev)
	}
	out.Quotes = analyze.Quotes(doc, actorResolver{an.kb, pub})
	if usGeorgia {
		recodeGeorgia(&out) // the speakers
	}
	out.Tone = analyze.Tone(doc)
	for _, s := range analyze.Summary(doc, out.Events, out.Entities, SummarySentences) {
		out.Summary = append(out.Summary, s.Text)
	}
	nonNil(&out)
	return out, nil
}

// placeInTime gives an event the date and location of its own sentence.
func (an *Analyzer) placeInTime(doc *text.Doc, out *Analysis, ev *Event) {
	if ev.Sentence < 0 || ev.Sentence >= len(doc.Sentences) {
		return
	}
	start, end := doc.SentenceSpan(ev.Sentence)
	ev.Date, ev.DateText = analyze.GoverningDate(out.Dates, int(start), int(end), ev.Trigger.Start, out.Article.Published)
	ev.Location = analyze.EventLocation(doc.Text, out.Places, int(start), int(end), ev.Trigger.Start)
}

// entities groups the recognised names and resolves each to an actor code
// where the knowledge base knows it and the code suits the entity's type
// (kb.FitsEntity).
func (an *Analyzer) entities(doc *text.Doc, date time.Time) []schema.Entity {
	ents := ner.Group(doc, ner.Entities(doc))
	for i := range ents {
		r, ok := an.kb.Resolve(ents[i].Name, date)
		if ok && an.kb.FitsEntity(ents[i].Type, ents[i].Name, r) {
			ents[i].Actor = r.Code
		}
	}
	return ents
}

// georgiaIsTheState reports whether "Georgia" is the US state in an
// article about the United States: its names resolve to American actors at
// least three times and nothing but the word "Georgia" itself points to the
// country Georgia (no "Tbilisi", no "Georgian …"). The knowledge base reads
// places the same way in an American context.
func georgiaIsTheState(out *Analysis) bool {
	usa, georgia := 0, false
	for _, e := range out.Entities {
		switch {
		case strings.HasPrefix(e.Actor, "USA"):
			usa += e.Mentions
		case strings.HasPrefix(e.Actor, "GEO"):
			if !containsWord(e.Name, "Georgia") {
				return false // Tbilisi, a Georgian party: the country is in the story
			}
			georgia = true
		}
	}
	for _, ev := range out.Events {
		for _, a := range []*schema.Actor{&ev.Source, ev.Target} {
			if a != nil && a.Country == "GEO" && containsWord(a.Text, "Georgia") {
				georgia = true
			}
		}
	}
	return georgia && usa >= 3
}

// recodeGeorgia turns every GEO code of the article (entities, event
// actors, speakers) into the same code for the USA ("Senator David Perdue
// of Georgia", "the Georgia Institute of Technology").
func recodeGeorgia(out *Analysis) {
	recode := func(code string) string {
		if strings.HasPrefix(code, "GEO") {
			return "USA" + code[3:]
		}
		return code
	}
	for i := range out.Entities {
		out.Entities[i].Actor = recode(out.Entities[i].Actor)
	}
	for i := range out.Events {
		ev := &out.Events[i]
		for _, a := range []*schema.Actor{&ev.Source, ev.Target} {
			if a != nil && a.Country == "GEO" {
				a.Code, a.Country = recode(a.Code), "USA"
			}
		}
	}
	for i := range out.Quotes {
		if sp := out.Quotes[i].Speaker; sp != nil {
			sp.Actor = recode(sp.Actor)
		}
	}
}

// containsWord reports whether w occurs in s as a whole word.
func containsWord(s, w string) bool {
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if f == w {
			return true
		}
	}
	return false
}

// articleCountries lists the countries an article is about, most mentioned
// first, to choose among places of the same name.
func articleCountries(ents []schema.Entity, events []schema.Event) []string {
	count := map[string]int{}
	var order []string
	add := func(c string, n int) {
		if len(c) < 3 {
			return
		}
		c = c[:3]
		if _, ok := count[c]; !ok {
			order = append(order, c)
		}
		count[c] += n
	}
	for _, e := range ents {
		add(e.Actor, e.Mentions)
	}
	for _, ev := range events {
		add(ev.Source.Country, 1)
		if ev.Target != nil {
			add(ev.Target.Country, 1)
		}
	}
	// Stable: by count, then first appearance.
	for i := 1; i < len(order); i++ {
		for j := i; j > 0 && count[order[j]] > count[order[j-1]]; j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	return order
}

// nonNil makes empty lists encode as [] rather than null.
func nonNil(a *Analysis) {
	if a.Entities == nil {
		a.Entities = []schema.Entity{}
	}
	if a.Events == nil {
		a.Events = []schema.Event{}
	}
	if a.Quotes == nil {
		a.Quotes = []schema.Quote{}
	}
	if a.Dates == nil {
		a.Dates = []schema.DateMention{}
	}
	if a.Places == nil {
		a.Places = []schema.Place{}
	}
	if a.Summary == nil {
		a.Summary = []string{}
	}
}

// gazetteer adapts the knowledge base to analyze.Gazetteer.
type gazetteer struct{ kb *kb.KB }

func (g gazetteer) Place(name string, countries []string) (schema.Place, bool) {
	ctx := ""
	if len(countries) > 0 {
		ctx = countries[0]
	}
	p, ok := g.kb.Place(name, ctx)
	if !ok {
		return schema.Place{}, false
	}
	return schema.Place{Name: p.Name, Country: p.Country, Lat: p.Lat, Lon: p.Lon, GeonameID: p.GeonameID}, true
}

// actorResolver adapts the knowledge base to analyze.ActorResolver on the
// article's date.
type actorResolver struct {
	kb   *kb.KB
	date time.Time
}

func (r actorResolver) ActorCode(name string) (string, bool) {
	res, ok := r.kb.Resolve(name, r.date)
	if !ok {
		return "", false
	}
	return res.Code, true
}
