package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/nlnwa/gowarc/v3"
)

// kind says how a document's body becomes article text.
type kind uint8

const (
	kindText     kind = iota // plain text
	kindPage                 // a whole HTML page: main text via trafilatura
	kindFragment             // an HTML fragment (feed item): tags stripped
)

// doc is one document read from a source, before analysis.
type doc struct {
	ref       string // where it came from: path, path:line, path@offset, URL#item
	url       string
	title     string
	published string // YYYY-MM-DD or empty
	source    string // publisher
	body      []byte
	kind      kind
	fail      string // why the document could not be read; body is then empty
}

// reader walks the inputs in a stable order and emits documents.
type reader struct {
	opts  *Options
	bytes *atomic.Int64 // input bytes consumed, for progress
	emit  func(doc) bool
}

// fileKind classifies a path by its name.
func fileKind(path string) string {
	name := strings.ToLower(filepath.Base(path))
	switch {
	case strings.HasSuffix(name, ".jsonl"), strings.HasSuffix(name, ".jsonl.gz"),
		strings.HasSuffix(name, ".ndjson"), strings.HasSuffix(name, ".ndjson.gz"):
		return "jsonl"
	case strings.HasSuffix(name, ".warc"), strings.HasSuffix(name, ".warc.gz"):
		return "warc"
	case strings.HasSuffix(name, ".rss"), strings.HasSuffix(name, ".atom"), strings.HasSuffix(name, ".xml"):
		return "feed"
	case strings.HasSuffix(name, ".html"), strings.HasSuffix(name, ".htm"), strings.HasSuffix(name, ".xhtml"):
		return "html"
	case strings.HasSuffix(name, ".txt"), strings.HasSuffix(name, ".text"):
		return "text"
	}
	return "other"
}

// listFiles expands the input paths into files in a stable order:
// arguments as given, directories walked recursively in lexical order,
// hidden files and directories (".name") skipped inside directories.
// Paths that cannot be read are returned as failures.
func listFiles(paths []string) (files []string, sizes []int64, fails []doc) {
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			fails = append(fails, doc{ref: p, fail: "cannot read: " + errText(err)})
			continue
		}
		if !st.IsDir() {
			files, sizes = append(files, p), append(sizes, st.Size())
			continue
		}
		var sub []string
		var subSizes []int64
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				fails = append(fails, doc{ref: path, fail: "cannot read: " + errText(err)})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if path != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if !d.Type().IsRegular() {
				return nil
			}
			info, err := d.Info()
			if err != nil {
				fails = append(fails, doc{ref: path, fail: "cannot read: " + errText(err)})
				return nil
			}
			sub, subSizes = append(sub, path), append(subSizes, info.Size())
			return nil
		})
		if err != nil {
			fails = append(fails, doc{ref: p, fail: "cannot walk: " + errText(err)})
		}
		// WalkDir is lexical already; sort defensively for a stable order.
		idx := make([]int, len(sub))
		for i := range idx {
			idx[i] = i
		}
		sort.SliceStable(idx, func(a, b int) bool { return sub[idx[a]] < sub[idx[b]] })
		for _, i := range idx {
			files, sizes = append(files, sub[i]), append(sizes, subSizes[i])
		}
	}
	return files, sizes, fails
}

// errText is an error message without the Go package prefixes that
// os errors carry.
func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// file reads one input file and emits its documents; it returns false when
// the run is cancelled.
func (r *reader) file(ctx context.Context, path string, size int64) bool {
	switch fileKind(path) {
	case "jsonl":
		return r.jsonl(ctx, path)
	case "warc":
		return r.warc(ctx, path, size)
	case "feed":
		f, err := os.Open(path)
		if err != nil {
			return r.emit(doc{ref: path, fail: "cannot read: " + errText(err)})
		}
		defer f.Close()
		body, err := readLimited(f, r.opts.MaxFeedBytes)
		r.bytes.Add(size)
		if err != nil {
			return r.emit(doc{ref: path, fail: err.Error()})
		}
		return r.feed(ctx, path, "", body)
	}
	k := kindText
	if fileKind(path) == "html" {
		k = kindPage
	}
	if size > r.opts.MaxDocBytes {
		r.bytes.Add(size)
		return r.emit(doc{ref: path, fail: fmt.Sprintf("document too large (%d bytes, limit %d)", size, r.opts.MaxDocBytes)})
	}
	f, err := os.Open(path)
	if err != nil {
		return r.emit(doc{ref: path, fail: "cannot read: " + errText(err)})
	}
	defer f.Close()
	body, err := readLimited(f, r.opts.MaxDocBytes)
	r.bytes.Add(size)
	if err != nil {
		return r.emit(doc{ref: path, fail: err.Error()})
	}
	if fileKind(path) == "other" {
		// Unknown extension: accept text and HTML by content, record the rest.
		ct := http.DetectContentType(body)
		switch {
		case strings.HasPrefix(ct, "text/html"):
			k = kindPage
		case strings.HasPrefix(ct, "text/plain") && bytes.IndexByte(body, 0) < 0:
		default:
			return r.emit(doc{ref: path, fail: "unsupported file type (" + ct + ")"})
		}
	}
	return r.emit(doc{ref: path, body: body, kind: k})
}

