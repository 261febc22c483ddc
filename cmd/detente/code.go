package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/kb"
	"github.com/spf13/cobra"
)

var codeFlags struct {
	date, format, url, title string
	actors, agents           []string
}

var codeCmd = &cobra.Command{
	Use:   "code [FILE|-]",
	Short: "Analyse one article (text, HTML or JSONL records) and print its events, quotes, entities, dates, places and tone",
	Long: `Analyse articles and print the result.

Input is a file or standard input ("-" or no argument): plain text, an HTML
page (main text, title and date are extracted), or JSONL records
{"url","title","published","text"|"html"}, one article a line.

Formats: json (one Analysis, indented; an array for several records), jsonl
(one Analysis a line), table (a readable terminal view), gdelt (GDELT 2.0
Events, 61 tab-separated columns), plover (PLOVER JSON events, one a line).`,
	Args: cobra.MaximumNArgs(1),
	RunE: runCode,
}

func init() {
	f := codeCmd.Flags()
	f.StringVar(&codeFlags.date, "date", "", "publication date YYYY-MM-DD (overrides the input's)")
	f.StringVar(&codeFlags.format, "format", "json", "output format: json, jsonl, table, gdelt, plover")
	f.StringVar(&codeFlags.url, "url", "", "source URL of a text or HTML input")
	f.StringVar(&codeFlags.title, "title", "", "title of a text input")
	f.StringSliceVar(&codeFlags.actors, "actors", nil, "TABARI/PETRARCH actor dictionary to load (repeatable)")
	f.StringSliceVar(&codeFlags.agents, "agents", nil, "TABARI/PETRARCH agent dictionary to load (repeatable)")
	rootCmd.AddCommand(codeCmd)
}

// newAnalyzer builds the analyzer, layering the user's dictionaries over the
// embedded knowledge base.
func newAnalyzer(actors, agents []string) (*detente.Analyzer, error) {
	var dicts []*kb.Dict
	for _, p := range actors {
		d, err := kb.LoadActorDict(p)
		if err != nil {
			return nil, err
		}
		dicts = append(dicts, d)
	}
	for _, p := range agents {
		d, err := kb.LoadAgentDict(p)
		if err != nil {
			return nil, err
		}
		dicts = append(dicts, d)
	}
	if len(dicts) == 0 {
		return detente.Default()
	}
	return detente.New(detente.Options{Dicts: dicts})
}

func runCode(cmd *cobra.Command, args []string) error {
	write, err := outputFormat(codeFlags.format)
	if err != nil {
		return err
	}
	name := "-"
	if len(args) == 1 {
		name = args[0]
	}
	arts, err := readInputArticles(args, codeFlags.url, codeFlags.title)
	if err != nil {
		return err
	}
	an, err := newAnalyzer(codeFlags.actors, codeFlags.agents)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	out := bufio.NewWriter(cmd.OutOrStdout())
	defer out.Flush()
	// Articles are analysed on all cores; each keeps its slot, so the
	// output order is the input's.
	results := make([]detente.Analysis, len(arts))
	errs := make([]error, len(arts))
	parallelEach(len(arts), func(i int) {
		a := arts[i]
		if codeFlags.date != "" {
			a.Published = codeFlags.date
		}
		results[i], errs[i] = an.Analyze(ctx, a)
	})
	if ctx.Err() != nil {
		return ctx.Err()
	}
	kept := results[:0]
	for i, err := range errs {
		if err != nil {
			fmt.Fprintf(cmd.ErrOrStderr(), "detente: %s: skipped: %v\n", articleRef(arts[i], name), err)
			continue
		}
		kept = append(kept, results[i])
	}
	return write(out, kept)
}

func articleRef(a detente.Article, name string) string {
	if a.URL != "" {
		return a.URL
	}
	return name
}

// writeJSON prints one Analysis, or an array when there are several.
func writeJSON(w io.Writer, rs []detente.Analysis) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if len(rs) == 1 {
		return enc.Encode(rs[0])
	}
	if rs == nil {
		rs = []detente.Analysis{}
	}
	return enc.Encode(rs)
}

func writeJSONL(w io.Writer, rs []detente.Analysis) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i := range rs {
		if err := enc.Encode(rs[i]); err != nil {
			return err
		}
	}
	return nil
}
