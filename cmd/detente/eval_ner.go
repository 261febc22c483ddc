package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/detente-project/detente/internal/eval"
	"github.com/detente-project/detente/internal/ner"
	"github.com/detente-project/detente/internal/tag"
)

var evalNERFlags struct {
	gold, model, domain, predictions string
}

var evalNERCmd = &cobra.Command{
	Use:   "ner",
	Short: "Score the entity recogniser on a CoNLL-style gold file",
	Long: `Score the entity recogniser on a CoNLL-style file (word first, IOB or IOB2
tag last; WikiANN's en: prefix is stripped). Prints one JSON object with
precision, recall and f1 (percent, exact span and type match as conlleval
counts them) overall and per type. Predicted types that the gold file never
uses (MISC on UniversalNER) are left out and listed under "ignored".`,
	Args: cobra.NoArgs,
	RunE: func(cmd *cobra.Command, args []string) error {
		if evalNERFlags.gold == "" {
			return fmt.Errorf("eval ner: --gold is required")
		}
		docs, err := ner.ReadFile(evalNERFlags.gold)
		if err != nil {
			return err
		}
		var rec *ner.Recognizer
		if evalNERFlags.model != "" {
			b, err := os.ReadFile(evalNERFlags.model)
			if err != nil {
				return fmt.Errorf("eval ner: %w", err)
			}
			if rec, err = ner.Load(b); err != nil {
				return err
			}
		} else if rec, err = ner.Default(); err != nil {
			return err
		}
		if evalNERFlags.domain != "" {
			if rec, err = rec.WithDomain(evalNERFlags.domain); err != nil {
				return err
			}
		}
		var pre ner.Pretagger
		if rec.UsesPOS() {
			tg, err := tag.Default()
			if err != nil {
				return fmt.Errorf("eval ner: the model needs the tagger: %w", err)
			}
			pre = tg
		}
		if evalNERFlags.predictions != "" {
			if err := writeNERPredictions(evalNERFlags.predictions, rec, pre, docs); err != nil {
				return err
			}
		}
		enc := json.NewEncoder(os.Stdout)
		return enc.Encode(eval.NER(rec, pre, docs))
	},
}

func init() {
	evalNERCmd.Flags().StringVar(&evalNERFlags.gold, "gold", "", "gold file (CoNLL-style columns)")
	evalNERCmd.Flags().StringVar(&evalNERFlags.model, "model", "", "model file (default: the embedded model)")
	evalNERCmd.Flags().StringVar(&evalNERFlags.predictions, "predictions", "", "also write word, gold tag and predicted tag columns to this file, for error analysis")
	evalNERCmd.Flags().StringVar(&evalNERFlags.domain, "domain", "", "tag in the conventions of this training corpus (e.g. uner_ewt); default the model's first")
	evalCmd.AddCommand(evalNERCmd)
}

// writeNERPredictions writes one "word gold predicted" line per token, a
// blank line after each sentence and a -DOCSTART- line before each
// document, in the format conlleval reads.
func writeNERPredictions(path string, rec *ner.Recognizer, pre ner.Pretagger, docs []ner.Document) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("eval ner: %w", err)
	}
	w := bufio.NewWriter(f)
	for _, d := range docs {
		fmt.Fprintf(w, "-DOCSTART- O O\n\n")
		tags := rec.TagDocument(d, pre)
		for i, s := range d.Sentences {
			for j, word := range s.Words {
				fmt.Fprintf(w, "%s %s %s\n", word, s.Tags[j], tags[i][j])
			}
			w.WriteByte('\n')
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("eval ner: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("eval ner: %w", err)
	}
	return nil
}
