package ingest

import "github.com/detente-project/detente/internal/schema"

// ArticleFromHTML extracts an article (main text, title, publication date and
// site name) from an HTML page, as ingest does for .html files and WARC
// records. The text is not yet normalised.
func ArticleFromHTML(body []byte, pageURL string) schema.Article {
	text, title, published, site := pageText(body, pageURL)
	return schema.Article{URL: pageURL, Title: title, Published: published, Source: site, Text: text}
}
