// Command gen builds the sample corpus examples/wikinews.jsonl from the
// Wikinews CSV files in ../shared/data/news/wikinews (CC BY 2.5; see
// examples/README.md for attribution). Run it from the repository root:
//
//	go run ./examples/gen                      # writes examples/wikinews.jsonl
//	go run ./examples/gen -repeat 10000 -out /tmp/wikinews10k.jsonl
//
// With -repeat N it writes N records by cycling through the articles; every
// copy after the first gets a distinct URL and a closing line naming the
// copy, so content ids differ and ingest analyses each one (throughput runs).
package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

type record struct {
	URL       string `json:"url"`
	Title     string `json:"title"`
	Published string `json:"published"`
	Source    string `json:"source"`
	Text      string `json:"text"`
}

func main() {
	in := flag.String("in", "../shared/data/news/wikinews", "directory of Wikinews CSV files (url,date,title,text)")
	out := flag.String("out", "examples/wikinews.jsonl", "JSONL file to write")
	repeat := flag.Int("repeat", 0, "write this many records, cycling through the articles with varied copies (0: each article once)")
	flag.Parse()
	if err := run(*in, *out, *repeat); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(in, out string, repeat int) error {
	files, err := filepath.Glob(filepath.Join(in, "*.csv"))
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("no CSV files in %s", in)
	}
	sort.Strings(files)
	var recs []record
	for _, f := range files {
		rs, err := readCSV(f)
		if err != nil {
			return err
		}
		recs = append(recs, rs...)
	}
	n := len(recs)
	if repeat > 0 {
		n = repeat
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i := range n {
		r := recs[i%len(recs)]
		if k := i / len(recs); k > 0 {
			r.URL = fmt.Sprintf("%s?copy=%d", r.URL, k)
			r.Text = fmt.Sprintf("%s\n\n(Copy %d of this article.)", r.Text, k)
		}
		if err := enc.Encode(r); err != nil {
			f.Close()
			return err
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "gen: wrote %d records (%d articles) to %s\n", n, len(recs), out)
	return nil
}

func readCSV(path string) ([]record, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	cr := csv.NewReader(f)
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.TrimSpace(h)] = i
	}
	for _, c := range []string{"url", "date", "title", "text"} {
		if _, ok := col[c]; !ok {
			return nil, fmt.Errorf("%s: no %q column", path, c)
		}
	}
	var out []record
	for {
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		out = append(out, record{
			URL:       strings.Replace(row[col["url"]], "wikinews.org//wiki/", "wikinews.org/wiki/", 1),
			Title:     row[col["title"]],
			Published: row[col["date"]],
			Source:    "Wikinews",
			Text:      strings.TrimSpace(row[col["text"]]),
		})
	}
}
