package duckdb

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/detente-project/detente/internal/schema"
)

// ArticleEvent is one event mention inside an article, with its spans.
type ArticleEvent struct {
	EventID   int64        `json:"event_id"`
	Sentence  int          `json:"sentence"`
	Source    *schema.Span `json:"source"`
	Target    *schema.Span `json:"target"`
	Trigger   *schema.Span `json:"trigger"`
	Cameo     string       `json:"cameo"`
	Goldstein float64      `json:"goldstein"`
	QuadClass int          `json:"quadclass"`
	SrcCode   string       `json:"source_code"`
	TgtCode   string       `json:"target_code"`
	Modality  string       `json:"modality,omitempty"`
}

// ArticleQuote is a stored quote (speaker offsets are not stored).
type ArticleQuote struct {
	Text         string `json:"text"`
	Start        int    `json:"start"`
	End          int    `json:"end"`
	Direct       bool   `json:"direct"`
	Cue          string `json:"cue,omitempty"`
	SpeakerText  string `json:"speaker_text,omitempty"`
	SpeakerName  string `json:"speaker_name,omitempty"`
	SpeakerActor string `json:"speaker_actor,omitempty"`
}

// ArticleView is a stored article with its text and the spans found in it.
type ArticleView struct {
	Article  schema.Article  `json:"article"`
	Text     string          `json:"text"`
	Tone     schema.Tone     `json:"tone"`
	Entities []schema.Entity `json:"entities"`
	Events   []ArticleEvent  `json:"events"`
	Quotes   []ArticleQuote  `json:"quotes"`
}

