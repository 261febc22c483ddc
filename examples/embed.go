// Package examples holds the bundled sample corpus: 295 English Wikinews
// articles from 2019–2020 (CC BY 2.5, see README.md here and NOTICE),
// embedded so that `detente demo` works from the binary alone.
package examples

import _ "embed"

// Wikinews is examples/wikinews.jsonl: one JSON record a line with url,
// title, published, source and text.
//
//go:embed wikinews.jsonl
var Wikinews []byte
