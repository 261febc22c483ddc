package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/detente-project/detente/duckdb"
	"github.com/detente-project/detente/internal/schema"
)

func TestGDELTLayout(t *testing.T) {
	e := schema.StoredEvent{
		ID: 7, Date: "2023-06-19",
		Source: schema.StoredActor{Code: "USAGOV", Name: "Antony J. Blinken", Country: "USA", Sectors: []string{"GOV"}},
		Target: schema.StoredActor{Code: "IGOUNO", Name: "United Nations", Country: "", Sectors: nil},
		Cameo:  "042", Base: "042", Root: "04", QuadClass: 1, Goldstein: 1.9, IsRoot: true,
		NumMentions: 3, NumSources: 2, NumArticles: 2, AvgTone: -1.25,
		Location:  &schema.Location{Name: "Beijing", Country: "CHN", Lat: 39.9, Lon: 116.4, GeonameID: 1816670},
		SourceURL: "https://x.example/a", Added: time.Date(2023, 6, 20, 1, 2, 3, 0, time.UTC),
	}
	f := gdeltFields(nil, e)
	if len(f) != 61 {
		t.Fatalf("%d columns, want 61", len(f))
	}
	want := map[int]string{
		0: "7", 1: "20230619", 2: "202306", 3: "2023", 4: "2023.4658",
		5: "USAGOV", 6: "ANTONY J. BLINKEN", 7: "USA", 12: "GOV",
		15: "IGOUNO", 18: "UNO", 25: "1", 26: "042", 27: "042", 28: "04", 29: "1", 30: "1.9",
		31: "3", 32: "2", 33: "2", 34: "-1.25",
		35: "1", 37: "US", 38: "US", 42: "", 43: "0", // Blinken at the centre of the US; the UN has no country
		51: "4", 52: "Beijing", 53: "CH", 56: "39.9", 57: "116.4", 58: "1816670",
		59: "20230620010203", 60: "https://x.example/a",
	}
	for i, w := range want {
		if f[i] != w {
			t.Errorf("column %d = %q, want %q", i+1, f[i], w)
		}
	}
	if f[40] == "" || f[41] == "" {
		t.Errorf("Actor1Geo has no coordinates: %q", f[35:43])
	}
	// An actor of the country the event happened in is placed there.
	e.Target = schema.StoredActor{Code: "CHNGOV", Name: "Xi Jinping", Country: "CHN"}
	f = gdeltFields(nil, e)
	if got := f[43:51]; got[0] != "4" || got[1] != "Beijing" || got[2] != "CH" || got[7] != "1816670" {
		t.Errorf("Actor2Geo of a Chinese actor in Beijing = %q", got)
	}
	var buf bytes.Buffer
	n, err := exportEvents(&buf, "gdelt", func(fn func(schema.StoredEvent) error) error {
		fn(e)
		return fn(schema.StoredEvent{ID: 8})
	})
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if err != nil || n != 2 || len(lines) != 2 || strings.Count(lines[1], "\t") != 60 {
		t.Fatalf("export: n=%d err=%v lines=%q", n, err, lines)
	}
}

// execute runs the CLI with args and returns its standard output.
func execute(t *testing.T, args ...string) string {
	t.Helper()
	var out bytes.Buffer
	rootCmd.SetOut(&out)
	rootCmd.SetArgs(args)
	defer rootCmd.SetArgs(nil)
	if err := rootCmd.ExecuteContext(context.Background()); err != nil {
		t.Fatalf("detente %v: %v", args, err)
	}
	return out.String()
}

func TestCorpusCommands(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "c.duckdb")
	db, err := duckdb.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	ev := func(src, tgt, cameo string, quad int, g float64) schema.Event {
		return schema.Event{Source: schema.Actor{Code: src, Country: src[:3], Text: src}, Target: &schema.Actor{Code: tgt, Country: tgt[:3], Text: tgt},
			Cameo: cameo, QuadClass: quad, Goldstein: g, Date: "2023-06-19"}
	}
	an := schema.Analysis{Article: schema.Article{ID: "a1", Published: "2023-06-19", Text: "x", URL: "https://x.example/1"},
		Events: []schema.Event{ev("USAGOV", "CHNGOV", "040", 1, 1), ev("CHNMIL", "USAMIL", "190", 4, -10)}, Tone: schema.Tone{Tone: -2}}
	if _, err := db.Write(context.Background(), schema.Batch{Analyses: []schema.Analysis{an}, Failures: []schema.Failure{{Ref: "bad.bin", Reason: "binary content"}}}); err != nil {
		t.Fatal(err)
	}
	db.Close()

	var rows []schema.DyadRow
	if err := json.Unmarshal([]byte(execute(t, "dyad", "usa", "chn", "--db", path, "--format", "json")), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].Source != "USA" || rows[0].Quad[0] != 1 || rows[1].Source != "CHN" || rows[1].GoldsteinSum != -10 {
		t.Fatalf("dyad json: %+v", rows)
	}
	if out := execute(t, "dyad", "USA", "CHN", "--db", path, "--format", "csv", "--by", "day"); !strings.Contains(out, "2023-06-19,USA,CHN,1,1,1,0,0,0,1.00,1.00,-2.00") {
		t.Fatalf("dyad csv:\n%s", out)
	}
	if out := execute(t, "top", "events", "--db", path); !strings.Contains(out, "190") {
		t.Fatalf("top events:\n%s", out)
	}
	if out := execute(t, "errors", "--db", path); !strings.Contains(out, "bad.bin") || !strings.Contains(out, "binary content") {
		t.Fatalf("errors:\n%s", out)
	}
	for _, format := range []string{"gdelt", "csv", "jsonl", "parquet"} {
		out := filepath.Join(dir, "out."+format)
		execute(t, "export", "--db", path, "--format", format, "--out", out)
		b, err := os.ReadFile(out)
		if err != nil || len(b) == 0 {
			t.Fatalf("export %s: %v (%d bytes)", format, err, len(b))
		}
		if format == "gdelt" && (strings.Count(string(b), "\n") != 2 || strings.Count(strings.Split(string(b), "\n")[0], "\t") != 60) {
			t.Fatalf("gdelt export:\n%s", b)
		}
	}
}

// TestIngestCommand runs `detente ingest` with the real analyzer on a
// small directory, twice, and checks what the store holds.
func TestIngestCommand(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	os.MkdirAll(in, 0o755)
	os.WriteFile(filepath.Join(in, "a.txt"), []byte("Secretary of State Antony J. Blinken met Xi Jinping, China's leader, in Beijing on Monday."), 0o644)
	os.WriteFile(filepath.Join(in, "b.jsonl"), []byte(`{"url":"https://x.example/1","published":"2023-06-20","text":"Russian forces attacked the Ukrainian city of Kharkiv on Tuesday, officials said."}`+"\n{broken\n"), 0o644)
	os.WriteFile(filepath.Join(in, "c.bin"), []byte{0, 1, 2, 3, 0xff}, 0o644)
	path := filepath.Join(dir, "i.duckdb")
	for range 2 {
		execute(t, "ingest", in, "--db", path, "--quiet")
	}
	db, err := duckdb.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	c, err := db.Counts(context.Background())
	db.Close()
	if err != nil || c.Articles != 2 || c.Failures != 2 {
		t.Fatalf("counts %+v %v", c, err)
	}
	out := execute(t, "errors", "--db", path, "--format", "json")
	if !strings.Contains(out, "b.jsonl:2") || !strings.Contains(out, "c.bin") {
		t.Fatalf("errors:\n%s", out)
	}
}
