package tag

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/detente-project/detente/internal/conllu"
)

// ReadUnlabeled reads word sequences for the capitalisation statistics from files and
// directories (searched recursively for .txt, .csv and .conllu files).
// CoNLL-U files give their sentences' forms; column files (CoNLL-2003 and
// WikiANN style: one token per line, its first column, blank lines between
// sentences, optional "en:" prefix) give their first column; any other file
// is read as raw text, one sequence per line, split by a rough tokenizer
// (whitespace, edge punctuation, English clitics) that is good enough for
// counting neighbours.
func ReadUnlabeled(paths []string) ([][]string, error) {
	var files []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("unlabelled data: %w", err)
		}
		if !st.IsDir() {
			files = append(files, p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			switch filepath.Ext(path) {
			case ".txt", ".csv", ".conllu":
				if !d.IsDir() {
					files = append(files, path)
				}
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("unlabelled data: %w", err)
		}
	}
	sort.Strings(files)
	var out [][]string
	for _, f := range files {
		if strings.HasSuffix(f, ".conllu") {
			sents, err := conllu.ReadFiles(f)
			if err != nil {
				return nil, err
			}
			for _, s := range sents {
				ws := make([]string, len(s.Words))
				for i := range s.Words {
					ws[i] = s.Words[i].Form
				}
				out = append(out, ws)
			}
			continue
		}
		fh, err := os.Open(f)
		if err != nil {
			return nil, fmt.Errorf("unlabelled data: %w", err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		columns := false
		var cur []string
		for line := 0; sc.Scan(); line++ {
			text := sc.Text()
			if line == 0 {
				columns = isColumnLine(text)
			}
			if !columns {
				if ws := roughTokens(text); len(ws) > 0 {
					out = append(out, ws)
				}
				continue
			}
			f := strings.Fields(text)
			if len(f) == 0 || f[0] == "-DOCSTART-" {
				if len(cur) > 0 {
					out = append(out, cur)
					cur = nil
				}
				continue
			}
			cur = append(cur, strings.TrimPrefix(f[0], "en:"))
		}
		if len(cur) > 0 {
			out = append(out, cur)
		}
		err = sc.Err()
		fh.Close()
		if err != nil {
			return nil, fmt.Errorf("unlabelled data %s: %w", f, err)
		}
	}
	return out, nil
}

var clitics = []string{"n't", "n’t", "'s", "’s", "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'d", "’d", "'m", "’m"}

func isEdgePunct(r rune) bool {
	return unicode.IsPunct(r) && r != '-' && r != '&' && r != '%' && r != '@' && r != '#' && r != '/'
}

// roughTokens splits a line into PTB-like tokens.
func roughTokens(line string) []string {
	var out []string
	for _, f := range strings.Fields(line) {
		var tail []string
		for f != "" {
			r, n := utf8.DecodeRuneInString(f)
			if !isEdgePunct(r) {
				break
			}
			out = append(out, f[:n])
			f = f[n:]
		}
		for f != "" {
			r, n := utf8.DecodeLastRuneInString(f)
			if !isEdgePunct(r) || (r == '.' && strings.Count(f, ".") > 1 && len(f) <= 6) {
				break
			}
			tail = append(tail, f[len(f)-n:])
			f = f[:len(f)-n]
		}
		if f != "" {
			lf := strings.ToLower(f)
			for _, c := range clitics {
				if strings.HasSuffix(lf, c) && len(f) > len(c) {
					out = append(out, f[:len(f)-len(c)])
					f = f[len(f)-len(c):]
					break
				}
			}
			out = append(out, f)
		}
		for i := len(tail) - 1; i >= 0; i-- {
			out = append(out, tail[i])
		}
	}
	return out
}

// isColumnLine reports whether a file's first line looks like a column file:
// "-DOCSTART-", or 2–5 fields ending in an IOB tag.
func isColumnLine(line string) bool {
	f := strings.Fields(line)
	if len(f) > 0 && f[0] == "-DOCSTART-" {
		return true
	}
	if len(f) < 2 || len(f) > 5 {
		return false
	}
	last := f[len(f)-1]
	return last == "O" || strings.HasPrefix(last, "B-") || strings.HasPrefix(last, "I-")
}
