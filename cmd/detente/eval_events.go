package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/internal/eval"
)

var evalEventsFlags struct {
	gold    string
	verbose bool
}

var evalEventsCmd = &cobra.Command{
	Use:   "events",
	Short: "Score the event coder on an events JSONL gold file",
	Long: `Run the full pipeline (detente.Analyze) on each record's text and date of
an events JSONL gold file (DESIGN.md)
and print one JSON object: records, and precision/recall/F1 (percent) at three
levels, micro-averaged with one-to-one matching:
  event  the CAMEO root, or the PLOVER type where the gold has no CAMEO code
  dyad   source and target country (first 3 letters of the actor codes)
  full   dyad and event
A gold event with an empty target matches a prediction with the same source
and class whatever its target. Negated predictions are not counted, nor, in
records whose gold has no CAMEO codes, predictions whose code PLOVER drops
(statements). per_plover splits the levels by PLOVER type. --verbose adds
per_record with each record's gold and counted predictions.`,
	Args: cobra.NoArgs,
	RunE: func(cmd *cobra.Command, args []string) error {
		if evalEventsFlags.gold == "" {
			return fmt.Errorf("eval events: --gold is required")
		}
		f, err := os.Open(evalEventsFlags.gold)
		if err != nil {
			return fmt.Errorf("eval events: %w", err)
		}
		recs, err := eval.ReadEventGold(f)
		f.Close()
		if err != nil {
			return err
		}
		an, err := detente.Default()
		if err != nil {
			return fmt.Errorf("eval events: %w", err)
		}
		type result struct {
			pred []eval.PredEvent
			err  string
		}
		results := make([]result, len(recs))
		parallelEach(len(recs), func(i int) {
			res, err := an.Analyze(cmd.Context(), detente.Article{ID: recs[i].ID, Published: recs[i].Date, Text: recs[i].Text})
			results[i].pred = eval.PredFromEvents(res.Events)
			if err != nil {
				results[i].err = err.Error()
			}
		})
		sc := eval.NewEventScorer(evalEventsFlags.verbose)
		for i, r := range recs {
			sc.Add(r, results[i].pred, results[i].err)
		}
		enc := json.NewEncoder(cmd.OutOrStdout())
		enc.SetIndent("", "  ")
		return enc.Encode(sc.Result())
	},
}

func init() {
	evalEventsCmd.Flags().StringVar(&evalEventsFlags.gold, "gold", "", "events gold file (JSONL, DESIGN.md format)")
	evalEventsCmd.Flags().BoolVar(&evalEventsFlags.verbose, "verbose", false, "add per-record gold and predictions")
	evalCmd.AddCommand(evalEventsCmd)
}
