package tag

import (
	"bufio"
	"fmt"
	"maps"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
)

// TagLexicon maps a lowercase word form to the Penn Treebank tags an
// external tagged lexicon gives it, each with log P(word | tag).
type TagLexicon map[string][]TagLogProb

// TagLogProb is one tag of a TagLexicon entry.
type TagLogProb struct {
	Tag     string  // lowercase PTB tag; "punc" for any punctuation tag
	LogProb float64 // natural log of P(word | tag)
}

// ReadPOSLex reads Festival's part-of-speech lexicon (Debian's
// festlex-poslex installs it as /usr/share/festival/dicts/wsj.wp39.poslexR):
// 33,000 lowercase word forms of the Wall Street Journal part of the Penn
// Treebank, one per line, written as
//
//	("imposed" ((vbd -7.806) (vbn -7.147) ) () )
func ReadPOSLex(path string) (TagLexicon, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("poslex: %w", err)
	}
	defer f.Close()
	lex := TagLexicon{}
	sc := bufio.NewScanner(&limitedReader{f: f, left: maxLexiconFile})
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		word, tags, ok := parsePOSLexLine(sc.Text())
		if !ok {
			continue // the header ("MNCL") and anything malformed
		}
		lex[word] = append(lex[word], tags...)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("poslex: reading %s: %w", path, err)
	}
	if len(lex) == 0 {
		return nil, fmt.Errorf("poslex: no entries in %s", path)
	}
	return lex, nil
}

// parsePOSLexLine parses one entry line of a Festival lexicon.
func parsePOSLexLine(s string) (string, []TagLogProb, bool) {
	rest, ok := strings.CutPrefix(s, `("`)
	if !ok {
		return "", nil, false
	}
	end := strings.Index(rest, `" ((`)
	if end <= 0 {
		return "", nil, false
	}
	word, rest := rest[:end], rest[end+len(`" (`):]
	body, _, ok := strings.Cut(rest, ") )")
	if !ok {
		return "", nil, false
	}
	var tags []TagLogProb
	for _, item := range strings.Split(body, ")") {
		f := strings.Fields(strings.TrimLeft(strings.TrimSpace(item), "("))
		if len(f) != 2 {
			continue
		}
		lp, err := strconv.ParseFloat(f[1], 64)
		if err != nil || lp > 0 || math.IsNaN(lp) {
			continue
		}
		tags = append(tags, TagLogProb{Tag: f[0], LogProb: lp})
	}
	return word, tags, len(tags) > 0
}

// punctuationXPOS are the treebank tags a lexicon's "punc" stands for.
var punctuationXPOS = []string{",", ".", ":", "``", "''", "-LRB-", "-RRB-", "HYPH", "NFP", "#", "$"}

// tagLexiconClasses turns a TagLexicon into ambiguity classes: word →
// class id (from 1, numbered in the order of the sorted signatures of
// tagLexiconSignatures, so deterministic).
func tagLexiconClasses(lex TagLexicon, xposCounts map[string]int, minShare float64) map[string]uint16 {
	sigOf := tagLexiconSignatures(lex, xposCounts, minShare)
	sigs := slices.Sorted(maps.Values(sigOf))
	ids := map[string]uint16{}
	for _, s := range slices.Compact(sigs) {
		if len(ids) == math.MaxUint16-1 {
			break
		}
		ids[s] = uint16(len(ids) + 1)
	}
	out := make(map[string]uint16, len(sigOf))
	for w, s := range sigOf {
		if id, ok := ids[s]; ok {
			out[w] = id
		}
	}
	return out
}

// tagLexiconSignatures returns, for each word, its tags whose posterior
// P(tag | word), with priors from the training data's XPOS counts, reaches
// minShare, sorted and comma-joined ("vbd,vbn").
func tagLexiconSignatures(lex TagLexicon, xposCounts map[string]int, minShare float64) map[string]string {
	prior := map[string]float64{}
	total := 0
	for _, n := range xposCounts {
		total += n
	}
	total = max(total, 1)
	for t, n := range xposCounts {
		prior[strings.ToLower(t)] += float64(n) / float64(total)
	}
	for _, t := range punctuationXPOS {
		prior["punc"] += float64(xposCounts[t]) / float64(total)
	}
	floor := 0.5 / float64(total) // tags the training data lacks
	sigOf := map[string]string{}
	var post []float64
	for w, tags := range lex {
		post = post[:0]
		z := 0.0
		for _, t := range tags {
			p := math.Exp(t.LogProb) * max(prior[t.Tag], floor)
			post = append(post, p)
			z += p
		}
		var keep []string
		for i, t := range tags {
			if post[i] >= minShare*z {
				keep = append(keep, t.Tag)
			}
		}
		if len(keep) > 0 {
			slices.Sort(keep)
			sigOf[w] = strings.Join(slices.Compact(keep), ",")
		}
	}
	return sigOf
}
