// Package nlp runs the core language pipeline over a text: tokenizer and
// sentence splitter, tagger and lemmatizer, dependency parser, and named
// entity recogniser. Each stage fills its own fields of a text.Doc.
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
// first call.
func Default() (*Pipeline, error) {
	defaultOnce.Do(func() {
		p := &Pipeline{}
		if p.tagger, defaultErr = tag.Default(); defaultErr != nil {
			defaultErr = fmt.Errorf("loading tagger: %w", defaultErr)
			return
		}
		if p.parser, defaultErr = parse.Default(); defaultErr != nil {
			defaultErr = fmt.Errorf("loading parser: %w", defaultErr)
			return
		}
		if p.ner, defaultErr = ner.Default(); defaultErr != nil {
			defaultErr = fmt.Errorf("loading entity recogniser: %w", defaultErr)
			return
		}
		defaultPipe = p
	})
	return defaultPipe, defaultErr
}

// Process tokenizes, tags, parses and entity-tags s into d, reusing d's
// arrays.
func (p *Pipeline) Process(d *text.Doc, s string) {
	d.Reset(s)
	tokenize.Tokenize(d)
	p.tagger.Tag(d)
	p.parser.Parse(d)
	p.ner.Tag(d)
}
