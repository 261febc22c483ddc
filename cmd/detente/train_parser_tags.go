package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/detente-project/detente/internal/conllu"
	"github.com/detente-project/detente/internal/tag"
	"github.com/detente-project/detente/internal/text"
)

// jackknifeTags replaces the UPOS and XPOS of train with the output of
// taggers trained on the other folds (sentence i belongs to fold i%folds),
// and those of dev with the shipped tagger, which is what the parser will
// see at run time.
func jackknifeTags(train, dev []*conllu.Sentence, folds int, seed int64, lexiconDir, tagLexPath string, embed bool) error {
	if folds < 2 {
		return fmt.Errorf("jackknife needs at least 2 folds, got %d", folds)
	}
	if len(dev) > 0 {
		tg, err := tag.Default()
		if err != nil {
			return err
		}
		same, total := retag(tg, dev)
		fmt.Fprintf(os.Stderr, "jackknife: dev tagged by the shipped tagger, XPOS agreement %.2f%%\n",
			100*float64(same)/float64(max(total, 1)))
	}
	opt := tag.TrainOptions{Seed: uint64(seed), Epochs: 6, Features: tag.FeatContext}
	if embed {
		opt.Features |= tag.FeatEmbed
	}
	if err := readLexicons(&opt, lexiconDir, tagLexPath); err != nil {
		return err
	}
	for k := 0; k < folds; k++ {
		start := time.Now()
		var rest, held []*conllu.Sentence
		for i, s := range train {
			if k < folds && i%folds == k {
				held = append(held, s)
			} else {
				rest = append(rest, s)
			}
		}
		// Six epochs without the capitalisation statistics: cheaper than the
		// shipped tagger and within a few tenths of its accuracy, which is
		// what matters here; with --lexicon, --taglex and --embed, the same
		// lexicon and word-cluster features.
		tg, err := tag.Train(rest, nil, opt)
		if err != nil {
			return fmt.Errorf("jackknife fold %d: %w", k, err)
		}
		same, total := retag(tg, held)
		fmt.Fprintf(os.Stderr, "jackknife: fold %d/%d: %d sentences, XPOS agreement %.2f%% (%.0fs)\n",
			k+1, folds, len(held), 100*float64(same)/float64(max(total, 1)), time.Since(start).Seconds())
	}
	return nil
}

// retag tags sentences with tg in place and returns how many XPOS tags
// stayed the same out of how many words.
func retag(tg *tag.Tagger, sents []*conllu.Sentence) (same, total int) {
	var d text.Doc
	var b strings.Builder
	for _, s := range sents {
		b.Reset()
		d.Tokens = d.Tokens[:0]
		d.Sentences = d.Sentences[:0]
		for i := range s.Words {
			if i > 0 {
				b.WriteByte(' ')
			}
			start := b.Len()
			b.WriteString(s.Words[i].Form)
			d.Tokens = append(d.Tokens, text.Token{Start: int32(start), End: int32(b.Len()), Head: -1, SpaceAfter: true})
		}
		d.Text = b.String()
		d.Sentences = append(d.Sentences, text.Sentence{Start: 0, End: int32(len(d.Tokens))})
		tg.Tag(&d)
		for i := range s.Words {
			w := &s.Words[i]
			total++
			if w.XPOS == d.Tokens[i].XPOS {
				same++
			}
			w.XPOS, w.UPOS = d.Tokens[i].XPOS, d.Tokens[i].UPOS
		}
	}
	return same, total
}

// writeConllu writes sentences to path.
func writeConllu(path string, sents []*conllu.Sentence) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	for _, s := range sents {
		if err := conllu.Write(w, s); err != nil {
			f.Close()
			return err
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
