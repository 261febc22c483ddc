package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/detente-project/detente/internal/conllu"
	"github.com/detente-project/detente/internal/eval"
	"github.com/detente-project/detente/internal/ner"
	"github.com/detente-project/detente/internal/tag"
)

var trainNERFlags struct {
	train, dev, out, gazetteer, clusters string
	seed                                 int64
	epochs                               int
	minWeight                            float64
	domains, pos, caseRates, embed       bool
	clusterText, gazetteerCorpus         string
	clusterDepth, clusterMin             int
}

var trainNERCmd = &cobra.Command{
	Use:   "ner",
	Short: "Train the named-entity recogniser on CoNLL-style NER files",
	Long: `Train the named-entity recogniser (averaged perceptron over BILOU tags).

--train takes comma-separated CoNLL-style files (word first, IOB/IOB2 tag
last; UniversalNER's numbered columns and WikiANN's en: prefix are handled);
FILE*N repeats a file N times per epoch.
Files without any MISC entity are treated as not annotating MISC. --dev takes
one or more files; the epoch with the best mean F1 over them is kept. The
model is written to DIR/ner.bin.gz (copy it to models/ to ship it).`,
	Args: cobra.NoArgs,
	RunE: func(cmd *cobra.Command, args []string) error {
		f := trainNERFlags
		if f.train == "" || f.out == "" {
			return fmt.Errorf("train ner: --train and --out are required")
		}
		start := time.Now()
		var corpora []ner.Corpus
		for _, path := range splitList(f.train) {
			// "FILE*N" repeats a corpus N times per epoch (oversampling).
			repeat := 1
			if i := strings.LastIndex(path, "*"); i > 0 {
				n, err := strconv.Atoi(path[i+1:])
				if err != nil || n < 1 {
					return fmt.Errorf("train ner: bad repeat count in %q", path)
				}
				path, repeat = path[:i], n
			}
			docs, err := ner.ReadFile(path)
			if err != nil {
				return err
			}
			one := docs
			for r := 1; r < repeat; r++ {
				docs = append(docs, one...)
			}
			corpora = append(corpora, ner.Corpus{Name: filepath.Base(filepath.Dir(path)), Docs: docs, NoMisc: !hasType(docs, "MISC")})
		}
		var pre ner.Pretagger
		if f.pos {
			tg, err := tag.Default()
			if err != nil {
				return fmt.Errorf("train ner: --pos needs the tagger: %w", err)
			}
			pre = tg
			for _, c := range corpora {
				ner.AddPOS(c.Docs, tg)
			}
		}
		var devs [][]ner.Document
		for _, path := range splitList(f.dev) {
			docs, err := ner.ReadFile(path)
			if err != nil {
				return err
			}
			devs = append(devs, docs)
		}
		opts := ner.TrainOptions{Epochs: f.epochs, Seed: f.seed, MinWeight: f.minWeight, Domains: f.domains, POS: f.pos, Log: os.Stderr}
		if len(devs) > 0 {
			opts.Dev = func(r *ner.Recognizer) float64 {
				sum := 0.0
				var parts []string
				for i, d := range devs {
					// Score each dev file in the conventions of the
					// training corpus from the same directory, if any.
					rd := r
					if dr, err := r.WithDomain(filepath.Base(filepath.Dir(splitList(f.dev)[i]))); err == nil {
						rd = dr
					}
					res := eval.NER(rd, pre, d)
					sum += res.F1
					parts = append(parts, fmt.Sprintf("%s %.2f", filepath.Base(splitList(f.dev)[i]), res.F1))
				}
				fmt.Fprintf(os.Stderr, "ner: dev %s\n", strings.Join(parts, ", "))
				return sum / float64(len(devs))
			}
		}
		if f.gazetteer != "" {
			gaz, err := ner.KBGazetteer(f.gazetteer)
			if err != nil {
				return err
			}
			opts.Gazetteer = gaz
		}
		for _, path := range splitList(f.gazetteerCorpus) {
			docs, err := ner.ReadFile(path)
			if err != nil {
				return err
			}
			if opts.Gazetteer == nil {
				opts.Gazetteer = map[string][]string{}
			}
			n := ner.AddCorpusNames(opts.Gazetteer, docs)
			fmt.Fprintf(os.Stderr, "ner: %d names for the gazetteer from %s\n", n, path)
		}
		if f.clusters != "" {
			cl, err := ner.ReadClusters(f.clusters)
			if err != nil {
				return err
			}
			opts.Clusters = cl
		}
		if f.clusterDepth > 0 {
			var sents [][]string
			for _, c := range corpora {
				for _, d := range c.Docs {
					for _, s := range d.Sentences {
						sents = append(sents, s.Words)
					}
				}
			}
			for _, path := range splitList(f.clusterText) {
				more, err := readUnlabeled(path)
				if err != nil {
					return err
				}
				sents = append(sents, more...)
			}
			t0 := time.Now()
			opts.Clusters = ner.ClusterWords(sents, f.clusterDepth, f.clusterMin, f.seed)
			if f.caseRates {
				opts.CaseRates = ner.CaseRates(sents, f.clusterMin)
				fmt.Fprintf(os.Stderr, "ner: case rates of %d words\n", len(opts.CaseRates))
			}
			fmt.Fprintf(os.Stderr, "ner: clustered %d words from %d sentences in %s\n", len(opts.Clusters), len(sents), time.Since(t0).Round(time.Millisecond))
		}
		opts.Embed = f.embed
		rec, err := ner.Train(corpora, opts)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(f.out, 0o755); err != nil {
			return fmt.Errorf("train ner: %w", err)
		}
		path := filepath.Join(f.out, "ner.bin.gz")
		out, err := os.Create(path)
		if err != nil {
			return fmt.Errorf("train ner: %w", err)
		}
		if err := rec.Save(out); err != nil {
			out.Close()
			return err
		}
		if err := out.Close(); err != nil {
			return fmt.Errorf("train ner: %w", err)
		}
		st, _ := os.Stat(path)
		fmt.Fprintf(os.Stderr, "ner: wrote %s (%d bytes) in %s\n", path, st.Size(), time.Since(start).Round(time.Second))
		return nil
	},
}

