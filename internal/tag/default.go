package tag

import (
	"sync"

	"github.com/detente-project/detente/models"
)

var (
	defaultOnce   sync.Once
	defaultTagger *Tagger
	defaultErr    error
)

// Default returns the shared tagger built from the embedded model, loading it
// on first use.
func Default() (*Tagger, error) {
	defaultOnce.Do(func() {
		defaultTagger, defaultErr = Load(models.Tagger)
	})
	return defaultTagger, defaultErr
}