// readLimited reads all of r, failing when it holds more than limit bytes.
func readLimited(r io.Reader, limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read error: %s", errText(err))
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("document too large (over %d bytes)", limit)
	}
	return b, nil
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// jsonRecord is one line of a JSONL input.
type jsonRecord struct {
	URL       string `json:"url"`
	Title     string `json:"title"`
	Published string `json:"published"`
	Date      string `json:"date"` // accepted for published
	Source    string `json:"source"`
	Text      string `json:"text"`
	HTML      string `json:"html"`
}

// jsonl emits one document per line of a JSONL (optionally gzipped) file.
// Lines over Options.MaxLineBytes, invalid JSON and records without text
// are failures of their own; the rest of the file is still read.
func (r *reader) jsonl(ctx context.Context, path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return r.emit(doc{ref: path, fail: "cannot read: " + errText(err)})
	}
	defer f.Close()
	var in io.Reader = countingReader{f, r.bytes}
	if strings.HasSuffix(strings.ToLower(path), ".gz") {
		zr, err := gzip.NewReader(in)
		if err != nil {
			return r.emit(doc{ref: path, fail: "not gzip: " + err.Error()})
		}
		defer zr.Close()
		in = zr
	}
	br := bufio.NewReaderSize(in, 64<<10)
	var line []byte
	for n := 1; ; n++ {
		if ctx.Err() != nil {
			return false
		}
		line = line[:0]
		tooLong := false
		var err error
		for {
			var chunk []byte
			chunk, err = br.ReadSlice('\n')
			if !tooLong {
				if len(line)+len(chunk) > r.opts.MaxLineBytes+1 { // +1: the newline
					tooLong, line = true, line[:0]
				} else {
					line = append(line, chunk...)
				}
			}
			if err != bufio.ErrBufferFull {
				break
			}
		}
		ref := fmt.Sprintf("%s:%d", path, n)
		switch {
		case tooLong:
			if !r.emit(doc{ref: ref, fail: fmt.Sprintf("line longer than %d bytes", r.opts.MaxLineBytes)}) {
				return false
			}
		case len(bytes.TrimSpace(line)) > 0:
			if !r.emit(jsonDoc(ref, line)) {
				return false
			}
		}
		if err == io.EOF {
			return true
		}
		if err != nil {
			return r.emit(doc{ref: ref, fail: "read error: " + errText(err)})
		}
	}
}

func jsonDoc(ref string, line []byte) doc {
	var rec jsonRecord
	if err := json.Unmarshal(line, &rec); err != nil {
		return doc{ref: ref, fail: "invalid JSON: " + err.Error()}
	}
	d := doc{ref: ref, url: rec.URL, title: rec.Title, source: rec.Source, published: normDate(rec.Published)}
	if d.published == "" {
		d.published = normDate(rec.Date)
	}
	switch {
	case strings.TrimSpace(rec.Text) != "":
		d.body = []byte(rec.Text)
	case strings.TrimSpace(rec.HTML) != "":
		d.body, d.kind = []byte(rec.HTML), kindPage
	default:
		d.fail = `no "text" or "html" field`
	}
	return d
}

