package tag

import (
	"unicode"
	"unicode/utf8"

	"github.com/detente-project/detente/internal/perceptron"
	"github.com/detente-project/detente/internal/wordvec"
)

// Feature templates. The numbers are part of the model format: renumbering
// them invalidates trained models.
const (
	fBias = iota + 1
	fLower
	fCased
	fSuf1
	fSuf2
	fSuf3
	fSuf4
	fPre1
	fPre2
	fPre3
	fShape
	fShortShape
	fFlags
	fPrev
	fPrev2
	fPrevPrev2
	fPrevLower
	fLowerM1
	fLowerM2
	fLowerP1
	fLowerP2
	fSuf3M1
	fSuf3P1
	fAmb
	fAmbP1
	fAmbP2
	fAmbM1
	fLowerLowerP1
	fLowerM1Lower
	fPrevAmbP1
	fAmbAmbP1
	fPrevSuf3
	fFlagsLower
	fCluster // retired (word clusters); kept so that later numbers stay
	fClusterM1
	fClusterP1
	fClusterP2
	fPrevClusterP1
	fSuf5
	fPrevLowerP1
	fFlagsP1
	fFlagsM1
	fPrevFlags
	fSuf2P1
	fShortP1
	fPrevPrev2Lower
	fLowerM1LowerP1
	fR1
	fR2
	fR1R2
	fPrevR1
	fT1
	fT1Lower
	fR1Lower
	fPrevT1R1
	fT1Suf3
	fCaps
	fCapsFlags
	fCapsP1
	fCapsM1
	fLex
	fLexP1
	fLexM1
	fPrevLex
	fLexSuf2
	fTLex
	fTLexP1
	fTLexM1
	fPrevTLex
	fTLexAmb
	fEmb4
	fEmb8
	fEmbFull
	fEmbM1
	fEmbP1
	fPrevEmb
	fEmbSuf2
	numTemplates
)

// Optional template groups, recorded in the model file.
const (
	FeatContext = 1 << 0 // neighbour flags and shapes, tag–word conjunctions
	// 1 << 1 was word clusters (retired: no gain measured with the text at hand)
	FeatTwoPass = 1 << 2  // a second pass sees the first pass's tags on the right
	FeatCaps    = 1 << 3  // how often the word is capitalised mid-sentence in unlabelled text
	FeatLexicon = 1 << 4  // the word's classes in an external dictionary (WordNet)
	FeatTagLex  = 1 << 5  // the word's tags in an external tagged lexicon (Festival's WSJ lexicon)
	FeatEmbed   = 1 << 6  // the word's cluster of pretrained word vectors (GloVe, see internal/wordvec)
	FeatBase    = 1 << 16 // none of the above (a non-zero TrainOptions.Features)
)

// Token flags.
const (
	flagUpperInitial = 1 << iota
	flagAllUpper
	flagHasDigit
	flagHasHyphen
	flagSentStart
	flagHasLower
	flagHasPeriod
	flagAllDigits
)

// lexeme holds the per-token values the feature templates combine. Hashes
// are FNV-1a over the normalised bytes.
type lexeme struct {
	lower, cased uint64
	suf          [5]uint64
	pre          [3]uint64
	shape, short uint64
	flags        uint64
	amb          uint64       // ambiguity class id + 1, 0 when the word is rare or unseen
	caps         uint64       // capitalisation bucket + 1, 0 when unknown
	lexicon      uint64       // lexicon classes (Lex*) + 1, 0 when not in the lexicon
	tlex         uint64       // tagged-lexicon class id, 0 when not in that lexicon
	emb          wordvec.Path // word-vector cluster path, 0 when the word has none
}

// Sentinel values for positions outside the sentence.
var (
	padStart = lexeme{lower: 0x5354415254, cased: 0x5354415254, amb: 1 << 40}
	padEnd   = lexeme{lower: 0x454e44, cased: 0x454e44, amb: 1 << 41}
)

