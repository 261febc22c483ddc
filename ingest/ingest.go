// Package ingest reads a corpus — text and HTML files, JSONL records, WARC
// archives, RSS/Atom feeds — analyses every article on a worker pool and
// writes the results to a store in batches.
//
// Output order is stable: documents are written in input order whatever
// the number of workers, one transaction per batch. Together with content
// ids (see schema.ArticleID) this makes ingest idempotent and resumable: a
// run that is interrupted (Ctrl-C, a cancelled context, or a crash, which
// loses at most the batch in flight) and then repeated ends with exactly
// the same store as one clean run. Documents that cannot be read or
// analysed are recorded with the reason and never stop the run.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/detente-project/detente/internal/schema"
	"github.com/detente-project/detente/internal/textnorm"
)

// Analyzer analyses one article; cmd wires detente.Analyze here.
type Analyzer func(context.Context, schema.Article) (schema.Analysis, error)

// Sink is where ingest writes; *duckdb.DB is one.
type Sink interface {
	// Seen reports which article ids are already stored (analysis is skipped for them).
	Seen(ctx context.Context, ids []string) ([]bool, error)
	// Write stores one batch atomically.
	Write(ctx context.Context, b schema.Batch) (schema.WriteStats, error)
}

// FeedStates keeps conditional-GET state between runs; a Sink that also
// implements it gets conditional GETs for Options.Feeds.
type FeedStates interface {
	FeedState(ctx context.Context, url string) (schema.FeedState, error)
	SetFeedState(ctx context.Context, s schema.FeedState) error
}

// Options configures a run. The zero value is usable: Run fills defaults.
type Options struct {
	Workers      int           // analysis goroutines; default runtime.NumCPU()
	BatchSize    int           // articles and failures per transaction; default 256
	FlushEvery   time.Duration // also flush a batch this old; default 5s
	MaxDocBytes  int64         // per document (file, record, page); default 10 MB
	MaxLineBytes int           // per JSONL line; default 1 MB
	MaxFeedBytes int64         // per feed document; default 20 MB
	Feeds        []string      // feed URLs to fetch (RSS, Atom, JSON Feed)
	HTTPClient   *http.Client  // for Feeds; default one with Timeout
	Timeout      time.Duration // per network request; default 30s
	UserAgent    string        // for Feeds

	// Progress, when set, receives a progress display: a bar when
	// Interactive, else a plain line every ProgressEvery (default 10s).
	Progress      io.Writer
	Interactive   bool
	ProgressEvery time.Duration
}

func (o *Options) defaults() {
	if o.Workers <= 0 {
		o.Workers = runtime.NumCPU()
	}
	if o.BatchSize <= 0 {
		o.BatchSize = 256
	}
	if o.FlushEvery <= 0 {
		o.FlushEvery = 5 * time.Second
	}
	if o.MaxDocBytes <= 0 {
		o.MaxDocBytes = 10 << 20
	}
	if o.MaxLineBytes <= 0 {
		o.MaxLineBytes = 1 << 20
	}
	if o.MaxFeedBytes <= 0 {
		o.MaxFeedBytes = 20 << 20
	}
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	if o.HTTPClient == nil {
		o.HTTPClient = &http.Client{Timeout: o.Timeout}
	}
	if o.UserAgent == "" {
		o.UserAgent = "detente-ingest/1 (+https://github.com/detente-project/detente)"
	}
	if o.ProgressEvery <= 0 {
		o.ProgressEvery = 10 * time.Second
	}
}

// Stats describes a run.
type Stats struct {
	Documents  int64         // documents read (articles, records, items, failures)
	Articles   int64         // new articles stored
	Duplicates int64         // articles already stored (or repeated in the input)
	Events     int64         // new distinct events
	Mentions   int64         // new event mentions
	Failed     int64         // documents that failed (new failure records may be fewer)
	Bytes      int64         // input bytes read
	TotalBytes int64         // input bytes to read (files only; feeds add as fetched)
	Analysis   time.Duration // summed over workers: time inside the Analyzer
	Store      time.Duration // time inside Sink.Write (on the writer goroutine)
	Elapsed    time.Duration
	Stopped    bool // the run was cancelled before reaching the end of the input
}

