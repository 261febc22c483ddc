package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/detente-project/detente/internal/schema"
)

func init() {
	var (
		db     string
		q      schema.DyadQuery
		format string
	)
	c := &cobra.Command{
		Use:   "dyad A B",
		Short: "Relations between two actors over time: events per QuadClass, Goldstein, tone, both directions",
		Long: `Dyad aggregates the stored distinct events between actors A and B in both
directions, per day, week (from Monday) or month. An actor is a country code
(USA) or a full CAMEO actor code (USAGOV). Q1..Q4 count events per QuadClass:
verbal cooperation, material cooperation, verbal conflict, material conflict.
Periods without events are not listed; undated events are left out.`,
		Example: `  detente dyad USA CHN
  detente dyad USA CHN --by week --from 2023-01-01 --to 2023-06-30 --format csv`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format, "table", "csv", "json"); err != nil {
				return err
			}
			q.A, q.B = strings.ToUpper(args[0]), strings.ToUpper(args[1])
			store, err := openExisting(cmd.Context(), db)
			if err != nil {
				return err
			}
			defer store.Close()
			rows, err := store.Dyad(cmd.Context(), q)
			if err != nil {
				return err
			}
			return writeDyad(cmd.OutOrStdout(), format, rows)
		},
	}
	addDBFlag(c, &db)
	c.Flags().StringVar(&q.By, "by", schema.ByMonth, "period: day, week or month")
	addRangeFlags(c, &q.DateRange)
	c.Flags().StringVar(&format, "format", "table", "table, csv or json")
	rootCmd.AddCommand(c)
}

var dyadHeader = []string{"period", "source", "target", "events", "mentions", "q1", "q2", "q3", "q4", "goldstein_sum", "goldstein_mean", "tone"}

func dyadFields(r schema.DyadRow) []string {
	return []string{r.Period, r.Source, r.Target, itoa(r.Events), itoa(r.Mentions),
		itoa(r.Quad[0]), itoa(r.Quad[1]), itoa(r.Quad[2]), itoa(r.Quad[3]),
		ftoa(r.GoldsteinSum, 2), ftoa(r.GoldsteinMean, 2), ftoa(r.Tone, 2)}
}

func writeDyad(w io.Writer, format string, rows []schema.DyadRow) error {
	switch format {
	case "json":
		if rows == nil {
			rows = []schema.DyadRow{}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(rows)
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write(dyadHeader)
		for _, r := range rows {
			cw.Write(dyadFields(r))
		}
		cw.Flush()
		return cw.Error()
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	head := append([]string{"period", "dyad"}, dyadHeader[3:]...)
	fmt.Fprintln(tw, strings.ToUpper(strings.Join(head, "\t"))+"\t")
	for _, r := range rows {
		f := dyadFields(r)
		f[1] = f[1] + ">" + f[2]
		f = append(f[:2], f[3:]...)
		fmt.Fprintln(tw, strings.Join(f, "\t")+"\t")
	}
	if len(rows) == 0 {
		fmt.Fprintln(tw, "(no events)\t")
	}
	return tw.Flush()
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func ftoa(f float64, prec int) string { return strconv.FormatFloat(f, 'f', prec, 64) }
