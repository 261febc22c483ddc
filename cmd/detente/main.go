// Command detente turns news into political event data.
//
// Each subcommand lives in its own file and registers itself with the root
// command in an init function; flags and configuration live here only.
package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"
)

var rootCmd = &cobra.Command{
	Use:           "detente",
	Short:         "Détente: political event data from news",
	Long:          "Détente reads news and codes who did what to whom (CAMEO and PLOVER), when, where, who said what, and in what tone.",
	SilenceUsage:  true,
	SilenceErrors: true,
}

// trainCmd groups the model training commands (detente train tagger|parser|ner).
var trainCmd = &cobra.Command{
	Use:   "train",
	Short: "Train a model from annotated data",
}

// evalCmd groups the evaluation commands (detente eval ud|ner|events|quotes).
var evalCmd = &cobra.Command{
	Use:   "eval",
	Short: "Score a component against gold data; prints one JSON object",
}

func init() {
	rootCmd.AddCommand(trainCmd, evalCmd)
}

func main() {
	if err := rootCmd.Execute(); err != nil {
		fmt.Fprintln(os.Stderr, "detente:", err)
		os.Exit(1)
	}
}
