package http

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/detente-project/detente/duckdb"
	"github.com/detente-project/detente/internal/schema"
)

// Query limits.
const (
	defaultLimit = 50
	maxLimit     = 500
	maxOffset    = 100_000
	maxSearch    = 200 // bytes of a text search
	maxEdges     = 1000
)

// params reads and validates a request's query string. The first problem
// is kept and reported as a 400 with its message.
type params struct {
	v   url.Values
	err error
}

// newParams rejects unknown and repeated parameters, so a typo such as
// ?form= is an error instead of a silently unfiltered result.
func newParams(r *http.Request, allowed ...string) *params {
	v, err := url.ParseQuery(r.URL.RawQuery)
	p := &params{v: v}
	if err != nil { // e.g. a ';' separator, which Query() would silently drop
		p.fail("query string: %v", err)
		return p
	}
	for k, vs := range p.v {
		ok := false
		for _, a := range allowed {
			if k == a {
				ok = true
				break
			}
		}
		if !ok {
			p.fail("unknown parameter %q (allowed: %s)", k, strings.Join(allowed, ", "))
			break
		}
		if len(vs) > 1 {
			p.fail("parameter %q given %d times", k, len(vs))
			break
		}
	}
	return p
}

func (p *params) fail(format string, args ...any) {
	if p.err == nil {
		p.err = Errorf(EINVALID, format, args...)
	}
}

func (p *params) str(name string) string { return strings.TrimSpace(p.v.Get(name)) }

func (p *params) date(name string) string {
	s := p.str(name)
	if s == "" {
		return ""
	}
	if _, err := time.Parse("2006-01-02", s); err != nil {
		p.fail("%s=%q: want a date YYYY-MM-DD", name, s)
	}
	return s
}

func (p *params) int(name string, def, lo, hi int) int {
	s := p.str(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		p.fail("%s=%q: want an integer from %d to %d", name, s, lo, hi)
		return def
	}
	return n
}

// actorCode validates a CAMEO actor or country code (USA, USAGOV, IGOUNO).
func actorCode(s string) (string, bool) {
	if len(s) == 0 || len(s) > 32 {
		return "", false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return "", false
		}
	}
	return strings.ToUpper(s), true
}

func (p *params) actor(name string) string {
	s := p.str(name)
	if s == "" {
		return ""
	}
	c, ok := actorCode(s)
	if !ok {
		p.fail("%s=%q: want a CAMEO actor or country code (letters and digits, e.g. USA or USAGOV)", name, s)
	}
	return c
}

func (p *params) oneOf(name, def string, allowed ...string) string {
	s := p.str(name)
	if s == "" {
		return def
	}
	for _, a := range allowed {
		if s == a {
			return s
		}
	}
	p.fail("%s=%q: want one of %s", name, s, strings.Join(allowed, ", "))
	return def
}

func (p *params) dateRange() schema.DateRange {
	r := schema.DateRange{From: p.date("from"), To: p.date("to")}
	if r.From != "" && r.To != "" && r.From > r.To {
		p.fail("from=%s is after to=%s", r.From, r.To)
	}
	return r
}

func (s *Server) stats(r *http.Request) (any, error) {
	if err := newParams(r).err; err != nil {
		return nil, err
	}
	ctx, cancel := s.queryCtx(r)
	defer cancel()
	st, err := s.cfg.Store.Stats(ctx)
	if err != nil {
		return nil, err
	}
	return struct {
		duckdb.Stats
		Analyze bool `json:"analyze"` // POST /api/analyze is available
		Ingest  bool `json:"ingest"`  // POST /api/articles is available
	}{st, s.cfg.Analyze != nil, s.ingestOn()}, nil
}

func (s *Server) listEvents(r *http.Request) (any, error) {
	p := newParams(r, "from", "to", "actor", "a", "b", "root", "plover", "country", "q", "limit", "offset")
	f := duckdb.EventFilter{
		DateRange: p.dateRange(),
		Actor:     p.actor("actor"),
		A:         p.actor("a"),
		B:         p.actor("b"),
		Limit:     p.int("limit", defaultLimit, 1, maxLimit),
		Offset:    p.int("offset", 0, 0, maxOffset),
	}
	if (f.A == "") != (f.B == "") {
		p.fail("a dyad needs both a and b")
	}
	if root := p.str("root"); root != "" {
		n, err := strconv.Atoi(root)
		if err != nil || len(root) > 2 || n < 1 || n > 20 {
			p.fail("root=%q: want a CAMEO root code 01 to 20", root)
		}
		f.Root = strconv.Itoa(100 + n)[1:]
	}
	if pl := p.str("plover"); pl != "" {
		for _, c := range pl {
			if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_' || c == '-') || len(pl) > 40 {
				p.fail("plover=%q: want a PLOVER event type such as CONSULT", pl)
				break
			}
		}
		f.Plover = pl
	}
	if c := p.str("country"); c != "" {
		if cc, ok := actorCode(c); ok && len(cc) == 3 && strings.Trim(cc, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == "" {
			f.Country = cc
		} else {
			p.fail("country=%q: want an ISO 3166 alpha-3 code such as CHN", c)
		}
	}
	if q := p.str("q"); q != "" {
		if len(q) > maxSearch || !utf8.ValidString(q) {
			p.fail("q: want valid UTF-8 text of at most %d bytes", maxSearch)
		}
		f.Text = q
	}
	if p.err != nil {
		return nil, p.err
	}
	ctx, cancel := s.queryCtx(r)
	defer cancel()
	page, err := s.cfg.Store.ListEvents(ctx, f)
	if err != nil {
		return nil, err
	}
	return struct {
		Total  int64                `json:"total"`
		Limit  int                  `json:"limit"`
		Offset int                  `json:"offset"`
		Events []schema.StoredEvent `json:"events"`
	}{page.Total, f.Limit, f.Offset, page.Events}, nil
}

