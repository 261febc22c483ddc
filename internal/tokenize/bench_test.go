package tokenize

import (
	"encoding/csv"
	"github.com/detente-project/detente/internal/testshared"
	"os"
	"path/filepath"
	"testing"

	"github.com/detente-project/detente/internal/text"
)

// wikinewsTexts loads the article texts of the Wikinews sample
// (../shared/data/news/wikinews/*.csv: url,date,title,text), or skips.
func wikinewsTexts(b *testing.B) []string {
	files, _ := filepath.Glob(filepath.Join(testshared.Path(b, "news/wikinews"), "*.csv"))
	if len(files) == 0 {
		b.Skip("Wikinews sample absent (../shared/data/news/wikinews/*.csv)")
	}
	var texts []string
	for _, path := range files {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		rows, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			b.Fatalf("%s: %v", path, err)
		}
		for _, r := range rows[1:] {
			if len(r) >= 4 {
				texts = append(texts, r[3])
			}
		}
	}
	return texts
}

// BenchmarkTokenize tokenizes and sentence-splits the Wikinews sample with
// one reused Doc and reports tokens per second.
func BenchmarkTokenize(b *testing.B) {
	texts := wikinewsTexts(b)
	d := &text.Doc{}
	bytes, tokens := 0, 0
	for _, s := range texts {
		bytes += len(s)
		d.Reset(s)
		Tokenize(d)
		tokens += len(d.Tokens)
	}
	b.SetBytes(int64(bytes))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, s := range texts {
			d.Reset(s)
			Tokenize(d)
		}
	}
	b.ReportMetric(float64(tokens)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}
