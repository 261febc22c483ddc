// Package http serves Détente's JSON API and the embedded dashboard over a
// store. GET endpoints read through a Store (read-only in `detente serve`
// unless ingest is enabled); POST /api/analyze runs the analysis function
// and stores nothing; POST /api/articles analyses and stores one article
// and needs a bearer token.
//
// Every handler returns an error; one function maps it to an HTTP status
// and a JSON body {"error": {"code": ..., "message": ...}}. Request bodies,
// page sizes and query lengths are capped, queries run under a deadline,
// and every SQL statement behind the Store is parameterised.
package http

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"strings"
	"time"

	"github.com/detente-project/detente/duckdb"
	"github.com/detente-project/detente/internal/schema"
)

// Store is what the read endpoints need; *duckdb.Reader implements it.
type Store interface {
	Stats(ctx context.Context) (duckdb.Stats, error)
	ListEvents(ctx context.Context, f duckdb.EventFilter) (duckdb.EventPage, error)
	Event(ctx context.Context, id int64) (duckdb.EventDetail, error)
	Article(ctx context.Context, id string) (duckdb.ArticleView, error)
	Dyad(ctx context.Context, q schema.DyadQuery) ([]schema.DyadRow, error)
	Top(ctx context.Context, q schema.TopQuery) ([]schema.TopRow, error)
	Network(ctx context.Context, q duckdb.NetworkQuery) ([]duckdb.Edge, error)
}

var _ Store = (*duckdb.Reader)(nil)

// Writer stores analyses; *duckdb.DB implements it.
type Writer interface {
	Write(ctx context.Context, b schema.Batch) (schema.WriteStats, error)
}

var _ Writer = (*duckdb.DB)(nil)

// AnalyzeFunc turns an article into its analysis (detente.Analyze).
type AnalyzeFunc func(ctx context.Context, a schema.Article) (schema.Analysis, error)

// Config configures a Server. Store is required; the rest is optional.
type Config struct {
	Store   Store
	Writer  Writer      // nil: POST /api/articles answers 404
	Analyze AnalyzeFunc // nil: POST /api/analyze and /api/articles answer 404
	Token   string      // bearer token for POST /api/articles; empty: the endpoint answers 404
	Static  fs.FS       // dashboard files (index.html at the root); nil: no dashboard
	Logger  *slog.Logger

	MaxBody      int64         // request body limit in bytes; 0 means 1 MiB
	QueryTimeout time.Duration // deadline of one request's store queries; 0 means 15 s
	// AnalyzeTimeout bounds one analysis, including the wait for a free
	// worker; 0 means 30 s.
	AnalyzeTimeout time.Duration
	// Workers bounds concurrent analyses; 0 means runtime.NumCPU().
	Workers int
	// CacheEntries bounds the cached GET answers; 0 means 1024, < 0 none.
	CacheEntries int
}

// Server is the HTTP API and dashboard.
type Server struct {
	cfg     Config
	mux     *http.ServeMux
	workers chan struct{}
	log     *slog.Logger
	cache   *cache
}

// New returns a Server for cfg.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("http: config needs a Store")
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = 1 << 20
	}
	if cfg.QueryTimeout <= 0 {
		cfg.QueryTimeout = 15 * time.Second
	}
	if cfg.AnalyzeTimeout <= 0 {
		cfg.AnalyzeTimeout = 30 * time.Second
	}
	if cfg.Workers <= 0 {
		cfg.Workers = runtime.NumCPU()
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.CacheEntries == 0 {
		cfg.CacheEntries = 1024
	}
	s := &Server{cfg: cfg, mux: http.NewServeMux(), workers: make(chan struct{}, cfg.Workers), log: cfg.Logger,
		cache: newCache(cfg.CacheEntries, 1<<20)}
	s.routes()
	return s, nil
}

func (s *Server) routes() {
	m := s.mux
	m.Handle("GET /api/stats", s.read(s.stats))
	m.Handle("GET /api/events", s.read(s.listEvents))
	m.Handle("GET /api/events/{id}", s.read(s.event))
	m.Handle("GET /api/dyads/{a}/{b}/series", s.read(s.dyadSeries))
	m.Handle("GET /api/actors", s.read(s.actors))
	m.Handle("GET /api/network", s.read(s.network))
	m.Handle("GET /api/articles/{id}", s.read(s.article))
	m.Handle("POST /api/analyze", s.handle(s.analyze))
	m.Handle("POST /api/articles", s.handle(s.ingest))
	m.Handle("/api/", s.handle(func(w http.ResponseWriter, r *http.Request) error {
		return Errorf(ENOTFOUND, "no endpoint %s %s", r.Method, r.URL.Path)
	}))
	if s.cfg.Static != nil {
		files := http.FileServerFS(s.cfg.Static)
		m.Handle("/", s.handle(func(w http.ResponseWriter, r *http.Request) error {
			if r.Method != http.MethodGet && r.Method != http.MethodHead {
				return Errorf(EMETHOD, "method %s not allowed", r.Method)
			}
			files.ServeHTTP(w, r)
			return nil
		}))
	}
}

// ServeHTTP serves the API and dashboard with security headers set.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	// The dashboard loads only its own files and calls only this origin;
	// uPlot and cytoscape set inline styles, hence style-src unsafe-inline.
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
	s.mux.ServeHTTP(w, r)
}

// handle adapts an error-returning handler: it limits the body, sets the
// query deadline, and writes any error once, here.
func (s *Server) handle(fn func(http.ResponseWriter, *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBody)
		if err := fn(w, r); err != nil {
			s.writeError(w, r, err)
		}
	})
}

// writeError maps err to its status and writes the JSON error body.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	e := asError(err)
	status := Status(e.Code)
	if status >= 500 {
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	if e.Code == EUNAUTHORIZED {
		w.Header().Set("WWW-Authenticate", `Bearer realm="detente"`)
	}
	writeJSON(w, status, map[string]any{"error": map[string]string{"code": e.Code, "message": e.Message}})
}

// writeJSON writes v as JSON; encoding/json escapes <, > and & so nothing
// in a response can be read as HTML.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	return json.NewEncoder(w).Encode(v)
}

// queryCtx bounds one request's store queries.
func (s *Server) queryCtx(r *http.Request) (context.Context, context.CancelFunc) {
	return context.WithTimeout(r.Context(), s.cfg.QueryTimeout)
}

// authorize checks the bearer token in constant time.
func (s *Server) authorize(r *http.Request) error {
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || got == "" {
		return Errorf(EUNAUTHORIZED, "missing bearer token")
	}
	if subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), []byte(s.cfg.Token)) != 1 {
		return Errorf(EUNAUTHORIZED, "wrong bearer token")
	}
	return nil
}

// ListenAndServe serves on addr until ctx is done, then shuts down
// gracefully, waiting up to 10 s for requests in flight.
func (s *Server) ListenAndServe(ctx context.Context, addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	return s.Serve(ctx, ln)
}

// Serve is ListenAndServe on an existing listener.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      s.cfg.AnalyzeTimeout + 30*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		err := srv.Shutdown(sctx)
		<-done
		return err
	}
}
