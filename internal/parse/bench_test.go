package parse

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/detente-project/detente/internal/tag"
	"github.com/detente-project/detente/internal/testshared"
	"github.com/detente-project/detente/internal/text"
	"github.com/detente-project/detente/internal/tokenize"
	"github.com/detente-project/detente/internal/wordvec"
	"github.com/detente-project/detente/models"
)

// cpuTime returns the process's user+system CPU time (0 where the platform
// does not report it).
func cpuTime() time.Duration {
	d, _ := testshared.CPUTime()
	return d
}

// wikinews reads up to max article texts from the Wikinews sample.
func wikinews(b *testing.B, max int) []string {
	files, _ := filepath.Glob(filepath.Join(sharedDir(b), "data", "news", "wikinews", "*.csv"))
	if len(files) == 0 {
		b.Skip("Wikinews sample (../shared/data/news/wikinews/*.csv) absent")
	}
	var texts []string
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			b.Fatal(err)
		}
		recs, err := csv.NewReader(fh).ReadAll()
		fh.Close()
		if err != nil {
			b.Fatalf("%s: %v", f, err)
		}
		for _, r := range recs[1:] {
			if len(r) >= 4 && len(texts) < max {
				texts = append(texts, r[3])
			}
		}
	}
	return texts
}

// BenchmarkPipeline tokenises, tags and parses Wikinews articles (run with
// -cpu 1 for the one-core figure).
func BenchmarkPipeline(b *testing.B) {
	texts := wikinews(b, 300)
	tg, err := tag.Default()
	if err != nil {
		b.Fatal(err)
	}
	p := shipped(b)
	var d text.Doc
	tokens, sents := 0, 0
	for _, t := range texts {
		d.Reset(t)
		tokenize.Tokenize(&d)
		tokens += len(d.Tokens)
		sents += len(d.Sentences)
	}
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			d.Reset(t)
			tokenize.Tokenize(&d)
			tg.Tag(&d)
			p.Parse(&d)
		}
	}
	cpu := (cpuTime() - cpu0).Seconds()
	b.ReportMetric(float64(tokens*b.N)/b.Elapsed().Seconds(), "tokens/s")
	b.ReportMetric(float64(sents*b.N)/b.Elapsed().Seconds(), "sentences/s")
	if cpu > 0 {
		b.ReportMetric(float64(tokens*b.N)/cpu, "tokens/cpu-s")
	}
}

// BenchmarkLoadTaggerAndParser measures loading both shipped models, which
// every command that parses pays once.
func BenchmarkLoadTaggerAndParser(b *testing.B) {
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		// The models share the word-cluster table, loaded once per process:
		// load it every time to count it.
		if _, err := wordvec.Load(models.WordVec); err != nil {
			b.Fatal(err)
		}
		if _, err := tag.Load(models.Tagger); err != nil {
			b.Fatal(err)
		}
		if _, err := Load(models.Parser); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
}