// splitList splits a comma-separated flag value, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// hasType reports whether any sentence of docs has an entity of type t.
func hasType(docs []ner.Document, t string) bool {
	var chunks []ner.Chunk
	for _, d := range docs {
		for _, s := range d.Sentences {
			chunks = ner.Chunks(s.Tags, chunks[:0])
			for _, c := range chunks {
				if c.Type == t {
					return true
				}
			}
		}
	}
	return false
}

func init() {
	fl := trainNERCmd.Flags()
	fl.StringVar(&trainNERFlags.train, "train", "", "training files, comma-separated")
	fl.StringVar(&trainNERFlags.dev, "dev", "", "development files, comma-separated (best epoch kept)")
	fl.StringVar(&trainNERFlags.out, "out", "", "output directory")
	fl.StringVar(&trainNERFlags.gazetteer, "gazetteer", "", "knowledge-base data directory with gazetteer lists (e.g. internal/kb/data)")
	fl.StringVar(&trainNERFlags.gazetteerCorpus, "gazetteer-corpus", "", "NER column files whose entities join the gazetteer (e.g. WikiANN), comma-separated")
	fl.StringVar(&trainNERFlags.clusters, "clusters", "", "word clusters file (bit-string path, word per line)")
	fl.Int64Var(&trainNERFlags.seed, "seed", 1, "shuffling seed")
	fl.IntVar(&trainNERFlags.epochs, "epochs", 12, "training epochs")
	fl.Float64Var(&trainNERFlags.minWeight, "min-weight", 0.05, "drop averaged weights below this magnitude")
	fl.BoolVar(&trainNERFlags.pos, "pos", false, "add part-of-speech features, trained on the embedded tagger's output (the tagger then runs before NER)")
	fl.BoolVar(&trainNERFlags.domains, "domains", false, "learn corpus-specific feature copies (domain adaptation); the first --train corpus is the run-time default")
	fl.StringVar(&trainNERFlags.clusterText, "cluster-text", "", "extra unlabeled text for word clusters, comma-separated (.conllu, .csv with a text column, NER columns, or plain text)")
	fl.IntVar(&trainNERFlags.clusterDepth, "cluster-depth", 0, "compute word clusters of this depth from the training words and --cluster-text (0: none)")
	fl.BoolVar(&trainNERFlags.caseRates, "case-rates", false, "with --cluster-depth: add each word's capitalisation rate in the clustered text as a feature")
	fl.IntVar(&trainNERFlags.clusterMin, "cluster-min", 3, "minimum word count for clustering")
	fl.BoolVar(&trainNERFlags.embed, "embed", false, "add word-cluster features over the shipped word-vector clusters (models/wordvec.bin.gz)")
	trainCmd.AddCommand(trainNERCmd)
}

