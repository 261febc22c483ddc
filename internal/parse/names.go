package parse

import "github.com/detente-project/detente/internal/text"

// FlatNames rewrites the inside of every multiword person name that the
// entity recogniser found (Token.Ent spans of type PER, every word a
// proper noun) the way Universal Dependencies builds names: the first word
// heads the name and takes the name's attachment, the other words hang
// from it as flat, and words outside the name that hung from one of its
// later words hang from the first. A name the parse splits (more than one
// word attached outside it) is left alone. On EWT dev the parser had 133
// of the 163 later words of such names right; UD's rule has 154.
func FlatNames(d *text.Doc) {
	toks := d.Tokens
	for _, sent := range d.Sentences {
		lo, hi := int(sent.Start), int(sent.End)
		if lo < 0 || hi > len(toks) || hi <= lo {
			continue
		}
		for i := lo; i < hi; {
			j := spanEnd(toks, i, hi)
			if j-i >= 2 && toks[i].Ent[2:] == "PER" {
				flattenName(toks, lo, hi, i, j)
			}
			i = j
		}
	}
}

// spanEnd returns the end of the entity span starting at token i (B- or
// U- tag, then I- and L- tags), or i+1 when no span starts there.
func spanEnd(toks []text.Token, i, hi int) int {
	e := toks[i].Ent
	if len(e) < 3 || (e[0] != 'B' && e[0] != 'U') {
		return i + 1
	}
	j := i + 1
	for j < hi {
		f := toks[j].Ent
		if len(f) < 3 || (f[0] != 'I' && f[0] != 'L') || f[2:] != e[2:] {
			break
		}
		j++
	}
	return j
}

// flattenName applies FlatNames to the name toks[i:j] of the sentence
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
