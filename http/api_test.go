package http

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/detente-project/detente/internal/testshared"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/duckdb"
	"github.com/detente-project/detente/web"
)

// newTestServer serves a read-only store built from testAnalyses.
func newTestServer(t *testing.T) *httptest.Server {
	t.Helper()
	r, err := duckdb.OpenReader(context.Background(), buildStore(t, testAnalyses(t)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	s, err := New(Config{Store: r, Analyze: detente.Analyze, Static: web.FS()})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return ts
}

// call does a request and decodes the JSON answer, checking the status.
func call(t *testing.T, method, url, token, body string, want int) map[string]any {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if res.StatusCode != want {
		t.Fatalf("%s %s: status %d, want %d: %s", method, url, res.StatusCode, want, raw)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("%s %s: Content-Type %q", method, url, ct)
	}
	var v map[string]any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("%s %s: %v: %s", method, url, err, raw)
	}
	if want >= 400 {
		e, _ := v["error"].(map[string]any)
		if msg, _ := e["message"].(string); msg == "" {
			t.Fatalf("%s %s: error without a message: %s", method, url, raw)
		}
	}
	return v
}

func get(t *testing.T, url string, want int) map[string]any {
	t.Helper()
	return call(t, "GET", url, "", "", want)
}

func TestStats(t *testing.T) {
	ts := newTestServer(t)
	v := get(t, ts.URL+"/api/stats", 200)
	if v["articles"] != 3.0 || v["events"] != 4.0 || v["mentions"] != 4.0 || v["quotes"] != 1.0 {
		t.Errorf("stats = %v", v)
	}
	if v["first_date"] != "2023-06-19" || v["last_date"] != "2023-07-03" || v["ingest"] != false || v["analyze"] != true {
		t.Errorf("stats = %v", v)
	}
	get(t, ts.URL+"/api/stats?x=1", 400)
}

func eventIDs(v map[string]any) []string {
	var out []string
	for _, e := range v["events"].([]any) {
		ev := e.(map[string]any)
		out = append(out, fmt.Sprintf("%s>%s:%s", ev["source"].(map[string]any)["code"], ev["target"].(map[string]any)["code"], ev["cameo"]))
	}
	return out
}

func TestEventsFilters(t *testing.T) {
	ts := newTestServer(t)
	for _, c := range []struct {
		query string
		total float64
		first string
	}{
		{"", 4, "RUSMIL>UKR:195"}, // newest first
		{"actor=chn", 3, "USA>CHN:112"},
		{"actor=USAGOV", 1, "USAGOV>CHNGOV:040"},
		{"a=CHN&b=USA", 3, "USA>CHN:112"},
		{"a=RUS&b=UKR", 1, "RUSMIL>UKR:195"},
		{"root=4", 1, "USAGOV>CHNGOV:040"},
		{"root=11", 2, "USA>CHN:112"},
		{"plover=consult", 1, "USAGOV>CHNGOV:040"},
		{"country=UKR", 1, "RUSMIL>UKR:195"},
		{"q=stability", 2, "USAGOV>CHNGOV:040"}, // article text
		{"q=SPYING", 1, "USA>CHN:112"},
		{"q=xi+jinping", 0, ""}, // names are event names (empty here), not entity names
		{"from=2023-06-20&to=2023-06-30", 1, "USA>CHN:112"},
		{"to=2023-06-19", 2, "USAGOV>CHNGOV:040"},
		{"limit=1&offset=1", 4, "USA>CHN:112"},
		{"limit=2&offset=10", 4, ""},
	} {
		v := get(t, ts.URL+"/api/events?"+c.query, 200)
		ids := eventIDs(v)
		if v["total"] != c.total {
			t.Errorf("%s: total %v, want %v (%v)", c.query, v["total"], c.total, ids)
		}
		if (len(ids) == 0) != (c.first == "") || len(ids) > 0 && ids[0] != c.first {
			t.Errorf("%s: events %v, want first %q", c.query, ids, c.first)
		}
	}
}

func TestEventsBadParameters(t *testing.T) {
	ts := newTestServer(t)
	for _, q := range []string{
		"limit=0", "limit=501", "limit=x", "offset=-1", "offset=100001",
		"from=2023-13-01", "to=yesterday", "from=2023-07-01&to=2023-06-01",
		"a=USA", "b=CHN", "actor=US$", "actor=" + strings.Repeat("A", 33), "root=99", "root=abc", "root=001",
		"country=CH", "country=C1N", "plover=DROP;TABLE", "q=" + strings.Repeat("x", 201),
		"form=2023-01-01", "limit=1&limit=2",
	} {
		v := get(t, ts.URL+"/api/events?"+q, 400)
		if v["error"].(map[string]any)["code"] != EINVALID {
			t.Errorf("%s: %v", q, v)
		}
	}
}

func TestEventDetail(t *testing.T) {
	ts := newTestServer(t)
	list := get(t, ts.URL+"/api/events?root=04", 200)
	id := list["events"].([]any)[0].(map[string]any)["id"].(float64)
	v := get(t, fmt.Sprintf("%s/api/events/%d", ts.URL, int64(id)), 200)
	ev := v["event"].(map[string]any)
	if ev["cameo"] != "040" || ev["num_mentions"] != 1.0 || ev["location"].(map[string]any)["country"] != "CHN" {
		t.Errorf("event = %v", ev)
	}
	ms := v["mentions"].([]any)
	if len(ms) != 1 {
		t.Fatalf("mentions = %v", ms)
	}
	m := ms[0].(map[string]any)
	evid := m["evidence"].(map[string]any)
	if evid["text"] != "Blinken met Xi in Beijing on Monday." || evid["start"] != 0.0 {
		t.Errorf("evidence = %v", evid)
	}
	trig := m["trigger"].(map[string]any)
	if trig["text"] != "met" || trig["start"] != 8.0 || m["title"] != "Blinken meets Xi <b>in</b> Beijing" {
		t.Errorf("mention = %v", m)
	}
	// The second sentence's evidence starts after the first.
	list = get(t, ts.URL+"/api/events?root=11&a=CHN&b=USA&to=2023-06-20", 200)
	id = list["events"].([]any)[0].(map[string]any)["id"].(float64)
	v = get(t, fmt.Sprintf("%s/api/events/%d", ts.URL, int64(id)), 200)
	evid = v["mentions"].([]any)[0].(map[string]any)["evidence"].(map[string]any)
	if evid["text"] != "China criticised the United States over Taiwan." {
		t.Errorf("evidence = %v", evid)
	}
	get(t, ts.URL+"/api/events/999999", 404)
	get(t, ts.URL+"/api/events/abc", 400)
	get(t, ts.URL+"/api/events/-3", 400)
	get(t, ts.URL+"/api/events/1?x=1", 400)
}

func TestDyadSeries(t *testing.T) {
	ts := newTestServer(t)
	v := get(t, ts.URL+"/api/dyads/USA/CHN/series?by=week", 200)
	rows := v["series"].([]any)
	// Week of 2023-06-19: USA→CHN 040 and CHN→USA 111; week of 2023-06-26: USA→CHN 112.
	if len(rows) != 3 || v["a"] != "USA" || v["b"] != "CHN" || v["by"] != "week" {
		t.Fatalf("series = %v", v)
	}
	r0 := rows[0].(map[string]any)
	if r0["period"] != "2023-06-19" || r0["source"] != "USA" || r0["events"] != 1.0 || r0["quadclass"].([]any)[0] != 1.0 {
		t.Errorf("row 0 = %v", r0)
	}
	r2 := rows[2].(map[string]any)
	if r2["period"] != "2023-06-26" || r2["goldstein_mean"] != -2.0 {
		t.Errorf("row 2 = %v", r2)
	}
	v = get(t, ts.URL+"/api/dyads/usa/chn/series", 200) // week by default, codes upper-cased
	if len(v["series"].([]any)) != 3 {
		t.Errorf("default series = %v", v)
	}
	v = get(t, ts.URL+"/api/dyads/USA/CHN/series?by=month&from=2023-06-20", 200)
	if rows := v["series"].([]any); len(rows) != 1 || rows[0].(map[string]any)["period"] != "2023-06-01" {
		t.Errorf("month series = %v", v)
	}
	v = get(t, ts.URL+"/api/dyads/USA/FRA/series", 200)
	if len(v["series"].([]any)) != 0 {
		t.Errorf("empty series = %v", v)
	}
	get(t, ts.URL+"/api/dyads/USA/CHN/series?by=year", 400)
	get(t, ts.URL+"/api/dyads/U%20S/CHN/series", 400)
	get(t, ts.URL+"/api/dyads/USA/CHN/series?from=2023-02-30", 400)
	get(t, ts.URL+"/api/dyads/USA/CHN/series?a=b", 400)
}

func TestActorsAndNetwork(t *testing.T) {
	ts := newTestServer(t)
	v := get(t, ts.URL+"/api/actors", 200)
	as := v["actors"].([]any)
	if v["level"] != "country" || len(as) != 4 || as[0].(map[string]any)["key"] != "CHN" || as[0].(map[string]any)["events"] != 3.0 {
		t.Errorf("actors = %v", v)
	}
	v = get(t, ts.URL+"/api/actors?level=code&limit=2", 200)
	if as := v["actors"].([]any); len(as) != 2 {
		t.Errorf("actors by code = %v", v)
	}
	get(t, ts.URL+"/api/actors?level=planet", 400)
	get(t, ts.URL+"/api/actors?limit=0", 400)

	v = get(t, ts.URL+"/api/network", 200)
	edges := v["edges"].([]any)
	if len(edges) != 3 || len(v["nodes"].([]any)) != 4 {
		t.Fatalf("network = %v", v)
	}
	e0 := edges[0].(map[string]any)
	if e0["source"] != "USA" || e0["target"] != "CHN" || e0["events"] != 2.0 || e0["goldstein_mean"] != -0.5 {
		t.Errorf("edge 0 = %v", e0)
	}
	get(t, ts.URL+"/api/network?limit=1001", 400)
}

func TestArticle(t *testing.T) {
	ts := newTestServer(t)
	a := testAnalyses(t)[0]
	v := get(t, ts.URL+"/api/articles/"+a.Article.ID, 200)
	text := v["text"].(string)
	if text != a.Article.Text || v["article"].(map[string]any)["title"] != a.Article.Title {
		t.Fatalf("article = %v", v)
	}
	spans := 0
	check := func(s any) {
		m, ok := s.(map[string]any)
		if !ok {
			return
		}
		st, en := int(m["start"].(float64)), int(m["end"].(float64))
		if text[st:en] != m["text"] {
			t.Errorf("span %v does not match text %q", m, text[st:en])
		}
		spans++
	}
	for _, e := range v["entities"].([]any) {
		check(e)
	}
	for _, q := range v["quotes"].([]any) {
		check(q)
	}
	for _, e := range v["events"].([]any) {
		m := e.(map[string]any)
		check(m["source"])
		check(m["target"])
		check(m["trigger"])
	}
	if spans != 3+1+6 {
		t.Errorf("%d spans checked, want 10", spans)
	}
	// JSON answers escape HTML: the title's <b> tags arrive as \u003cb\u003e.
	res, err := http.Get(ts.URL + "/api/articles/" + a.Article.ID)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if strings.Contains(string(raw), "<b>") || !strings.Contains(string(raw), `\u003cb\u003ein`) {
		t.Errorf("HTML in the title is not escaped: %.200s", raw)
	}
	get(t, ts.URL+"/api/articles/"+strings.Repeat("0", 64), 404)
	get(t, ts.URL+"/api/articles/"+strings.Repeat("a", 129), 400)
	get(t, ts.URL+"/api/nothing", 404)
}

func TestAnalyze(t *testing.T) {
	ts := newTestServer(t)
	body := `{"text": "Russian troops attacked Ukrainian positions near Bakhmut on Monday, the Ukrainian military said.", "published": "2023-03-06"}`
	v := call(t, "POST", ts.URL+"/api/analyze", "", body, 200)
	text := v["text"].(string)
	if !strings.Contains(text, "Bakhmut") || v["article"].(map[string]any)["id"] == "" {
		t.Fatalf("analysis = %v", v)
	}
	evs, _ := v["events"].([]any)
	if len(evs) == 0 {
		t.Fatalf("no events in %v", v)
	}
	e := evs[0].(map[string]any)
	if e["source"].(map[string]any)["country"] != "RUS" || e["quadclass"] != 4.0 {
		t.Errorf("event = %v", e)
	}
	// Nothing is stored.
	if st := get(t, ts.URL+"/api/stats", 200); st["articles"] != 3.0 {
		t.Errorf("analyze stored something: %v", st)
	}
	for _, bad := range []string{`{}`, `{"text": "   "}`, `not json`, `{"text": "x", "extra": 1}`, `{"text": "x"} {"text": "y"}`,
		`{"text": "x", "published": "June 2023"}`, `[1,2]`} {
		call(t, "POST", ts.URL+"/api/analyze", "", bad, 400)
	}
	big := `{"text": "` + strings.Repeat("a", 1<<20) + `"}`
	call(t, "POST", ts.URL+"/api/analyze", "", big, 413)
	call(t, "PUT", ts.URL+"/api/analyze", "", body, 404)
}

func TestIngestDisabled(t *testing.T) {
	ts := newTestServer(t)
	body := `{"text": "France and Germany signed a treaty."}`
	call(t, "POST", ts.URL+"/api/articles", "", body, 404)
	call(t, "POST", ts.URL+"/api/articles", "secret", body, 404)
}

func TestIngest(t *testing.T) {
	ctx := context.Background()
	db, err := duckdb.Open(ctx, buildStore(t, testAnalyses(t)))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s, err := New(Config{Store: duckdb.NewReader(db), Writer: db, Analyze: detente.Analyze, Token: "s3cret"})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()

	body := `{"text": "President Macron met Chancellor Scholz in Berlin on Tuesday to discuss energy.", "published": "2023-07-04", "url": "https://example.org/4", "title": "Macron in Berlin"}`
	res, err := http.Post(ts.URL+"/api/articles", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 401 || !strings.HasPrefix(res.Header.Get("WWW-Authenticate"), "Bearer") {
		t.Fatalf("no token: %d %v", res.StatusCode, res.Header)
	}
	call(t, "POST", ts.URL+"/api/articles", "wrong", body, 401)
	if st := get(t, ts.URL+"/api/stats", 200); st["articles"] != 3.0 { // cached now; the ingest must clear it
		t.Fatalf("stats before ingest = %v", st)
	}
	call(t, "POST", ts.URL+"/api/articles", "s3cret", `{"text": ""}`, 400)
	v := call(t, "POST", ts.URL+"/api/articles", "s3cret", body, 201)
	if v["stored"] != true || v["duplicate"] != false {
		t.Fatalf("ingest = %v", v)
	}
	id := v["id"].(string)
	art := get(t, ts.URL+"/api/articles/"+id, 200)
	if art["article"].(map[string]any)["title"] != "Macron in Berlin" {
		t.Errorf("stored article = %v", art)
	}
	if st := get(t, ts.URL+"/api/stats", 200); st["articles"] != 4.0 || st["ingest"] != true {
		t.Errorf("stats after ingest = %v", st)
	}
	v = call(t, "POST", ts.URL+"/api/articles", "s3cret", body, 200)
	if v["stored"] != false || v["duplicate"] != true || v["id"] != id {
		t.Errorf("second ingest = %v", v)
	}
}

func TestDashboardServed(t *testing.T) {
	ts := newTestServer(t)
	for path, want := range map[string]string{"/": "<title>Détente</title>", "/app.js": "analyse-text", "/app.css": ".hl-trigger"} {
		res, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || !strings.Contains(string(b), want) {
			t.Errorf("%s: %d, want body containing %q", path, res.StatusCode, want)
		}
		if !strings.Contains(res.Header.Get("Content-Security-Policy"), "default-src 'self'") || res.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: security headers %v", path, res.Header)
		}
	}
}

func TestStatusMapping(t *testing.T) {
	for code, want := range map[string]int{EINVALID: 400, EUNAUTHORIZED: 401, ENOTFOUND: 404, ETOOLARGE: 413, EUNAVAILABLE: 503, EINTERNAL: 500, "other": 500} {
		if got := Status(code); got != want {
			t.Errorf("Status(%s) = %d, want %d", code, got, want)
		}
	}
	if e := asError(duckdb.ErrNotFound); e.Code != ENOTFOUND {
		t.Errorf("not found maps to %s", e.Code)
	}
	if e := asError(fmt.Errorf("boom")); e.Code != EINTERNAL || e.Message != "internal error" {
		t.Errorf("plain error maps to %v", e)
	}
}

// TestOpenAPICoversRoutes checks that api/openapi.yaml documents every route.
func TestOpenAPICoversRoutes(t *testing.T) {
	spec, err := os.ReadFile(filepath.Join(testshared.RepoRoot(t), "api", "openapi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, route := range []string{"/api/stats", "/api/events", "/api/events/{id}", "/api/dyads/{a}/{b}/series",
		"/api/actors", "/api/network", "/api/articles/{id}", "/api/analyze", "/api/articles"} {
		if !strings.Contains(string(spec), "\n  "+route+":\n") {
			t.Errorf("openapi.yaml lacks %s", route)
		}
	}
}
