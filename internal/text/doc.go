// Package text holds the document representation shared by every NLP stage:
// the original text, its tokens and sentences as flat arrays, and spans as
// views into them. All offsets are byte offsets into Doc.Text, half-open
// [Start, End).
//
// Stages fill the token fields they own (the tokenizer Start/End, the tagger
// UPOS/XPOS/Lemma, the parser Head/Rel, the recogniser Ent) and never
// reallocate the arrays of another stage, so a Doc can flow through the
// pipeline without copies.
package text

// Token is one syntactic word. A surface word such as "don't" becomes two
// tokens ("do" [0,2) and "n't" [2,5)), following Universal Dependencies.
//
// String fields (XPOS, Lemma, Rel) hold strings owned by a model's tables or
// substrings of Doc.Text, never per-token allocations.
type Token struct {
	Start, End int32  // byte offsets into Doc.Text
	UPOS       string // universal part of speech (NOUN, VERB, …)
	XPOS       string // Penn Treebank tag (NN, VBD, …)
	Lemma      string // dictionary form
	Head       int32  // index of the head token in Doc.Tokens; -1 for the sentence root or when unparsed
	Rel        string // UD dependency relation to the head (nsubj, obj, obl:tmod, …)
	Ent        string // named-entity tag in BILOU or IOB form (B-PER, I-ORG, O) or "" when not run
	SpaceAfter bool   // whether whitespace follows the token in the text
}

// Sentence is a run of tokens [Start, End) in Doc.Tokens.
type Sentence struct {
	Start, End int32
}

// Doc is a tokenized, and possibly tagged and parsed, text.
type Doc struct {
	Text      string
	Tokens    []Token
	Sentences []Sentence
}

// Word returns the surface text of token i.
func (d *Doc) Word(i int) string {
	t := &d.Tokens[i]
	return d.Text[t.Start:t.End]
}

// SentenceText returns the text of sentence s, from its first token's start to
// its last token's end.
func (d *Doc) SentenceText(s int) string {
	start, end := d.SentenceSpan(s)
	return d.Text[start:end]
}

// SentenceSpan returns the byte span of sentence s.
func (d *Doc) SentenceSpan(s int) (start, end int32) {
	sent := d.Sentences[s]
	if sent.End <= sent.Start {
		return 0, 0
	}
	return d.Tokens[sent.Start].Start, d.Tokens[sent.End-1].End
}

// SentenceOf returns the index of the sentence that holds token i, or -1.
// It is a binary search over the sentence array.
func (d *Doc) SentenceOf(i int) int {
	lo, hi := 0, len(d.Sentences)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if int(d.Sentences[m].End) <= i {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(d.Sentences) && int(d.Sentences[lo].Start) <= i {
		return lo
	}
	return -1
}

// Reset empties d for reuse, keeping its arrays' capacity.
func (d *Doc) Reset(text string) {
	d.Text = text
	d.Tokens = d.Tokens[:0]
	d.Sentences = d.Sentences[:0]
}
