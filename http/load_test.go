package http

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/detente-project/detente/duckdb"
)

// TestLoad runs 200 concurrent clients against /api/dyads/USA/CHN/series
// for 10 s over a store built from the whole Wikinews sample and reports
// latency percentiles. It takes about a minute, so it runs only with
// DETENTE_LOAD=1:
//
//	DETENTE_LOAD=1 go test -run TestLoad -v ./http/
func TestLoad(t *testing.T) {
	if os.Getenv("DETENTE_LOAD") == "" {
		t.Skip("set DETENTE_LOAD=1 to run the 10 s load test")
	}
	const (
		clients  = 200
		duration = 10 * time.Second
		path     = "/api/dyads/USA/CHN/series?by=week"
	)
	r, err := duckdb.OpenReader(context.Background(), buildStore(t, wikinewsAnalyses(t, 0)))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for _, c := range []struct {
		name    string
		entries int
	}{{"cached", 0}, {"no-cache", -1}} { // no-cache still lets concurrent identical requests share one query
		t.Run(c.name, func(t *testing.T) {
			s, err := New(Config{Store: r, CacheEntries: c.entries})
			if err != nil {
				t.Fatal(err)
			}
			ts := httptest.NewServer(s)
			defer ts.Close()
			load(t, ts.URL+path, clients, duration)
		})
	}
}

// load runs clients concurrent GET loops on url for duration and logs latency
// percentiles; any failed request fails the test.
func load(t *testing.T, url string, clients int, duration time.Duration) {
	client := &http.Client{Transport: &http.Transport{MaxIdleConns: clients, MaxIdleConnsPerHost: clients}, Timeout: 30 * time.Second}
	// The dyad must have data, or the test measures nothing.
	res, err := client.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || len(body) < 100 {
		t.Fatalf("warm-up: %d %s", res.StatusCode, body)
	}
	var (
		mu     sync.Mutex
		lat    []time.Duration
		errs   int
		first  error
		wg     sync.WaitGroup
		cancel = time.Now().Add(duration)
	)
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			bad := 0
			var firstErr error
			for time.Now().Before(cancel) {
				t0 := time.Now()
				res, err := client.Get(url)
				if err == nil {
					_, err = io.Copy(io.Discard, res.Body)
					res.Body.Close()
					if err == nil && res.StatusCode != 200 {
						err = fmt.Errorf("status %d", res.StatusCode)
					}
				}
				if err != nil {
					bad++
					if firstErr == nil {
						firstErr = err
					}
					continue
				}
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			lat = append(lat, mine...)
			errs += bad
			if first == nil {
				first = firstErr
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	if errs > 0 {
		t.Errorf("%d failed requests; first: %v", errs, first)
	}
	if len(lat) == 0 {
		t.Fatal("no successful request")
	}
	slices.Sort(lat)
	pct := func(p float64) time.Duration { return lat[min(len(lat)-1, int(p*float64(len(lat))))] }
	t.Logf("%d clients, %v: %d requests (%.0f/s), %d errors; p50 %v, p90 %v, p99 %v, max %v",
		clients, duration, len(lat), float64(len(lat))/duration.Seconds(), errs,
		pct(0.50).Round(time.Microsecond), pct(0.90).Round(time.Microsecond), pct(0.99).Round(time.Microsecond), lat[len(lat)-1].Round(time.Microsecond))
}
