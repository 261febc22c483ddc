package ner

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/detente-project/detente/internal/perceptron"
)

// lowerKey returns the lowercase hash the decoder computes for word w.
func lowerKey(w string, buf []byte) (uint64, []byte) {
	var ti tokInfo
	buf = analyse(w, buf[:0], &ti)
	return ti.lower, buf
}

// buildGazetteer hashes names (tokens separated by spaces) into the table
// the decoder matches against, returning it and the longest entry's length
// in tokens. Types outside the tag set are dropped.
func buildGazetteer(names map[string][]string, types []string) (map[uint64]uint8, int) {
	if len(names) == 0 {
		return nil, 0
	}
	gaz := make(map[uint64]uint8)
	maxLen := 0
	var buf []byte
	for _, name := range slices.Sorted(maps.Keys(names)) {
		toks := strings.Fields(name)
		if len(toks) == 0 || len(toks) > 8 {
			continue
		}
		var mask uint8
		for _, t := range names[name] {
			if i := slices.Index(types, t); i >= 0 {
				mask |= 1 << i
			}
		}
		if mask == 0 {
			continue
		}
		maxLen = max(maxLen, len(toks))
		h := uint64(fGaz)
		for i, t := range toks {
			var lk uint64
			lk, buf = lowerKey(t, buf)
			h = perceptron.Hash(fGaz, h, lk, 0)
			if i < len(toks)-1 {
				gaz[h] |= gazPrefix
			} else {
				gaz[h] |= mask
			}
		}
	}
	return gaz, maxLen
}

// gazetteered reports whether the one-word name w is in the gazetteer
// with the given type.
func (lx *lexicon) gazetteered(w, typ string) bool {
	t := slices.Index(lx.types, typ)
	if t < 0 || len(lx.gaz) == 0 {
		return false
	}
	k, _ := lowerKey(w, nil)
	v := lx.gaz[perceptron.Hash(fGaz, uint64(fGaz), k, 0)]
	return v&^gazPrefix&(1<<t) != 0
}

// buildClusters hashes a word → bit-string table into cluster paths, and
// adds each word's case-rate bucket (see CaseRates).
func buildClusters(clusters map[string]string, caseRates map[string]uint8) map[uint64]uint32 {
	if len(clusters) == 0 && len(caseRates) == 0 {
		return nil
	}
	out := make(map[uint64]uint32, len(clusters))
	var kbuf []byte
	for _, w := range slices.Sorted(maps.Keys(caseRates)) {
		var k uint64
		k, kbuf = lowerKey(w, kbuf)
		out[k] |= uint32(min(caseRates[w], 15)) << caseShift
	}
	var buf []byte
	for _, w := range slices.Sorted(maps.Keys(clusters)) {
		path := clusters[w]
		if len(path) > 20 {
			path = path[:20]
		}
		bits, err := strconv.ParseUint(path, 2, 32)
		if err != nil || path == "" {
			continue
		}
		var k uint64
		k, buf = lowerKey(w, buf)
		out[k] |= uint32(bits)<<8 | uint32(len(path))
	}
	return out
}

// AddName adds name as an entry of type typ to a gazetteer, normalising
// its spacing and case.
func AddName(gaz map[string][]string, name, typ string) {
	name = strings.ToLower(strings.Join(strings.Fields(name), " "))
	if name == "" || len(name) < 2 {
		return
	}
	if !slices.Contains(gaz[name], typ) {
		gaz[name] = append(gaz[name], typ)
	}
}