// String is the one-line summary printed at the end of a run.
func (s Stats) String() string {
	secs := s.Elapsed.Seconds()
	rate := func(n int64) float64 {
		if secs <= 0 {
			return 0
		}
		return float64(n) / secs
	}
	share := 0.0
	if s.Elapsed > 0 {
		share = 100 * s.Store.Seconds() / secs
	}
	state := "done"
	if s.Stopped {
		state = "stopped"
	}
	return fmt.Sprintf("%s: %d documents, %d new articles (%.1f/s), %d already stored, %d new events (%.1f/s), %d mentions, %d failed; %s; store %s (%.1f%% of wall time)",
		state, s.Documents, s.Articles, rate(s.Articles), s.Duplicates, s.Events, rate(s.Events), s.Mentions, s.Failed,
		s.Elapsed.Round(time.Millisecond), s.Store.Round(time.Millisecond), share)
}

// job is one document on its way through the pool; res receives its result.
type job struct {
	d   doc
	res chan result
}

// result is a processed document.
type result struct {
	ref      string
	an       schema.Analysis
	ok       bool   // an holds an article to store
	dup      bool   // already stored; nothing to do
	fail     string // failure reason
	canceled bool   // stopped by cancellation: neither stored nor failed
}

// Run ingests the files and directories in paths and the feed URLs in
// opts.Feeds, analysing each article with analyze and writing to sink. It
// returns when the input is exhausted or ctx is cancelled; in both cases
// every document finished before that (in input order) is stored. Only a
// store error stops a run early with an error.
func Run(ctx context.Context, paths []string, opts Options, analyze Analyzer, sink Sink) (Stats, error) {
	opts.defaults()
	start := time.Now()
	var (
		st       Stats
		bytesIn  atomic.Int64
		total    atomic.Int64
		counters progressCounters
	)
	files, sizes, listFails := listFiles(paths)
	for _, s := range sizes {
		total.Add(s)
	}

	ictx, stop := context.WithCancel(ctx) // also cancelled on a store error
	defer stop()

	order := make(chan *job, 4*opts.Workers)
	jobs := make(chan *job, opts.Workers)
	var (
		wg         sync.WaitGroup
		feedsDone  []schema.FeedState // conditional-GET state to save after a complete run
		readerDone = make(chan bool, 1)
	)
	emit := func(d doc) bool {
		j := &job{d: d, res: make(chan result, 1)}
		select {
		case order <- j:
		case <-ictx.Done():
			return false
		}
		select {
		case jobs <- j:
			return true
		case <-ictx.Done():
			j.res <- result{canceled: true}
			return false
		}
	}
	r := &reader{opts: &opts, bytes: &bytesIn, emit: emit}
	go func() {
		defer close(order)
		defer close(jobs)
		complete := func() bool {
			for _, d := range listFails {
				if !emit(d) {
					return false
				}
			}
			for i, f := range files {
				if !r.file(ictx, f, sizes[i]) {
					return false
				}
			}
			for _, u := range opts.Feeds {
				s, ok := r.fetchFeed(ictx, u, sink, &total)
				if !ok {
					return false
				}
				if s != nil {
					feedsDone = append(feedsDone, *s)
				}
			}
			return true
		}()
		readerDone <- complete
	}()

	p := &processor{opts: &opts, analyze: analyze, sink: sink, counters: &counters}
	for range opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				j.res <- p.process(ictx, j.d)
			}
		}()
	}

	prog := startProgress(&opts, &counters, &bytesIn, &total, start)

	// The writer: results in input order, batched.
	var (
		batch     schema.Batch
		lastFlush = time.Now()
		werr      error
	)
	flush := func() {
		if len(batch.Analyses) == 0 && len(batch.Failures) == 0 {
			return
		}
		t0 := time.Now()
		// A flush is never cancelled half-way: what is finished is kept.
		ws, err := sink.Write(context.WithoutCancel(ctx), batch)
		st.Store += time.Since(t0)
		if err != nil {
			werr = err
			stop()
			return
		}
		st.Articles += int64(ws.Articles)
		st.Duplicates += int64(ws.Duplicates)
		st.Events += int64(ws.Events)
		st.Mentions += int64(ws.Mentions)
		counters.articles.Add(int64(ws.Articles))
		counters.events.Add(int64(ws.Events))
		batch = schema.Batch{}
		lastFlush = time.Now()
	}
	stopped := false
	for j := range order {
		var res result
		select {
		case res = <-j.res:
		case <-ictx.Done():
			stopped = true
		}
		if stopped || res.canceled {
			stopped = true
			break
		}
		st.Documents++
		counters.docs.Add(1)
		switch {
		case res.ok:
			batch.Analyses = append(batch.Analyses, res.an)
			batch.Refs = append(batch.Refs, res.ref)
		case res.dup:
			st.Duplicates++
		default:
			st.Failed++
			counters.failed.Add(1)
			batch.Failures = append(batch.Failures, schema.Failure{Ref: res.ref, Reason: res.fail, At: time.Now().UTC()})
		}
		if len(batch.Analyses)+len(batch.Failures) >= opts.BatchSize || time.Since(lastFlush) >= opts.FlushEvery {
			flush()
			if werr != nil {
				break
			}
		}
	}
	if werr == nil {
		flush()
	}
	stop()
	for range order { // let the reader finish
	}
	wg.Wait()
	complete := <-readerDone
	st.Stopped = stopped || !complete || ctx.Err() != nil
	st.Bytes, st.TotalBytes = bytesIn.Load(), total.Load()
	st.Analysis = time.Duration(counters.analysis.Load())
	st.Elapsed = time.Since(start)
	prog.stop(st)
	if werr != nil {
		return st, fmt.Errorf("ingest: %w", werr)
	}
	if !st.Stopped {
		if fs, ok := sink.(FeedStates); ok {
			for _, s := range feedsDone {
				if err := fs.SetFeedState(ctx, s); err != nil {
					return st, fmt.Errorf("ingest: %w", err)
				}
			}
		}
	}
	return st, nil
}

