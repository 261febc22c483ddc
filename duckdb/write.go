package duckdb

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	duck "github.com/duckdb/duckdb-go/v2"

	"github.com/detente-project/detente/internal/schema"
)

// evKey is the identity of a distinct event apart from its date.
type evKey struct{ src, tgt, base string }

// cand is a stored event under one evKey.
type cand struct {
	day int32 // days since 1970-01-01, noDay when unknown
	id  int64
}

// eventIndex finds the stored event a new mention merges into. It mirrors
// the events table so that dedup needs no query per mention.
type eventIndex struct {
	m map[evKey][]cand
}

// match returns the id of the stored event that a mention with key k and
// date day merges into: same key, dates at most one day apart, nearest
// date first, then lowest id. Undated mentions match only undated events.
func (ix *eventIndex) match(k evKey, day int32) (int64, bool) {
	best, bestD := int64(-1), int64(2)
	for _, c := range ix.m[k] {
		var d int64
		switch {
		case day == noDay || c.day == noDay:
			if day != c.day {
				continue
			}
		default:
			d = int64(c.day) - int64(day)
			if d < 0 {
				d = -d
			}
		}
		if d < bestD || (d == bestD && c.id < best) {
			best, bestD = c.id, d
		}
	}
	return best, best >= 0
}

func (db *DB) loadIndex(ctx context.Context) error {
	ix := &eventIndex{m: make(map[evKey][]cand)}
	rows, err := db.conn.QueryContext(ctx, `SELECT id, date, source_code, target_code, base_code FROM events ORDER BY id`)
	if err != nil {
		return fmt.Errorf("duckdb: load event index: %w", err)
	}
	defer rows.Close()
	next := int64(1)
	for rows.Next() {
		var (
			id   int64
			date sql.NullTime
			k    evKey
		)
		if err := rows.Scan(&id, &date, &k.src, &k.tgt, &k.base); err != nil {
			return fmt.Errorf("duckdb: load event index: %w", err)
		}
		day := int32(noDay)
		if date.Valid {
			day = int32(date.Time.Unix() / 86400)
		}
		ix.m[k] = append(ix.m[k], cand{day, id})
		next = max(next, id+1)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("duckdb: load event index: %w", err)
	}
	db.index, db.nextID = ix, next
	if err := db.loadStats(ctx); err != nil {
		return err
	}
	fs := make(map[string]struct{})
	frows, err := db.conn.QueryContext(ctx, `SELECT ref, reason FROM errors`)
	if err != nil {
		return fmt.Errorf("duckdb: load failures: %w", err)
	}
	defer frows.Close()
	for frows.Next() {
		var ref, reason string
		if err := frows.Scan(&ref, &reason); err != nil {
			return fmt.Errorf("duckdb: load failures: %w", err)
		}
		fs[ref+"\x00"+reason] = struct{}{}
	}
	if err := frows.Err(); err != nil {
		return fmt.Errorf("duckdb: load failures: %w", err)
	}
	db.failures = fs
	return nil
}

// evStats is the coverage of one distinct event: GDELT's NumMentions,
// NumArticles, the publishers behind NumSources, and the sum of the
// articles' tone behind AvgTone. Kept in memory so a batch updates only
// the events it touches without rescanning the mentions table.
type evStats struct {
	mentions, articles int32
	toneSum            float64
	pubs               []uint32 // distinct publisher ids
}

func (s *evStats) addPub(p uint32) {
	for _, q := range s.pubs {
		if q == p {
			return
		}
	}
	s.pubs = append(s.pubs, p)
}

func (s *evStats) avgTone() float64 {
	if s.articles == 0 {
		return 0
	}
	return s.toneSum / float64(s.articles)
}

func (db *DB) pubID(p string) uint32 {
	id, ok := db.pubs[p]
	if !ok {
		id = uint32(len(db.pubs))
		db.pubs[p] = id
	}
	return id
}

// loadStats rebuilds the coverage of every event from the mentions table.
func (db *DB) loadStats(ctx context.Context) error {
	db.stats = make([]evStats, db.nextID-1)
	db.pubs = make(map[string]uint32)
	rows, err := db.conn.QueryContext(ctx, `SELECT event_id, count(*), any_value(publisher), any_value(doc_tone)
		FROM mentions GROUP BY event_id, article_id`)
	if err != nil {
		return fmt.Errorf("duckdb: load event coverage: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id, n int64
			pub   sql.NullString
			tone  sql.NullFloat64
		)
		if err := rows.Scan(&id, &n, &pub, &tone); err != nil {
			return fmt.Errorf("duckdb: load event coverage: %w", err)
		}
		if id < 1 || id > int64(len(db.stats)) {
			continue
		}
		s := &db.stats[id-1]
		s.mentions += int32(n)
		s.articles++
		s.toneSum += tone.Float64
		s.addPub(db.pubID(pub.String))
	}
	return rows.Err()
}

