// Package testshared locates the project's shared training and evaluation
// data (../shared beside the repository root) for tests, and skips a test
// cleanly when it is absent, as on a user's fresh clone.
package testshared

import (
	"os"
	"path/filepath"
	"testing"
)

// RepoRoot returns the repository root: the nearest directory above the
// working directory that holds go.mod. It skips the test when there is none.
func RepoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("repository root (go.mod) not found")
		}
		dir = parent
	}
}

// Dir returns the ../shared directory beside the repository root, or skips
// the test with a clear message when it is absent.
func Dir(t testing.TB) string {
	t.Helper()
	shared := filepath.Join(RepoRoot(t), "..", "shared")
	if _, err := os.Stat(shared); err != nil {
		t.Skipf("../shared is absent (%v); skipping a test that needs its data", err)
	}
	return shared
}

// Path returns a file or directory under ../shared/data, skipping the test
// when it is absent.
func Path(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(Dir(t), "data", rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s is absent (%v)", p, err)
	}
	return p
}
