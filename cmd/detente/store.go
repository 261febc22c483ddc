package main

import (
	"context"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/detente-project/detente/duckdb"
	"github.com/detente-project/detente/internal/schema"
)

// defaultDB is the store file the corpus commands use without --db.
const defaultDB = "detente.duckdb"

// addDBFlag gives a corpus command its --db flag.
func addDBFlag(c *cobra.Command, db *string) {
	c.Flags().StringVar(db, "db", defaultDB, "DuckDB store file")
}

// openExisting opens a store that must already exist (query commands).
func openExisting(ctx context.Context, path string) (*duckdb.DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("store %s: %w (create it with `detente ingest --db %s …`)", path, err, path)
	}
	return duckdb.Open(ctx, path)
}

// addRangeFlags gives a command --from and --to.
func addRangeFlags(c *cobra.Command, r *schema.DateRange) {
	c.Flags().StringVar(&r.From, "from", "", "first event date, YYYY-MM-DD (inclusive)")
	c.Flags().StringVar(&r.To, "to", "", "last event date, YYYY-MM-DD (inclusive)")
}

// checkFormat rejects a --format value not in allowed.
func checkFormat(f string, allowed ...string) error {
	for _, a := range allowed {
		if f == a {
			return nil
		}
	}
	return fmt.Errorf("unknown --format %q (want one of %v)", f, allowed)
}
