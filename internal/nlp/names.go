package nlp

import (
	"github.com/detente-project/detente/internal/ner"
	"github.com/detente-project/detente/internal/text"
)

// flatNames rewrites the inside of every multiword person name among the
// recogniser's spans (every word a proper noun) the way Universal
// Dependencies builds names: the first word heads the name and takes the
// name's attachment, the other words hang from it as flat, and words
// outside the name that hung from one of its later words hang from the
// first. A name the parse splits (more than one word attached outside it)
// is left alone. On EWT dev the parser had 133 of the 163 later words of
// such names right; UD's rule has 154.
func flatNames(d *text.Doc, spans []ner.Span) {
	for _, sp := range spans {
		if sp.Type != "PER" || sp.End-sp.Start < 2 {
			continue
		}
		if sp.Start < 0 || int(sp.End) > len(d.Tokens) {
			continue
		}
		si := d.SentenceOf(int(sp.Start))
		if si < 0 || sp.End > d.Sentences[si].End {
			continue // recogniser spans never cross a sentence; others are ignored
		}
		sent := d.Sentences[si]
		flattenName(d.Tokens, int(sent.Start), int(sent.End), int(sp.Start), int(sp.End))
	}
}

// flattenName applies flatNames to the name toks[i:j] of the sentence
// toks[lo:hi]. Leading titles the parser attached inside the name as
// descriptors or modifiers ("Madam Speaker", "Prime Minister …") are
// kept and the rule applies to the words after them.
func flattenName(toks []text.Token, lo, hi, i, j int) {
	for i < j && (toks[i].Rel == "nmod:desc" || toks[i].Rel == "amod") &&
		int(toks[i].Head) > i && int(toks[i].Head) < j {
		i++
	}
	if j-i < 2 {
		return
	}
	root := -1
	for k := i; k < j; k++ {
		if toks[k].UPOS != "PROPN" {
			return
		}
		if h := int(toks[k].Head); h < i || h >= j {
			if root >= 0 {
				return // split by the parse
			}
			root = k
		}
	}
	if root < 0 {
		return
	}
	if root != i {
		toks[i].Head, toks[i].Rel = toks[root].Head, toks[root].Rel
	}
	for k := i + 1; k < j; k++ {
		toks[k].Head, toks[k].Rel = int32(i), "flat"
	}
	for k := lo; k < hi; k++ {
		if k >= i && k < j {
			continue
		}
		if h := int(toks[k].Head); h > i && h < j {
			toks[k].Head = int32(i)
		}
	}
}
