package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/detente-project/detente/internal/kb"
	"github.com/spf13/cobra"
)

var kbCmd = &cobra.Command{
	Use:   "kb",
	Short: "Query the knowledge base (actors, countries, places, CAMEO codes)",
}

var (
	kbDate    string
	kbActors  []string
	kbAgents  []string
	kbCountry string
)

var kbLookupCmd = &cobra.Command{
	Use:   "lookup MENTION",
	Short: "Resolve a mention to a CAMEO actor code and print why",
	Long: `Resolve a mention ("Secretary of State Antony J. Blinken", "the Chinese foreign
ministry", "Beijing") on a date and print the actor code, the country, the
role codes, the canonical name and the rules and entries that fired. A bare
CAMEO event code ("042") prints the event; places are looked up as well.
--actors and --agents load TABARI/PETRARCH dictionaries from the user's path.`,
	Args: cobra.MinimumNArgs(1),
	RunE: func(cmd *cobra.Command, args []string) error {
		k, err := kb.Default()
		if err != nil {
			return err
		}
		out := cmd.OutOrStdout()
		if len(kbActors) > 0 || len(kbAgents) > 0 {
			var dicts []*kb.Dict
			for _, p := range kbActors {
				d, err := kb.LoadActorDict(p)
				if err != nil {
					return err
				}
				dicts = append(dicts, d)
			}
			for _, p := range kbAgents {
				d, err := kb.LoadAgentDict(p)
				if err != nil {
					return err
				}
				dicts = append(dicts, d)
			}
			for _, d := range dicts {
				fmt.Fprintln(cmd.ErrOrStderr(), d.Report())
			}
			k = k.Extend(dicts...)
		}
		date := time.Now().UTC()
		if kbDate != "" {
			if date, err = time.Parse("2006-01-02", kbDate); err != nil {
				return fmt.Errorf("--date: %w", err)
			}
		}
		mention := strings.Join(args, " ")
		if ev, ok := k.Event(mention); ok {
			fmt.Fprintf(out, "CAMEO %s %q root %s goldstein %.1f quadclass %d plover %s/%s/%s\n",
				ev.Code, ev.Name, ev.Root, ev.Goldstein, ev.QuadClass, ev.Plover.Event, ev.Plover.Mode, strings.Join(ev.Plover.Context, ";"))
			return nil
		}
		fmt.Fprintf(out, "mention: %q on %s\n", mention, date.Format("2006-01-02"))
		if r, ok := k.Resolve(mention, date); ok {
			fmt.Fprintf(out, "code:    %s\ncountry: %s\nsectors: %s\nname:    %s\nkind:    %s\n", r.Code, r.Country, strings.Join(r.Sectors, " "), r.Name, r.Kind)
			if r.Place != nil {
				fmt.Fprintf(out, "place:   %s, %s (%.4f, %.4f)\n", r.Place.Name, r.Place.Country, r.Place.Lat, r.Place.Lon)
			}
			for _, e := range r.Evidence {
				fmt.Fprintf(out, "  because %s\n", e)
			}
		} else {
			fmt.Fprintln(out, "code:    (not an actor)")
		}
		if p, ok := k.Place(mention, kbCountry); ok {
			fmt.Fprintf(out, "gazetteer: %s, %s %s %s pop %d geonameid %d (%.4f, %.4f)\n", p.Name, p.Country, p.Admin1, p.Feature, p.Population, p.GeonameID, p.Lat, p.Lon)
		}
		return nil
	},
}

func init() {
	kbLookupCmd.Flags().StringVar(&kbDate, "date", "", "date of the mention, YYYY-MM-DD (default today)")
	kbLookupCmd.Flags().StringArrayVar(&kbActors, "actors", nil, "TABARI/PETRARCH actor dictionary to load (repeatable)")
	kbLookupCmd.Flags().StringArrayVar(&kbAgents, "agents", nil, "TABARI/PETRARCH agent dictionary to load (repeatable)")
	kbLookupCmd.Flags().StringVar(&kbCountry, "country", "", "country context for the place lookup (ISO3, name or US state)")
	kbCmd.AddCommand(kbLookupCmd)
	rootCmd.AddCommand(kbCmd)
}
