package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/duckdb"
	"github.com/detente-project/detente/ingest"
)

func init() {
	var (
		db    string
		opts  ingest.Options
		quiet bool
	)
	c := &cobra.Command{
		Use:   "ingest [PATH…]",
		Short: "Analyse a corpus into a DuckDB store (files, directories, JSONL, WARC, RSS/Atom)",
		Long: `Ingest reads text (.txt), HTML (.html), JSONL records (.jsonl, .jsonl.gz:
{"url","title","published","source","text"|"html"}), WARC archives (.warc,
.warc.gz; HTML response records), RSS/Atom feed files (.rss, .atom, .xml) and
feed URLs (--feed), analyses every article on all cores and stores articles,
deduplicated events, mentions, entities and quotes in --db.

Ingest is idempotent: an article's id is the hash of its normalised text and
URL, so rerunning adds only what is new. Ctrl-C stops cleanly keeping every
finished batch; rerun the same command to resume. Documents that cannot be
read or analysed are recorded with the reason: see 'detente errors'.`,
		Example: `  detente ingest examples/wikinews.jsonl
  detente ingest news/ crawl.warc.gz --db corpus.duckdb
  detente ingest --feed https://example.org/world.rss`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 && len(opts.Feeds) == 0 {
				return fmt.Errorf("nothing to ingest: give paths or --feed URLs")
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			store, err := duckdb.Open(context.WithoutCancel(ctx), db)
			if err != nil {
				return err
			}
			closed := false
			defer func() {
				if !closed {
					store.Close()
				}
			}()
			if !quiet {
				opts.Progress = os.Stderr
				opts.Interactive = term.IsTerminal(int(os.Stderr.Fd()))
			}
			st, err := ingest.Run(ctx, args, opts, detente.Analyze, store)
			fmt.Fprintln(os.Stderr, "ingest", st)
			if err != nil {
				return err
			}
			// Closing checkpoints the write-ahead log into the file; report
			// it, as it is store time the run's figure does not include.
			t0 := time.Now()
			closed = true
			if err := store.Close(); err != nil {
				return err
			}
			if d := time.Since(t0); d > 100*time.Millisecond {
				fmt.Fprintf(os.Stderr, "ingest: store checkpoint on close %s\n", d.Round(time.Millisecond))
			}
			if st.Failed > 0 {
				fmt.Fprintf(os.Stderr, "ingest: %d documents failed; list them with `detente errors --db %s`\n", st.Failed, db)
			}
			if st.Stopped {
				fmt.Fprintln(os.Stderr, "ingest: stopped before the end; run the same command again to resume")
			}
			return nil
		},
	}
	addDBFlag(c, &db)
	f := c.Flags()
	f.StringArrayVar(&opts.Feeds, "feed", nil, "RSS/Atom feed URL to fetch (repeatable; conditional GET against the last run)")
	f.IntVar(&opts.Workers, "workers", 0, "analysis workers (default: number of CPUs)")
	f.IntVar(&opts.BatchSize, "batch", 256, "documents per store transaction")
	f.Int64Var(&opts.MaxDocBytes, "max-doc-bytes", 10<<20, "largest document (file, record, page) accepted")
	f.IntVar(&opts.MaxLineBytes, "max-line-bytes", 1<<20, "longest JSONL line accepted")
	f.DurationVar(&opts.Timeout, "timeout", 30*time.Second, "timeout of each network request")
	f.BoolVarP(&quiet, "quiet", "q", false, "no progress display")
	rootCmd.AddCommand(c)
}
