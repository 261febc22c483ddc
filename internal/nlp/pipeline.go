// Package nlp runs the core language pipeline over a text: tokenizer and
// sentence splitter, tagger and lemmatizer, named entity recogniser, and
// dependency parser. Each stage fills its own fields of a text.Doc.
//
// The models are embedded and loaded once, lazily, on first use; a Pipeline
// is immutable and safe for concurrent use.
package nlp

import (
	"fmt"
	"sync"

	"github.com/detente-project/detente/internal/ner"
	"github.com/detente-project/detente/internal/parse"
	"github.com/detente-project/detente/internal/tag"
	"github.com/detente-project/detente/internal/text"
	"github.com/detente-project/detente/internal/tokenize"
)

// Pipeline holds the loaded models.
type Pipeline struct {
	tagger *tag.Tagger
	parser *parse.Parser
	ner    *ner.Recognizer
}

var (
	defaultOnce sync.Once
	defaultPipe *Pipeline
	defaultErr  error
)

// Default returns the pipeline over the embedded models, loading them on the
// first call. The three models load concurrently, each on its own core
// where there are several.
func Default() (*Pipeline, error) {
	defaultOnce.Do(func() {
		p := &Pipeline{}
		var errs [3]error
		var wg sync.WaitGroup
		wg.Go(func() { p.tagger, errs[0] = tag.Default() })
		wg.Go(func() { p.parser, errs[1] = parse.Default() })
		wg.Go(func() { p.ner, errs[2] = ner.Default() })
		wg.Wait()
		for i, what := range [...]string{"tagger", "parser", "entity recogniser"} {
			if errs[i] != nil {
				defaultErr = fmt.Errorf("loading %s: %w", what, errs[i])
				return
			}
		}
		defaultPipe = p
	})
	return defaultPipe, defaultErr
}

// Process tokenizes, tags, entity-tags and parses s into d, reusing d's
// arrays.
func (p *Pipeline) Process(d *text.Doc, s string) {
	d.Reset(s)
	tokenize.Tokenize(d)
	p.Annotate(d)
}

// Annotate runs every stage after tokenization on d's tokens and
// sentences: tags and lemmas, entities, then the dependency parse. Nouns
// inside a recognised name become proper nouns before the parser reads the
// tags (tag.ProperNames); after it, a participle with a subject and no
// auxiliary becomes a past-tense verb (tag.FiniteParticiples), verbs
// attached as auxiliaries or copulas and particles take the tags their
// relations fix (tag.FunctionWords), and person names get UD's flat
// structure (flatNames).
func (p *Pipeline) Annotate(d *text.Doc) {
	p.tagger.Tag(d)
	p.ner.Tag(d)
	p.tagger.ProperNames(d)
	p.parser.Parse(d)
	tag.FiniteParticiples(d)
	tag.FunctionWords(d)
	flatNames(d, ner.Entities(d))
}
