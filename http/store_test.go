package http

import (
	"bufio"
	"context"
	"encoding/json"
	"github.com/detente-project/detente/internal/testshared"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/duckdb"
	"github.com/detente-project/detente/internal/schema"
)

// at returns the span of the n-th (0-based) occurrence of s in text.
func at(t testing.TB, text, s string, n int) schema.Span {
	t.Helper()
	off := 0
	for i := 0; ; i++ {
		j := strings.Index(text[off:], s)
		if j < 0 {
			t.Fatalf("%q occurrence %d not in text", s, n)
		}
		if i == n {
			return schema.Span{Text: s, Start: off + j, End: off + j + len(s)}
		}
		off += j + len(s)
	}
}

func actor(t testing.TB, text, s, code, country string) schema.Actor {
	sp := at(t, text, s, 0)
	return schema.Actor{Text: s, Code: code, Country: country, Start: sp.Start, End: sp.End}
}

// testAnalyses builds three small analysed articles by hand: a US–China
// meeting and criticism, a US accusation a week later, and a Russian attack.
func testAnalyses(t testing.TB) []schema.Analysis {
	t1 := "Blinken met Xi in Beijing on Monday. China criticised the United States over Taiwan. \"We want stability,\" Blinken said."
	a1 := schema.Analysis{
		Article: schema.Article{URL: "https://example.org/1", Title: "Blinken meets Xi <b>in</b> Beijing", Published: "2023-06-19", Source: "Example", Language: "en", Text: t1},
		Entities: []schema.Entity{
			{Text: "Blinken", Type: "PER", Start: at(t, t1, "Blinken", 0).Start, End: at(t, t1, "Blinken", 0).End, Name: "Antony Blinken", Actor: "USAGOV", Mentions: 2},
			{Text: "Xi", Type: "PER", Start: at(t, t1, "Xi", 0).Start, End: at(t, t1, "Xi", 0).End, Name: "Xi Jinping", Actor: "CHNGOV", Mentions: 1},
			{Text: "Beijing", Type: "GPE", Start: at(t, t1, "Beijing", 0).Start, End: at(t, t1, "Beijing", 0).End, Name: "Beijing", Mentions: 1},
		},
		Events: []schema.Event{{
			Sentence: 0, Source: actor(t, t1, "Blinken", "USAGOV", "USA"), Cameo: "040", Root: "04", QuadClass: 1, Goldstein: 1,
			Plover: schema.Plover{Event: "CONSULT"}, Trigger: at(t, t1, "met", 0), Date: "2023-06-19", Modality: schema.Asserted,
			Location: &schema.Location{Name: "Beijing", Country: "CHN", Lat: 39.9, Lon: 116.4},
		}, {
			Sentence: 1, Source: actor(t, t1, "China", "CHN", "CHN"), Cameo: "111", Root: "11", QuadClass: 3, Goldstein: -2,
			Plover: schema.Plover{Event: "DISAPPROVE"}, Trigger: at(t, t1, "criticised", 0), Date: "2023-06-19", Modality: schema.Asserted,
		}},
		Quotes: []schema.Quote{{Text: "We want stability,", Start: at(t, t1, "We want stability,", 0).Start, End: at(t, t1, "We want stability,", 0).End, Direct: true, Cue: "said",
			Speaker: &schema.Speaker{Text: "Blinken", Name: "Antony Blinken", Actor: "USAGOV"}}},
		Tone: schema.Tone{Tone: 1.5, Words: 20},
	}
	tgt := actor(t, t1, "Xi", "CHNGOV", "CHN")
	a1.Events[0].Target = &tgt
	tgt2 := actor(t, t1, "United States", "USA", "USA")
	a1.Events[1].Target = &tgt2

	t2 := "The United States accused China of spying on Tuesday."
	a2 := schema.Analysis{
		Article: schema.Article{URL: "https://example.org/2", Title: "US accuses China", Published: "2023-06-27", Source: "Other", Language: "en", Text: t2},
		Events: []schema.Event{{
			Sentence: 0, Source: actor(t, t2, "United States", "USA", "USA"), Cameo: "112", Root: "11", QuadClass: 3, Goldstein: -2,
			Plover: schema.Plover{Event: "ACCUSE"}, Trigger: at(t, t2, "accused", 0), Date: "2023-06-27", Modality: schema.Asserted,
		}},
	}
	tgt3 := actor(t, t2, "China", "CHN", "CHN")
	a2.Events[0].Target = &tgt3

	t3 := "Russian forces shelled Kharkiv in Ukraine."
	a3 := schema.Analysis{
		Article: schema.Article{URL: "https://example.org/3", Title: "Shelling", Published: "2023-07-03", Source: "Example", Language: "en", Text: t3},
		Events: []schema.Event{{
			Sentence: 0, Source: actor(t, t3, "Russian forces", "RUSMIL", "RUS"), Cameo: "195", Root: "19", QuadClass: 4, Goldstein: -10,
			Plover: schema.Plover{Event: "ASSAULT"}, Trigger: at(t, t3, "shelled", 0), Date: "2023-07-03", Modality: schema.Asserted,
			Location: &schema.Location{Name: "Kharkiv", Country: "UKR"},
		}},
	}
	tgt4 := actor(t, t3, "Ukraine", "UKR", "UKR")
	a3.Events[0].Target = &tgt4

	out := []schema.Analysis{a1, a2, a3}
	for i := range out {
		out[i].Article.ID = schema.ArticleID(out[i].Article.Text, out[i].Article.URL)
	}
	return out
}

// buildStore writes analyses into a new store file and returns its path.
func buildStore(t testing.TB, analyses []schema.Analysis) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "test.duckdb")
	ctx := context.Background()
	db, err := duckdb.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Write(ctx, schema.Batch{Analyses: analyses}); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// wikinewsAnalyses analyses the first n articles of examples/wikinews.jsonl
// (all when n ≤ 0) with detente.Analyze on all cores, in file order.
func wikinewsAnalyses(t testing.TB, n int) []schema.Analysis {
	t.Helper()
	f, err := os.Open(filepath.Join(testshared.RepoRoot(t), "examples", "wikinews.jsonl"))
	if err != nil {
		t.Skipf("Wikinews sample absent: %v", err)
	}
	defer f.Close()
	var arts []schema.Article
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	for sc.Scan() && (n <= 0 || len(arts) < n) {
		var rec struct{ URL, Title, Published, Source, Text string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		arts = append(arts, schema.Article{URL: rec.URL, Title: rec.Title, Published: rec.Published, Source: rec.Source, Language: "en", Text: rec.Text})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	out := make([]schema.Analysis, len(arts))
	errs := make([]error, len(arts))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.NumCPU() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i], errs[i] = detente.Analyze(context.Background(), arts[i])
			}
		}()
	}
	for i := range arts {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("analyse wikinews article %d: %v", i, err)
		}
	}
	return out
}