func (s *Server) event(r *http.Request) (any, error) {
	if err := newParams(r).err; err != nil {
		return nil, err
	}
	raw := r.PathValue("id")
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id < 0 {
		return nil, Errorf(EINVALID, "event id %q: want a non-negative integer", raw)
	}
	ctx, cancel := s.queryCtx(r)
	defer cancel()
	d, err := s.cfg.Store.Event(ctx, id)
	if errors.Is(err, duckdb.ErrNotFound) {
		return nil, Errorf(ENOTFOUND, "no event %d", id)
	}
	if err != nil {
		return nil, err
	}
	return d, nil
}

func (s *Server) dyadSeries(r *http.Request) (any, error) {
	p := newParams(r, "by", "from", "to")
	q := schema.DyadQuery{By: p.oneOf("by", schema.ByWeek, schema.ByDay, schema.ByWeek, schema.ByMonth), DateRange: p.dateRange()}
	var ok bool
	if q.A, ok = actorCode(r.PathValue("a")); !ok {
		p.fail("actor %q: want a CAMEO actor or country code", r.PathValue("a"))
	}
	if q.B, ok = actorCode(r.PathValue("b")); !ok {
		p.fail("actor %q: want a CAMEO actor or country code", r.PathValue("b"))
	}
	if p.err != nil {
		return nil, p.err
	}
	ctx, cancel := s.queryCtx(r)
	defer cancel()
	rows, err := s.cfg.Store.Dyad(ctx, q)
	if err != nil {
		return nil, err
	}
	if rows == nil {
		rows = []schema.DyadRow{}
	}
	return map[string]any{"a": q.A, "b": q.B, "by": q.By, "series": rows}, nil
}

func (s *Server) actors(r *http.Request) (any, error) {
	p := newParams(r, "level", "limit", "from", "to")
	level := p.oneOf("level", "country", "country", "code")
	q := schema.TopQuery{Kind: schema.TopActors, N: p.int("limit", 100, 1, maxLimit), Country: level == "country", DateRange: p.dateRange()}
	if p.err != nil {
		return nil, p.err
	}
	ctx, cancel := s.queryCtx(r)
	defer cancel()
	rows, err := s.cfg.Store.Top(ctx, q)
	if err != nil {
		return nil, err
	}
	if rows == nil {
		rows = []schema.TopRow{}
	}
	return map[string]any{"level": level, "actors": rows}, nil
}

// node is an actor in the network with its total events over the edges kept.
type node struct {
	ID     string `json:"id"`
	Events int64  `json:"events"`
}

func (s *Server) network(r *http.Request) (any, error) {
	p := newParams(r, "level", "limit", "from", "to")
	level := p.oneOf("level", "country", "country", "code")
	q := duckdb.NetworkQuery{Country: level == "country", Limit: p.int("limit", 150, 1, maxEdges), DateRange: p.dateRange()}
	if p.err != nil {
		return nil, p.err
	}
	ctx, cancel := s.queryCtx(r)
	defer cancel()
	edges, err := s.cfg.Store.Network(ctx, q)
	if err != nil {
		return nil, err
	}
	nodes := []node{}
	at := map[string]int{}
	for _, e := range edges {
		for _, id := range [2]string{e.Source, e.Target} {
			i, ok := at[id]
			if !ok {
				i = len(nodes)
				at[id] = i
				nodes = append(nodes, node{ID: id})
			}
			nodes[i].Events += e.Events
		}
	}
	return map[string]any{"level": level, "nodes": nodes, "edges": edges}, nil
}

