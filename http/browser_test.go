package http

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/detente-project/detente/internal/testshared"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/duckdb"
	"github.com/detente-project/detente/web"
)

const chromiumPath = "/usr/bin/chromium"

// browser starts headless Chromium in a fresh profile, or skips the test
// when it is not installed.
func browser(t *testing.T) context.Context {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Skipf("browser tests need %s (apt-get install chromium): %v", chromiumPath, err)
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 1000),
	)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })

	// Any uncaught exception or error logged by the page (a CSP violation,
	// a failed request) fails the test.
	var mu sync.Mutex
	var problems []string
	note := func(s string) { mu.Lock(); problems = append(problems, s); mu.Unlock() }
	exceptions := chromedp.Events(ctx, cdpruntime.ExceptionThrown)
	logs := chromedp.Events(ctx, cdplog.EntryAdded)
	go func() {
		for ev, err := range exceptions {
			if err != nil {
				return
			}
			note(fmt.Sprintf("exception: %s %v", ev.ExceptionDetails.Text, ev.ExceptionDetails.Exception))
		}
	}()
	go func() {
		for ev, err := range logs {
			if err != nil {
				return
			}
			if ev.Entry.Level == cdplog.EntryLevelError {
				note(fmt.Sprintf("console %s: %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL))
			}
		}
	}()
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		for _, p := range problems {
			t.Errorf("page error: %s", p)
		}
	})
	return ctx
}

// shot saves a full-page PNG screenshot into testdata/out (git-ignored).
func shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	dir := filepath.Join("testdata", "out")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), buf, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot %s", filepath.Join(dir, name))
}

