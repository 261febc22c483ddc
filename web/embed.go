// Package web holds the dashboard: TypeScript and CSS sources in src/ and
// the bundle built from them in dist/, which is committed and embedded so
// that `go build` needs no Node. Rebuild with `cd web && npm ci && npm run build`.
package web

import (
	"embed"
	"io/fs"
)

//go:embed dist
var dist embed.FS

// FS returns the built dashboard with index.html at its root.
func FS() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil { // cannot happen: "dist" is a valid embedded directory
		panic(err)
	}
	return sub
}
