package ingest

import (
	"bytes"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pageText extracts the main text, title, date and site name of an HTML
// page with trafilatura; when trafilatura finds no main content the text of
// the page's body (without scripts, styles and navigation) is used.
func pageText(body []byte, pageURL string) (text, title, published, site string) {
	opts := trafilatura.Options{ExcludeComments: true, Deduplicate: true}
	if u, err := url.Parse(pageURL); err == nil && u.Host != "" {
		opts.OriginalURL = u
	}
	res, err := trafilatura.Extract(bytes.NewReader(body), opts)
	if err == nil && res != nil {
		text = res.ContentText
		title, site = res.Metadata.Title, res.Metadata.Sitename
		if !res.Metadata.Date.IsZero() {
			published = res.Metadata.Date.UTC().Format("2006-01-02")
		}
	}
	if strings.TrimSpace(text) == "" {
		text = fragmentText(body)
	}
	return text, title, published, site
}

// skipped are elements whose content is never article text.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Nav: true, atom.Header: true, atom.Footer: true, atom.Aside: true,
	atom.Form: true, atom.Button: true, atom.Select: true, atom.Svg: true, atom.Iframe: true, atom.Head: true,
}

// blocks are elements that end a paragraph.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Br: true, atom.Li: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Blockquote: true, atom.Tr: true, atom.Article: true,
	atom.Section: true, atom.Pre: true, atom.Hr: true, atom.Table: true, atom.Ul: true, atom.Ol: true,
}

// fragmentText is the visible text of an HTML fragment or page: tags
// dropped, entities decoded, block elements separated by blank lines.
func fragmentText(body []byte) string {
	z := html.NewTokenizer(bytes.NewReader(body))
	var b strings.Builder
	depth := 0 // inside skipped elements
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.ToValidUTF8(b.String(), "\uFFFD")
		case html.TextToken:
			if depth == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if skipped[a] {
				depth++
			} else if blocks[a] {
				b.WriteString("\n\n")
			}
		case html.SelfClosingTagToken:
			name, _ := z.TagName()
			if blocks[atom.Lookup(name)] {
				b.WriteString("\n\n")
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if skipped[a] {
				if depth > 0 {
					depth--
				}
			} else if blocks[a] {
				b.WriteString("\n\n")
			}
		}
	}
}

// validText makes s valid UTF-8 (HTML decoders may pass bad bytes through).
func validText(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}
