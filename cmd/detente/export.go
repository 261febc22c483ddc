package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/detente-project/detente/internal/kb"
	"github.com/detente-project/detente/internal/schema"
)

func init() {
	var (
		db, format, out string
		r               schema.DateRange
	)
	c := &cobra.Command{
		Use:   "export",
		Short: "Export the stored events: GDELT 2.0 Events layout, CSV, Parquet or JSONL",
		Long: `Export writes the distinct events of the store, ordered by id.

  gdelt    the 61 tab-separated columns of the GDELT 2.0 Events table, no
           header. Filled: ids, dates, actor codes, names, countries, known
           group and type codes, IsRootEvent, event codes, QuadClass,
           Goldstein, NumMentions/Sources/Articles, AvgTone, ActionGeo (FIPS
           country code; FeatureID holds the GeoNames id), Actor1Geo and
           Actor2Geo (the event's place when it lies in the actor's
           country, else the actor's country), DATEADDED, SOURCEURL.
           Empty: ethnic and religion codes, ADM1/ADM2 codes below
           country level.
  csv      one row per event with a header (the events table's columns)
  parquet  the events table's columns (via DuckDB)
  jsonl    one JSON object per event`,
		Example: `  detente export --format gdelt --out events.tsv
  detente export --format parquet --from 2020-01-01 --to 2020-12-31 --out 2020.parquet`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(format, "gdelt", "csv", "parquet", "jsonl"); err != nil {
				return err
			}
			if out == "" {
				return fmt.Errorf("--out FILE is required")
			}
			ctx := cmd.Context()
			store, err := openExisting(ctx, db)
			if err != nil {
				return err
			}
			defer store.Close()
			if format == "parquet" {
				return store.ExportParquet(ctx, r, out)
			}
			f, err := os.Create(out)
			if err != nil {
				return err
			}
			bw := bufio.NewWriterSize(f, 1<<20)
			n, err := exportEvents(bw, format, func(fn func(schema.StoredEvent) error) error { return store.Events(ctx, r, fn) })
			if ferr := bw.Flush(); err == nil {
				err = ferr
			}
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return fmt.Errorf("export %s: %w", out, err)
			}
			fmt.Fprintf(os.Stderr, "export: %d events to %s\n", n, out)
			return nil
		},
	}
	addDBFlag(c, &db)
	c.Flags().StringVar(&format, "format", "gdelt", "gdelt, csv, parquet or jsonl")
	c.Flags().StringVarP(&out, "out", "o", "", "file to write")
	addRangeFlags(c, &r)
	rootCmd.AddCommand(c)
}

// exportEvents writes the events that each yields in format and returns how many.
func exportEvents(w io.Writer, format string, each func(func(schema.StoredEvent) error) error) (int, error) {
	n := 0
	switch format {
	case "jsonl":
		enc := json.NewEncoder(w)
		return n, each(func(e schema.StoredEvent) error { n++; return enc.Encode(e) })
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write(csvHeader)
		err := each(func(e schema.StoredEvent) error { n++; return cw.Write(csvFields(e)) })
		cw.Flush()
		if err == nil {
			err = cw.Error()
		}
		return n, err
	}
	var buf []string
	return n, each(func(e schema.StoredEvent) error {
		n++
		buf = gdeltFields(buf[:0], e)
		_, err := io.WriteString(w, strings.Join(buf, "\t")+"\n")
		return err
	})
}

var csvHeader = []string{"id", "date", "source_code", "source_name", "source_country", "source_sectors",
	"target_code", "target_name", "target_country", "target_sectors", "cameo", "base_code", "root_code",
	"quadclass", "goldstein", "plover", "is_root", "num_mentions", "num_sources", "num_articles", "avg_tone",
	"geo_name", "geo_country", "geo_lat", "geo_lon", "geo_id", "source_url", "added"}

func csvFields(e schema.StoredEvent) []string {
	var l schema.Location
	lat, lon, gid := "", "", ""
	if e.Location != nil {
		l = *e.Location
		lat, lon = fl(l.Lat), fl(l.Lon)
		if l.GeonameID != 0 {
			gid = strconv.Itoa(l.GeonameID)
		}
	}
	return []string{strconv.FormatInt(e.ID, 10), e.Date,
		e.Source.Code, e.Source.Name, e.Source.Country, strings.Join(e.Source.Sectors, ";"),
		e.Target.Code, e.Target.Name, e.Target.Country, strings.Join(e.Target.Sectors, ";"),
		e.Cameo, e.Base, e.Root, strconv.Itoa(e.QuadClass), fl(e.Goldstein), e.Plover, strconv.FormatBool(e.IsRoot),
		strconv.Itoa(e.NumMentions), strconv.Itoa(e.NumSources), strconv.Itoa(e.NumArticles), fl(e.AvgTone),
		l.Name, l.Country, lat, lon, gid, e.SourceURL, e.Added.UTC().Format(time.RFC3339)}
}

