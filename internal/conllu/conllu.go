// Package conllu reads and writes CoNLL-U files (Universal Dependencies).
//
// Multiword token lines (1-2) and empty nodes (8.1) are kept aside: the
// syntactic words are what taggers and parsers train on, and the multiword
// ranges are what raw-text evaluation needs to rebuild the surface text.
package conllu

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// Word is one syntactic word line.
type Word struct {
	Form, Lemma, UPOS, XPOS, Feats string
	Head                           int // 1-based head index, 0 for root, -1 when missing (_)
	Deprel, Deps, Misc             string
}

// SpaceAfter reports whether the MISC column allows a space after the word.
func (w *Word) SpaceAfter() bool { return !strings.Contains(w.Misc, "SpaceAfter=No") }

// Multiword is a surface token spanning words First..Last (1-based, inclusive).
type Multiword struct {
	First, Last int
	Form, Misc  string
}

// Sentence is one CoNLL-U sentence.
type Sentence struct {
	Comments   []string // lines after '#', without the '#' and leading space
	Words      []Word
	Multiwords []Multiword
}

// Text returns the "# text =" comment, or "".
func (s *Sentence) Text() string { return s.Meta("text") }

// Meta returns the value of a "# key = value" comment, or "".
func (s *Sentence) Meta(key string) string {
	for _, c := range s.Comments {
		k, v, ok := strings.Cut(c, "=")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// HasMeta reports whether a comment "# key" or "# key = …" is present
// (newdoc, newpar).
func (s *Sentence) HasMeta(key string) bool {
	for _, c := range s.Comments {
		k, _, _ := strings.Cut(c, "=")
		if strings.TrimSpace(k) == key {
			return true
		}
	}
	return false
}

// MultiwordAt returns the multiword token starting at word i (1-based), if any.
func (s *Sentence) MultiwordAt(i int) (Multiword, bool) {
	for _, m := range s.Multiwords {
		if m.First == i {
			return m, true
		}
	}
	return Multiword{}, false
}

// maxLine bounds a single line so a corrupt file cannot exhaust memory.
const maxLine = 1 << 20

// Reader reads sentences one at a time.
type Reader struct {
	sc   *bufio.Scanner
	line int
}

// NewReader returns a Reader over r.
func NewReader(r io.Reader) *Reader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), maxLine)
	return &Reader{sc: sc}
}

// Next returns the next sentence, or io.EOF after the last one.
func (r *Reader) Next() (*Sentence, error) {
	var s *Sentence
	for r.sc.Scan() {
		r.line++
		line := r.sc.Text()
		if strings.TrimSpace(line) == "" {
			if s != nil && len(s.Words) > 0 {
				return s, nil
			}
			continue
		}
		if s == nil {
			s = &Sentence{}
		}
		if line[0] == '#' {
			s.Comments = append(s.Comments, strings.TrimSpace(line[1:]))
			continue
		}
		if err := s.addLine(line); err != nil {
			return nil, fmt.Errorf("conllu line %d: %w", r.line, err)
		}
	}
	if err := r.sc.Err(); err != nil {
		return nil, fmt.Errorf("conllu line %d: %w", r.line, err)
	}
	if s != nil && len(s.Words) > 0 {
		return s, nil
	}
	return nil, io.EOF
}

func (s *Sentence) addLine(line string) error {
	f := strings.Split(line, "\t")
	if len(f) != 10 {
		return fmt.Errorf("want 10 tab-separated columns, got %d", len(f))
	}
	id := f[0]
	if strings.Contains(id, ".") {
		return nil // empty node of the enhanced graph
	}
	if a, b, ok := strings.Cut(id, "-"); ok {
		first, err1 := strconv.Atoi(a)
		last, err2 := strconv.Atoi(b)
		if err1 != nil || err2 != nil || last < first {
			return fmt.Errorf("bad multiword id %q", id)
		}
		s.Multiwords = append(s.Multiwords, Multiword{First: first, Last: last, Form: f[1], Misc: f[9]})
		return nil
	}
	n, err := strconv.Atoi(id)
	if err != nil || n != len(s.Words)+1 {
		return fmt.Errorf("word id %q out of sequence", id)
	}
	head := -1
	if f[6] != "_" {
		head, err = strconv.Atoi(f[6])
		if err != nil {
			return fmt.Errorf("bad head %q", f[6])
		}
	}
	s.Words = append(s.Words, Word{Form: f[1], Lemma: f[2], UPOS: f[3], XPOS: f[4], Feats: f[5],
		Head: head, Deprel: f[7], Deps: f[8], Misc: f[9]})
	return nil
}

// ReadAll reads every sentence of r.
func ReadAll(r io.Reader) ([]*Sentence, error) {
	rd := NewReader(r)
	var out []*Sentence
	for {
		s, err := rd.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, s)
	}
}

// ReadFiles reads and concatenates the sentences of every file named.
func ReadFiles(paths ...string) ([]*Sentence, error) {
	var out []*Sentence
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		s, err := ReadAll(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		out = append(out, s...)
	}
	return out, nil
}

// Write writes s in CoNLL-U form, including its comments and multiword lines.
func Write(w io.Writer, s *Sentence) error {
	bw := bufio.NewWriter(w)
	for _, c := range s.Comments {
		fmt.Fprintf(bw, "# %s\n", c)
	}
	mw := 0
	for i := range s.Words {
		for mw < len(s.Multiwords) && s.Multiwords[mw].First == i+1 {
			m := s.Multiwords[mw]
			fmt.Fprintf(bw, "%d-%d\t%s\t_\t_\t_\t_\t_\t_\t_\t%s\n", m.First, m.Last, m.Form, orUnderscore(m.Misc))
			mw++
		}
		wd := &s.Words[i]
		head := "_"
		if wd.Head >= 0 {
			head = strconv.Itoa(wd.Head)
		}
		fmt.Fprintf(bw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", i+1, wd.Form, orUnderscore(wd.Lemma),
			orUnderscore(wd.UPOS), orUnderscore(wd.XPOS), orUnderscore(wd.Feats), head,
			orUnderscore(wd.Deprel), orUnderscore(wd.Deps), orUnderscore(wd.Misc))
	}
	bw.WriteString("\n")
	return bw.Flush()
}

func orUnderscore(s string) string {
	if s == "" {
		return "_"
	}
	return s
}
