package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/detente-project/detente/duckdb"
	"github.com/detente-project/detente/internal/schema"
	"github.com/detente-project/detente/internal/textnorm"
)

const wikinews = "../examples/wikinews.jsonl"

func needWikinews(t testing.TB) {
	t.Helper()
	if _, err := os.Stat(wikinews); err != nil {
		t.Skip("examples/wikinews.jsonl absent; build it with `go run ./examples/gen`")
	}
}

func openStore(t testing.TB, path string) *duckdb.DB {
	t.Helper()
	db, err := duckdb.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func run(t testing.TB, db *duckdb.DB, paths []string, opts Options) Stats {
	t.Helper()
	st, err := Run(context.Background(), paths, opts, testAnalyze, db)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func storeCounts(t testing.TB, db *duckdb.DB) schema.Counts {
	t.Helper()
	c, err := db.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// eventDigest summarises the events table so two stores can be compared
// exactly (ids, dates, codes and coverage figures).
func eventDigest(t testing.TB, db *duckdb.DB) string {
	t.Helper()
	var b strings.Builder
	err := db.Events(context.Background(), schema.DateRange{}, func(e schema.StoredEvent) error {
		fmt.Fprintf(&b, "%d %s %s %s %s %d %d %d %.3f\n", e.ID, e.Date, e.Source.Code, e.Target.Code, e.Cameo, e.NumMentions, e.NumArticles, e.NumSources, e.AvgTone)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestWikinewsTwiceAddsNothing(t *testing.T) {
	needWikinews(t)
	path := filepath.Join(t.TempDir(), "w.duckdb")
	db := openStore(t, path)
	st := run(t, db, []string{wikinews}, Options{})
	if st.Articles != 295 || st.Failed != 0 || st.Events == 0 || st.Stopped {
		t.Fatalf("first run: %v", st)
	}
	c1 := storeCounts(t, db)
	d1 := eventDigest(t, db)
	db.Close()

	db = openStore(t, path)
	st = run(t, db, []string{wikinews}, Options{})
	if st.Articles != 0 || st.Events != 0 || st.Mentions != 0 || st.Duplicates != 295 {
		t.Fatalf("second run added something: %v", st)
	}
	if c2 := storeCounts(t, db); c2 != c1 {
		t.Fatalf("counts changed: %+v → %+v", c1, c2)
	}
	if d2 := eventDigest(t, db); d2 != d1 {
		t.Fatal("events changed on the second run")
	}
	t.Logf("wikinews: %+v", c1)
}

// warcRecord is one raw WARC record, gzipped on its own as in Common Crawl.
func warcRecord(typ, uri, date, contentType string, block string) []byte {
	var h strings.Builder
	fmt.Fprintf(&h, "WARC/1.1\r\nWARC-Type: %s\r\n", typ)
	if uri != "" {
		fmt.Fprintf(&h, "WARC-Target-URI: %s\r\n", uri)
	}
	fmt.Fprintf(&h, "WARC-Date: %s\r\nWARC-Record-ID: <urn:uuid:%08x-0000-4000-8000-000000000000>\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n",
		date, len(block)+len(typ)+len(uri), contentType, len(block), block)
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write([]byte(h.String()))
	zw.Close()
	return z.Bytes()
}

func httpResponse(contentType, body string) string {
	return fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s", contentType, len(body), body)
}

const page = `<!DOCTYPE html><html><head><title>Talks in Geneva | Example News</title>
<meta property="og:site_name" content="Example News"><meta name="date" content="2023-06-19"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Talks in Geneva</h1>
<p>Officials from the United States met China in Geneva on Monday to discuss trade, a meeting both sides described as constructive and long overdue.</p>
<p>The delegations spent six hours in closed session. Diplomats said the United States agreed with China on a timetable for further talks later in the year.</p>
<p>Analysts said the meeting marked a thaw after months of tension between the two largest economies in the world, though many disputes remain open.</p>
</article><footer>Copyright Example News</footer></body></html>`

const page2 = `<html><head><title>Strikes reported</title></head><body><article>
<p>Russia launched an attack on Ukraine overnight, officials in Kyiv said on Tuesday, the third such night in a row across several regions of the country.</p>
<p>Emergency services said the strikes damaged power stations and homes, leaving thousands without electricity as temperatures dropped below freezing.</p>
<p>International observers called for restraint and an immediate return to negotiations between the two governments.</p>
</article></body></html>`

func TestWARCAndFeedFiles(t *testing.T) {
	dir := t.TempDir()
	var w bytes.Buffer
	w.Write(warcRecord("warcinfo", "", "2023-06-19T10:00:00Z", "application/warc-fields", "software: test\r\n"))
	w.Write(warcRecord("request", "https://news.example/talks", "2023-06-19T10:00:00Z", "application/http; msgtype=request", "GET /talks HTTP/1.1\r\nHost: news.example\r\n\r\n"))
	w.Write(warcRecord("response", "https://news.example/talks", "2023-06-19T10:00:01Z", "application/http; msgtype=response", httpResponse("text/html; charset=utf-8", page)))
	w.Write(warcRecord("response", "https://news.example/logo.png", "2023-06-19T10:00:02Z", "application/http; msgtype=response", httpResponse("image/png", "\x89PNG\r\n\x1a\n")))
	w.Write(warcRecord("response", "https://news.example/strikes", "2023-06-20T08:00:00Z", "application/http; msgtype=response", httpResponse("text/html", page2)))
	if err := os.WriteFile(filepath.Join(dir, "crawl.warc.gz"), w.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	rss := `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Wire Feed</title><link>https://wire.example/</link><description>x</description>
<item><title>Sanctions</title><link>https://wire.example/1</link><guid>w1</guid><pubDate>Wed, 21 Jun 2023 09:00:00 GMT</pubDate>
<description>&lt;p&gt;The United States imposed new sanctions on Iran on Wednesday.&lt;/p&gt;&lt;p&gt;Iran accused the United States of economic war.&lt;/p&gt;</description></item>
<item><title>Visit</title><link>https://wire.example/2</link><guid>w2</guid><pubDate>Thu, 22 Jun 2023 09:00:00 GMT</pubDate>
<description>India and Japan said a visit by ministers is planned.</description></item>
<item><title>Empty</title><link>https://wire.example/3</link><guid>w3</guid></item>
</channel></rss>`
	atom := `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title><id>urn:x</id><updated>2023-06-23T00:00:00Z</updated>
<entry><title>Aid</title><id>urn:a1</id><link href="https://atom.example/a1"/><updated>2023-06-23T00:00:00Z</updated>
<content type="html">&lt;p&gt;Germany agreed to send aid to Syria after the earthquake.&lt;/p&gt;</content></entry></feed>`
	os.WriteFile(filepath.Join(dir, "wire.rss"), []byte(rss), 0o644)
	os.WriteFile(filepath.Join(dir, "desk.atom"), []byte(atom), 0o644)

	db := openStore(t, "")
	st := run(t, db, []string{dir}, Options{})
	if st.Articles != 5 || st.Failed != 1 {
		t.Fatalf("stats: %v", st)
	}
	type row struct{ url, title, published, source, ref string }
	rows, err := db.SQL().Query(`SELECT url, title, strftime(published, '%Y-%m-%d'), source, ref FROM articles ORDER BY rowid`)
	if err != nil {
		t.Fatal(err)
	}
	var got []row
	for rows.Next() {
		var r row
		rows.Scan(&r.url, &r.title, &r.published, &r.source, &r.ref)
		got = append(got, r)
	}
	want := []row{
		{"https://news.example/talks", "Talks in Geneva", "2023-06-19", "Example News", "crawl.warc.gz@"},
		{"https://news.example/strikes", "Strikes reported", "2023-06-20", "", "crawl.warc.gz@"},
		{"https://atom.example/a1", "Aid", "2023-06-23", "Atom Desk", "desk.atom#urn:a1"},
		{"https://wire.example/1", "Sanctions", "2023-06-21", "Wire Feed", "wire.rss#w1"},
		{"https://wire.example/2", "Visit", "2023-06-22", "Wire Feed", "wire.rss#w2"},
	}
	if len(got) != len(want) {
		t.Fatalf("articles: %+v", got)
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.url != w.url || !strings.Contains(g.title, w.title) || g.published != w.published || (w.source != "" && g.source != w.source) || !strings.Contains(g.ref, w.ref) {
			t.Errorf("article %d: got %+v, want %+v", i, g, w)
		}
	}
	var text string
	db.SQL().QueryRow(`SELECT text FROM articles WHERE url = 'https://news.example/talks'`).Scan(&text)
	if !strings.Contains(text, "met China in Geneva") || strings.Contains(text, "Home") || strings.Contains(text, "Copyright") {
		t.Errorf("page text not extracted cleanly: %q", text)
	}
	db.SQL().QueryRow(`SELECT text FROM articles WHERE url = 'https://wire.example/1'`).Scan(&text)
	if text != "The United States imposed new sanctions on Iran on Wednesday.\n\nIran accused the United States of economic war." {
		t.Errorf("feed item text: %q", text)
	}
	var pairs []string
	db.Events(context.Background(), schema.DateRange{}, func(e schema.StoredEvent) error {
		pairs = append(pairs, e.Date+" "+e.Source.Code+">"+e.Target.Code+" "+e.Cameo)
		return nil
	})
	joined := strings.Join(pairs, "|")
	for _, w := range []string{"2023-06-19 USAGOV>CHN 040", "2023-06-20 RUSGOV>UKR 190", "2023-06-21 IRNGOV>USA 112", "2023-06-23 DEUGOV>SYR 057"} {
		if !strings.Contains(joined, w) {
			t.Errorf("missing event %s in %v", w, pairs)
		}
	}
	fs, _ := db.Failures(context.Background(), 0)
	if len(fs) != 1 || !strings.HasSuffix(fs[0].Ref, "wire.rss#w3") || !strings.Contains(fs[0].Reason, "without content") {
		t.Errorf("failures: %+v", fs)
	}
}

func TestBadDocumentsAreListedAndTheRestIngested(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a-good.txt", []byte("France and Germany agreed on a budget on Monday.\r\n\r\nIt was good news."))
	write("b-binary.bin", []byte{0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0x3e, 0})
	write("c-binary.txt", append([]byte("looks like text"), 0, 1, 2, 3, 0, 0xff))
	write("d-empty.txt", nil)
	write("e-blank.txt", []byte(" \n\t\n"))
	write("f-latin1.txt", []byte("Caf\xe9 owners in Brazil protest\xa0against Mexico."))
	write("g-big.txt", bytes.Repeat([]byte("word "), 3000))
	write("h-page.html", []byte(page))
	write("sub/i-good.txt", []byte("Canada said it welcomed Mexico's offer of talks."))
	write(".hidden.txt", []byte("never read"))
	lines := strings.Join([]string{
		`{"url":"https://x.example/1","title":"T1","published":"2020-03-01T10:00:00Z","text":"Turkey accused Syria of shelling."}`,
		`not json`,
		``,
		`{"url":"https://x.example/2","title":"no body"}`,
		`{"url":"https://x.example/3","text":"` + strings.Repeat("long ", 400) + `"}`,
		`{"url":"https://x.example/4","html":"<p>Egypt and Israel met in Cairo.</p>","date":"2020-03-02"}`,
		"{\"url\":\"https://x.example/5\",\"text\":\"Bad \xff\xfe bytes in a JSON string.\"}",
	}, "\n")
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write([]byte(lines))
	zw.Close()
	write("j-records.jsonl.gz", z.Bytes())
	write("k-truncated.jsonl.gz", z.Bytes()[:z.Len()/2])

	db := openStore(t, "")
	st := run(t, db, []string{dir, filepath.Join(dir, "missing.txt")}, Options{MaxDocBytes: 10_000, MaxLineBytes: 1000})
	fs, err := db.Failures(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	reasons := map[string]string{}
	for _, f := range fs {
		reasons[strings.TrimPrefix(f.Ref, dir+"/")] = f.Reason
	}
	want := map[string]string{
		"b-binary.bin":         "unsupported file type",
		"c-binary.txt":         "binary content",
		"d-empty.txt":          "empty document",
		"e-blank.txt":          "empty document",
		"f-latin1.txt":         "invalid UTF-8 at byte 3",
		"g-big.txt":            "document too large",
		"j-records.jsonl.gz:2": "invalid JSON",
		"j-records.jsonl.gz:4": `no "text" or "html" field`,
		"j-records.jsonl.gz:5": "line longer than 1000 bytes",
		"missing.txt":          "cannot read",
	}
	for ref, why := range want {
		if !strings.Contains(reasons[ref], why) {
			t.Errorf("%s: reason %q, want %q", ref, reasons[ref], why)
		}
	}
	var truncated bool
	for ref, why := range reasons {
		if strings.HasPrefix(ref, "k-truncated.jsonl.gz") && strings.Contains(why, "read error") {
			truncated = true
		}
	}
	if !truncated {
		t.Errorf("truncated gzip not reported: %v", reasons)
	}
	// Good: a-good, h-page, sub/i-good, records 1, 4 and 5 (JSON decoding
	// replaces the bad bytes), plus the records of the truncated copy before the cut.
	var refs []string
	rows, _ := db.SQL().Query(`SELECT ref FROM articles ORDER BY ref`)
	for rows.Next() {
		var r string
		rows.Scan(&r)
		refs = append(refs, strings.TrimPrefix(r, dir+"/"))
	}
	for _, w := range []string{"a-good.txt", "h-page.html", "sub/i-good.txt", "j-records.jsonl.gz:1", "j-records.jsonl.gz:6", "j-records.jsonl.gz:7"} {
		if !strings.Contains(strings.Join(refs, " "), w) {
			t.Errorf("article %s not ingested: %v; failures %v", w, refs, reasons)
		}
	}
	for _, r := range refs {
		if strings.Contains(r, "hidden") {
			t.Errorf("hidden file read: %s", r)
		}
	}
	var text string
	db.SQL().QueryRow(`SELECT text FROM articles WHERE ref LIKE '%a-good.txt'`).Scan(&text)
	if text != "France and Germany agreed on a budget on Monday.\n\nIt was good news." {
		t.Errorf("normalised text %q", text)
	}
	if st.Failed != int64(len(fs)) {
		t.Errorf("stats failed=%d, listed %d", st.Failed, len(fs))
	}
	// Rerun: nothing new, failures not repeated.
	st = run(t, db, []string{dir, filepath.Join(dir, "missing.txt")}, Options{MaxDocBytes: 10_000, MaxLineBytes: 1000})
	if fs2, _ := db.Failures(context.Background(), 0); len(fs2) != len(fs) || st.Articles != 0 {
		t.Errorf("rerun: %d failures (was %d), %d new articles", len(fs2), len(fs), st.Articles)
	}
}

// TestCancelMidwayThenResume cancels a run from inside the analyzer after
// a number of articles, reruns, and compares with one clean run.
func TestCancelMidwayThenResume(t *testing.T) {
	needWikinews(t)
	clean := openStore(t, "")
	run(t, clean, []string{wikinews}, Options{BatchSize: 16})
	want, wantEv := storeCounts(t, clean), eventDigest(t, clean)

	for _, workers := range []int{1, 2, 4} {
		t.Run(fmt.Sprint("workers=", workers), func(t *testing.T) {
			db := openStore(t, "")
			ctx, cancel := context.WithCancel(context.Background())
			var n atomic.Int64
			an := func(ctx context.Context, a schema.Article) (schema.Analysis, error) {
				if n.Add(1) == 100 {
					cancel()
				}
				return testAnalyze(ctx, a)
			}
			st, err := Run(ctx, []string{wikinews}, Options{BatchSize: 16, Workers: workers}, an, db)
			cancel()
			if err != nil {
				t.Fatal(err)
			}
			if !st.Stopped || st.Articles == 0 || st.Articles >= 295 {
				t.Fatalf("cancelled run: %v", st)
			}
			st2 := run(t, db, []string{wikinews}, Options{BatchSize: 16, Workers: workers})
			if st.Articles+st2.Articles != 295 {
				t.Fatalf("resume stored %d + %d articles", st.Articles, st2.Articles)
			}
			if got := storeCounts(t, db); got != want {
				t.Fatalf("counts after resume %+v, clean %+v", got, want)
			}
			if eventDigest(t, db) != wantEv {
				t.Fatal("events after resume differ from a clean run")
			}
		})
	}
}

// TestKillMidwayThenResume runs ingest in a child process, interrupts it
// with SIGINT (clean stop) or SIGKILL (crash) after it has written a few
// batches, reruns, and compares with one clean run.
func TestKillMidwayThenResume(t *testing.T) {
	needWikinews(t)
	clean := openStore(t, "")
	run(t, clean, []string{wikinews}, Options{BatchSize: 8})
	want, wantEv := storeCounts(t, clean), eventDigest(t, clean)

	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGKILL} {
		t.Run(sig.String(), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "k.duckdb")
			cmd := exec.Command(os.Args[0], "-test.run=^TestIngestHelperProcess$")
			cmd.Env = append(os.Environ(), "DETENTE_INGEST_HELPER="+path)
			out, _ := cmd.StdoutPipe()
			cmd.Stderr = os.Stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			sc := bufio.NewScanner(out)
			batches := 0
			for sc.Scan() {
				if strings.HasPrefix(sc.Text(), "batch ") {
					if batches++; batches == 3 {
						cmd.Process.Signal(sig)
						break
					}
				}
			}
			go func() {
				for sc.Scan() {
				}
			}()
			err := cmd.Wait()
			if batches < 3 {
				t.Fatalf("child wrote %d batches, err %v", batches, err)
			}
			db := openStore(t, path)
			mid := storeCounts(t, db)
			if mid.Articles == 0 || mid.Articles >= want.Articles {
				t.Fatalf("after %v: %d articles stored (clean run: %d)", sig, mid.Articles, want.Articles)
			}
			run(t, db, []string{wikinews}, Options{BatchSize: 8})
			if got := storeCounts(t, db); got != want {
				t.Fatalf("after %v and resume: %+v, clean %+v", sig, got, want)
			}
			if eventDigest(t, db) != wantEv {
				t.Fatal("events after resume differ from a clean run")
			}
			t.Logf("%v after %d articles; resumed to %d", sig, mid.Articles, want.Articles)
		})
	}
}

// loggingSink reports each committed batch on stdout for the parent test.
type loggingSink struct{ *duckdb.DB }

func (s loggingSink) Write(ctx context.Context, b schema.Batch) (schema.WriteStats, error) {
	st, err := s.DB.Write(ctx, b)
	if err == nil {
		fmt.Printf("batch %d\n", st.Articles)
	}
	return st, err
}

// TestIngestHelperProcess is the child of TestKillMidwayThenResume.
func TestIngestHelperProcess(t *testing.T) {
	path := os.Getenv("DETENTE_INGEST_HELPER")
	if path == "" {
		t.Skip("helper process for TestKillMidwayThenResume")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	db, err := duckdb.Open(ctx, path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	slow := func(ctx context.Context, a schema.Article) (schema.Analysis, error) {
		time.Sleep(10 * time.Millisecond) // leave time for the signal to land mid-run
		return testAnalyze(ctx, a)
	}
	st, err := Run(ctx, []string{wikinews}, Options{BatchSize: 8}, slow, loggingSink{db})
	db.Close()
	fmt.Println("stopped", st.Stopped, err)
	os.Exit(0)
}

func TestFeedURLConditionalGETAndTimeout(t *testing.T) {
	rss := `<?xml version="1.0"?><rss version="2.0"><channel><title>Live</title>
<item><title>A</title><link>https://live.example/a</link><guid>a</guid><pubDate>Mon, 19 Jun 2023 09:00:00 GMT</pubDate>
<description>China and Russia held talks in Moscow.</description></item></channel></rss>`
	var full, notModified atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed":
			if r.Header.Get("If-None-Match") == `"v1"` {
				notModified.Add(1)
				w.WriteHeader(http.StatusNotModified)
				return
			}
			full.Add(1)
			w.Header().Set("ETag", `"v1"`)
			w.Write([]byte(rss))
		case "/slow":
			select {
			case <-time.After(5 * time.Second):
			case <-r.Context().Done():
			}
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	db := openStore(t, "")
	opts := Options{Feeds: []string{srv.URL + "/feed", srv.URL + "/slow", srv.URL + "/missing", "ftp://x"}, Timeout: 300 * time.Millisecond}
	st := run(t, db, nil, opts)
	if st.Articles != 1 || st.Failed != 3 || full.Load() != 1 {
		t.Fatalf("first fetch: %v (full=%d)", st, full.Load())
	}
	st = run(t, db, nil, opts)
	if st.Articles != 0 || notModified.Load() != 1 || full.Load() != 1 {
		t.Fatalf("second fetch not conditional: %v full=%d 304=%d", st, full.Load(), notModified.Load())
	}
	fs, _ := db.Failures(context.Background(), 0)
	reasons := ""
	for _, f := range fs {
		reasons += f.Ref + ": " + f.Reason + "\n"
	}
	for _, w := range []string{"/slow: fetch:", "/missing: fetch: HTTP 404", "ftp://x: not an http(s) URL"} {
		if !strings.Contains(reasons, w) {
			t.Errorf("missing failure %q in\n%s", w, reasons)
		}
	}
}

func FuzzDocumentText(f *testing.F) {
	f.Add([]byte(page))
	f.Add([]byte("<p>a<script>x</p>"))
	f.Add([]byte{0xff, 0, '<'})
	f.Fuzz(func(t *testing.T, b []byte) {
		s := textnorm.Normalize(validText(fragmentText(b)))
		if textnorm.Normalize(s) != s {
			t.Fatalf("Normalize not idempotent on %q", s)
		}
		checkText(b)
		jsonDoc("x", b)
	})
}

// BenchmarkIngestWikinews10k ingests the Wikinews sample repeated to 10,000
// varied articles with the test analyzer and reports the store's share.
func BenchmarkIngestWikinews10k(b *testing.B) {
	needWikinews(b)
	src, _ := os.ReadFile(wikinews)
	lines := bytes.Split(bytes.TrimSpace(src), []byte("\n"))
	var buf bytes.Buffer
	for i := range 10_000 {
		l := lines[i%len(lines)]
		if k := i / len(lines); k > 0 {
			l = bytes.Replace(l, []byte(`","title"`), []byte(fmt.Sprintf(`?copy=%d","title"`, k)), 1)
			l = bytes.Replace(l, []byte(`"text":"`), []byte(fmt.Sprintf(`"text":"Copy %d. `, k)), 1)
		}
		buf.Write(l)
		buf.WriteByte('\n')
	}
	in := filepath.Join(b.TempDir(), "w10k.jsonl")
	os.WriteFile(in, buf.Bytes(), 0o644)
	for b.Loop() {
		db := openStore(b, filepath.Join(b.TempDir(), "b.duckdb"))
		st := run(b, db, []string{in}, Options{})
		if st.Articles != 10_000 {
			b.Fatalf("%v", st)
		}
		b.ReportMetric(float64(st.Articles)/st.Elapsed.Seconds(), "articles/s")
		b.ReportMetric(100*st.Store.Seconds()/st.Elapsed.Seconds(), "store%")
		b.ReportMetric(float64(st.Store.Microseconds())/float64(st.Articles), "store-µs/article")
		db.Close()
	}
}

func TestProgressDisplays(t *testing.T) {
	needWikinews(t)
	slow := func(ctx context.Context, a schema.Article) (schema.Analysis, error) {
		time.Sleep(2 * time.Millisecond)
		return testAnalyze(ctx, a)
	}
	for _, interactive := range []bool{false, true} {
		var buf bytes.Buffer
		db := openStore(t, "")
		st, err := Run(context.Background(), []string{wikinews}, Options{Progress: &buf, Interactive: interactive, ProgressEvery: 20 * time.Millisecond, BatchSize: 16}, slow, db)
		if err != nil || st.Articles != 295 {
			t.Fatal(st, err)
		}
		out := buf.String()
		if !strings.Contains(out, "articles (") || !strings.Contains(out, "events (") {
			t.Errorf("interactive=%v: no progress in %q", interactive, out)
		}
		if !interactive && (!strings.HasPrefix(out, "ingest: ") || !strings.Contains(out, "% of input")) {
			t.Errorf("plain progress lines: %q", out)
		}
	}
}
