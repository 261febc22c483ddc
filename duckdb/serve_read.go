package duckdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"runtime"

	"github.com/detente-project/detente/internal/schema"
)

// ErrNotFound is returned by Reader lookups when no row has the given id.
var ErrNotFound = errors.New("duckdb: not found")

// readerConns bounds the connections of a read-only Reader.
var readerConns = 2 * runtime.NumCPU()

// Reader runs the read queries behind the HTTP API. It holds no write
// connection and issues only SELECT statements.
//
// DuckDB refuses to open one file twice in a process with different
// settings, so a Reader either owns a read-only instance (OpenReader: the
// file is opened with access_mode=read_only and DuckDB itself rejects any
// write) or shares the pool of a read-write DB (NewReader, used when the
// server also ingests).
type Reader struct {
	sql  *sql.DB
	own  bool
	base *DB // query methods of DB that need only db.sql (Dyad, Top)
}

// OpenReader opens the store at path read-only. The file must exist and
// carry this program's schema version.
func OpenReader(ctx context.Context, path string) (*Reader, error) {
	if path == "" {
		return nil, fmt.Errorf("duckdb: open read-only: empty path")
	}
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("duckdb: open read-only: %w", err)
	}
	sdb, err := sql.Open("duckdb", path+"?"+url.Values{"access_mode": {"read_only"}}.Encode())
	if err != nil {
		return nil, fmt.Errorf("duckdb: open read-only %s: %w", path, err)
	}
	// A few connections serve many clients: each DuckDB query already uses
	// every core, and one connection per client only adds memory.
	sdb.SetMaxOpenConns(readerConns)
	sdb.SetMaxIdleConns(readerConns)
	var v sql.NullInt64
	if err := sdb.QueryRowContext(ctx, `SELECT max(version) FROM schema_migrations`).Scan(&v); err != nil {
		sdb.Close()
		return nil, fmt.Errorf("duckdb: open read-only %s: schema version: %w", path, err)
	}
	if int(v.Int64) != SchemaVersion {
		sdb.Close()
		return nil, fmt.Errorf("duckdb: open read-only %s: schema version %d, this program reads %d (open it once read-write to migrate)", path, v.Int64, SchemaVersion)
	}
	return &Reader{sql: sdb, own: true, base: &DB{sql: sdb}}, nil
}

// NewReader returns a Reader over the connection pool of an open store.
// Closing the Reader leaves db open.
func NewReader(db *DB) *Reader { return &Reader{sql: db.sql, base: db} }

// Close releases the read-only instance opened by OpenReader.
func (r *Reader) Close() error {
	if r.own {
		return r.sql.Close()
	}
	return nil
}

// Dyad aggregates the events between two actors per period (see DB.Dyad).
func (r *Reader) Dyad(ctx context.Context, q schema.DyadQuery) ([]schema.DyadRow, error) {
	return r.base.Dyad(ctx, q)
}

// Top ranks actors, dyads or event codes (see DB.Top).
func (r *Reader) Top(ctx context.Context, q schema.TopQuery) ([]schema.TopRow, error) {
	return r.base.Top(ctx, q)
}

// Stats summarises a store: row counts and the span of event dates.
type Stats struct {
	schema.Counts
	FirstDate string `json:"first_date,omitempty"` // earliest event date, YYYY-MM-DD
	LastDate  string `json:"last_date,omitempty"`  // latest event date
	Actors    int64  `json:"actors"`               // distinct actor codes
	Countries int64  `json:"countries"`            // distinct actor countries
}