// processor turns a document into a result.
type processor struct {
	opts     *Options
	analyze  Analyzer
	sink     Sink
	counters *progressCounters
}

func (p *processor) process(ctx context.Context, d doc) (res result) {
	res.ref = d.ref
	if ctx.Err() != nil {
		res.canceled = true
		return res
	}
	if d.fail != "" {
		res.fail = d.fail
		return res
	}
	a, why := toArticle(d)
	if why != "" {
		res.fail = why
		return res
	}
	seen, err := p.sink.Seen(ctx, []string{a.ID})
	if err == nil && len(seen) == 1 && seen[0] {
		res.dup = true
		return res
	}
	t0 := time.Now()
	an, err := safeAnalyze(ctx, p.analyze, a)
	p.counters.analysis.Add(int64(time.Since(t0)))
	if err != nil {
		if ctx.Err() != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, ctx.Err())) {
			res.canceled = true
			return res
		}
		res.fail = "analysis: " + err.Error()
		return res
	}
	// The store keys on the id computed here (Seen used it). The text is
	// already normalised, so the analyzer's copy, which its offsets point
	// into, is the same; keep ours only if it returned none.
	an.Article.ID = a.ID
	if an.Article.Text == "" {
		an.Article.Text = a.Text
	}
	if an.Article.URL == "" {
		an.Article.URL = a.URL
	}
	if an.Article.Title == "" {
		an.Article.Title = a.Title
	}
	if an.Article.Published == "" {
		an.Article.Published = a.Published
	}
	if an.Article.Source == "" {
		an.Article.Source = a.Source
	}
	res.an, res.ok = an, true
	return res
}

// toArticle turns a document into an article: the text of a page, fragment
// or plain file, normalised, with its id. It returns why when the document
// holds no usable text.
func toArticle(d doc) (a schema.Article, why string) {
	var text string
	switch d.kind {
	case kindText:
		if why := checkText(d.body); why != "" {
			return a, why
		}
		text = string(d.body)
	case kindPage:
		if why := checkMarkup(d.body); why != "" {
			return a, why
		}
		var title, published, site string
		text, title, published, site = pageText(d.body, d.url)
		d.title = firstNonEmpty(d.title, title)
		d.published = firstNonEmpty(d.published, published)
		d.source = firstNonEmpty(d.source, site)
	case kindFragment:
		if why := checkMarkup(d.body); why != "" {
			return a, why
		}
		text = fragmentText(d.body)
	}
	text = textnorm.Normalize(validText(text))
	if text == "" {
		if d.kind == kindText {
			return a, "empty document"
		}
		return a, "no text found"
	}
	return schema.Article{
		ID: schema.ArticleID(text, d.url), URL: d.url, Title: strings.TrimSpace(d.title),
		Published: d.published, Source: d.source, Text: text,
	}, ""
}

// safeAnalyze runs the analyzer, turning a panic into an error so that one
// bad document cannot stop a run.
func safeAnalyze(ctx context.Context, f Analyzer, a schema.Article) (an schema.Analysis, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return f(ctx, a)
}

// checkMarkup rejects markup documents that are empty or binary.
func checkMarkup(b []byte) string {
	if len(strings.TrimSpace(string(b))) == 0 {
		return "empty document"
	}
	if i := strings.IndexByte(string(b[:min(len(b), 8192)]), 0); i >= 0 {
		return fmt.Sprintf("binary content (NUL byte at %d)", i)
	}
	return ""
}

func firstNonEmpty(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return a
	}
	return b
}