// normDate reads the common date and timestamp layouts as YYYY-MM-DD;
// anything else gives "".
func normDate(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	for _, layout := range []string{"2006-01-02", time.RFC3339, time.RFC3339Nano, "2006-01-02 15:04:05", "2006-01-02T15:04:05",
		time.RFC1123Z, time.RFC1123, time.RFC822Z, time.RFC822, "Jan 2, 2006", "January 2, 2006", "2 January 2006", "20060102"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format("2006-01-02")
		}
	}
	if len(s) >= 10 {
		if t, err := time.Parse("2006-01-02", s[:10]); err == nil {
			return t.Format("2006-01-02")
		}
	}
	return ""
}

// warc emits the HTML pages of a WARC file's response records (Common Crawl
// News style); other records are skipped.
func (r *reader) warc(ctx context.Context, path string, size int64) bool {
	var done int64 // bytes of the file accounted for progress
	defer func() { r.bytes.Add(max(size-done, 0)) }()
	wf, err := gowarc.NewWarcFileReader(path, 0)
	if err != nil {
		return r.emit(doc{ref: path, fail: "not a WARC file: " + err.Error()})
	}
	defer wf.Close()
	for {
		if ctx.Err() != nil {
			return false
		}
		rec, err := wf.Next()
		if err == io.EOF {
			return true
		}
		if err != nil {
			return r.emit(doc{ref: fmt.Sprintf("%s@%d", path, rec.Offset), fail: "WARC read error: " + err.Error()})
		}
		r.bytes.Add(rec.Size)
		done += rec.Size
		d, ok := r.warcRecord(path, rec)
		rec.Close()
		if ok && !r.emit(d) {
			return false
		}
	}
}

func (r *reader) warcRecord(path string, rec gowarc.Record) (doc, bool) {
	wr := rec.WarcRecord
	if wr == nil || wr.Type() != gowarc.Response {
		return doc{}, false
	}
	ref := fmt.Sprintf("%s@%d", path, rec.Offset)
	blk, ok := wr.Block().(gowarc.HttpResponseBlock)
	if !ok {
		return doc{}, false
	}
	if c := blk.HttpStatusCode(); c != http.StatusOK {
		return doc{}, false
	}
	if h := blk.HttpHeader(); h == nil || !strings.Contains(strings.ToLower(h.Get("Content-Type")), "html") {
		return doc{}, false
	}
	d := doc{ref: ref, url: wr.WarcHeader().Get("WARC-Target-URI"), kind: kindPage}
	if t, err := wr.Date(); err == nil {
		d.published = t.UTC().Format("2006-01-02")
	}
	pr, err := blk.PayloadBytes()
	if err != nil {
		d.fail = "WARC payload: " + err.Error()
		return d, true
	}
	body, err := readLimited(pr, r.opts.MaxDocBytes)
	if err != nil {
		d.fail = err.Error()
		return d, true
	}
	d.body = body
	return d, true
}

// feed emits the items of an RSS, Atom or JSON feed. base names the feed in
// refs (a path or URL); source overrides the feed's title as publisher.
func (r *reader) feed(ctx context.Context, base, source string, body []byte) bool {
	f, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		return r.emit(doc{ref: base, fail: "not a feed: " + err.Error()})
	}
	if source == "" {
		source = f.Title
	}
	for i, it := range f.Items {
		if ctx.Err() != nil {
			return false
		}
		id := it.GUID
		if id == "" {
			id = it.Link
		}
		if id == "" {
			id = fmt.Sprint(i + 1)
		}
		d := doc{ref: base + "#" + id, url: it.Link, title: it.Title, source: source, kind: kindFragment}
		switch {
		case it.PublishedParsed != nil:
			d.published = it.PublishedParsed.UTC().Format("2006-01-02")
		case it.UpdatedParsed != nil:
			d.published = it.UpdatedParsed.UTC().Format("2006-01-02")
		}
		content := it.Content
		if strings.TrimSpace(content) == "" {
			content = it.Description
		}
		if int64(len(content)) > r.opts.MaxDocBytes {
			d.fail = fmt.Sprintf("document too large (%d bytes, limit %d)", len(content), r.opts.MaxDocBytes)
		} else if strings.TrimSpace(content) == "" {
			d.fail = "feed item without content or description"
		} else {
			d.body = []byte(content)
		}
		if !r.emit(d) {
			return false
		}
	}
	return true
}
