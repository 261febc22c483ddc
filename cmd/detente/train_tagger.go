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
		lexiconDir, tagLexPath      string
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
				case "taglex":
					opt.Features |= tag.FeatTagLex
				case "embed":
					opt.Features |= tag.FeatEmbed
				case "", "base":
				default:
					return fmt.Errorf("unknown feature group %q (context, twopass, caps, lexicon, taglex, embed, base)", f)
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
			if opt.Features&tag.FeatLexicon != 0 && lexiconDir == "" {
				return fmt.Errorf("--features lexicon needs --lexicon DIR (WordNet 3.0, e.g. /usr/share/wordnet)")
			}
			if opt.Features&tag.FeatTagLex != 0 && tagLexPath == "" {
				return fmt.Errorf("--features taglex needs --taglex FILE (Festival's WSJ lexicon, e.g. /usr/share/festival/dicts/wsj.wp39.poslexR)")
			}
			if opt.Features&tag.FeatLexicon == 0 {
				lexiconDir = "" // a lexicon is read only for a feature group asked for
			}
			if opt.Features&tag.FeatTagLex == 0 {
				tagLexPath = ""
			}
			if err := readLexicons(&opt, lexiconDir, tagLexPath); err != nil {
				return err
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
			size, err := writeModel(path, t)
			if err != nil {
				return err
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
		"optional feature groups, comma-separated: context, twopass, caps, lexicon, taglex, embed (the shipped word-cluster table, models/wordvec.bin.gz) (or base for none)")
	cmd.Flags().StringVar(&tagLexPath, "taglex", "", "tagged lexicon for the taglex features (Debian: apt install festlex-poslex; /usr/share/festival/dicts/wsj.wp39.poslexR)")
	cmd.Flags().StringVar(&lexiconDir, "lexicon", "", "WordNet 3.0 database directory for the lexicon features (Debian: apt install wordnet-base; /usr/share/wordnet)")
	cmd.Flags().StringVar(&unlabeled, "unlabeled", "", "unlabelled text files or directories for caps, comma-separated")
	trainCmd.AddCommand(cmd)
}

// readLexicons reads the external lexicons a tagger trains with: WordNet
// from wordnetDir (FeatLexicon) and Festival's tagged lexicon from
// tagLexPath (FeatTagLex). An empty name skips that lexicon; a read one
// turns its feature group on.
func readLexicons(opt *tag.TrainOptions, wordnetDir, tagLexPath string) error {
	var err error
	if wordnetDir != "" {
		if opt.Lexicon, err = tag.ReadWordNet(wordnetDir); err != nil {
			return err
		}
		opt.Features |= tag.FeatLexicon
		fmt.Fprintf(os.Stderr, "tagger: %d word forms from WordNet in %s\n", len(opt.Lexicon), wordnetDir)
	}
	if tagLexPath != "" {
		if opt.TagLexicon, err = tag.ReadPOSLex(tagLexPath); err != nil {
			return err
		}
		opt.Features |= tag.FeatTagLex
		fmt.Fprintf(os.Stderr, "tagger: %d word forms from %s\n", len(opt.TagLexicon), tagLexPath)
	}
	return nil
}
