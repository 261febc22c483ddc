package ner

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// Sentence is one sentence of a column-format NER corpus: its words and
// their gold tags (IOB, IOB2 or BILOU, as written in the file).
type Sentence struct {
	Words []string
	Tags  []string
	// UPOS and XPOS, when set (AddPOS), are the run-time tagger's tags.
	UPOS, XPOS []string
}

// Document is a run of sentences that belong to one article (delimited by
// -DOCSTART- lines or "# newdoc" comments). Files without document marks
// yield one document per sentence.
type Document struct {
	Sentences []Sentence
}

// ReadFile reads a CoNLL-style NER file; see Read.
func ReadFile(path string) ([]Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("ner: %w", err)
	}
	defer f.Close()
	docs, err := Read(f)
	if err != nil {
		return nil, fmt.Errorf("ner: reading %s: %w", path, err)
	}
	return docs, nil
}

// Read parses CoNLL-style NER columns: one token per line, sentences
// separated by blank lines. The word is the first column, or the second when
// the first column numbers the tokens 1, 2, 3… (UniversalNER); the tag is the
// last column that looks like a tag (O, or B-/I-/L-/U-/E-/S- plus a type),
// so trailing annotator columns are skipped. WikiANN's "en:" word prefix is
// stripped. Lines "-DOCSTART-" and comments "# newdoc" start a new document;
// other "#" comment lines are ignored.
func Read(r io.Reader) ([]Document, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<24)
	var (
		docs    []Document
		cur     Document
		lines   [][]string
		tabbed  []bool
		markers bool // the file has document marks
		lineNo  int
	)
	flushSent := func() error {
		if len(lines) == 0 {
			return nil
		}
		// Numbered (UniversalNER) lines are tab-separated and count 1, 2, 3….
		indexed := true
		for i, f := range lines {
			if len(f) < 3 || f[0] != strconv.Itoa(i+1) || !tabbed[i] {
				indexed = false
				break
			}
		}
		s := Sentence{Words: make([]string, len(lines)), Tags: make([]string, len(lines))}
		for i, f := range lines {
			wi := 0
			if indexed {
				wi = 1
			}
			ti := -1
			for j := len(f) - 1; j > wi; j-- {
				if isTag(f[j]) {
					ti = j
					break
				}
			}
			if ti < 0 {
				return fmt.Errorf("line %d: no tag column in %q", lineNo-len(lines)+i, strings.Join(f, " "))
			}
			s.Words[i] = strings.TrimPrefix(f[wi], "en:")
			s.Tags[i] = f[ti]
		}
		lines = lines[:0]
		tabbed = tabbed[:0]
		cur.Sentences = append(cur.Sentences, s)
		if !markers {
			docs = append(docs, cur)
			cur = Document{}
		}
		return nil
	}
	flushDoc := func() {
		if len(cur.Sentences) > 0 {
			docs = append(docs, cur)
		}
		cur = Document{}
	}
	for sc.Scan() {
		lineNo++
		line := strings.TrimRight(sc.Text(), "\r\n")
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "":
			if err := flushSent(); err != nil {
				return nil, err
			}
			continue
		case strings.HasPrefix(trimmed, "-DOCSTART-"):
			if err := flushSent(); err != nil {
				return nil, err
			}
			markers = true
			flushDoc()
			continue
		case strings.HasPrefix(trimmed, "#") && len(lines) == 0:
			if strings.HasPrefix(trimmed, "# newdoc") {
				markers = true
				flushDoc()
			}
			continue
		}
		var f []string
		tab := strings.Contains(line, "\t")
		tabbed = append(tabbed, tab)
		if tab {
			f = strings.Split(line, "\t")
		} else {
			f = strings.Fields(line)
		}
		if len(f) < 2 {
			return nil, fmt.Errorf("line %d: want at least two columns, got %q", lineNo, line)
		}
		lines = append(lines, f)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if err := flushSent(); err != nil {
		return nil, err
	}
	flushDoc()
	return docs, nil
}

// isTag reports whether s looks like an IOB/IOB2/BILOU/IOBES tag.
func isTag(s string) bool {
	if s == "O" {
		return true
	}
	if len(s) < 3 || s[1] != '-' {
		return false
	}
	switch s[0] {
	case 'B', 'I', 'L', 'U', 'E', 'S':
		return true
	}
	return false
}

// Chunk is an entity span over a sentence's tokens, [Start, End).
type Chunk struct {
	Start, End int
	Type       string
}

// Chunks extracts entity spans from a tag sequence using the conlleval
// rules, which accept IOB, IOB2, BILOU and IOBES alike: a chunk starts at
// B/U/S, at an I/L/E whose type differs from the previous tag's, or at an
// I/L/E after O or after a chunk end (L/U/E/S); it ends before O, before a
// chunk start, or after L/U/E/S.
func Chunks(tags []string, out []Chunk) []Chunk {
	start := -1
	typ := ""
	prevPrefix := byte('O')
	for i, t := range tags {
		p, ty := splitTag(t)
		// Does a chunk end before i?
		if start >= 0 && (p == 'O' || p == 'B' || p == 'U' || p == 'S' || ty != typ ||
			prevPrefix == 'L' || prevPrefix == 'U' || prevPrefix == 'E' || prevPrefix == 'S') {
			out = append(out, Chunk{start, i, typ})
			start = -1
		}
		if p != 'O' && start < 0 {
			start, typ = i, ty
		}
		prevPrefix = p
	}
	if start >= 0 {
		out = append(out, Chunk{start, len(tags), typ})
	}
	return out
}

// splitTag returns a tag's prefix letter and type ("B-PER" → 'B', "PER").
// Anything that is not a well-formed tag counts as O.
func splitTag(t string) (byte, string) {
	if len(t) < 3 || t[1] != '-' {
		return 'O', ""
	}
	switch t[0] {
	case 'B', 'I', 'L', 'U', 'E', 'S':
		return t[0], t[2:]
	}
	return 'O', ""
}
