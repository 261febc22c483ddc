package http

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/detente-project/detente/duckdb"
	"github.com/detente-project/detente/internal/schema"
)

// BenchmarkDyadQuery measures one dyad series query on the small test store.
func BenchmarkDyadQuery(b *testing.B) {
	r, err := duckdb.OpenReader(context.Background(), buildStore(b, testAnalyses(b)))
	if err != nil {
		b.Fatal(err)
	}
	defer r.Close()
	ctx := context.Background()
	for b.Loop() {
		if _, err := r.Dyad(ctx, schema.DyadQuery{A: "USA", B: "CHN", By: schema.ByWeek}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDyadEndpoint measures GET /api/dyads/USA/CHN/series through the
// handler; after the first request the answer comes from the cache.
func BenchmarkDyadEndpoint(b *testing.B) {
	r, err := duckdb.OpenReader(context.Background(), buildStore(b, testAnalyses(b)))
	if err != nil {
		b.Fatal(err)
	}
	defer r.Close()
	s, err := New(Config{Store: r})
	if err != nil {
		b.Fatal(err)
	}
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			w := httptest.NewRecorder()
			s.ServeHTTP(w, httptest.NewRequest("GET", "/api/dyads/USA/CHN/series?by=week", nil))
			if w.Code != 200 {
				b.Fatal(w.Code, w.Body.String())
			}
		}
	})
}
