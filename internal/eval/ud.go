package eval

import (
	"strings"

	"github.com/detente-project/detente/internal/conllu"
	"github.com/detente-project/detente/internal/text"
)

// ParseScores holds attachment scores in percent, as defined by the CoNLL
// 2018 shared task: every word counts (punctuation included), and LAS
// compares relations without their subtype ("obl:tmod" = "obl"). On raw
// input the scores are F1 over gold and system words (a gold word with no
// system token of the same characters is wrong; a system token with no
// gold word counts against precision).
type ParseScores struct {
	Words int     `json:"words"`
	UAS   float64 `json:"uas"`
	LAS   float64 `json:"las"`
	// LASFull compares full relations, subtypes included.
	LASFull float64 `json:"las_full"`
}

// universal strips a relation's subtype: "obl:tmod" → "obl".
func universal(rel string) string {
	if i := strings.IndexByte(rel, ':'); i >= 0 {
		return rel[:i]
	}
	return rel
}

// ScoreParsedDoc compares the heads and relations of a document built by
// GoldDoc (and parsed) with the gold sentences.
func ScoreParsedDoc(d *text.Doc, gold []*conllu.Sentence) ParseScores {
	var a Alignment
	k := int32(0)
	for _, s := range gold {
		a.SentStart = append(a.SentStart, int32(len(a.Token)))
		for range s.Words {
			if int(k) < len(d.Tokens) {
				a.Token = append(a.Token, k)
			} else {
				a.Token = append(a.Token, -1)
			}
			k++
		}
	}
	a.SentStart = append(a.SentStart, int32(len(a.Token)))
	return ScoreParsedAligned(d, gold, &a)
}

// ScoreParsedAligned scores the parse of a system document against gold
// through an alignment of gold words to system tokens (Segmentation's
// Align). A word is attached correctly when it is aligned and its system
// head is the token aligned to its gold head (or both are roots).
func ScoreParsedAligned(d *text.Doc, gold []*conllu.Sentence, a *Alignment) ParseScores {
	var nGold, uas, las, lasFull int
	for si, s := range gold {
		for wi := range s.Words {
			nGold++
			k := a.Word(si, wi)
			if k < 0 || k >= len(d.Tokens) {
				continue
			}
			w, tok := &s.Words[wi], &d.Tokens[k]
			ok := false
			switch {
			case w.Head == 0:
				ok = tok.Head == -1
			case w.Head > 0 && w.Head <= len(s.Words):
				h := a.Word(si, w.Head-1)
				ok = h >= 0 && int(tok.Head) == h
			}
			if !ok {
				continue
			}
			uas++
			if universal(tok.Rel) == universal(w.Deprel) {
				las++
			}
			if tok.Rel == w.Deprel {
				lasFull++
			}
		}
	}
	nSys := len(d.Tokens)
	f1 := func(c int) float64 {
		if nGold+nSys == 0 {
			return 0
		}
		return 100 * 2 * float64(c) / float64(nGold+nSys)
	}
	return ParseScores{Words: nGold, UAS: f1(uas), LAS: f1(las), LASFull: f1(lasFull)}
}
