package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/detente-project/detente/internal/kb"
	"github.com/detente-project/detente/internal/schema"
)

func init() {
	var (
		db     string
		q      schema.TopQuery
		format string
	)
	c := &cobra.Command{
		Use:   "top actors|dyads|events",
		Short: "Rank actors, directed dyads or CAMEO event codes by number of distinct events",
		Example: `  detente top actors --country
  detente top dyads -n 10 --from 2020-01-01
  detente top events --format json`,
		Args:      cobra.ExactArgs(1),
		ValidArgs: []string{schema.TopActors, schema.TopDyads, schema.TopEvents},
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format, "table", "csv", "json"); err != nil {
				return err
			}
			q.Kind = args[0]
			store, err := openExisting(cmd.Context(), db)
			if err != nil {
				return err
			}
			defer store.Close()
			rows, err := store.Top(cmd.Context(), q)
			if err != nil {
				return err
			}
			if q.Kind == schema.TopEvents {
				for i := range rows {
					if e, ok := kb.Event(rows[i].Key); ok {
						rows[i].Name = e.Name
					}
				}
			}
			switch format {
			case "json":
				if rows == nil {
					rows = []schema.TopRow{}
				}
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				return enc.Encode(rows)
			case "csv":
				cw := csv.NewWriter(cmd.OutOrStdout())
				cw.Write([]string{"key", "name", "events", "mentions", "goldstein_mean", "tone"})
				for _, r := range rows {
					cw.Write([]string{r.Key, r.Name, itoa(r.Events), itoa(r.Mentions), ftoa(r.GoldsteinMean, 2), ftoa(r.Tone, 2)})
				}
				cw.Flush()
				return cw.Error()
			}
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, strings.ToUpper(q.Kind[:len(q.Kind)-1])+"\tNAME\tEVENTS\tMENTIONS\tGOLDSTEIN\tTONE")
			for _, r := range rows {
				fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%.2f\t%.2f\n", r.Key, r.Name, r.Events, r.Mentions, r.GoldsteinMean, r.Tone)
			}
			return tw.Flush()
		},
	}
	addDBFlag(c, &db)
	c.Flags().IntVarP(&q.N, "number", "n", 20, "how many to list")
	c.Flags().BoolVar(&q.Country, "country", false, "rank actors and dyads by country (USA) rather than full code (USAGOV)")
	addRangeFlags(c, &q.DateRange)
	c.Flags().StringVar(&format, "format", "table", "table, csv or json")
	rootCmd.AddCommand(c)
}
