package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/detente-project/detente/internal/conllu"
	"github.com/detente-project/detente/internal/parse"
)

var trainParserFlags struct {
	train, dev, out string
	seed            int64
	epochs, cutoff  int
	minAbs          float64
	tags            string
	folds           int
	taggedDir       string
	lexical, upos   bool
	lexicon, taglex string
	embed           bool
	pruneFrom       string
}

var trainParserCmd = &cobra.Command{
	Use:   "parser",
	Short: "Train the dependency parser on CoNLL-U treebanks",
	Long: `Train the arc-eager dependency parser (averaged perceptron, dynamic oracle)
and write DIR/parser.bin.gz. The epoch with the best dev LAS is kept.

--tags chooses the tags the parser learns from: gold (the treebank's), or
jackknife (each of --folds folds tagged by a tagger trained on the others, so
training tags look like the tags the parser sees at run time). Dev is
always scored with the tags given by the same choice (gold, or the shipped
tagger for jackknife).`,
	Args: cobra.NoArgs,
	RunE: func(cmd *cobra.Command, args []string) error {
		f := trainParserFlags
		if f.pruneFrom != "" && f.out != "" {
			return runPruneParser(f.pruneFrom, f.dev, f.out, f.minAbs)
		}
		if f.train == "" || f.out == "" {
			return fmt.Errorf("train parser: --train and --out are required")
		}
		return runTrainParser(strings.Split(f.train, ","), f.dev, f.out)
	},
}

func init() {
	fl := trainParserCmd.Flags()
	fl.StringVar(&trainParserFlags.train, "train", "", "training CoNLL-U files, comma-separated")
	fl.StringVar(&trainParserFlags.dev, "dev", "", "development CoNLL-U file (model selection)")
	fl.StringVar(&trainParserFlags.out, "out", "", "output directory")
	fl.Int64Var(&trainParserFlags.seed, "seed", 1, "random seed")
	fl.IntVar(&trainParserFlags.epochs, "epochs", 15, "training epochs")
	fl.IntVar(&trainParserFlags.cutoff, "cutoff", 2, "minimum feature count along gold derivations")
	fl.Float64Var(&trainParserFlags.minAbs, "min-abs", 0.05, "prune averaged weights below this")
	fl.StringVar(&trainParserFlags.tags, "tags", "gold", "training tags: gold or jackknife")
	fl.IntVar(&trainParserFlags.folds, "folds", 5, "jackknife folds")
	fl.BoolVar(&trainParserFlags.lexical, "lexical", false, "add suffix and word-bigram feature templates")
	fl.BoolVar(&trainParserFlags.upos, "upos", false, "add universal-tag feature templates")
	fl.StringVar(&trainParserFlags.lexicon, "lexicon", "", "WordNet directory for the jackknife taggers' lexicon features (as the shipped tagger's)")
	fl.StringVar(&trainParserFlags.taglex, "taglex", "", "Festival tagged lexicon for the jackknife taggers' taglex features (measured no better for the parser: the shipped parser's taggers had none)")
	fl.StringVar(&trainParserFlags.pruneFrom, "prune-from", "", "do not train: prune this trained model (or the average of several, comma-separated: an ensemble at the cost of one) at --min-abs, score it on --dev, write it to --out")
	fl.StringVar(&trainParserFlags.taggedDir, "tagged-dir", "", "also write the retagged train and dev files here (same base names)")
	fl.BoolVar(&trainParserFlags.embed, "embed", false, "add word-cluster templates over the shipped word-vector clusters (models/wordvec.bin.gz); with --tags jackknife the fold taggers get the tagger's embed features too")
	trainCmd.AddCommand(trainParserCmd)
}

