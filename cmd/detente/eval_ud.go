package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/detente-project/detente/internal/conllu"
	"github.com/detente-project/detente/internal/eval"
	"github.com/detente-project/detente/internal/nlp"
	"github.com/detente-project/detente/internal/text"
)

var evalUDFlags struct {
	gold string
	raw  bool
}

var evalUDCmd = &cobra.Command{
	Use:   "ud",
	Short: "Score tagging, lemmas and parsing against a UD CoNLL-U file",
	Long: `Run the language pipeline (tagger, entity recogniser, parser) over the gold file
and print one JSON object: upos, xpos, lemma, uas, las (percent, CoNLL 2018
definitions: every word counts, LAS compares relations without subtypes; las_full
with them). Each treebank document ("# newdoc") is processed on its own, as
production processes one article at a time.

Without --raw the gold tokens and sentences are used. With --raw the gold text is
rebuilt (words joined as the MISC column says), tokenised and split by Détente, and
aligned to gold by characters; tokens_f1, words_f1 and sentences_f1 are added, and the
tagging and parsing scores become F1 over aligned words.`,
	Args: cobra.NoArgs,
	RunE: func(cmd *cobra.Command, args []string) error {
		if evalUDFlags.gold == "" {
			return fmt.Errorf("eval ud: --gold FILE is required")
		}
		return runEvalUD(evalUDFlags.gold, evalUDFlags.raw)
	},
}

func init() {
	evalUDCmd.Flags().StringVar(&evalUDFlags.gold, "gold", "", "gold CoNLL-U file")
	evalUDCmd.Flags().BoolVar(&evalUDFlags.raw, "raw", false, "tokenise and split the raw text instead of using gold tokens")
	evalCmd.AddCommand(evalUDCmd)
}

type udResult struct {
	Words       int      `json:"words"`
	UPOS        float64  `json:"upos"`
	XPOS        float64  `json:"xpos"`
	Lemma       float64  `json:"lemma"`
	UAS         float64  `json:"uas"`
	LAS         float64  `json:"las"`
	LASFull     float64  `json:"las_full"`
	TokensF1    *float64 `json:"tokens_f1,omitempty"`
	WordsF1     *float64 `json:"words_f1,omitempty"`
	SentencesF1 *float64 `json:"sentences_f1,omitempty"`
}

func runEvalUD(goldFile string, raw bool) error {
	gold, err := conllu.ReadFiles(goldFile)
	if err != nil {
		return fmt.Errorf("eval ud: %w", err)
	}
	pipe, err := nlp.Default()
	if err != nil {
		return fmt.Errorf("eval ud: %w", err)
	}
	var res udResult
	if !raw {
		d := eval.AnnotateByDocument(gold, pipe.Annotate)
		ts := eval.ScoreTaggedDoc(d, gold)
		pr := eval.ScoreParsedDoc(d, gold)
		res = udResult{Words: ts.Words, UPOS: ts.UPOS, XPOS: ts.XPOS, Lemma: ts.Lemma,
			UAS: pr.UAS, LAS: pr.LAS, LASFull: pr.LASFull}
	} else {
		d := eval.ProcessRawByDocument(gold, pipe.Process)
		seg, err := eval.Segmentation(gold, d)
		if err != nil {
			return fmt.Errorf("eval ud: %w", err)
		}
		pr := eval.ScoreParsedAligned(d, gold, &seg.Align)
		upos, xpos, lemma := alignedTagF1(d, gold, &seg.Align)
		tok, wrd, sen := 100*seg.Tokens.F1(), 100*seg.Words.F1(), 100*seg.Sentences.F1()
		res = udResult{Words: pr.Words, UPOS: upos, XPOS: xpos, Lemma: lemma,
			UAS: pr.UAS, LAS: pr.LAS, LASFull: pr.LASFull,
			TokensF1: &tok, WordsF1: &wrd, SentencesF1: &sen}
	}
	enc := json.NewEncoder(os.Stdout)
	return enc.Encode(res)
}

// alignedTagF1 scores tags and lemmas on raw input as CoNLL 2018 does: F1
// over gold words and system tokens, a word counting when it is aligned and
// its tag (lemma) matches.
func alignedTagF1(d *text.Doc, gold []*conllu.Sentence, a *eval.Alignment) (upos, xpos, lemma float64) {
	var u, x, l, n int
	for si, s := range gold {
		for wi := range s.Words {
			n++
			k := a.Word(si, wi)
			if k < 0 || k >= len(d.Tokens) {
				continue
			}
			w, tok := &s.Words[wi], &d.Tokens[k]
			if tok.UPOS == w.UPOS {
				u++
			}
			if tok.XPOS == w.XPOS {
				x++
			}
			if w.Lemma == "_" || tok.Lemma == w.Lemma {
				l++
			}
		}
	}
	den := float64(n + len(d.Tokens))
	if den == 0 {
		return 0, 0, 0
	}
	return 200 * float64(u) / den, 200 * float64(x) / den, 200 * float64(l) / den
}