// readUnlabeled reads tokenized sentences from a CoNLL-U file, a CSV file
// with a "text" column (split crudely on spaces and punctuation), an NER
// column file, or plain text (one paragraph per line).
func readUnlabeled(path string) ([][]string, error) {
	switch {
	case strings.HasSuffix(path, ".conllu"):
		sents, err := conllu.ReadFiles(path)
		if err != nil {
			return nil, err
		}
		out := make([][]string, 0, len(sents))
		for _, s := range sents {
			words := make([]string, len(s.Words))
			for i, w := range s.Words {
				words[i] = w.Form
			}
			out = append(out, words)
		}
		return out, nil
	case strings.HasSuffix(path, ".csv"):
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("train ner: %w", err)
		}
		defer f.Close()
		r := csv.NewReader(f)
		r.FieldsPerRecord = -1
		header, err := r.Read()
		if err != nil {
			return nil, fmt.Errorf("train ner: %s: %w", path, err)
		}
		col := -1
		for i, h := range header {
			if h == "text" {
				col = i
			}
		}
		if col < 0 {
			return nil, fmt.Errorf("train ner: %s: no text column", path)
		}
		var out [][]string
		for {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, fmt.Errorf("train ner: %s: %w", path, err)
			}
			if col < len(rec) {
				for _, line := range strings.Split(rec[col], "\n") {
					if ws := crudeTokens(line); len(ws) > 0 {
						out = append(out, ws)
					}
				}
			}
		}
		return out, nil
	}
	if docs, err := ner.ReadFile(path); err == nil {
		var out [][]string
		for _, d := range docs {
			for _, s := range d.Sentences {
				out = append(out, s.Words)
			}
		}
		return out, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("train ner: %w", err)
	}
	var out [][]string
	for _, line := range strings.Split(string(b), "\n") {
		if ws := crudeTokens(line); len(ws) > 0 {
			out = append(out, ws)
		}
	}
	return out, nil
}

// crudeTokens splits a line on white space and peels punctuation off word
// edges; good enough for counting word contexts.
func crudeTokens(line string) []string {
	var out []string
	for _, w := range strings.Fields(line) {
		var tail []string
		for len(w) > 1 && strings.ContainsAny(w[:1], "\"'([{") {
			out = append(out, w[:1])
			w = w[1:]
		}
		for len(w) > 1 && strings.ContainsAny(w[len(w)-1:], "\".,;:!?')]}") {
			tail = append(tail, w[len(w)-1:])
			w = w[:len(w)-1]
		}
		if strings.HasSuffix(w, "'s") && len(w) > 2 {
			out = append(out, w[:len(w)-2], "'s")
		} else {
			out = append(out, w)
		}
		for i := len(tail) - 1; i >= 0; i-- {
			out = append(out, tail[i])
		}
	}
	return out
}
