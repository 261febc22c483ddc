package coder

import (
	"strings"

	"github.com/detente-project/detente/internal/conllu"
	"github.com/detente-project/detente/internal/text"
)

// DocFromCoNLLU builds a parsed text.Doc from gold CoNLL-U sentences: the
// text is the words joined by their SpaceAfter flags (multiword tokens use
// their surface form), one Doc sentence per CoNLL-U sentence, with heads made
// absolute. It is meant for development and evaluation on treebanks.
func DocFromCoNLLU(sents []*conllu.Sentence) *text.Doc {
	var b strings.Builder
	type span struct{ s, e int32 }
	var spans []span
	var words []*conllu.Word
	var sentIdx []text.Sentence
	for _, s := range sents {
		if s == nil || len(s.Words) == 0 {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		first := int32(len(words))
		for i := 0; i < len(s.Words); i++ {
			if m, ok := s.MultiwordAt(i + 1); ok && m.Last > m.First && m.Last <= len(s.Words) {
				start := int32(b.Len())
				b.WriteString(m.Form)
				// give each word its own slice of the surface form when the
				// forms concatenate to it ("do"+"n't" = "don't")
				off := start
				joined := ""
				for k := m.First - 1; k < m.Last; k++ {
					joined += s.Words[k].Form
				}
				for k := m.First - 1; k < m.Last; k++ {
					w := &s.Words[k]
					if joined == m.Form {
						spans = append(spans, span{off, off + int32(len(w.Form))})
						off += int32(len(w.Form))
					} else {
						spans = append(spans, span{start, int32(b.Len())})
					}
					words = append(words, w)
				}
				if !strings.Contains(m.Misc, "SpaceAfter=No") && m.Last < len(s.Words) {
					b.WriteByte(' ')
				}
				i = m.Last - 1
				continue
			}
			w := &s.Words[i]
			start := int32(b.Len())
			b.WriteString(w.Form)
			spans = append(spans, span{start, int32(b.Len())})
			words = append(words, w)
			if w.SpaceAfter() && i < len(s.Words)-1 {
				b.WriteByte(' ')
			}
		}
		sentIdx = append(sentIdx, text.Sentence{Start: first, End: int32(len(words))})
	}
	doc := &text.Doc{Text: b.String(), Tokens: make([]text.Token, len(words)), Sentences: sentIdx}
	for _, s := range sentIdx {
		for i := s.Start; i < s.End; i++ {
			w := words[i]
			head := int32(-1)
			if w.Head > 0 && s.Start+int32(w.Head)-1 < s.End {
				head = s.Start + int32(w.Head) - 1
			}
			doc.Tokens[i] = text.Token{
				Start: spans[i].s, End: spans[i].e,
				UPOS: w.UPOS, XPOS: w.XPOS, Lemma: w.Lemma,
				Head: head, Rel: w.Deprel, SpaceAfter: w.SpaceAfter(),
			}
		}
	}
	return doc
}
