package main

import (
	"bufio"
	"fmt"
	"io"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/detente-project/detente/internal/conllu"
	"github.com/detente-project/detente/internal/nlp"
	"github.com/detente-project/detente/internal/text"
	"github.com/detente-project/detente/internal/textnorm"
)

func init() {
	rootCmd.AddCommand(&cobra.Command{
		Use:   "parse [FILE|-]",
		Short: "Tokenise, tag, lemmatise, parse and entity-tag a text; print CoNLL-U",
		Long: `parse runs the core language pipeline over plain text, an HTML page or
JSONL records (the inputs of "detente code") and prints one CoNLL-U
sentence per sentence found: form, lemma, UPOS, XPOS, head and relation,
with the entity tag (Ent=B-PER …) and the byte offsets into the
normalised text (Start=, End=) in MISC. Each article starts with
"# newdoc id = …"; each sentence carries "# text = …".`,
		Example: `  echo "Blinken met Xi Jinping in Beijing." | detente parse
  detente parse article.html > article.conllu`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			arts, err := readInputArticles(args, "", "")
			if err != nil {
				return err
			}
			pipe, err := nlp.Default()
			if err != nil {
				return err
			}
			out := bufio.NewWriter(cmd.OutOrStdout())
			defer out.Flush()
			var d text.Doc
			for i, a := range arts {
				pipe.Process(&d, textnorm.Normalize(a.Text))
				id := a.ID
				if id == "" {
					id = "doc" + strconv.Itoa(i+1)
				}
				fmt.Fprintf(out, "# newdoc id = %s\n", id)
				if err := writeCoNLLU(out, &d); err != nil {
					return err
				}
			}
			return nil
		},
	})
}

// writeCoNLLU writes every sentence of an analysed document in CoNLL-U.
func writeCoNLLU(w io.Writer, d *text.Doc) error {
	var s conllu.Sentence
	for _, sent := range d.Sentences {
		lo, hi := int(sent.Start), int(sent.End)
		if lo < 0 || hi > len(d.Tokens) || lo >= hi {
			continue
		}
		s.Words = s.Words[:0]
		s.Comments = append(s.Comments[:0], "text = "+sentenceText(d, lo, hi))
		for i := lo; i < hi; i++ {
			t := &d.Tokens[i]
			head := 0
			if t.Head >= int32(lo) && t.Head < int32(hi) {
				head = int(t.Head) - lo + 1
			}
			misc := "Start=" + strconv.Itoa(int(t.Start)) + "|End=" + strconv.Itoa(int(t.End))
			if t.Ent != "" && t.Ent != "O" {
				misc = "Ent=" + t.Ent + "|" + misc
			}
			if !t.SpaceAfter {
				misc += "|SpaceAfter=No"
			}
			s.Words = append(s.Words, conllu.Word{Form: d.Text[t.Start:t.End], Lemma: t.Lemma,
				UPOS: t.UPOS, XPOS: t.XPOS, Head: head, Deprel: t.Rel, Misc: misc})
		}
		if err := conllu.Write(w, &s); err != nil {
			return fmt.Errorf("writing CoNLL-U: %w", err)
		}
	}
	return nil
}

// sentenceText returns the text of tokens [lo, hi) on one line.
func sentenceText(d *text.Doc, lo, hi int) string {
	b := []byte(d.Text[d.Tokens[lo].Start:d.Tokens[hi-1].End])
	for i, c := range b {
		if c == '\n' || c == '\r' || c == '\t' {
			b[i] = ' '
		}
	}
	return string(b)
}
