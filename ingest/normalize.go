package ingest

import (
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"
)

// checkText says why a document body cannot be an article, or "" when it
// can: empty, binary (NUL bytes or not text by content sniffing) or invalid
// UTF-8 (with the byte offset of the first bad sequence).
func checkText(b []byte) string {
	if len(strings.TrimSpace(string(b))) == 0 {
		return "empty document"
	}
	if i := strings.IndexByte(string(b[:min(len(b), 8192)]), 0); i >= 0 {
		return fmt.Sprintf("binary content (NUL byte at %d)", i)
	}
	if ct := http.DetectContentType(b); !strings.HasPrefix(ct, "text/") {
		return "binary content (" + ct + ")"
	}
	if !utf8.Valid(b) {
		return fmt.Sprintf("invalid UTF-8 at byte %d", invalidAt(b))
	}
	return ""
}

func invalidAt(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}
