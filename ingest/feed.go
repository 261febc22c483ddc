package ingest

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sync/atomic"
	"time"

	"github.com/detente-project/detente/internal/schema"
)

// fetchFeed downloads a feed URL with a conditional GET (If-None-Match and
// If-Modified-Since from the last complete run) and emits its items. It
// returns the state to save once the run completes (nil when there is
// nothing new) and false when the run is cancelled. Network failures are
// recorded as failures of the URL.
func (r *reader) fetchFeed(ctx context.Context, feedURL string, sink Sink, total *atomic.Int64) (*schema.FeedState, bool) {
	u, err := url.Parse(feedURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, r.emit(doc{ref: feedURL, fail: "not an http(s) URL"})
	}
	var prev schema.FeedState
	states, _ := sink.(FeedStates)
	if states != nil {
		if prev, err = states.FeedState(ctx, feedURL); err != nil {
			return nil, r.emit(doc{ref: feedURL, fail: err.Error()})
		}
	}
	rctx, cancel := context.WithTimeout(ctx, r.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(rctx, http.MethodGet, feedURL, nil)
	if err != nil {
		return nil, r.emit(doc{ref: feedURL, fail: err.Error()})
	}
	req.Header.Set("User-Agent", r.opts.UserAgent)
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.5")
	if prev.ETag != "" {
		req.Header.Set("If-None-Match", prev.ETag)
	}
	if prev.LastModified != "" {
		req.Header.Set("If-Modified-Since", prev.LastModified)
	}
	resp, err := r.opts.HTTPClient.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, false
		}
		return nil, r.emit(doc{ref: feedURL, fail: "fetch: " + err.Error()})
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return nil, true
	case resp.StatusCode != http.StatusOK:
		return nil, r.emit(doc{ref: feedURL, fail: "fetch: HTTP " + resp.Status})
	}
	body, err := readLimited(resp.Body, r.opts.MaxFeedBytes)
	if err != nil {
		if ctx.Err() != nil {
			return nil, false
		}
		return nil, r.emit(doc{ref: feedURL, fail: fmt.Sprintf("fetch: %v", err)})
	}
	total.Add(int64(len(body)))
	r.bytes.Add(int64(len(body)))
	if !r.feed(ctx, feedURL, "", body) {
		return nil, false
	}
	return &schema.FeedState{URL: feedURL, ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified"), Fetched: time.Now().UTC()}, true
}