func fl(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// knownGroupPrefixes are the CAMEO country-position codes after which a
// three-letter known-group code follows (IGOUNO → UNO).
var knownGroupPrefixes = []string{"IGO", "NGO", "NGM", "IMG", "MNC", "UIS"}

// gdeltActor appends the ten GDELT actor columns.
func gdeltActor(f []string, a schema.StoredActor) []string {
	known := ""
	for _, p := range knownGroupPrefixes {
		if len(a.Code) >= 6 && strings.HasPrefix(a.Code, p) {
			known = a.Code[3:6]
		}
	}
	types := [3]string{}
	copy(types[:], a.Sectors)
	return append(f, a.Code, strings.ToUpper(a.Name), a.Country, known, "", "", "", types[0], types[1], types[2])
}

// gdeltGeo appends the eight GDELT geography columns of a location: type 4
// (city or landmark) for a GeoNames place, type 1 (country) for a country.
func gdeltGeo(f []string, l *schema.Location) []string {
	if l == nil || (l.Name == "" && l.Country == "") {
		return append(f, "0", "", "", "", "", "", "", "")
	}
	typ := "1" // country
	lat, lon, feature := "", "", ""
	if l.GeonameID != 0 || l.Lat != 0 || l.Lon != 0 {
		lat, lon = fl(l.Lat), fl(l.Lon)
	}
	if l.GeonameID != 0 {
		typ = "4" // world city or landmark
		feature = strconv.Itoa(l.GeonameID)
	} else if k, err := kb.Default(); err == nil && lat != "" {
		if _, isCountry := k.CountryByName(l.Name); !isCountry {
			typ = "4" // a landmark with coordinates but no GeoNames id
		}
	}
	fips := kb.FIPS(l.Country)
	return append(f, typ, l.Name, fips, fips, "", lat, lon, feature)
}

// actorLocation places an actor for the Actor1Geo/Actor2Geo columns at
// country level, as GDELT does when the text ties an actor to no nearer
// place: the event's own location when it lies in the actor's country,
// else the centre of the actor's country; nil for actors without one.
func actorLocation(a schema.StoredActor, event *schema.Location) *schema.Location {
	if a.Country == "" {
		return nil
	}
	if event != nil && event.Country == a.Country {
		return event
	}
	k, err := kb.Default()
	if err != nil {
		return nil
	}
	c, ok := k.CountryByCode(a.Country)
	if !ok {
		return nil
	}
	return &schema.Location{Name: c.Name, Country: c.ISO3, Lat: c.Lat, Lon: c.Lon}
}

// gdeltFields appends the 61 columns of the GDELT 2.0 Events table
// (../shared/data/cameo/gdelt_event_cookbook.md) for one event.
func gdeltFields(f []string, e schema.StoredEvent) []string {
	day, month, year, frac := "", "", "", ""
	if t, err := time.Parse("2006-01-02", e.Date); err == nil {
		day, month, year = t.Format("20060102"), t.Format("200601"), t.Format("2006")
		frac = strconv.FormatFloat(float64(t.Year())+float64(t.YearDay())/365, 'f', 4, 64)
	}
	f = append(f, strconv.FormatInt(e.ID, 10), day, month, year, frac)
	f = gdeltActor(f, e.Source)
	f = gdeltActor(f, e.Target)
	root := "0"
	if e.IsRoot {
		root = "1"
	}
	f = append(f, root, e.Cameo, e.Base, e.Root, strconv.Itoa(e.QuadClass), fl(e.Goldstein),
		strconv.Itoa(e.NumMentions), strconv.Itoa(e.NumSources), strconv.Itoa(e.NumArticles), fl(e.AvgTone))
	f = gdeltGeo(f, actorLocation(e.Source, e.Location)) // Actor1Geo
	f = gdeltGeo(f, actorLocation(e.Target, e.Location)) // Actor2Geo
	f = gdeltGeo(f, e.Location)
	return append(f, e.Added.UTC().Format("20060102150405"), e.SourceURL)
}
