package ingest

import (
	"errors"

	"github.com/detente-project/detente/internal/schema"
)

// ParseRecord reads one JSONL record {"url","title","published"|"date",
// "source","text"|"html"} into an article, as ingest does for .jsonl files:
// an HTML body is reduced to its main text, the text is normalised and the
// id set. It fails for invalid JSON or a record without usable text.
func ParseRecord(line []byte) (schema.Article, error) {
	d := jsonDoc("", line)
	if d.fail != "" {
		return schema.Article{}, errors.New(d.fail)
	}
	return docArticle(d)
}

// ParseDocument reads one document into an article, as ingest does for
// files: an HTML page (main text, title, date and site name extracted) when
// html is true, else plain text. It fails for empty, binary or markup-free
// input.
func ParseDocument(body []byte, url string, html bool) (schema.Article, error) {
	d := doc{url: url, body: body, kind: kindText}
	if html {
		d.kind = kindPage
	}
	return docArticle(d)
}

func docArticle(d doc) (schema.Article, error) {
	a, why := toArticle(d)
	if why != "" {
		return a, errors.New(why)
	}
	return a, nil
}