func count(t *testing.T, ctx context.Context, css string) int {
	t.Helper()
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(`+jsString(css)+`).length`))
	if err != nil {
		t.Fatalf("count %s: %v", css, err)
	}
	return n
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func text(t *testing.T, ctx context.Context, css string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(css)))
	if err != nil {
		t.Fatalf("text of %s: %v", css, err)
	}
	return s
}

// TestBrowserDashboard drives the dashboard over a store built from the
// Wikinews sample: relations chart, event evidence, article, network and
// the analyse box with the seed article.
func TestBrowserDashboard(t *testing.T) {
	ctx := browser(t)
	n := 120
	if testing.Short() {
		n = 40
	}
	path := buildStore(t, wikinewsAnalyses(t, n))
	r, err := duckdb.OpenReader(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	s, err := New(Config{Store: r, Analyze: detente.Analyze, Static: web.FS()})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()

	// Landing page: the relations view offers the busiest relations.
	if err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS("#top-dyads li")),
	); err != nil {
		t.Fatalf("landing page: %v", err)
	}
	// Pick the busiest relation.
	pick, err := chromedp.Run(ctx, chromedp.Attributes(chromedp.CSS("#top-dyads li a")))
	if err != nil {
		t.Fatal(err)
	}
	a, b := pick["data-a"], pick["data-b"]
	if a == "" || b == "" || a == b {
		t.Fatalf("busiest relation %v", pick)
	}
	t.Logf("dyad %s–%s", a, b)
	shot(t, ctx, "home.png")

	// Relations: pick the two actors and draw.
	if err := chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.ID("dyad-form")),
		chromedp.SetValue(chromedp.ID("actor-a"), a),
		chromedp.SetValue(chromedp.ID("actor-b"), b),
		chromedp.Click(chromedp.ID("show-dyad")),
		chromedp.WaitVisible(chromedp.CSS("#chart-counts canvas")),
		chromedp.WaitVisible(chromedp.CSS("#chart-goldstein canvas")),
		chromedp.WaitVisible(chromedp.CSS("#dyad-events tbody tr")),
	); err != nil {
		t.Fatalf("relations view: %v", err)
	}
	// uPlot renders one legend row per series (x plus four, x plus two).
	if got := count(t, ctx, "#chart-counts .u-legend .u-series"); got != 5 {
		t.Errorf("count chart legend rows = %d, want 5", got)
	}
	if got := count(t, ctx, "#chart-goldstein .u-legend .u-series"); got != 3 {
		t.Errorf("Goldstein chart legend rows = %d, want 3", got)
	}
	w, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelector("#chart-counts canvas").width`))
	if err != nil || w < 400 {
		t.Errorf("chart canvas width %d: %v", w, err)
	}
	legend := text(t, ctx, "#chart-counts .u-legend")
	if !strings.Contains(legend, a+"→"+b+" cooperation") || !strings.Contains(legend, b+"→"+a+" conflict") {
		t.Errorf("legend %q lacks both directions", legend)
	}
	if count(t, ctx, "#dyad-events tbody tr") == 0 {
		t.Error("no events under the chart")
	}
	shot(t, ctx, "relations.png")

	// Open the first event: its evidence sentence with the trigger highlighted.
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#dyad-events tbody tr")),
		chromedp.WaitVisible(chromedp.CSS("#event-detail .evidence")),
	); err != nil {
		t.Fatalf("event view: %v", err)
	}
	evidence := text(t, ctx, "#event-detail .evidence")
	marks := count(t, ctx, "#event-detail .evidence .hl-trigger") + count(t, ctx, "#event-detail .evidence .hl-actor")
	if marks == 0 || len(evidence) < 10 {
		t.Errorf("evidence %q with %d highlighted spans", evidence, marks)
	}
	if trig := count(t, ctx, "#event-detail .evidence .hl-trigger"); trig > 0 {
		tt := text(t, ctx, "#event-detail .evidence .hl-trigger")
		if !strings.Contains(evidence, tt) || tt == "" {
			t.Errorf("trigger %q not in evidence %q", tt, evidence)
		}
	}
	shot(t, ctx, "event.png")

	// The article it came from, with actors, triggers, quotes and places marked.
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#event-detail .mention a")),
		chromedp.WaitVisible(chromedp.CSS("#article-view .text")),
	); err != nil {
		t.Fatalf("article view: %v", err)
	}
	if got := count(t, ctx, "#article-view .text .hl-trigger"); got == 0 {
		t.Error("article view highlights no trigger")
	}
	if got := count(t, ctx, "#article-view .text .hl-place, #article-view .text .hl-per, #article-view .text .hl-org"); got == 0 {
		t.Error("article view highlights no entity")
	}
	shot(t, ctx, "article.png")

	// Network: cytoscape draws on canvases.
	if err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/#/network"),
		chromedp.WaitVisible(chromedp.CSS("#cy canvas")),
		chromedp.Sleep(500*time.Millisecond),
	); err != nil {
		t.Fatalf("network view: %v", err)
	}
	shot(t, ctx, "network.png")

	// Events browser with a filter.
	if err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/#/events?actor="+a),
		chromedp.WaitVisible(chromedp.CSS("#event-list tbody tr")),
	); err != nil {
		t.Fatalf("events view: %v", err)
	}
	shot(t, ctx, "events.png")

	// Analyse the seed article.
	seed, err := os.ReadFile(filepath.Join(testshared.RepoRoot(t), "..", "shared", "data", "seed", "blinken-xi.txt"))
	if err != nil {
		t.Skipf("seed article absent (../shared/data/seed/blinken-xi.txt): %v", err)
	}
	if err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/#/analyse"),
		chromedp.WaitVisible(chromedp.ID("analyse-text")),
		chromedp.SetValue(chromedp.ID("analyse-text"), string(seed)),
		chromedp.SetValue(chromedp.ID("analyse-date"), "2023-06-19"),
		chromedp.Click(chromedp.ID("analyse-go")),
		chromedp.WaitVisible(chromedp.CSS("#analyse-events tbody tr")),
	); err != nil {
		t.Fatalf("analyse view: %v", err)
	}
	rows, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#analyse-events tbody tr")].map(r => r.textContent)`))
	if err != nil {
		t.Fatal(err)
	}
	meeting := false
	for _, r := range rows {
		meeting = meeting || strings.Contains(r, "Blinken") && strings.Contains(r, "Xi") && strings.Contains(r, "CONSULT")
	}
	if !meeting {
		t.Errorf("analysis of the seed article lacks the Blinken–Xi meeting (a CONSULT event between them): %q", rows)
	}
	if got := count(t, ctx, "#analyse-out .text .hl-trigger"); got == 0 {
		t.Error("analysed text highlights no trigger")
	}
	shot(t, ctx, "analyse.png")
}
