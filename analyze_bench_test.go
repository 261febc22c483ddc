package detente

import (
	"bufio"
	"context"
	"os"
	"testing"

	"github.com/detente-project/detente/ingest"
)

// BenchmarkAnalyzeWikinews analyses the bundled Wikinews sample (295
// articles) one article after another: the work of `detente code` per
// core, models loaded once outside the timer.
func BenchmarkAnalyzeWikinews(b *testing.B) {
	f, err := os.Open("examples/wikinews.jsonl")
	if err != nil {
		b.Skip("examples/wikinews.jsonl absent")
	}
	defer f.Close()
	var arts []Article
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 8<<20)
	for sc.Scan() {
		a, err := ingest.ParseRecord(sc.Bytes())
		if err != nil {
			b.Fatal(err)
		}
		arts = append(arts, a)
	}
	an, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, a := range arts {
			if _, err := an.Analyze(ctx, a); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(arts)*b.N)/b.Elapsed().Seconds(), "articles/s")
}
