// Package duckdb is Détente's embedded corpus store: articles, the distinct
// events they report, every mention of an event, entities, quotes and failed
// documents, in one DuckDB file that R and Python can open directly.
//
// Loading uses DuckDB's Appender inside one transaction per batch (never
// row-by-row INSERT), so a crash loses at most the batch in flight. Every
// query is parameterised. The schema is versioned: Open applies the
// migrations a file has not seen yet.
//
// # Event deduplication
//
// An event mention (one event coded from one sentence) is merged into an
// existing distinct event when all of these hold:
//
//   - same source actor code and same target actor code (full CAMEO codes,
//     e.g. USAGOV ≠ USA; an absent target is the empty code);
//   - same CAMEO base code (the first three digits: 0411 and 041 merge, 042 does not);
//   - event dates at most one day apart. The event date is the mention's
//     resolved date, else the article's publication date. A mention without
//     any date merges only with other undated events of the same key.
//
// When several stored events qualify, the one with the nearest date wins,
// then the lowest id. A distinct event keeps the date, codes, location and
// source URL of its first mention; it does not drift, so a chain of daily
// reports over a week yields several events, not one. Negated events are
// not stored. Because the result depends on the order in which mentions
// arrive, ingest writes batches in a stable input order: a resumed run
// gives the same events as a clean one.
//
// num_mentions counts mentions, num_articles distinct articles, num_sources
// distinct publishers (Article.Source, else the URL's host, else "unknown"),
// avg_tone is the mean tone of the distinct articles — GDELT's definitions.
package duckdb

import (
	"context"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"sync"

	_ "github.com/duckdb/duckdb-go/v2" // registers the "duckdb" database/sql driver

	"github.com/detente-project/detente/internal/schema"
)

// compile-time check that DB implements the domain Store interface.
var _ schema.Store = (*DB)(nil)

// DB is a Détente store in one DuckDB file. It is safe for concurrent use;
// writes are serialised.
type DB struct {
	sql  *sql.DB
	conn *sql.Conn // dedicated connection for writes (transactions + appenders)

	amu      sync.RWMutex // guards articles, so Seen never waits for a Write
	articles map[[32]byte]struct{}

	mu       sync.Mutex  // serialises Write and guards everything below
	index    *eventIndex // loaded on first Write
	stats    []evStats   // coverage of event id i+1, mirrors the events table
	pubs     map[string]uint32
	failures map[string]struct{}
	nextID   int64
}

