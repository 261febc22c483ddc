package duckdb

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/detente-project/detente/internal/schema"
)

func TestOpenReaderIsReadOnly(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ro.duckdb")
	if _, err := OpenReader(ctx, path); err == nil {
		t.Fatal("OpenReader of a missing file succeeded")
	}
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := OpenReader(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if _, err := r.sql.ExecContext(ctx, `INSERT INTO errors VALUES ('x', 'y', now())`); err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Errorf("write through the reader: %v, want a read-only error", err)
	}
	st, err := r.Stats(ctx)
	if err != nil || st.Articles != 0 || st.FirstDate != "" {
		t.Errorf("empty store stats = %+v, %v", st, err)
	}
	if _, err := r.ListEvents(ctx, EventFilter{}); err == nil {
		t.Error("ListEvents without a limit succeeded")
	}
	if _, err := r.ListEvents(ctx, EventFilter{A: "USA", Limit: 1}); err == nil {
		t.Error("ListEvents with half a dyad succeeded")
	}
	if _, err := r.ListEvents(ctx, EventFilter{DateRange: schema.DateRange{From: "2023-02-30"}, Limit: 1}); err == nil {
		t.Error("ListEvents with a bad date succeeded")
	}
	if _, err := r.Event(ctx, 1); err != ErrNotFound {
		t.Errorf("Event(1) on an empty store: %v", err)
	}
	if _, err := r.Article(ctx, "nope"); err != ErrNotFound {
		t.Errorf("Article on an empty store: %v", err)
	}
	if _, err := r.Network(ctx, NetworkQuery{}); err == nil {
		t.Error("Network without a limit succeeded")
	}
}

func TestEvidence(t *testing.T) {
	text := "First one. Blinken met Xi in Beijing! Then \"we talked.\" Last\nline here"
	for _, c := range []struct{ at, want string }{
		{"met", "Blinken met Xi in Beijing!"},
		{"First", "First one."},
		{"talked", "Then \"we talked.\""},
		{"line", "line here"},
	} {
		i := strings.Index(text, c.at)
		got := evidence(text, nil, &schema.Span{Text: c.at, Start: i, End: i + len(c.at)})
		if got == nil || got.Text != c.want || text[got.Start:got.End] != got.Text {
			t.Errorf("evidence around %q = %+v, want %q", c.at, got, c.want)
		}
	}
	if evidence(text, nil, nil) != nil {
		t.Error("evidence without a span is not nil")
	}
	if s := span(text, "", sql.NullInt64{Int64: 5, Valid: true}, sql.NullInt64{Int64: 500, Valid: true}); s != nil {
		t.Errorf("out-of-range span = %+v", s)
	}
	if s := span(text, "", sql.NullInt64{Int64: -1, Valid: true}, sql.NullInt64{Int64: -1, Valid: true}); s != nil {
		t.Errorf("absent span = %+v", s)
	}
}

func FuzzEvidence(f *testing.F) {
	f.Add("Blinken met Xi. Then more.", 8, 11)
	f.Add("\xff\xfe. é. x", 3, 5)
	f.Add(strings.Repeat("a", 5000)+". b", 4000, 4001)
	f.Fuzz(func(t *testing.T, text string, start, end int) {
		if start < 0 || end < start || end > len(text) {
			return
		}
		got := evidence(text, &schema.Span{Start: start, End: end})
		if got == nil || got.Start < 0 || got.End > len(text) || got.Start > start || got.End < end {
			t.Fatalf("evidence(%q, %d, %d) = %+v", text, start, end, got)
		}
		if text[got.Start:got.End] != got.Text {
			t.Fatalf("evidence text mismatch")
		}
		if utf8.ValidString(text) && !utf8.ValidString(got.Text) {
			t.Fatalf("evidence cut a UTF-8 sequence: %q", got.Text)
		}
	})
}