func (s *Server) article(r *http.Request) (any, error) {
	if err := newParams(r).err; err != nil {
		return nil, err
	}
	id := r.PathValue("id")
	if len(id) == 0 || len(id) > 128 || strings.ContainsFunc(id, func(c rune) bool { return c < '!' || c > '~' }) {
		return nil, Errorf(EINVALID, "article id: want up to 128 printable ASCII characters (a hex SHA-256)")
	}
	ctx, cancel := s.queryCtx(r)
	defer cancel()
	v, err := s.cfg.Store.Article(ctx, id)
	if errors.Is(err, duckdb.ErrNotFound) {
		return nil, Errorf(ENOTFOUND, "no article %s", id)
	}
	if err != nil {
		return nil, err
	}
	return v, nil
}

// ArticleInput is the body of POST /api/analyze and POST /api/articles.
type ArticleInput struct {
	Text      string `json:"text"`
	URL       string `json:"url"`
	Title     string `json:"title"`
	Published string `json:"published"` // YYYY-MM-DD; events without a date of their own take it
	Source    string `json:"source"`
	Language  string `json:"language"`
}

// readArticle decodes and validates an ArticleInput body.
func readArticle(r *http.Request) (schema.Article, error) {
	var in ArticleInput
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		return schema.Article{}, Errorf(EINVALID, "Content-Type %q: want application/json", ct)
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return schema.Article{}, err
		}
		return schema.Article{}, Errorf(EINVALID, "body: want a JSON object {\"text\": ..., \"published\": \"YYYY-MM-DD\"}: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return schema.Article{}, Errorf(EINVALID, "body: want exactly one JSON object")
	}
	if strings.TrimSpace(in.Text) == "" {
		return schema.Article{}, Errorf(EINVALID, "text is empty")
	}
	if in.Published != "" {
		if _, err := time.Parse("2006-01-02", in.Published); err != nil {
			return schema.Article{}, Errorf(EINVALID, "published=%q: want a date YYYY-MM-DD", in.Published)
		}
	}
	a := schema.Article{URL: in.URL, Title: in.Title, Published: in.Published, Source: in.Source, Language: in.Language, Text: in.Text}
	if a.Language == "" {
		a.Language = "en"
	}
	return a, nil
}

// runAnalysis analyses a under the analysis deadline, waiting for one of
// the bounded workers.
func (s *Server) runAnalysis(ctx context.Context, a schema.Article) (schema.Analysis, error) {
	ctx, cancel := context.WithTimeout(ctx, s.cfg.AnalyzeTimeout)
	defer cancel()
	select {
	case s.workers <- struct{}{}:
		defer func() { <-s.workers }()
	case <-ctx.Done():
		return schema.Analysis{}, Errorf(EUNAVAILABLE, "all %d analysis workers busy; retry later", cap(s.workers))
	}
	an, err := s.cfg.Analyze(ctx, a)
	if err != nil {
		if ctx.Err() != nil {
			return an, &Error{Code: EUNAVAILABLE, Message: "analysis timed out", Err: err}
		}
		return an, &Error{Code: EINTERNAL, Message: "analysis failed", Err: err}
	}
	if an.Article.Text == "" {
		an.Article.Text = a.Text
	}
	if an.Article.ID == "" {
		an.Article.ID = schema.ArticleID(an.Article.Text, an.Article.URL)
	}
	return an, nil
}

// analysisOut is an Analysis with the text its offsets point into.
type analysisOut struct {
	schema.Analysis
	Text string `json:"text"`
}

func (s *Server) analyze(w http.ResponseWriter, r *http.Request) error {
	if s.cfg.Analyze == nil {
		return Errorf(ENOTFOUND, "analysis is not available on this server")
	}
	a, err := readArticle(r)
	if err != nil {
		return err
	}
	an, err := s.runAnalysis(r.Context(), a)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, analysisOut{an, an.Article.Text})
}

func (s *Server) ingestOn() bool {
	return s.cfg.Token != "" && s.cfg.Writer != nil && s.cfg.Analyze != nil
}

func (s *Server) ingest(w http.ResponseWriter, r *http.Request) error {
	if !s.ingestOn() {
		return Errorf(ENOTFOUND, "ingest is disabled: start `detente serve` with --token or DETENTE_TOKEN")
	}
	if err := s.authorize(r); err != nil {
		return err
	}
	a, err := readArticle(r)
	if err != nil {
		return err
	}
	an, err := s.runAnalysis(r.Context(), a)
	if err != nil {
		return err
	}
	ctx, cancel := s.queryCtx(r)
	defer cancel()
	st, err := s.cfg.Writer.Write(ctx, schema.Batch{Analyses: []schema.Analysis{an}, Refs: []string{"http:" + r.RemoteAddr}})
	if err != nil {
		return err
	}
	s.cache.clear()
	status := http.StatusCreated
	if st.Articles == 0 {
		status = http.StatusOK
	}
	return writeJSON(w, status, map[string]any{
		"id": an.Article.ID, "stored": st.Articles > 0, "duplicate": st.Duplicates > 0,
		"events": st.Events, "mentions": st.Mentions, "entities": st.Entities, "quotes": st.Quotes,
	})
}
