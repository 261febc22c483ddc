package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/ingest"
)

// maxInputBytes bounds what `detente code` reads from one file or stdin.
const maxInputBytes = 64 << 20

// readInputArticles reads the articles of the file named by args[0], or of
// standard input when args is empty or "-".
func readInputArticles(args []string, url, title string) ([]detente.Article, error) {
	if len(args) == 0 || args[0] == "-" {
		return readArticles(os.Stdin, "-", url, title)
	}
	f, err := os.Open(args[0])
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readArticles(f, args[0], url, title)
}

// readArticles reads the input of `detente code`: JSONL records, an HTML
// page, or plain text, with the same rules as `detente ingest`.
func readArticles(r io.Reader, name, url, title string) ([]detente.Article, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxInputBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	if len(b) > maxInputBytes {
		return nil, fmt.Errorf("%s: input over %d bytes", name, maxInputBytes)
	}
	trimmed := bytes.TrimSpace(b)
	if len(trimmed) > 0 && trimmed[0] == '{' {
		return readJSONL(b, name)
	}
	a, err := ingest.ParseDocument(b, url, looksLikeHTML(trimmed))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	a.Title = firstNonEmpty(title, a.Title)
	return []detente.Article{a}, nil
}

func looksLikeHTML(b []byte) bool {
	head := strings.ToLower(string(b[:min(len(b), 512)]))
	return strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html") ||
		strings.Contains(head, "<head") || strings.Contains(head, "<body")
}

// readJSONL reads one article a line; a bad line stops with its line number.
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
		a, err := ingest.ParseRecord(l)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
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