// Stats returns row counts and the date span of the events.
func (r *Reader) Stats(ctx context.Context) (Stats, error) {
	var s Stats
	var first, last sql.NullString
	err := r.sql.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM articles), (SELECT count(*) FROM events), (SELECT count(*) FROM mentions),
		(SELECT count(*) FROM entities), (SELECT count(*) FROM quotes), (SELECT count(*) FROM errors),
		(SELECT strftime(min(date), '%Y-%m-%d') FROM events), (SELECT strftime(max(date), '%Y-%m-%d') FROM events),
		(SELECT count(DISTINCT c) FROM (SELECT source_code AS c FROM events UNION ALL SELECT target_code FROM events) WHERE c <> ''),
		(SELECT count(DISTINCT c) FROM (SELECT source_country AS c FROM events UNION ALL SELECT target_country FROM events) WHERE c <> '')`).
		Scan(&s.Articles, &s.Events, &s.Mentions, &s.Entities, &s.Quotes, &s.Failures, &first, &last, &s.Actors, &s.Countries)
	if err != nil {
		return s, fmt.Errorf("duckdb: stats: %w", err)
	}
	s.FirstDate, s.LastDate = first.String, last.String
	return s, nil
}

// EventFilter selects stored events. Empty fields do not filter. Actor
// fields match an event side by country code (USA) or full CAMEO code
// (USAGOV).
type EventFilter struct {
	schema.DateRange
	Actor   string // either side
	A, B    string // a dyad, both directions; both or neither
	Root    string // CAMEO root code, two digits
	Plover  string // PLOVER event type, e.g. CONSULT
	Country string // country of the event location, ISO alpha-3
	Text    string // case-insensitive substring of an actor name, a trigger or a reporting article's title or text
	Limit   int    // rows per page, > 0
	Offset  int    // rows to skip
}

// EventPage is one page of events with the total number matching.
type EventPage struct {
	Total  int64                `json:"total"`
	Events []schema.StoredEvent `json:"events"`
}

// ListEvents returns a page of the events matching f, newest first
// (undated events last), then by id.
func (r *Reader) ListEvents(ctx context.Context, f EventFilter) (EventPage, error) {
	page := EventPage{Events: []schema.StoredEvent{}}
	from, to, err := checkRange(f.DateRange)
	if err != nil {
		return page, err
	}
	if f.Limit <= 0 {
		return page, fmt.Errorf("duckdb: list events: limit must be positive")
	}
	if (f.A == "") != (f.B == "") {
		return page, fmt.Errorf("duckdb: list events: a dyad needs two actors")
	}
	query := `SELECT ` + eventColumns + `, count(*) OVER () FROM events e WHERE ` + eventWhere + `
		ORDER BY date DESC NULLS LAST, id
		LIMIT $10 OFFSET $11`
	rows, err := r.sql.QueryContext(ctx, query, from, to, null(f.Actor), null(f.A), null(f.B), null(f.Root),
		null(f.Plover), null(f.Country), null(f.Text), f.Limit, f.Offset)
	if err != nil {
		return page, fmt.Errorf("duckdb: list events: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		e, total, err := scanEvent(rows, true)
		if err != nil {
			return page, fmt.Errorf("duckdb: list events: %w", err)
		}
		page.Total = total
		page.Events = append(page.Events, e)
	}
	if err := rows.Err(); err != nil {
		return page, fmt.Errorf("duckdb: list events: %w", err)
	}
	if len(page.Events) == 0 && f.Offset > 0 {
		// The window count is absent when the offset passes the end.
		if err := r.sql.QueryRowContext(ctx, `SELECT count(*) FROM events e WHERE `+eventWhere,
			from, to, null(f.Actor), null(f.A), null(f.B), null(f.Root), null(f.Plover), null(f.Country), null(f.Text)).Scan(&page.Total); err != nil {
			return page, fmt.Errorf("duckdb: count events: %w", err)
		}
	}
	return page, nil
}

// eventWhere is ListEvents' filter. Every optional condition reads
// "(param IS NULL OR condition)", so the SQL text is fixed and each value is
// a bound parameter.
const eventWhere = `(CAST($1 AS DATE) IS NULL OR date >= CAST($1 AS DATE)) AND (CAST($2 AS DATE) IS NULL OR date <= CAST($2 AS DATE))
		AND ($3::VARCHAR IS NULL OR source_code = $3 OR source_country = $3 OR target_code = $3 OR target_country = $3)
		AND ($4::VARCHAR IS NULL OR
			((source_code = $4 OR source_country = $4) AND (target_code = $5 OR target_country = $5)) OR
			((source_code = $5 OR source_country = $5) AND (target_code = $4 OR target_country = $4)))
		AND ($6::VARCHAR IS NULL OR root_code = $6)
		AND ($7::VARCHAR IS NULL OR upper(plover) = upper($7))
		AND ($8::VARCHAR IS NULL OR geo_country = $8)
		AND ($9::VARCHAR IS NULL OR contains(lower(source_name), lower($9)) OR contains(lower(target_name), lower($9))
			OR EXISTS (SELECT 1 FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.event_id = e.id
				AND (contains(lower(m.trigger), lower($9)) OR contains(lower(a.title), lower($9)) OR contains(lower(a.text), lower($9)))))`

// null turns an empty filter value into SQL NULL.
func null(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// scanEvent reads one row of eventColumns, plus a trailing count when withTotal.
func scanEvent(rows *sql.Rows, withTotal bool) (schema.StoredEvent, int64, error) {
	var (
		e                    schema.StoredEvent
		date, ssec, tsec     sql.NullString
		sname, tname, plover sql.NullString
		scode, tcode         sql.NullString
		scty, tcty           sql.NullString
		cameo, base, root    sql.NullString
		geoName, geoCountry  sql.NullString
		lat, lon, tone, gold sql.NullFloat64
		geoID                sql.NullInt64
		url                  sql.NullString
		quad                 sql.NullInt64
		isRoot               sql.NullBool
		nm, ns, na           sql.NullInt64
		added                sql.NullTime
		total                int64
	)
	dest := []any{&e.ID, &date, &scode, &sname, &scty, &ssec,
		&tcode, &tname, &tcty, &tsec, &cameo, &base, &root, &quad, &gold,
		&plover, &isRoot, &nm, &ns, &na, &tone, &geoName, &geoCountry, &lat, &lon,
		&geoID, &url, &added}
	if withTotal {
		dest = append(dest, &total)
	}
	if err := rows.Scan(dest...); err != nil {
		return e, 0, err
	}
	e.Date, e.Source.Code, e.Source.Name, e.Source.Country = date.String, scode.String, sname.String, scty.String
	e.Target.Code, e.Target.Name, e.Target.Country = tcode.String, tname.String, tcty.String
	e.Source.Sectors, e.Target.Sectors = splitSectors(ssec.String), splitSectors(tsec.String)
	e.Cameo, e.Base, e.Root, e.Plover = cameo.String, base.String, root.String, plover.String
	e.QuadClass, e.Goldstein, e.IsRoot = int(quad.Int64), gold.Float64, isRoot.Bool
	e.NumMentions, e.NumSources, e.NumArticles, e.AvgTone = int(nm.Int64), int(ns.Int64), int(na.Int64), tone.Float64
	e.SourceURL, e.Added = url.String, added.Time
	if geoName.String != "" || geoCountry.String != "" || lat.Valid {
		e.Location = &schema.Location{Name: geoName.String, Country: geoCountry.String, Lat: lat.Float64, Lon: lon.Float64, GeonameID: int(geoID.Int64)}
	}
	return e, total, nil
}

// Mention is one report of a stored event: the sentence of one article
// that coded it, with the spans of its actors and trigger (byte offsets
// into the article text; nil when absent).
type Mention struct {
	ArticleID string       `json:"article_id"`
	Title     string       `json:"title,omitempty"`
	URL       string       `json:"url,omitempty"`
	Published string       `json:"published,omitempty"`
	Publisher string       `json:"publisher,omitempty"`
	Sentence  int          `json:"sentence"`
	Source    *schema.Span `json:"source"`
	Target    *schema.Span `json:"target"`
	Trigger   *schema.Span `json:"trigger"`
	Cameo     string       `json:"cameo"`
	DateText  string       `json:"date_text,omitempty"`
	Modality  string       `json:"modality,omitempty"`
	Rule      string       `json:"rule,omitempty"`
	// Evidence is the sentence around the trigger (or the actors when the
	// trigger is absent), cut from the article text.
	Evidence *schema.Span `json:"evidence"`
}

// EventDetail is a stored event with every mention of it.
type EventDetail struct {
	Event    schema.StoredEvent `json:"event"`
	Mentions []Mention          `json:"mentions"`
}

// maxMentions caps the mentions returned with one event.
const maxMentions = 200

// Event returns the stored event id with its mentions (at most 200, in
// article and sentence order), or ErrNotFound.
func (r *Reader) Event(ctx context.Context, id int64) (EventDetail, error) {
	var d EventDetail
	rows, err := r.sql.QueryContext(ctx, `SELECT `+eventColumns+` FROM events WHERE id = ?`, id)
	if err != nil {
		return d, fmt.Errorf("duckdb: event %d: %w", id, err)
	}
	found := false
	for rows.Next() {
		if d.Event, _, err = scanEvent(rows, false); err != nil {
			rows.Close()
			return d, fmt.Errorf("duckdb: event %d: %w", id, err)
		}
		found = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return d, fmt.Errorf("duckdb: event %d: %w", id, err)
	}
	if !found {
		return d, ErrNotFound
	}
	mrows, err := r.sql.QueryContext(ctx, `SELECT m.article_id, a.title, a.url, strftime(a.published, '%Y-%m-%d'), m.publisher, m.sentence,
			m.source_text, m.source_start, m.source_end, m.target_text, m.target_start, m.target_end,
			m.trigger, m.trigger_start, m.trigger_end, m.cameo, m.date_text, m.modality, m.rule, a.text
		FROM mentions m LEFT JOIN articles a ON a.id = m.article_id
		WHERE m.event_id = ? ORDER BY a.published NULLS LAST, m.article_id, m.sentence LIMIT ?`, id, maxMentions)
	if err != nil {
		return d, fmt.Errorf("duckdb: event %d mentions: %w", id, err)
	}
	defer mrows.Close()
	d.Mentions = []Mention{}
	for mrows.Next() {
		var (
			m                          Mention
			title, url, pub, publisher sql.NullString
			sText, tText, gText        sql.NullString
			cameo, dtext, mod, rule    sql.NullString
			body                       sql.NullString
			sentence                   sql.NullInt64
			s0, s1, t0, t1, g0, g1     sql.NullInt64
		)
		if err := mrows.Scan(&m.ArticleID, &title, &url, &pub, &publisher, &sentence,
			&sText, &s0, &s1, &tText, &t0, &t1, &gText, &g0, &g1, &cameo, &dtext, &mod, &rule, &body); err != nil {
			return d, fmt.Errorf("duckdb: event %d mentions: %w", id, err)
		}
		m.Title, m.URL, m.Published, m.Publisher = title.String, url.String, pub.String, publisher.String
		m.Sentence, m.Cameo, m.DateText, m.Modality, m.Rule = int(sentence.Int64), cameo.String, dtext.String, mod.String, rule.String
		m.Source = span(body.String, sText.String, s0, s1)
		m.Target = span(body.String, tText.String, t0, t1)
		m.Trigger = span(body.String, gText.String, g0, g1)
		m.Evidence = evidence(body.String, m.Trigger, m.Source, m.Target)
		d.Mentions = append(d.Mentions, m)
	}
	if err := mrows.Err(); err != nil {
		return d, fmt.Errorf("duckdb: event %d mentions: %w", id, err)
	}
	return d, nil
}

// span builds a Span from stored offsets, or nil when they are absent or
// do not fit the text.
func span(text, s string, start, end sql.NullInt64) *schema.Span {
	if !start.Valid || !end.Valid || start.Int64 < 0 || end.Int64 < start.Int64 || end.Int64 > int64(len(text)) {
		return nil
	}
	if s == "" {
		s = text[start.Int64:end.Int64]
	}
	return &schema.Span{Text: s, Start: int(start.Int64), End: int(end.Int64)}
}

// evidence cuts the sentence around the first present span: from after the
// previous sentence end (". ", "! ", "? " or a newline) to the next.
func evidence(text string, spans ...*schema.Span) *schema.Span {
	var at *schema.Span
	for _, s := range spans {
		if s != nil {
			at = s
			break
		}
	}
	if at == nil {
		return nil
	}
	start := 0
	for i := at.Start - 1; i > 0; i-- {
		c := text[i]
		if c == '\n' {
			start = i + 1
			break
		}
		if (c == ' ' || c == '\t') && (text[i-1] == '.' || text[i-1] == '!' || text[i-1] == '?') {
			start = i + 1
			break
		}
	}
	end := len(text)
	for i := max(at.End, start); i < len(text); i++ {
		c := text[i]
		if c == '\n' {
			end = i
			break
		}
		if (c == '.' || c == '!' || c == '?') && (i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '\n' || text[i+1] == '"') {
			end = i + 1
			if i+1 < len(text) && text[i+1] == '"' {
				end++
			}
			break
		}
	}
	const maxEvidence = 2000 // bytes either side of the span at most
	if at.Start-start > maxEvidence {
		start = at.Start - maxEvidence
	}
	if end-at.End > maxEvidence {
		end = at.End + maxEvidence
	}
	for start > 0 && start < len(text) && text[start]&0xC0 == 0x80 { // keep UTF-8 boundaries
		start--
	}
	for end < len(text) && text[end]&0xC0 == 0x80 {
		end++
	}
	return &schema.Span{Text: text[start:end], Start: start, End: end}
}