// Tag ids for the history outside the sentence.
const (
	tagStart = 1 << 20
	tagEnd   = 1<<20 + 1
)

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func fnv(b []byte) uint64 {
	h := uint64(fnvOffset)
	for _, c := range b {
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

// normalise appends the normalised form of word to cased and its lowercase
// to lower: typographic quotes become ASCII ones, digits become '0' (in
// lower only). It returns the grown buffers and the token's flags.
func normalise(word string, cased, lower []byte) ([]byte, []byte, uint64) {
	var flags uint64
	allUpper, allDigits := true, len(word) > 0
	first := true
	for i := 0; i < len(word); {
		c := word[i]
		var r rune
		if c < utf8.RuneSelf {
			r = rune(c)
			i++
		} else {
			var n int
			r, n = utf8.DecodeRuneInString(word[i:])
			i += n
			if r == utf8.RuneError && n == 1 {
				cased = append(cased, c)
				lower = append(lower, c)
				allDigits, first = false, false
				continue
			}
		}
		switch r {
		case '\u2018', '\u2019', '\u201B', '\u2032', '`':
			r = '\''
		case '\u201C', '\u201D', '\u201F', '\u2033':
			r = '"'
		case '\u2013', '\u2014', '\u2012', '\u2015', '\u2212':
			r = '-'
		}
		isUp, isLow := unicode.IsUpper(r), unicode.IsLower(r)
		isDig := '0' <= r && r <= '9'
		if first && isUp {
			flags |= flagUpperInitial
		}
		first = false
		if isLow {
			flags |= flagHasLower
			allUpper = false
		}
		if isDig {
			flags |= flagHasDigit
		} else {
			allDigits = false
		}
		if r == '-' {
			flags |= flagHasHyphen
		}
		if r == '.' {
			flags |= flagHasPeriod
		}
		if r < utf8.RuneSelf {
			cased = append(cased, byte(r))
			if isDig {
				lower = append(lower, '0')
			} else if isUp {
				lower = append(lower, byte(r)+'a'-'A')
			} else {
				lower = append(lower, byte(r))
			}
			continue
		}
		cased = utf8.AppendRune(cased, r)
		lower = utf8.AppendRune(lower, unicode.ToLower(r))
	}
	if allUpper && flags&flagUpperInitial != 0 {
		flags |= flagAllUpper
	}
	if allDigits {
		flags |= flagAllDigits
	}
	return cased, lower, flags
}

// shapes returns hashes of the word's shape (X, x, d, other kept; runs
// capped at 4) and short shape (runs collapsed).
func shapes(word []byte) (uint64, uint64) {
	h, s := uint64(fnvOffset), uint64(fnvOffset)
	var last rune = -1
	run := 0
	for _, r := range string(word) {
		var c rune
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		default:
			c = r
		}
		if c == last {
			run++
		} else {
			run = 1
		}
		if run <= 4 {
			h = (h ^ uint64(c)) * fnvPrime
		}
		if c != last {
			s = (s ^ uint64(c)) * fnvPrime
		}
		last = c
	}
	return h, s
}

// fill computes the lexeme's hashes from its normalised cased and lower forms.
func (x *lexeme) fill(cased, lower []byte, flags uint64) {
	x.cased = fnv(cased)
	x.lower = fnv(lower)
	x.flags = flags
	n := len(lower)
	for k := range x.suf {
		x.suf[k] = fnv(lower[max(0, n-k-1):])
	}
	for k := range x.pre {
		x.pre[k] = fnv(lower[:min(n, k+1)])
	}
	x.shape, x.short = shapes(cased)
}

// features appends the feature keys for token i of sent given the two
// previous predicted tags; set selects optional template groups.
func features(out []uint64, sent []lexeme, i int, prev, prev2 uint64, set uint64) []uint64 {
	at := func(j int) *lexeme {
		if j < 0 {
			return &padStart
		}
		if j >= len(sent) {
			return &padEnd
		}
		return &sent[j]
	}
	w, m1, m2, p1, p2 := at(i), at(i-1), at(i-2), at(i+1), at(i+2)
	h := perceptron.Hash
	out = append(out,
		h(fBias, 0, 0, 0),
		h(fLower, w.lower, 0, 0),
		h(fCased, w.cased, 0, 0),
		h(fSuf1, w.suf[0], 0, 0),
		h(fSuf2, w.suf[1], 0, 0),
		h(fSuf3, w.suf[2], 0, 0),
		h(fSuf4, w.suf[3], 0, 0),
		h(fSuf5, w.suf[4], 0, 0),
		h(fPre1, w.pre[0], 0, 0),
		h(fPre2, w.pre[1], 0, 0),
		h(fPre3, w.pre[2], 0, 0),
		h(fShape, w.shape, 0, 0),
		h(fShortShape, w.short, 0, 0),
		h(fFlags, w.flags, 0, 0),
		h(fPrev, prev, 0, 0),
		h(fPrev2, prev2, 0, 0),
		h(fPrevPrev2, prev, prev2, 0),
		h(fPrevLower, prev, w.lower, 0),
		h(fLowerM1, m1.lower, 0, 0),
		h(fLowerM2, m2.lower, 0, 0),
		h(fLowerP1, p1.lower, 0, 0),
		h(fLowerP2, p2.lower, 0, 0),
		h(fSuf3M1, m1.suf[2], 0, 0),
		h(fSuf3P1, p1.suf[2], 0, 0),
		h(fAmb, w.amb, 0, 0),
		h(fAmbP1, p1.amb, 0, 0),
		h(fAmbP2, p2.amb, 0, 0),
		h(fAmbM1, m1.amb, 0, 0),
		h(fLowerLowerP1, w.lower, p1.lower, 0),
		h(fLowerM1Lower, m1.lower, w.lower, 0),
		h(fPrevAmbP1, prev, p1.amb, 0),
		h(fAmbAmbP1, w.amb, p1.amb, 0),
		h(fPrevSuf3, prev, w.suf[2], 0),
		h(fFlagsLower, w.flags&flagSentStart, w.lower, 0),
	)
	if set&FeatContext != 0 {
		out = append(out,
			h(fPrevLowerP1, prev, p1.lower, 0),
			h(fFlagsP1, p1.flags, 0, 0),
			h(fFlagsM1, m1.flags, 0, 0),
			h(fPrevFlags, prev, w.flags, 0),
			h(fSuf2P1, p1.suf[1], 0, 0),
			h(fShortP1, p1.short, w.short, 0),
			h(fPrevPrev2Lower, prev, prev2, w.lower),
			h(fLowerM1LowerP1, m1.lower, p1.lower, 0),
		)
	}
	if set&FeatCaps != 0 {
		out = append(out,
			h(fCaps, w.caps, 0, 0),
			h(fCapsFlags, w.caps, w.flags&(flagUpperInitial|flagSentStart|flagAllUpper), 0),
			h(fCapsP1, p1.caps, p1.flags&flagUpperInitial, 0),
			h(fCapsM1, m1.caps, m1.flags&flagUpperInitial, 0),
		)
	}
	if set&FeatLexicon != 0 {
		out = append(out,
			h(fLex, w.lexicon, 0, 0),
			h(fLexP1, p1.lexicon, 0, 0),
			h(fLexM1, m1.lexicon, 0, 0),
			h(fPrevLex, prev, w.lexicon, 0),
			h(fLexSuf2, w.lexicon, w.suf[1], 0),
		)
	}
	if set&FeatTagLex != 0 {
		out = append(out,
			h(fTLex, w.tlex, 0, 0),
			h(fTLexP1, p1.tlex, 0, 0),
			h(fTLexM1, m1.tlex, 0, 0),
			h(fPrevTLex, prev, w.tlex, 0),
			h(fTLexAmb, w.tlex, w.amb, 0),
		)
	}
	if set&FeatEmbed != 0 {
		// The word's clusters one and two levels down the tree, and its
		// whole path; the neighbours' two levels down.
		e, e1, p := uint64(w.emb.Level(1)), uint64(w.emb.Level(2)), uint64(p1.emb.Level(2))
		out = append(out,
			h(fEmb4, e, 0, 0),
			h(fEmb8, e1, 0, 0),
			h(fEmbFull, uint64(w.emb), 0, 0),
			h(fEmbM1, uint64(m1.emb.Level(2)), 0, 0),
			h(fEmbP1, p, 0, 0),
			h(fPrevEmb, prev, e1, 0),
			h(fEmbSuf2, e, w.suf[1], 0),
		)
	}
	return out
}

// rightFeatures appends the second-pass templates for token i: the first
// pass's tags for the token and the two on its right.
func rightFeatures(out []uint64, first []int, i int, prev uint64, w *lexeme) []uint64 {
	tagAt := func(j int) uint64 {
		if j >= len(first) {
			return tagEnd
		}
		return uint64(first[j])
	}
	t1, r1, r2 := tagAt(i), tagAt(i+1), tagAt(i+2)
	h := perceptron.Hash
	return append(out,
		h(fR1, r1, 0, 0),
		h(fR2, r2, 0, 0),
		h(fR1R2, r1, r2, 0),
		h(fPrevR1, prev, r1, 0),
		h(fT1, t1, 0, 0),
		h(fT1Lower, t1, w.lower, 0),
		h(fR1Lower, r1, w.lower, 0),
		h(fPrevT1R1, prev, t1, r1),
		h(fT1Suf3, t1, w.suf[2], 0),
	)
}
