package main

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
)

func init() {
	var (
		db     string
		limit  int
		format string
	)
	c := &cobra.Command{
		Use:     "errors",
		Short:   "List the documents that ingest could not read or analyse, with the reason",
		Example: "  detente errors --db corpus.duckdb\n  detente errors --format json | jq .reason",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(format, "table", "json"); err != nil {
				return err
			}
			store, err := openExisting(cmd.Context(), db)
			if err != nil {
				return err
			}
			defer store.Close()
			fs, err := store.Failures(cmd.Context(), limit)
			if err != nil {
				return err
			}
			if format == "json" {
				enc := json.NewEncoder(cmd.OutOrStdout())
				for _, f := range fs {
					if err := enc.Encode(f); err != nil {
						return err
					}
				}
				return nil
			}
			w := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
			fmt.Fprintln(w, "WHEN\tDOCUMENT\tREASON")
			for _, f := range fs {
				fmt.Fprintf(w, "%s\t%s\t%s\n", f.At.Format(time.DateTime), f.Ref, f.Reason)
			}
			return w.Flush()
		},
	}
	addDBFlag(c, &db)
	c.Flags().IntVarP(&limit, "limit", "n", 0, "list at most this many (0: all)")
	c.Flags().StringVar(&format, "format", "table", "table or json (one object a line)")
	rootCmd.AddCommand(c)
}