// Write stores a batch in one transaction. Articles already stored (or
// repeated within the batch) are skipped with their events, so writing the
// same input twice adds nothing; failures already recorded with the same
// ref and reason are not repeated.
func (db *DB) Write(ctx context.Context, b schema.Batch) (schema.WriteStats, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	var st schema.WriteStats
	if db.index == nil {
		if err := db.loadIndex(ctx); err != nil {
			return st, err
		}
	}
	w := batchWriter{db: db, now: time.Now().UTC().Truncate(time.Second), newArticles: map[[32]byte]struct{}{},
		saved: map[int64]evStats{}, inArticle: map[int64]struct{}{}}
	err := db.inTx(ctx, func() error {
		if err := db.conn.Raw(func(dc any) error {
			c, ok := dc.(driver.Conn)
			if !ok {
				return fmt.Errorf("unexpected driver connection %T", dc)
			}
			return w.append(c, b, &st)
		}); err != nil {
			return err
		}
		return w.updateOld(ctx)
	})
	if err != nil {
		w.undo()
		return schema.WriteStats{}, fmt.Errorf("duckdb: write batch: %w", err)
	}
	db.amu.Lock()
	for k := range w.newArticles {
		db.articles[k] = struct{}{}
	}
	db.amu.Unlock()
	for _, f := range w.newFailures {
		db.failures[f] = struct{}{}
	}
	return st, nil
}

// batchWriter holds one Write's appenders and its tentative index changes.
type batchWriter struct {
	db          *DB
	now         time.Time
	newArticles map[[32]byte]struct{}
	newFailures []string
	added       []evKey // index entries added, for undo
	firstID     int64
	saved       map[int64]evStats // coverage of stored events before this batch, for undo and update
	inArticle   map[int64]struct{}
	pending     [][]driver.Value // rows of the batch's new events, appended with final coverage
}

// undo removes this batch's entries from the event index after a failed write.
func (w *batchWriter) undo() {
	ix := w.db.index
	for i := len(w.added) - 1; i >= 0; i-- {
		k := w.added[i]
		s := ix.m[k]
		ix.m[k] = s[:len(s)-1]
		if len(ix.m[k]) == 0 {
			delete(ix.m, k)
		}
	}
	if w.firstID > 0 {
		w.db.nextID = w.firstID
		w.db.stats = w.db.stats[:w.firstID-1]
	}
	for id, s := range w.saved {
		w.db.stats[id-1] = s
	}
}

type appenders struct {
	articles, events, mentions, entities, quotes, errors *duck.Appender
}

func (a *appenders) close() error {
	var errs []error
	for _, ap := range []*duck.Appender{a.articles, a.events, a.mentions, a.entities, a.quotes, a.errors} {
		if ap != nil {
			errs = append(errs, ap.Close())
		}
	}
	return errors.Join(errs...)
}

