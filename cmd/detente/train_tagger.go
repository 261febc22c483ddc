package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/detente-project/detente/internal/conllu"
	"github.com/detente-project/detente/internal/eval"
	"github.com/detente-project/detente/internal/tag"
)

func init() {
	var (
		trainFiles, devFile, outDir string
		seed                        uint64
		epochs                      int
		minAbs                      float64
		unlabeled, features         string
		lexiconDir                  string
	)
	cmd := &cobra.Command{
		Use:   "tagger",
		Short: "Train the part-of-speech tagger and lemmatizer on CoNLL-U files",
		Long: "Trains the joint UPOS/XPOS averaged-perceptron tagger and the lemmatizer on\n" +
			"gold CoNLL-U, scores it on --dev and writes DIR/tagger.bin.gz (copy it to\n" +
			"models/ to ship it).",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if trainFiles == "" || outDir == "" {
				return fmt.Errorf("--train and --out are required")
			}
			train, err := conllu.ReadFiles(strings.Split(trainFiles, ",")...)
			if err != nil {
				return fmt.Errorf("reading training data: %w", err)
			}
			var dev []*conllu.Sentence
			if devFile != "" {
				if dev, err = conllu.ReadFiles(devFile); err != nil {
					return fmt.Errorf("reading dev data: %w", err)
				}
			}
			opt := tag.TrainOptions{Seed: seed, Epochs: epochs, MinAbs: minAbs, Log: os.Stderr}
			for _, f := range strings.Split(features, ",") {
				switch strings.TrimSpace(f) {
				case "context":
					opt.Features |= tag.FeatContext
				case "twopass":
					opt.Features |= tag.FeatTwoPass
				case "caps":
					opt.Features |= tag.FeatCaps
				case "lexicon":
					opt.Features |= tag.FeatLexicon
				case "", "base":
				default:
					return fmt.Errorf("unknown feature group %q (context, twopass, caps, lexicon, base)", f)
				}
			}
			if features == "base" {
				opt.Features = tag.FeatBase
			}
			if opt.Features&tag.FeatCaps != 0 {
				if unlabeled == "" {
					return fmt.Errorf("--features caps needs --unlabeled")
				}
				// The training text itself is part of the unlabelled text.
				opt.Unlabeled, err = tag.ReadUnlabeled(append(strings.Split(trainFiles, ","), strings.Split(unlabeled, ",")...))
				if err != nil {
					return err
				}
			}
			if opt.Features&tag.FeatLexicon != 0 {
				if lexiconDir == "" {
					return fmt.Errorf("--features lexicon needs --lexicon DIR (WordNet 3.0, e.g. /usr/share/wordnet)")
				}
				if opt.Lexicon, err = tag.ReadWordNet(lexiconDir); err != nil {
					return err
				}
				fmt.Fprintf(os.Stderr, "tagger: %d word forms from WordNet in %s\n", len(opt.Lexicon), lexiconDir)
			}
			start := time.Now()
			t, err := tag.Train(train, dev, opt)
			if err != nil {
				return err
			}
			elapsed := time.Since(start)
			if err := os.MkdirAll(outDir, 0o755); err != nil {
				return err
			}
			path := filepath.Join(outDir, "tagger.bin.gz")
			f, err := os.Create(path)
			if err != nil {
				return err
			}
			size, err := t.WriteTo(f)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return fmt.Errorf("writing %s: %w", path, err)
			}
			report := map[string]any{"model": path, "bytes": size, "train_seconds": elapsed.Seconds(),
				"weights": t.NumWeights()}
			if dev != nil {
				report["dev"] = eval.ScoreTagging(t, dev)
			}
			enc := json.NewEncoder(cmd.OutOrStdout())
			enc.SetIndent("", "  ")
			return enc.Encode(report)
		},
	}
	cmd.Flags().StringVar(&trainFiles, "train", "", "training CoNLL-U files, comma-separated")
	cmd.Flags().StringVar(&devFile, "dev", "", "development CoNLL-U file")
	cmd.Flags().StringVar(&outDir, "out", "", "output directory")
	cmd.Flags().Uint64Var(&seed, "seed", 1, "shuffling seed")
	cmd.Flags().IntVar(&epochs, "epochs", 10, "training epochs")
	cmd.Flags().Float64Var(&minAbs, "min-weight", 0.05, "prune averaged weights below this magnitude")
	cmd.Flags().StringVar(&features, "features", "context",
		"optional feature groups, comma-separated: context, twopass, caps, lexicon (or base for none)")
	cmd.Flags().StringVar(&lexiconDir, "lexicon", "", "WordNet 3.0 database directory for the lexicon features (Debian: apt install wordnet-base; /usr/share/wordnet)")
	cmd.Flags().StringVar(&unlabeled, "unlabeled", "", "unlabelled text files or directories for caps, comma-separated")
	trainCmd.AddCommand(cmd)
}
