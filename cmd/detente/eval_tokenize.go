package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"

	"github.com/spf13/cobra"

	"github.com/detente-project/detente/internal/conllu"
	"github.com/detente-project/detente/internal/eval"
	"github.com/detente-project/detente/internal/text"
	"github.com/detente-project/detente/internal/tokenize"
)

var evalTokenizeCmd = &cobra.Command{
	Use:   "tokenize FILE.conllu...",
	Short: "Score the tokenizer and sentence splitter on raw text rebuilt from gold CoNLL-U",
	Long: `Rebuild the raw text of each gold CoNLL-U file (sentences of a paragraph joined by a
space, a blank line at # newpar / # newdoc), tokenize and sentence-split it, and score
it the CoNLL 2018 way. Prints one JSON object with, per file, tokens_f1 (surface tokens,
multiword tokens count once), words_f1 (syntactic words) and sentences_f1, in percent.`,
	Args: cobra.MinimumNArgs(1),
	RunE: func(cmd *cobra.Command, args []string) error {
		type fileScore struct {
			File            string  `json:"file"`
			TokensF1        float64 `json:"tokens_f1"`
			WordsF1         float64 `json:"words_f1"`
			SentencesF1     float64 `json:"sentences_f1"`
			GoldSentences   int     `json:"gold_sentences"`
			SystemSentences int     `json:"system_sentences"`
		}
		var out struct {
			Files []fileScore `json:"files"`
		}
		pct := func(x float64) float64 { return math.Round(x*10000) / 100 }
		for _, path := range args {
			gold, err := conllu.ReadFiles(path)
			if err != nil {
				return fmt.Errorf("eval tokenize: %w", err)
			}
			d := &text.Doc{Text: eval.GoldText(gold)}
			tokenize.Tokenize(d)
			sc, err := eval.Segmentation(gold, d)
			if err != nil {
				return fmt.Errorf("eval tokenize: %s: %w", path, err)
			}
			out.Files = append(out.Files, fileScore{File: path, TokensF1: pct(sc.Tokens.F1()),
				WordsF1: pct(sc.Words.F1()), SentencesF1: pct(sc.Sentences.F1()),
				GoldSentences: sc.Sentences.Gold, SystemSentences: sc.Sentences.System})
		}
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	},
}

func init() {
	evalCmd.AddCommand(evalTokenizeCmd)
}