func (w *batchWriter) append(c driver.Conn, b schema.Batch, st *schema.WriteStats) (err error) {
	var ap appenders
	defer func() {
		if cerr := ap.close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	for _, t := range []struct {
		p    **duck.Appender
		name string
	}{{&ap.articles, "articles"}, {&ap.events, "events"}, {&ap.mentions, "mentions"}, {&ap.entities, "entities"}, {&ap.quotes, "quotes"}, {&ap.errors, "errors"}} {
		if *t.p, err = duck.NewAppenderFromConn(c, "", t.name); err != nil {
			return fmt.Errorf("appender %s: %w", t.name, err)
		}
	}
	w.firstID = w.db.nextID
	for i := range b.Analyses {
		ref := ""
		if i < len(b.Refs) {
			ref = b.Refs[i]
		}
		if err := w.article(&ap, &b.Analyses[i], ref, st); err != nil {
			return err
		}
	}
	for _, row := range w.pending {
		id := row[0].(int64)
		s := &w.db.stats[id-1]
		row[22], row[23], row[24], row[25] = s.mentions, int32(len(s.pubs)), s.articles, s.avgTone()
		if err := ap.events.AppendRow(row...); err != nil {
			return fmt.Errorf("append event: %w", err)
		}
	}
	inBatch := make(map[string]struct{}, len(b.Failures))
	for _, f := range b.Failures {
		k := f.Ref + "\x00" + f.Reason
		if _, ok := w.db.failures[k]; ok {
			continue
		}
		if _, ok := inBatch[k]; ok {
			continue
		}
		inBatch[k] = struct{}{}
		at := f.At
		if at.IsZero() {
			at = w.now
		}
		if err := ap.errors.AppendRow(clean(f.Ref), clean(f.Reason), at.UTC()); err != nil {
			return fmt.Errorf("append failure: %w", err)
		}
		w.newFailures = append(w.newFailures, k)
		st.Failures++
	}
	return nil
}

func (w *batchWriter) article(ap *appenders, an *schema.Analysis, ref string, st *schema.WriteStats) error {
	a := &an.Article
	id := a.ID
	if id == "" {
		id = schema.ArticleID(a.Text, a.URL)
	}
	k := articleKey(id)
	w.db.amu.RLock()
	_, seen := w.db.articles[k]
	w.db.amu.RUnlock()
	if _, dup := w.newArticles[k]; seen || dup {
		st.Duplicates++
		return nil
	}
	w.newArticles[k] = struct{}{}
	st.Articles++
	pubDay := parseDay(a.Published)
	pub := publisher(a)
	pid := w.db.pubID(pub)
	clear(w.inArticle)
	tone := an.Tone
	if err := ap.articles.AppendRow(clean(id), clean(a.URL), clean(a.Title), dateValue(pubDay), clean(a.Source),
		clean(a.Language), clean(ref), clean(a.Text), tone.Tone, tone.Positive, tone.Negative, tone.Polarity,
		int32(tone.Words), int32(len(an.Events)), w.now); err != nil {
		return fmt.Errorf("append article %s: %w", ref, err)
	}
	for j := range an.Events {
		ev := &an.Events[j]
		if ev.Negated || ev.Modality == schema.Negated {
			continue
		}
		day := parseDay(ev.Date)
		if day == noDay {
			day = pubDay
		}
		var tgt schema.Actor
		if ev.Target != nil {
			tgt = *ev.Target
		}
		key := evKey{src: ev.Source.Code, tgt: tgt.Code, base: baseCode(ev.Cameo)}
		eid, ok := w.db.index.match(key, day)
		if !ok {
			eid = w.db.nextID
			w.db.nextID++
			w.db.index.m[key] = append(w.db.index.m[key], cand{day, eid})
			w.db.stats = append(w.db.stats, evStats{})
			w.added = append(w.added, key)
			w.pending = append(w.pending, w.event(eid, day, key, ev, &tgt, a, id))
			st.Events++
		} else if eid < w.firstID {
			if _, ok := w.saved[eid]; !ok {
				w.saved[eid] = w.db.stats[eid-1]
			}
		}
		cov := &w.db.stats[eid-1]
		cov.mentions++
		if _, ok := w.inArticle[eid]; !ok {
			w.inArticle[eid] = struct{}{}
			cov.articles++
			cov.toneSum += tone.Tone
			cov.addPub(pid)
		}
		if err := ap.mentions.AppendRow(eid, clean(id), int32(ev.Sentence),
			clean(ev.Source.Text), off(ev.Source.Start, ev.Source.Text), off(ev.Source.End, ev.Source.Text),
			clean(tgt.Text), off(tgt.Start, tgt.Text), off(tgt.End, tgt.Text),
			clean(ev.Trigger.Text), off(ev.Trigger.Start, ev.Trigger.Text), off(ev.Trigger.End, ev.Trigger.Text),
			clean(ev.Cameo), clean(ev.DateText), clean(ev.Modality), clean(ev.Rule), clean(pub), tone.Tone); err != nil {
			return fmt.Errorf("append mention %s: %w", ref, err)
		}
		st.Mentions++
	}
	for j, e := range an.Entities {
		if err := ap.entities.AppendRow(clean(id), int32(j), clean(e.Text), clean(e.Type), int32(e.Start), int32(e.End),
			clean(e.Name), clean(e.Actor), int32(e.Mentions)); err != nil {
			return fmt.Errorf("append entity %s: %w", ref, err)
		}
		st.Entities++
	}
	for j, q := range an.Quotes {
		var sp schema.Speaker
		if q.Speaker != nil {
			sp = *q.Speaker
		}
		if err := ap.quotes.AppendRow(clean(id), int32(j), clean(q.Text), int32(q.Start), int32(q.End), q.Direct,
			clean(q.Cue), clean(sp.Text), clean(sp.Name), clean(sp.Actor)); err != nil {
			return fmt.Errorf("append quote %s: %w", ref, err)
		}
		st.Quotes++
	}
	return nil
}

// event is the events-table row of a new distinct event; its coverage
// columns (22..25) are filled when the batch is complete.
func (w *batchWriter) event(id int64, day int32, k evKey, ev *schema.Event, tgt *schema.Actor, a *schema.Article, articleID string) []driver.Value {
	var (
		geoName, geoCountry string
		lat, lon, geoID     driver.Value
	)
	if l := ev.Location; l != nil {
		geoName, geoCountry = l.Name, l.Country
		lat, lon = l.Lat, l.Lon
		if l.GeonameID != 0 {
			geoID = int64(l.GeonameID)
		}
	}
	root := ev.Root
	if root == "" && len(ev.Cameo) >= 2 {
		root = ev.Cameo[:2]
	}
	return []driver.Value{id, dateValue(day),
		clean(k.src), clean(actorName(&ev.Source)), clean(ev.Source.Country), clean(strings.Join(ev.Source.Sectors, ";")),
		clean(k.tgt), clean(actorName(tgt)), clean(tgt.Country), clean(strings.Join(tgt.Sectors, ";")),
		clean(ev.Cameo), clean(k.base), clean(root), int8(ev.QuadClass), ev.Goldstein, clean(ev.Plover.Event),
		ev.Sentence == 0, clean(geoName), clean(geoCountry), lat, lon, geoID,
		int32(0), int32(0), int32(0), 0.0, clean(a.URL), clean(articleID), w.now}
}

// updateOld writes the new coverage of the stored events this batch
// mentioned again: one appended row each in batch_touched, then one UPDATE
// join, inside the batch's transaction.
func (w *batchWriter) updateOld(ctx context.Context) error {
	if len(w.saved) == 0 {
		return nil
	}
	db := w.db
	if err := db.conn.Raw(func(dc any) error {
		ap, err := duck.NewAppenderFromConn(dc.(driver.Conn), "", "batch_touched")
		if err != nil {
			return err
		}
		for id := range w.saved {
			s := &db.stats[id-1]
			if err := ap.AppendRow(id, s.mentions, int32(len(s.pubs)), s.articles, s.avgTone()); err != nil {
				ap.Close()
				return err
			}
		}
		return ap.Close()
	}); err != nil {
		return fmt.Errorf("touched events: %w", err)
	}
	_, err := db.conn.ExecContext(ctx, `
		UPDATE events SET num_mentions = t.num_mentions, num_sources = t.num_sources,
			num_articles = t.num_articles, avg_tone = t.avg_tone
		FROM batch_touched AS t WHERE events.id = t.id`)
	if err != nil {
		return fmt.Errorf("update event coverage: %w", err)
	}
	_, err = db.conn.ExecContext(ctx, `DELETE FROM batch_touched`)
	return err
}

func sha(s string) [32]byte { return sha256.Sum256([]byte(s)) }

// baseCode is the CAMEO base (level-two, three-digit) code: 0411 → 041.
func baseCode(c string) string {
	if len(c) > 3 {
		return c[:3]
	}
	return c
}

// parseDay reads YYYY-MM-DD (ignoring anything after it) as days since the
// Unix epoch; anything else is noDay.
func parseDay(s string) int32 {
	if len(s) < 10 {
		return noDay
	}
	t, err := time.Parse("2006-01-02", s[:10])
	if err != nil {
		return noDay
	}
	return int32(t.Unix() / 86400)
}

func dateValue(day int32) any {
	if day == noDay {
		return nil
	}
	return time.Unix(int64(day)*86400, 0).UTC()
}

// publisher names an article's information source for num_sources.
func publisher(a *schema.Article) string {
	if a.Source != "" {
		return a.Source
	}
	if u, err := url.Parse(a.URL); err == nil && u.Host != "" {
		return strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	}
	return "unknown"
}

func actorName(a *schema.Actor) string {
	if a.Name != "" {
		return a.Name
	}
	return a.Text
}

// off stores an offset, or -1 when the span is absent.
func off(o int, text string) int32 {
	if text == "" {
		return -1
	}
	return int32(o)
}

// clean makes s valid UTF-8 without NUL bytes, which DuckDB VARCHAR requires.
func clean(s string) string {
	if utf8.ValidString(s) && strings.IndexByte(s, 0) < 0 {
		return s
	}
	return strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", "")
}
