package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/detente-project/detente/internal/analyze"
	"github.com/detente-project/detente/internal/ner"
	"github.com/detente-project/detente/internal/schema"
	"github.com/detente-project/detente/internal/text"
	"github.com/detente-project/detente/internal/tokenize"
)

var evalQuotesFlags struct {
	polnear string
	verbose bool
	bare    bool
}

var evalQuotesCmd = &cobra.Command{
	Use:   "quotes",
	Short: "Score quote and speaker attribution against PolNeAR brat files",
	Long: `Score quote extraction against PolNeAR (DIR holds attributions/*.ann and text/*.txt).
Prints one JSON object with, for direct quotes and for all attributions: attribution
recall (gold attributions overlapped by a predicted quote), speaker accuracy (of those
with a gold source, the predicted speaker span overlaps it or names the same person)
and content precision/recall/F1 over words. One annotation file per article is used.`,
	Args: cobra.NoArgs,
	RunE: func(cmd *cobra.Command, args []string) error {
		if evalQuotesFlags.polnear == "" {
			return fmt.Errorf("eval quotes: --polnear DIR is required")
		}
		return runEvalQuotes(evalQuotesFlags.polnear, evalQuotesFlags.verbose, evalQuotesFlags.bare)
	},
}

func init() {
	evalQuotesCmd.Flags().StringVar(&evalQuotesFlags.polnear, "polnear", "", "PolNeAR split directory (with attributions/ and text/)")
	evalQuotesCmd.Flags().BoolVar(&evalQuotesFlags.verbose, "verbose", false, "print each direct-quote speaker error to stderr")
	evalQuotesCmd.Flags().BoolVar(&evalQuotesFlags.bare, "bare", false, "analyse the bare text (no tokenizer or recogniser)")
	evalCmd.AddCommand(evalQuotesCmd)
}

func runEvalQuotes(dir string, verbose, bare bool) error {
	var rec *ner.Recognizer
	if !bare {
		r, err := ner.Default()
		if err != nil {
			return fmt.Errorf("eval quotes: load recogniser: %w", err)
		}
		rec = r
	}
	anns, err := filepath.Glob(filepath.Join(dir, "attributions", "*.ann"))
	if err != nil {
		return fmt.Errorf("eval quotes: %w", err)
	}
	if len(anns) == 0 {
		return fmt.Errorf("eval quotes: no .ann files in %s", filepath.Join(dir, "attributions"))
	}
	sort.Strings(anns)
	var direct, all analyze.QuoteScore
	seen := map[string]bool{}
	articles := 0
	for _, ann := range anns {
		base := strings.TrimSuffix(filepath.Base(ann), ".ann")
		// files are named <article>_<annotator>.ann; keep the first annotator
		if i := strings.LastIndexByte(base, '_'); i > 0 {
			base = base[:i]
		}
		if seen[base] {
			continue
		}
		seen[base] = true
		raw, err := os.ReadFile(filepath.Join(dir, "text", base+".txt"))
		if err != nil {
			fmt.Fprintf(os.Stderr, "eval quotes: skip %s: %v\n", base, err)
			continue
		}
		annText, err := os.ReadFile(ann)
		if err != nil {
			fmt.Fprintf(os.Stderr, "eval quotes: skip %s: %v\n", base, err)
			continue
		}
		txt := string(raw)
		gold, err := analyze.ParseBrat(string(annText), txt)
		if err != nil {
			fmt.Fprintf(os.Stderr, "eval quotes: skip %s: %v\n", ann, err)
			continue
		}
		d := &text.Doc{Text: txt}
		if rec != nil {
			tokenize.Tokenize(d)
			rec.Tag(d)
		}
		pred := analyze.Quotes(d, nil)
		direct.Add(txt, gold, pred, true)
		all.Add(txt, gold, pred, false)
		articles++
		if verbose {
			printQuoteErrors(base, txt, gold, pred)
		}
	}
	mode := "tokenized+ner"
	if bare {
		mode = "bare"
	}
	out := map[string]any{
		"mode":     mode,
		"articles": articles,
		"direct":   direct.Report(),
		"all":      all.Report(),
	}
	b, err := json.Marshal(out)
	if err != nil {
		return fmt.Errorf("eval quotes: %w", err)
	}
	fmt.Println(string(b))
	return nil
}

// printQuoteErrors writes, for each gold direct quote, what was predicted.
func printQuoteErrors(name, txt string, gold []analyze.Attribution, pred []schema.Quote) {
	for _, g := range gold {
		if !g.Direct(txt) || len(g.Source) == 0 {
			continue
		}
		c := g.Content[0]
		best, bestN := -1, 0
		for i, p := range pred {
			if n := min(p.End, c.End) - max(p.Start, c.Start); n > bestN {
				best, bestN = i, n
			}
		}
		src := txt[g.Source[0].Start:g.Source[0].End]
		snip := txt[c.Start:c.End]
		if len(snip) > 60 {
			snip = snip[:60]
		}
		switch {
		case best >= 0 && analyze.SpeakerMatches(txt, g.Source, pred[best].Speaker):
		case best < 0:
			fmt.Fprintf(os.Stderr, "MISS %s gold=%q content=%q\n", name, src, snip)
		case pred[best].Speaker == nil:
			a := c.Start - 150
			if a < 0 {
				a = 0
			}
			fmt.Fprintf(os.Stderr, "NOSPK %s gold=%q ctx=%q content=%q\n", name, src, txt[a:c.Start], snip)
		default:
			sp := pred[best].Speaker
			if !(sp.Start < g.Source[0].End && g.Source[0].Start < sp.End) {
				a, b := max(0, c.Start-120), min(len(txt), c.End+80)
				fmt.Fprintf(os.Stderr, "DIFF %s gold=%q pred=%q (%s) ctx=%q\n", name, src, sp.Text, sp.Name, txt[a:b])
			}
		}
	}
}
