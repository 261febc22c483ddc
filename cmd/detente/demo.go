package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/duckdb"
	"github.com/detente-project/detente/examples"
	"github.com/detente-project/detente/ingest"
)

func init() {
	var db, addr string
	c := &cobra.Command{
		Use:   "demo",
		Short: "Ingest the bundled Wikinews sample into a store and serve the dashboard",
		Long: `demo shows the whole product with no setup: it analyses the 295 bundled
Wikinews articles (2019–2020, CC BY 2.5) into a DuckDB store on all cores,
then serves the API and dashboard over it. Running it again reuses the store:
ingest is idempotent, so nothing is analysed twice.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			if err := ingestSample(ctx, db); err != nil {
				return err
			}
			if ctx.Err() != nil {
				return nil
			}
			fmt.Fprintf(os.Stderr, "demo: open http://%s in a browser (Ctrl-C to stop)\n", addr)
			return serveStore(ctx, db, addr, "", 1<<20)
		},
	}
	c.Flags().StringVar(&db, "db", "detente-demo.duckdb", "DuckDB store file to create or reuse")
	c.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on")
	rootCmd.AddCommand(c)
}

// ingestSample analyses the embedded Wikinews sample into the store at db.
func ingestSample(ctx context.Context, db string) error {
	dir, err := os.MkdirTemp("", "detente-demo")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	sample := filepath.Join(dir, "wikinews.jsonl")
	if err := os.WriteFile(sample, examples.Wikinews, 0o600); err != nil {
		return fmt.Errorf("demo: writing the sample: %w", err)
	}
	store, err := duckdb.Open(context.WithoutCancel(ctx), db)
	if err != nil {
		return err
	}
	opts := ingest.Options{Progress: os.Stderr, Interactive: term.IsTerminal(int(os.Stderr.Fd()))}
	st, err := ingest.Run(ctx, []string{sample}, opts, detente.Analyze, store)
	fmt.Fprintln(os.Stderr, "demo: ingest", st)
	if cerr := store.Close(); err == nil {
		err = cerr
	}
	return err
}
