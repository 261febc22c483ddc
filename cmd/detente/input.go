package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/ingest"
)

// maxInputBytes bounds what `detente code` reads from one file or stdin.
const maxInputBytes = 64 << 20

// readArticles reads the input of `detente code`: JSONL records, an HTML
// page, or plain text.
func readArticles(r io.Reader, name, url, title string) ([]detente.Article, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxInputBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	if len(b) > maxInputBytes {
		return nil, fmt.Errorf("%s: input over %d bytes", name, maxInputBytes)
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, fmt.Errorf("%s: empty input", name)
	}
	if bytes.IndexByte(b[:min(len(b), 8192)], 0) >= 0 {
		return nil, fmt.Errorf("%s: binary input (NUL byte)", name)
	}
	trimmed := bytes.TrimSpace(b)
	switch {
	case trimmed[0] == '{':
		return readJSONL(b, name)
	case looksLikeHTML(trimmed):
		a, err := articleFromHTML(b, url)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		return []detente.Article{a}, nil
	}
	return []detente.Article{{URL: url, Title: title, Text: string(b)}}, nil
}

func looksLikeHTML(b []byte) bool {
	head := strings.ToLower(string(b[:min(len(b), 512)]))
	return strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html") ||
		strings.Contains(head, "<head") || strings.Contains(head, "<body")
}

// jsonRecord is one line of JSONL input.
type jsonRecord struct {
	URL       string `json:"url"`
	Title     string `json:"title"`
	Published string `json:"published"`
	Date      string `json:"date"`
	Source    string `json:"source"`
	Text      string `json:"text"`
	HTML      string `json:"html"`
}

func readJSONL(b []byte, name string) ([]detente.Article, error) {
	var out []detente.Article
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 64*1024), maxInputBytes)
	line := 0
	for sc.Scan() {
		line++
		l := bytes.TrimSpace(sc.Bytes())
		if len(l) == 0 {
			continue
		}
		var rec jsonRecord
		if err := json.Unmarshal(l, &rec); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		a := detente.Article{URL: rec.URL, Title: rec.Title, Published: rec.Published, Source: rec.Source, Text: rec.Text}
		if a.Published == "" && len(rec.Date) >= 10 {
			a.Published = rec.Date[:10]
		}
		if a.Text == "" && rec.HTML != "" {
			h, err := articleFromHTML([]byte(rec.HTML), rec.URL)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %w", name, line, err)
			}
			a.Text = h.Text
			a.Title = firstNonEmpty(a.Title, h.Title)
			a.Published = firstNonEmpty(a.Published, h.Published)
		}
		out = append(out, a)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, line, err)
	}
	return out, nil
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func articleFromHTML(b []byte, url string) (detente.Article, error) {
	a := ingest.ArticleFromHTML(b, url)
	if strings.TrimSpace(a.Text) == "" {
		return a, fmt.Errorf("no text found in the HTML page")
	}
	return a, nil
}
