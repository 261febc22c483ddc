package ner

import (
	"unicode"
	"unicode/utf8"
)

// Feature templates. The numbers are part of the model format: never
// renumber, only append.
const (
	fBias uint64 = iota + 1
	fLower
	fWord
	fShape
	fShort
	fPrefix
	fSuffix
	fLowerM1
	fLowerP1
	fLowerM2
	fLowerP2
	fShapeM1
	fShapeP1
	fShortM2
	fShortP2
	fBigramL
	fBigramR
	fPrev
	fPrev2
	fPrevLower
	fPrevShape
	fInitial
	fShortTri
	fCapsSent
	fHist
	fHistMaj
	fGaz
	fCluster
	fClusterM1
	fClusterP1
	fLowerM1Short
	fShortLowerP1
	fCorpus
	fHistShape
	fGazM1
	fGazP1
	fFlags
	fDocCase
	fDocCaseCtx
	fUPOS
	fXPOS
	fXPOSM1
	fXPOSP1
	fUPOSLower
	fSentLen
	fLowerSent
	fGazCase
	fRegShape
	fRegCluster
	fRegGaz
	fRegLower
	fCaseRate
	fEmb
	fEmbM1
	fEmbP1
	fEmbShape
)

// Token flags.
const (
	flInitCap = 1 << iota
	flAllCaps
	flHasDigit
	flAllDigit
	flHyphen
	flPeriod
	flNoLetter
	flHasUpper
)

// tokInfo holds the per-token values computed once per sentence.
type tokInfo struct {
	word, lower, shape, short uint64
	lo, hi                    int32 // lowercase form in decoder.buf
	flags                     uint8
	gaz                       uint32 // bit (type*4 + position) for gazetteer matches
	cluster                   [3]uint64
	emb                       [3]uint64 // word-vector cluster one and two levels down and the whole path; 0 none
	caseRate                  uint8     // 1 + capitalisation-rate bucket of the word in unlabelled text; 0 unknown
	upos, xpos                uint64    // hashed part-of-speech tags; 0 when absent
}

// fnv continues an FNV-1a hash with one byte.
func fnv(h uint64, b byte) uint64 {
	h ^= uint64(b)
	return h * 1099511628211
}

const fnvOffset = 14695981039346656037

// analyse fills ti for word w, appending its lowercase form to buf.
func analyse(w string, buf []byte, ti *tokInfo) []byte {
	ti.lo = int32(len(buf))
	word, short, shape := uint64(fnvOffset), uint64(fnvOffset), uint64(fnvOffset)
	var lastClass byte
	run := 0
	letters, uppers, lowers, digits := 0, 0, 0, 0
	var flags uint8
	first := true
	for _, r := range w {
		switch r {
		case '\u2019', '\u2018', '\u02bc':
			r = '\''
		case '\u201c', '\u201d':
			r = '"'
		case utf8.RuneError:
			r = '?'
		}
		var c byte
		lr := r
		switch {
		case r < utf8.RuneSelf && 'a' <= r && r <= 'z':
			c = 'x'
			lowers++
			letters++
		case r < utf8.RuneSelf && 'A' <= r && r <= 'Z':
			c = 'X'
			lr = r + 32
			uppers++
			letters++
		case r < utf8.RuneSelf && '0' <= r && r <= '9':
			c = 'd'
			lr = '0'
			digits++
		case r < utf8.RuneSelf:
			c = byte(r)
			if r == '-' {
				flags |= flHyphen
			} else if r == '.' {
				flags |= flPeriod
			}
		case unicode.IsUpper(r):
			c = 'X'
			lr = unicode.ToLower(r)
			uppers++
			letters++
		case unicode.IsLetter(r):
			c = 'x'
			lowers++
			letters++
		case unicode.IsDigit(r):
			c = 'd'
			digits++
		default:
			c = 'o'
		}
		if first && c == 'X' {
			flags |= flInitCap
		}
		first = false
		if r < utf8.RuneSelf {
			word = fnv(word, byte(r))
		} else {
			var tmp [4]byte
			n := utf8.EncodeRune(tmp[:], r)
			for _, b := range tmp[:n] {
				word = fnv(word, b)
			}
		}
		buf = utf8.AppendRune(buf, lr)
		if c == lastClass {
			run++
		} else {
			run = 1
			short = fnv(short, c)
		}
		if run <= 4 {
			shape = fnv(shape, c)
		}
		lastClass = c
	}
	ti.hi = int32(len(buf))
	if uppers > 0 {
		flags |= flHasUpper
		if lowers == 0 && uppers > 1 {
			flags |= flAllCaps
		}
	}
	if digits > 0 {
		flags |= flHasDigit
		if letters == 0 {
			flags |= flAllDigit
		}
	}
	if letters == 0 {
		flags |= flNoLetter
	}
	ti.word, ti.shape, ti.short = word, shape, short
	lower := uint64(fnvOffset)
	for _, b := range buf[ti.lo:ti.hi] {
		lower = fnv(lower, b)
	}
	ti.lower = lower
	ti.flags = flags
	ti.gaz = 0
	ti.cluster = [3]uint64{}
	ti.emb = [3]uint64{}
	ti.caseRate = 0
	return buf
}

// tagInfo describes one label of the model's tag set.
type tagInfo struct {
	prefix byte // 'O', 'B', 'I', 'L', 'U'
	typ    int  // index into types; -1 for O
}

// valid reports whether tag next may follow tag prev under BILOU; last
// says whether next is the sentence's last token.
func validNext(prev, next tagInfo, last bool) bool {
	open := prev.prefix == 'B' || prev.prefix == 'I'
	switch next.prefix {
	case 'O', 'U':
		return !open
	case 'B':
		return !open && !last
	case 'I':
		return open && prev.typ == next.typ && !last
	case 'L':
		return open && prev.typ == next.typ
	}
	return false
}