// Article returns the stored article id with its entities, event mentions
// and quotes, or ErrNotFound.
func (r *Reader) Article(ctx context.Context, id string) (ArticleView, error) {
	v := ArticleView{Entities: []schema.Entity{}, Events: []ArticleEvent{}, Quotes: []ArticleQuote{}}
	var (
		url, title, pub, src, lang, text sql.NullString
		tone, pos, neg, pol              sql.NullFloat64
		words                            sql.NullInt64
	)
	err := r.sql.QueryRowContext(ctx, `SELECT id, url, title, strftime(published, '%Y-%m-%d'), source, language, text,
		tone, positive, negative, polarity, words FROM articles WHERE id = ?`, id).
		Scan(&v.Article.ID, &url, &title, &pub, &src, &lang, &text, &tone, &pos, &neg, &pol, &words)
	if err == sql.ErrNoRows {
		return v, ErrNotFound
	}
	if err != nil {
		return v, fmt.Errorf("duckdb: article %s: %w", id, err)
	}
	v.Article.URL, v.Article.Title, v.Article.Published = url.String, title.String, pub.String
	v.Article.Source, v.Article.Language, v.Text = src.String, lang.String, text.String
	v.Article.Text = v.Text
	v.Tone = schema.Tone{Tone: tone.Float64, Positive: pos.Float64, Negative: neg.Float64, Polarity: pol.Float64, Words: int(words.Int64)}

	rows, err := r.sql.QueryContext(ctx, `SELECT text, type, start, "end", name, actor, mentions FROM entities WHERE article_id = ? ORDER BY idx`, id)
	if err != nil {
		return v, fmt.Errorf("duckdb: article %s entities: %w", id, err)
	}
	for rows.Next() {
		var e schema.Entity
		var et, typ, name, actor sql.NullString
		var s, en, n sql.NullInt64
		if err := rows.Scan(&et, &typ, &s, &en, &name, &actor, &n); err != nil {
			rows.Close()
			return v, fmt.Errorf("duckdb: article %s entities: %w", id, err)
		}
		e.Text, e.Type, e.Start, e.End, e.Name, e.Actor, e.Mentions = et.String, typ.String, int(s.Int64), int(en.Int64), name.String, actor.String, int(n.Int64)
		v.Entities = append(v.Entities, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return v, fmt.Errorf("duckdb: article %s entities: %w", id, err)
	}

	rows, err = r.sql.QueryContext(ctx, `SELECT m.event_id, m.sentence, m.source_text, m.source_start, m.source_end,
			m.target_text, m.target_start, m.target_end, m.trigger, m.trigger_start, m.trigger_end, m.cameo,
			e.goldstein, e.quadclass, e.source_code, e.target_code, m.modality
		FROM mentions m LEFT JOIN events e ON e.id = m.event_id WHERE m.article_id = ? ORDER BY m.sentence, m.event_id`, id)
	if err != nil {
		return v, fmt.Errorf("duckdb: article %s events: %w", id, err)
	}
	for rows.Next() {
		var (
			a                      ArticleEvent
			sent                   sql.NullInt64
			sText, tText, gText    sql.NullString
			s0, s1, t0, t1, g0, g1 sql.NullInt64
			cameo, sc, tc, mod     sql.NullString
			gold                   sql.NullFloat64
			quad                   sql.NullInt64
		)
		if err := rows.Scan(&a.EventID, &sent, &sText, &s0, &s1, &tText, &t0, &t1, &gText, &g0, &g1, &cameo,
			&gold, &quad, &sc, &tc, &mod); err != nil {
			rows.Close()
			return v, fmt.Errorf("duckdb: article %s events: %w", id, err)
		}
		a.Sentence, a.Cameo, a.Goldstein, a.QuadClass = int(sent.Int64), cameo.String, gold.Float64, int(quad.Int64)
		a.SrcCode, a.TgtCode, a.Modality = sc.String, tc.String, mod.String
		a.Source, a.Target, a.Trigger = span(v.Text, sText.String, s0, s1), span(v.Text, tText.String, t0, t1), span(v.Text, gText.String, g0, g1)
		v.Events = append(v.Events, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return v, fmt.Errorf("duckdb: article %s events: %w", id, err)
	}

	rows, err = r.sql.QueryContext(ctx, `SELECT text, start, "end", direct, cue, speaker_text, speaker_name, speaker_actor
		FROM quotes WHERE article_id = ? ORDER BY idx`, id)
	if err != nil {
		return v, fmt.Errorf("duckdb: article %s quotes: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			q                   ArticleQuote
			qt, cue, st, sn, sa sql.NullString
			s, e                sql.NullInt64
			direct              sql.NullBool
		)
		if err := rows.Scan(&qt, &s, &e, &direct, &cue, &st, &sn, &sa); err != nil {
			return v, fmt.Errorf("duckdb: article %s quotes: %w", id, err)
		}
		q.Text, q.Start, q.End, q.Direct, q.Cue = qt.String, int(s.Int64), int(e.Int64), direct.Bool, cue.String
		q.SpeakerText, q.SpeakerName, q.SpeakerActor = st.String, sn.String, sa.String
		v.Quotes = append(v.Quotes, q)
	}
	if err := rows.Err(); err != nil {
		return v, fmt.Errorf("duckdb: article %s quotes: %w", id, err)
	}
	return v, nil
}

// NetworkQuery selects the actor network: directed edges between actors
// (full codes, or countries when Country is set) over a date range.
type NetworkQuery struct {
	schema.DateRange
	Country bool
	Limit   int // most frequent edges kept, > 0
}

// Edge is a directed relation with its event count and mean Goldstein score.
type Edge struct {
	Source        string  `json:"source"`
	Target        string  `json:"target"`
	Events        int64   `json:"events"`
	GoldsteinMean float64 `json:"goldstein_mean"`
}

// Network returns the Limit most frequent directed edges between distinct
// actors, most events first, then by key.
func (r *Reader) Network(ctx context.Context, q NetworkQuery) ([]Edge, error) {
	from, to, err := checkRange(q.DateRange)
	if err != nil {
		return nil, err
	}
	if q.Limit <= 0 {
		return nil, fmt.Errorf("duckdb: network: limit must be positive")
	}
	// Two fixed statements, chosen by a bool; no caller text reaches the SQL.
	s, t := "source_code", "target_code"
	if q.Country {
		s, t = "source_country", "target_country"
	}
	query := `SELECT ` + s + `, ` + t + `, count(*), avg(goldstein) FROM events
		WHERE ` + s + ` <> '' AND ` + t + ` <> '' AND ` + s + ` <> ` + t + ` AND ` + rangeSQL(1, 2) + `
		GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT $3`
	rows, err := r.sql.QueryContext(ctx, query, from, to, q.Limit)
	if err != nil {
		return nil, fmt.Errorf("duckdb: network: %w", err)
	}
	defer rows.Close()
	out := []Edge{}
	for rows.Next() {
		var e Edge
		var g sql.NullFloat64
		if err := rows.Scan(&e.Source, &e.Target, &e.Events, &g); err != nil {
			return nil, fmt.Errorf("duckdb: network: %w", err)
		}
		e.GoldsteinMean = g.Float64
		out = append(out, e)
	}
	return out, rows.Err()
}
