package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"

	"github.com/detente-project/detente/internal/analyze"
	"github.com/detente-project/detente/internal/nlp"
	"github.com/detente-project/detente/internal/schema"
	"github.com/detente-project/detente/internal/text"
)

var evalQuotesFlags struct {
	polnear string
	verbose bool
	bare    bool
	only    string
}

var evalQuotesCmd = &cobra.Command{
	Use:   "quotes",
	Short: "Score quote and speaker attribution against PolNeAR brat files",
	Long: `Score quote extraction against PolNeAR (DIR holds attributions/*.ann and text/*.txt).
Prints one JSON object with, for direct quotes and for all attributions: attribution
recall (gold attributions overlapped by a predicted quote), speaker accuracy (of those
with a gold source, the predicted speaker span overlaps it or names the same person)
and content precision/recall/F1 over words. One annotation file per article is used.
Articles run through the full NLP pipeline (tokens, tags, dependency parse, entities)
unless --bare is given; the time per article of the pipeline and of quote finding is
reported too.`,
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
	evalQuotesCmd.Flags().BoolVar(&evalQuotesFlags.bare, "bare", false, "analyse the bare text (no tokenizer, tagger, parser or recogniser)")
	evalQuotesCmd.Flags().StringVar(&evalQuotesFlags.only, "only", "", "score only articles whose name contains this string; with --verbose also list every predicted quote")
	evalCmd.AddCommand(evalQuotesCmd)
}

// quoteCase is one PolNeAR article with its gold attributions and, once
// analysed, the predicted quotes.
type quoteCase struct {
	name, text string
	gold       []analyze.Attribution
	pred       []schema.Quote
}

func runEvalQuotes(dir string, verbose, bare bool) error {
	var pipe *nlp.Pipeline
	if !bare {
		p, err := nlp.Default()
		if err != nil {
			return fmt.Errorf("eval quotes: load pipeline: %w", err)
		}
		pipe = p
	}
	arts, skipped, err := analyze.ReadPolNeAR(dir, func(name string) bool { return strings.Contains(name, evalQuotesFlags.only) })
	if err != nil {
		return fmt.Errorf("eval quotes: %w", err)
	}
	for _, e := range skipped {
		fmt.Fprintf(os.Stderr, "eval quotes: skip: %v\n", e)
	}
	cases := make([]quoteCase, len(arts))
	for i, a := range arts {
		cases[i] = quoteCase{name: a.Name, text: a.Text, gold: a.Gold}
	}
	// Analyse on a worker pool; each case keeps its own slot, so the
	// output order is stable.
	var nlpTime, quoteTime atomic.Int64 // summed per-call durations, ns
	parallelEach(len(cases), func(i int) {
		c := &cases[i]
		d := &text.Doc{Text: c.text}
		t0 := time.Now()
		if pipe != nil {
			pipe.Process(d, c.text)
		}
		t1 := time.Now()
		c.pred = analyze.Quotes(d, nil)
		nlpTime.Add(int64(t1.Sub(t0)))
		quoteTime.Add(int64(time.Since(t1)))
	})
	var direct, all analyze.QuoteScore
	for i := range cases {
		c := &cases[i]
		direct.Add(c.text, c.gold, c.pred, true)
		all.Add(c.text, c.gold, c.pred, false)
		if verbose {
			printQuoteErrors(c.name, c.text, c.gold, c.pred)
			if evalQuotesFlags.only != "" {
				printQuotes(c.text, c.pred)
			}
		}
	}
	mode := "pipeline"
	if bare {
		mode = "bare"
	}
	out := map[string]any{
		"mode":     mode,
		"articles": len(cases),
		"direct":   direct.Report(),
		"all":      all.Report(),
		// per article, summed over the workers' calls (wall time per call)
		"nlp_ms_per_article":    msPer(nlpTime.Load(), len(cases)),
		"quotes_ms_per_article": msPer(quoteTime.Load(), len(cases)),
	}
	b, err := json.Marshal(out)
	if err != nil {
		return fmt.Errorf("eval quotes: %w", err)
	}
	fmt.Println(string(b))
	return nil
}

// msPer returns ns nanoseconds spread over n items, in milliseconds
// rounded to three decimals.
func msPer(ns int64, n int) float64 {
	if n == 0 {
		return 0
	}
	return float64(ns/int64(n)/1000) / 1000
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
			if !p.Direct {
				continue // the direct score pairs gold direct quotes with predicted ones only
			}
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
				fmt.Fprintf(os.Stderr, "DIFF %s gold=%q pred=%q (%s) cue=%q ctx=%q\n", name, src, sp.Text, sp.Name, pred[best].Cue, txt[a:b])
			}
		}
	}
}

// printQuotes lists every predicted quote with its cue and speaker.
func printQuotes(txt string, pred []schema.Quote) {
	for _, p := range pred {
		snip := txt[p.Start:p.End]
		if len(snip) > 70 {
			snip = snip[:70]
		}
		spk := "-"
		if p.Speaker != nil {
			spk = fmt.Sprintf("%q (%s) @%d", p.Speaker.Text, p.Speaker.Name, p.Speaker.Start)
		}
		fmt.Fprintf(os.Stderr, "  %d direct=%v cue=%q spk=%s %q\n", p.Start, p.Direct, p.Cue, spk, snip)
	}
}