func runTrainParser(trainFiles []string, devFile, out string) error {
	f := trainParserFlags
	var train []*conllu.Sentence
	var sizes []int
	for _, tf := range trainFiles {
		s, err := conllu.ReadFiles(tf)
		if err != nil {
			return fmt.Errorf("train parser: %w", err)
		}
		train = append(train, s...)
		sizes = append(sizes, len(s))
	}
	var err error
	var dev []*conllu.Sentence
	if devFile != "" {
		if dev, err = conllu.ReadFiles(devFile); err != nil {
			return fmt.Errorf("train parser: %w", err)
		}
	}
	switch f.tags {
	case "gold":
	case "jackknife":
		if err := jackknifeTags(train, dev, f.folds, f.seed, f.lexicon, f.taglex, f.embed); err != nil {
			return fmt.Errorf("train parser: %w", err)
		}
	default:
		return fmt.Errorf("train parser: --tags must be gold or jackknife, not %q", f.tags)
	}
	if f.taggedDir != "" {
		if err := os.MkdirAll(f.taggedDir, 0o755); err != nil {
			return fmt.Errorf("train parser: %w", err)
		}
		rest := train
		for i, tf := range trainFiles {
			if err := writeConllu(filepath.Join(f.taggedDir, filepath.Base(tf)), rest[:sizes[i]]); err != nil {
				return fmt.Errorf("train parser: %w", err)
			}
			rest = rest[sizes[i]:]
		}
		if devFile != "" {
			if err := writeConllu(filepath.Join(f.taggedDir, filepath.Base(devFile)), dev); err != nil {
				return fmt.Errorf("train parser: %w", err)
			}
		}
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("train parser: %w", err)
	}
	path := filepath.Join(out, "parser.bin.gz")
	start := time.Now()
	// The best model so far is written after every improving epoch, so an
	// interrupted run still leaves a usable model.
	_, err = parse.Train(train, dev, parse.TrainOptions{
		Epochs: f.epochs, Seed: f.seed, Cutoff: f.cutoff, MinAbs: f.minAbs, Lexical: f.lexical, UPOS: f.upos, Embed: f.embed, Log: os.Stderr,
		OnBest: func(p *parse.Parser, epoch int) error { return writeParser(p, path) },
	})
	if err != nil {
		return fmt.Errorf("train parser: %w", err)
	}
	st, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("train parser: %w", err)
	}
	fmt.Fprintf(os.Stderr, "train parser: wrote %s (%d bytes) in %s\n", path, st.Size(), time.Since(start).Round(time.Second))
	return nil
}

// writeParser writes p to path through a temporary file.
func writeParser(p *parse.Parser, path string) error {
	_, err := writeModel(path, p)
	return err
}

// writeModel writes a model to path through a temporary file, so that an
// interrupted write never leaves a truncated model, and returns what
// WriteTo reports (the uncompressed size for this project's models).
func writeModel(path string, m io.WriterTo) (int64, error) {
	tmp := path + ".tmp"
	file, err := os.Create(tmp)
	if err != nil {
		return 0, err
	}
	n, err := m.WriteTo(file)
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return 0, fmt.Errorf("writing %s: %w", path, err)
	}
	return n, os.Rename(tmp, path)
}

// runPruneParser prunes a trained parser, or the average of several
// (comma-separated files), and scores it on dev (with the dev file's own
// tags) before and after.
func runPruneParser(in, devFile, out string, minAbs float64) error {
	var ps []*parse.Parser
	for _, f := range strings.Split(in, ",") {
		b, err := os.ReadFile(f)
		if err != nil {
			return fmt.Errorf("train parser: %w", err)
		}
		p, err := parse.Load(b)
		if err != nil {
			return fmt.Errorf("train parser: %s: %w", f, err)
		}
		ps = append(ps, p)
	}
	p := ps[0]
	if len(ps) > 1 {
		var err error
		if p, err = parse.Average(ps); err != nil {
			return fmt.Errorf("train parser: %w", err)
		}
	}
	q := p.Prune(minAbs)
	if devFile != "" {
		dev, err := conllu.ReadFiles(devFile)
		if err != nil {
			return fmt.Errorf("train parser: %w", err)
		}
		a, c := p.Evaluate(dev), q.Evaluate(dev)
		fmt.Fprintf(os.Stderr, "prune: %d → %d weights; dev UAS %.2f → %.2f, LAS %.2f → %.2f\n",
			p.NumWeights(), q.NumWeights(), a.UAS, c.UAS, a.LAS, c.LAS)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("train parser: %w", err)
	}
	return writeParser(q, filepath.Join(out, "parser.bin.gz"))
}