// KBGazetteer reads name lists from the knowledge base's data directory
// (internal/kb/data): countries, their official names, aliases and capitals
// as LOC, demonyms as MISC, places (cities, regions) and landmarks as LOC,
// CAMEO known groups and organisations as ORG, and named actors as PER.
func KBGazetteer(dir string) (map[string][]string, error) {
	gaz := map[string][]string{}
	err := readTSV(filepath.Join(dir, "countries.tsv"), func(h map[string]int, f []string) {
		col := func(name string) string {
			if i, ok := h[name]; ok && i < len(f) {
				return f[i]
			}
			return ""
		}
		for _, c := range []string{"name", "official", "capitals", "aliases"} {
			for _, v := range strings.Split(col(c), "|") {
				AddName(gaz, v, "LOC")
			}
		}
		for _, v := range strings.Split(col("demonyms"), "|") {
			AddName(gaz, v, "MISC")
		}
	})
	if err != nil {
		return nil, err
	}
	err = readTSV(filepath.Join(dir, "places.tsv.gz"), func(h map[string]int, f []string) {
		for _, c := range []string{"name", "alt"} {
			if i, ok := h[c]; ok && i < len(f) {
				for _, v := range strings.Split(f[i], "|") {
					AddName(gaz, v, "LOC")
				}
			}
		}
	})
	if err != nil {
		return nil, err
	}
	err = readTSV(filepath.Join(dir, "CAMEO.knowngroup.txt"), func(h map[string]int, f []string) {
		if i, ok := h["LABEL"]; ok && i < len(f) {
			AddName(gaz, strings.ReplaceAll(f[i], "_", " "), "ORG")
		}
	})
	if err != nil {
		return nil, err
	}
	// Our own hand-written lists, when present: landmarks as LOC,
	// organisations as ORG, named persons as PER, country aliases (names and
	// capitals as LOC, adjectives as MISC).
	lists := []struct{ file, typ string }{
		{"landmarks.txt", "LOC"}, {"orgs.txt", "ORG"}, {"actors.txt", "PER"},
	}
	for _, l := range lists {
		err := readLines(filepath.Join(dir, l.file), func(line string) {
			if line == "" || line[0] == '#' || line[0] == ' ' || line[0] == '\t' {
				return
			}
			names, _, _ := strings.Cut(line, "\t")
			for _, n := range strings.Split(names, "|") {
				n = strings.TrimSpace(n)
				if l.typ == "ORG" {
					n = strings.TrimPrefix(n, "the ")
				}
				AddName(gaz, n, l.typ)
			}
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	err = readLines(filepath.Join(dir, "aliases.txt"), func(line string) {
		f := strings.Split(line, "\t")
		if len(f) < 3 || strings.HasPrefix(line, "#") {
			return
		}
		typ := "LOC"
		if f[1] == "adj" {
			typ = "MISC"
		}
		for _, n := range strings.Split(f[2], "|") {
			AddName(gaz, n, typ)
		}
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return gaz, nil
}

// readTSV calls fn for each row of a tab-separated file with a header line
// (gzip-compressed when the name ends in .gz).
func readTSV(path string, fn func(header map[string]int, fields []string)) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("ner: gazetteer: %w", err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return fmt.Errorf("ner: gazetteer %s: %w", path, err)
		}
		r = zr
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<22)
	var header map[string]int
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if header == nil {
			header = map[string]int{}
			for i, h := range fields {
				header[h] = i
			}
			continue
		}
		fn(header, fields)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("ner: gazetteer %s: %w", path, err)
	}
	return nil
}

// ReadClusters reads a word-cluster file in the format of Liang's
// wcluster output (bit-string path, tab, word, optionally tab, count).
func ReadClusters(path string) (map[string]string, error) {
	out := map[string]string{}
	err := readLines(path, func(line string) {
		f := strings.Split(line, "\t")
		if len(f) >= 2 && f[0] != "" && f[1] != "" {
			out[f[1]] = f[0]
		}
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func readLines(path string, fn func(string)) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("ner: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<22)
	for sc.Scan() {
		fn(sc.Text())
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("ner: %s: %w", path, err)
	}
	return nil
}

// AddCorpusNames adds the entities of a column-format corpus (WikiANN, say)
// to a gazetteer: every entity written with a capital letter, under its
// type, and the first word of every person's name of two or more words as a
// person's name by itself ("Anne" from "Anne Frank"), so that given names
// seen only in the list still look like names. It returns the number of
// names read.
func AddCorpusNames(gaz map[string][]string, docs []Document) int {
	n := 0
	var chunks []Chunk
	for _, d := range docs {
		for _, s := range d.Sentences {
			chunks = Chunks(s.Tags, chunks[:0])
			for _, c := range chunks {
				if c.Start < 0 || c.End > len(s.Words) {
					continue
				}
				name := strings.Join(s.Words[c.Start:c.End], " ")
				if strings.ToLower(name) == name {
					continue
				}
				AddName(gaz, name, c.Type)
				n++
				first := s.Words[c.Start]
				if c.Type == "PER" && c.End-c.Start >= 2 && len(first) > 2 &&
					strings.ToLower(first) != first && !strings.ContainsAny(first, ".-'") {
					AddName(gaz, first, "PER")
				}
			}
		}
	}
	return n
}
