package duckdb

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/detente-project/detente/internal/schema"
)

// Counts returns the number of rows in each table.
func (db *DB) Counts(ctx context.Context) (schema.Counts, error) {
	var c schema.Counts
	err := db.sql.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM articles), (SELECT count(*) FROM events), (SELECT count(*) FROM mentions),
		(SELECT count(*) FROM entities), (SELECT count(*) FROM quotes), (SELECT count(*) FROM errors)`).
		Scan(&c.Articles, &c.Events, &c.Mentions, &c.Entities, &c.Quotes, &c.Failures)
	if err != nil {
		return c, fmt.Errorf("duckdb: counts: %w", err)
	}
	return c, nil
}

// Failures lists failed documents, oldest first; limit ≤ 0 means all.
func (db *DB) Failures(ctx context.Context, limit int) ([]schema.Failure, error) {
	if limit <= 0 {
		limit = -1
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT ref, reason, failed_at FROM errors ORDER BY failed_at, ref, reason LIMIT CASE WHEN ? < 0 THEN NULL ELSE ? END`, limit, limit)
	if err != nil {
		return nil, fmt.Errorf("duckdb: failures: %w", err)
	}
	defer rows.Close()
	var out []schema.Failure
	for rows.Next() {
		var f schema.Failure
		if err := rows.Scan(&f.Ref, &f.Reason, &f.At); err != nil {
			return nil, fmt.Errorf("duckdb: failures: %w", err)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// checkRange validates a date range and returns its bounds as query
// arguments (nil when open).
func checkRange(r schema.DateRange) (from, to any, err error) {
	conv := func(s, name string) (any, error) {
		if s == "" {
			return nil, nil
		}
		if _, err := time.Parse("2006-01-02", s); err != nil {
			return nil, fmt.Errorf("duckdb: %s date %q is not YYYY-MM-DD", name, s)
		}
		return s, nil
	}
	if from, err = conv(r.From, "from"); err != nil {
		return nil, nil, err
	}
	to, err = conv(r.To, "to")
	return from, to, err
}

// rangeSQL filters on events.date with the two range arguments $f and $t.
func rangeSQL(f, t int) string {
	return fmt.Sprintf(`(CAST($%d AS DATE) IS NULL OR date >= CAST($%d AS DATE)) AND (CAST($%d AS DATE) IS NULL OR date <= CAST($%d AS DATE))`, f, f, t, t)
}

// rangeWhere is the filter for an optional date range: every event when
// both bounds are open, else the dated events within it.
func rangeWhere(from, to any) (string, []any) {
	if from == nil && to == nil {
		return `true`, nil
	}
	return `date IS NOT NULL AND ` + rangeSQL(1, 2), []any{from, to}
}

// periodSQL maps a DyadQuery.By to a date_trunc part (a fixed whitelist, not
// caller text).
var periodSQL = map[string]string{schema.ByDay: "day", schema.ByWeek: "week", schema.ByMonth: "month"}

// Dyad aggregates the events between q.A and q.B, both directions, per
// period. Undated events are left out. Periods without events are absent.
func (db *DB) Dyad(ctx context.Context, q schema.DyadQuery) ([]schema.DyadRow, error) {
	by := q.By
	if by == "" {
		by = schema.ByMonth
	}
	part, ok := periodSQL[by]
	if !ok {
		return nil, fmt.Errorf("duckdb: dyad period %q: want day, week or month", q.By)
	}
	if q.A == "" || q.B == "" {
		return nil, fmt.Errorf("duckdb: dyad needs two actors")
	}
	from, to, err := checkRange(q.DateRange)
	if err != nil {
		return nil, err
	}
	// The two sides match on country or full code; $1 = A, $2 = B.
	query := `
		SELECT strftime(date_trunc('` + part + `', date), '%Y-%m-%d') AS period,
			(source_country = $1 OR source_code = $1) AND (target_country = $2 OR target_code = $2) AS ab,
			count(*), sum(num_mentions),
			count(*) FILTER (quadclass = 1), count(*) FILTER (quadclass = 2),
			count(*) FILTER (quadclass = 3), count(*) FILTER (quadclass = 4),
			sum(goldstein), avg(goldstein), avg(avg_tone)
		FROM events
		WHERE date IS NOT NULL
			AND (((source_country = $1 OR source_code = $1) AND (target_country = $2 OR target_code = $2))
			  OR ((source_country = $2 OR source_code = $2) AND (target_country = $1 OR target_code = $1)))
			AND ` + rangeSQL(3, 4) + `
		GROUP BY 1, 2
		ORDER BY 1, 2 DESC`
	rows, err := db.sql.QueryContext(ctx, query, q.A, q.B, from, to)
	if err != nil {
		return nil, fmt.Errorf("duckdb: dyad: %w", err)
	}
	defer rows.Close()
	var out []schema.DyadRow
	for rows.Next() {
		var (
			r    schema.DyadRow
			ab   bool
			tone sql.NullFloat64
		)
		if err := rows.Scan(&r.Period, &ab, &r.Events, &r.Mentions, &r.Quad[0], &r.Quad[1], &r.Quad[2], &r.Quad[3],
			&r.GoldsteinSum, &r.GoldsteinMean, &tone); err != nil {
			return nil, fmt.Errorf("duckdb: dyad: %w", err)
		}
		r.Tone = tone.Float64
		r.Source, r.Target = q.A, q.B
		if !ab {
			r.Source, r.Target = q.B, q.A
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// topSQL holds the fixed query of each TopQuery kind and level.
var topSQL = map[string]string{
	"actors/code": `SELECT k, mode(n), count(DISTINCT id), sum(m), avg(g), avg(t) FROM (
			SELECT id, source_code AS k, source_name AS n, num_mentions AS m, goldstein AS g, avg_tone AS t, date FROM events WHERE source_code <> ''
			UNION ALL
			SELECT id, target_code, target_name, num_mentions, goldstein, avg_tone, date FROM events WHERE target_code <> '')`,
	"actors/country": `SELECT k, '', count(DISTINCT id), sum(m), avg(g), avg(t) FROM (
			SELECT id, source_country AS k, num_mentions AS m, goldstein AS g, avg_tone AS t, date FROM events WHERE source_country <> ''
			UNION ALL
			SELECT id, target_country, num_mentions, goldstein, avg_tone, date FROM events WHERE target_country <> '')`,
	"dyads/code": `SELECT source_code || '>' || target_code AS k, '', count(*), sum(num_mentions), avg(goldstein), avg(avg_tone)
			FROM events WHERE source_code <> '' AND target_code <> ''`,
	"dyads/country": `SELECT source_country || '>' || target_country AS k, '', count(*), sum(num_mentions), avg(goldstein), avg(avg_tone)
			FROM events WHERE source_country <> '' AND target_country <> ''`,
	"events/code": `SELECT cameo AS k, '', count(*), sum(num_mentions), avg(goldstein), avg(avg_tone) FROM events WHERE true`,
}

// Top ranks actors, directed dyads or CAMEO codes by number of distinct events.
func (db *DB) Top(ctx context.Context, q schema.TopQuery) ([]schema.TopRow, error) {
	level := "code"
	if q.Country && q.Kind != schema.TopEvents {
		level = "country"
	}
	base, ok := topSQL[q.Kind+"/"+level]
	if !ok {
		return nil, fmt.Errorf("duckdb: top %q: want actors, dyads or events", q.Kind)
	}
	n := q.N
	if n <= 0 {
		n = 20
	}
	from, to, err := checkRange(q.DateRange)
	if err != nil {
		return nil, err
	}
	var query string
	if strings.HasPrefix(q.Kind, "actors") {
		query = base + ` WHERE ` + rangeSQL(1, 2) + ` GROUP BY k ORDER BY 3 DESC, k LIMIT $3`
	} else {
		query = base + ` AND ` + rangeSQL(1, 2) + ` GROUP BY k ORDER BY 3 DESC, k LIMIT $3`
	}
	rows, err := db.sql.QueryContext(ctx, query, from, to, n)
	if err != nil {
		return nil, fmt.Errorf("duckdb: top %s: %w", q.Kind, err)
	}
	defer rows.Close()
	var out []schema.TopRow
	for rows.Next() {
		var (
			r    schema.TopRow
			name sql.NullString
			g, t sql.NullFloat64
		)
		if err := rows.Scan(&r.Key, &name, &r.Events, &r.Mentions, &g, &t); err != nil {
			return nil, fmt.Errorf("duckdb: top %s: %w", q.Kind, err)
		}
		r.Name, r.GoldsteinMean, r.Tone = name.String, g.Float64, t.Float64
		out = append(out, r)
	}
	return out, rows.Err()
}

const eventColumns = `id, strftime(date, '%Y-%m-%d'), source_code, source_name, source_country, source_sectors,
	target_code, target_name, target_country, target_sectors, cameo, base_code, root_code, quadclass, goldstein,
	plover, is_root, num_mentions, num_sources, num_articles, avg_tone, geo_name, geo_country, geo_lat, geo_lon,
	geo_id, source_url, added`

// Events calls fn for each stored event dated within r (all events, dated
// or not, when r is empty), ordered by id.
func (db *DB) Events(ctx context.Context, r schema.DateRange, fn func(schema.StoredEvent) error) error {
	from, to, err := checkRange(r)
	if err != nil {
		return err
	}
	where, args := rangeWhere(from, to)
	rows, err := db.sql.QueryContext(ctx, `SELECT `+eventColumns+` FROM events WHERE `+where+` ORDER BY id`, args...)
	if err != nil {
		return fmt.Errorf("duckdb: events: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			e                    schema.StoredEvent
			date, ssec, tsec     sql.NullString
			sname, tname, plover sql.NullString
			geoName, geoCountry  sql.NullString
			lat, lon, tone       sql.NullFloat64
			geoID                sql.NullInt64
			url                  sql.NullString
			quad                 int
			isRoot               sql.NullBool
			nm, ns, na           sql.NullInt64
		)
		if err := rows.Scan(&e.ID, &date, &e.Source.Code, &sname, &e.Source.Country, &ssec,
			&e.Target.Code, &tname, &e.Target.Country, &tsec, &e.Cameo, &e.Base, &e.Root, &quad, &e.Goldstein,
			&plover, &isRoot, &nm, &ns, &na, &tone, &geoName, &geoCountry, &lat, &lon,
			&geoID, &url, &e.Added); err != nil {
			return fmt.Errorf("duckdb: events: %w", err)
		}
		e.Date, e.Source.Name, e.Target.Name, e.Plover = date.String, sname.String, tname.String, plover.String
		e.Source.Sectors, e.Target.Sectors = splitSectors(ssec.String), splitSectors(tsec.String)
		e.QuadClass, e.IsRoot = quad, isRoot.Bool
		e.NumMentions, e.NumSources, e.NumArticles, e.AvgTone = int(nm.Int64), int(ns.Int64), int(na.Int64), tone.Float64
		e.SourceURL = url.String
		if geoName.String != "" || geoCountry.String != "" || lat.Valid {
			e.Location = &schema.Location{Name: geoName.String, Country: geoCountry.String, Lat: lat.Float64, Lon: lon.Float64, GeonameID: int(geoID.Int64)}
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	return rows.Err()
}

func splitSectors(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ";")
}

// FeedState returns the conditional-GET state saved for a feed URL (zero
// values apart from URL when the feed was never fetched).
func (db *DB) FeedState(ctx context.Context, url string) (schema.FeedState, error) {
	s := schema.FeedState{URL: url}
	var etag, lm sql.NullString
	var fetched sql.NullTime
	err := db.sql.QueryRowContext(ctx, `SELECT etag, last_modified, fetched FROM feeds WHERE url = ?`, url).Scan(&etag, &lm, &fetched)
	if err == sql.ErrNoRows {
		return s, nil
	}
	if err != nil {
		return s, fmt.Errorf("duckdb: feed state %s: %w", url, err)
	}
	s.ETag, s.LastModified, s.Fetched = etag.String, lm.String, fetched.Time
	return s, nil
}

// SetFeedState saves the conditional-GET state of a feed URL.
func (db *DB) SetFeedState(ctx context.Context, s schema.FeedState) error {
	db.mu.Lock()
	defer db.mu.Unlock()
	_, err := db.conn.ExecContext(ctx, `INSERT OR REPLACE INTO feeds (url, etag, last_modified, fetched) VALUES (?, ?, ?, ?)`,
		clean(s.URL), clean(s.ETag), clean(s.LastModified), s.Fetched.UTC())
	if err != nil {
		return fmt.Errorf("duckdb: save feed state %s: %w", s.URL, err)
	}
	return nil
}

// ExportParquet writes the events dated within r (all when r is empty) to a
// Parquet file at path, with the events table's columns.
func (db *DB) ExportParquet(ctx context.Context, r schema.DateRange, path string) error {
	from, to, err := checkRange(r)
	if err != nil {
		return err
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	c := db.conn
	// COPY takes no bound parameters, so the selection is materialised with a
	// parameterised statement first and COPY reads the temporary table; the
	// path is the only literal, quoted as an SQL string.
	where, args := rangeWhere(from, to)
	if _, err := c.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE export_events AS SELECT * FROM events WHERE `+where+` ORDER BY id`, args...); err != nil {
		return fmt.Errorf("duckdb: export parquet: %w", err)
	}
	defer c.ExecContext(context.WithoutCancel(ctx), `DROP TABLE IF EXISTS export_events`)
	if _, err := c.ExecContext(ctx, `COPY export_events TO `+quoteString(path)+` (FORMAT parquet)`); err != nil {
		return fmt.Errorf("duckdb: export parquet %s: %w", path, err)
	}
	return nil
}

// quoteString quotes s as an SQL string literal.
func quoteString(s string) string {
	return "'" + strings.ReplaceAll(clean(s), "'", "''") + "'"
}