// Open opens (creating if needed) the store at path and brings its schema
// up to date. An empty path opens a private in-memory store.
func Open(ctx context.Context, path string) (*DB, error) {
	sdb, err := sql.Open("duckdb", path)
	if err != nil {
		return nil, fmt.Errorf("duckdb: open %s: %w", path, err)
	}
	conn, err := sdb.Conn(ctx)
	if err != nil {
		sdb.Close()
		return nil, fmt.Errorf("duckdb: open %s: %w", path, err)
	}
	db := &DB{sql: sdb, conn: conn}
	// Checkpoint (rewrite the WAL into the main file) every 512 MB of WAL
	// rather than DuckDB's 16 MB: during a long ingest each checkpoint
	// rewrites compressed row groups; the WAL alone keeps every committed
	// batch durable, and Close checkpoints.
	if _, err := conn.ExecContext(ctx, `SET checkpoint_threshold = '512MB'`); err != nil {
		db.Close()
		return nil, fmt.Errorf("duckdb: open %s: %w", path, err)
	}
	if err := db.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := db.loadArticles(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// Close releases the store.
func (db *DB) Close() error {
	var err error
	if db.conn != nil {
		err = db.conn.Close()
	}
	return errors.Join(err, db.sql.Close())
}

// SQL returns the underlying database handle for read-only ad-hoc queries.
func (db *DB) SQL() *sql.DB { return db.sql }

// migrations[i] brings the schema from version i to i+1. Never edit a
// released migration; append a new one.
var migrations = []string{
	// 1: initial schema.
	`CREATE TABLE articles (
		id         VARCHAR PRIMARY KEY, -- sha256 hex of normalised text (+ URL)
		url        VARCHAR,
		title      VARCHAR,
		published  DATE,
		source     VARCHAR,  -- publisher
		language   VARCHAR,
		ref        VARCHAR,  -- where it was read from: path, path:line, path@offset, URL
		text       VARCHAR,  -- normalised text; all offsets point into it
		tone       DOUBLE,
		positive   DOUBLE,
		negative   DOUBLE,
		polarity   DOUBLE,
		words      INTEGER,
		num_events INTEGER,  -- event mentions coded in this article
		added      TIMESTAMP
	);
	CREATE TABLE events (
		id             BIGINT,   -- GlobalEventID
		date           DATE,
		source_code    VARCHAR,
		source_name    VARCHAR,
		source_country VARCHAR,
		source_sectors VARCHAR,  -- role codes separated by ';'
		target_code    VARCHAR,
		target_name    VARCHAR,
		target_country VARCHAR,
		target_sectors VARCHAR,
		cameo          VARCHAR,  -- full CAMEO code of the first mention
		base_code      VARCHAR,  -- first three digits (dedup key)
		root_code      VARCHAR,  -- first two digits
		quadclass      TINYINT,
		goldstein      DOUBLE,
		plover         VARCHAR,
		is_root        BOOLEAN,  -- first mention was in the article's first sentence
		geo_name       VARCHAR,
		geo_country    VARCHAR,  -- ISO alpha-3
		geo_lat        DOUBLE,
		geo_lon        DOUBLE,
		geo_id         BIGINT,   -- GeoNames id
		num_mentions   INTEGER,
		num_sources    INTEGER,
		num_articles   INTEGER,
		avg_tone       DOUBLE,
		source_url     VARCHAR,  -- URL of the first article that reported it
		first_article  VARCHAR,
		added          TIMESTAMP
	);
	CREATE TABLE mentions (
		event_id      BIGINT,
		article_id    VARCHAR,
		sentence      INTEGER,  -- 0-based sentence index in the article
		source_text   VARCHAR,
		source_start  INTEGER,  -- byte offsets into articles.text, -1 when absent
		source_end    INTEGER,
		target_text   VARCHAR,
		target_start  INTEGER,
		target_end    INTEGER,
		trigger       VARCHAR,
		trigger_start INTEGER,
		trigger_end   INTEGER,
		cameo         VARCHAR,  -- code as coded in this sentence
		date_text     VARCHAR,
		modality      VARCHAR,
		rule          VARCHAR,
		publisher     VARCHAR,
		doc_tone      DOUBLE
	);
	CREATE TABLE entities (
		article_id VARCHAR,
		idx        INTEGER,
		text       VARCHAR,
		type       VARCHAR,
		start      INTEGER,
		"end"      INTEGER,
		name       VARCHAR,
		actor      VARCHAR,
		mentions   INTEGER
	);
	CREATE TABLE quotes (
		article_id    VARCHAR,
		idx           INTEGER,
		text          VARCHAR,
		start         INTEGER,
		"end"         INTEGER,
		direct        BOOLEAN,
		cue           VARCHAR,
		speaker_text  VARCHAR,
		speaker_name  VARCHAR,
		speaker_actor VARCHAR
	);
	CREATE TABLE errors (
		ref    VARCHAR,
		reason VARCHAR,
		failed_at TIMESTAMP
	);
	CREATE TABLE feeds (
		url           VARCHAR PRIMARY KEY,
		etag          VARCHAR,
		last_modified VARCHAR,
		fetched       TIMESTAMP
	);
	CREATE TABLE batch_touched (id BIGINT, num_mentions INTEGER, num_sources INTEGER, num_articles INTEGER, avg_tone DOUBLE);`,
}

// SchemaVersion is the schema version this code writes.
var SchemaVersion = len(migrations)

func (db *DB) migrate(ctx context.Context) error {
	c := db.conn
	if _, err := c.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER, applied TIMESTAMP DEFAULT current_timestamp)`); err != nil {
		return fmt.Errorf("duckdb: migrations table: %w", err)
	}
	var v sql.NullInt64
	if err := c.QueryRowContext(ctx, `SELECT max(version) FROM schema_migrations`).Scan(&v); err != nil {
		return fmt.Errorf("duckdb: schema version: %w", err)
	}
	cur := int(v.Int64)
	if cur > len(migrations) {
		return fmt.Errorf("duckdb: store schema version %d is newer than this program's %d", cur, len(migrations))
	}
	for i := cur; i < len(migrations); i++ {
		if err := db.inTx(ctx, func() error {
			if _, err := c.ExecContext(ctx, migrations[i]); err != nil {
				return err
			}
			_, err := c.ExecContext(ctx, `INSERT INTO schema_migrations (version) VALUES (?)`, i+1)
			return err
		}); err != nil {
			return fmt.Errorf("duckdb: migration %d: %w", i+1, err)
		}
	}
	return nil
}

// inTx runs fn inside a transaction on the write connection.
func (db *DB) inTx(ctx context.Context, fn func() error) error {
	if _, err := db.conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return err
	}
	if err := fn(); err != nil {
		_, rerr := db.conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		return errors.Join(err, rerr)
	}
	if _, err := db.conn.ExecContext(ctx, "COMMIT"); err != nil {
		_, rerr := db.conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		return errors.Join(err, rerr)
	}
	return nil
}

// loadArticles fills the in-memory set of stored article ids; ids are kept
// as 32-byte keys (≈50 bytes an article) so a million articles cost ~50 MB.
func (db *DB) loadArticles(ctx context.Context) error {
	db.articles = make(map[[32]byte]struct{})
	rows, err := db.conn.QueryContext(ctx, `SELECT id FROM articles`)
	if err != nil {
		return fmt.Errorf("duckdb: load article ids: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return fmt.Errorf("duckdb: load article ids: %w", err)
		}
		db.articles[articleKey(id)] = struct{}{}
	}
	return rows.Err()
}

// articleKey turns a hex sha256 id into a map key; other ids (not produced
// by ingest) are hashed so they still dedup exactly.
func articleKey(id string) [32]byte {
	var k [32]byte
	if len(id) == 64 {
		if _, err := hex.Decode(k[:], []byte(id)); err == nil {
			return k
		}
	}
	return sha(id)
}

// Seen reports, for each id, whether that article is already stored.
func (db *DB) Seen(ctx context.Context, ids []string) ([]bool, error) {
	db.amu.RLock()
	defer db.amu.RUnlock()
	out := make([]bool, len(ids))
	for i, id := range ids {
		_, out[i] = db.articles[articleKey(id)]
	}
	return out, nil
}

// noDay marks an event without a date.
const noDay = math.MinInt32
