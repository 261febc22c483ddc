package tokenize

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/detente-project/detente/internal/text"
)

// words tokenizes s and returns the tokens joined by "|" and the sentences
// (their tokens joined by "|") joined by " ¶ ".
func words(s string) (string, string) {
	d := &text.Doc{Text: s}
	Tokenize(d)
	var toks []string
	for i := range d.Tokens {
		toks = append(toks, d.Word(i))
	}
	var sents []string
	for _, se := range d.Sentences {
		var w []string
		for i := se.Start; i < se.End; i++ {
			w = append(w, d.Word(int(i)))
		}
		sents = append(sents, strings.Join(w, "|"))
	}
	return strings.Join(toks, "|"), strings.Join(sents, " ¶ ")
}

func TestTokens(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Antony J. Blinken met Xi Jinping, China’s leader,", "Antony|J.|Blinken|met|Xi|Jinping|,|China|’s|leader|,"},
		{"don't won't can't cannot gonna wanna", "do|n't|wo|n't|ca|n't|can|not|gon|na|wan|na"},
		{"It's they're we'll I've she'd I'm", "It|'s|they|'re|we|'ll|I|'ve|she|'d|I|'m"},
		{"DON'T It’s isn’t", "DO|N'T|It|’s|is|n’t"},
		{"dont didnt wont", "do|nt|did|nt|wo|nt"},
		{"at 7:30PM or 5pm", "at|7:30|PM|or|5|pm"},
		{"the students' union", "the|students|'|union"},
		{"O'Brien and Sha'lan", "O'Brien|and|Sha'lan"},
		{"in the '90s and ’72", "in|the|'90s|and|’72"},
		{"the 1990's", "the|1990's"},
		{"Mr. Smith, Gov. Brown and Dr. No", "Mr.|Smith|,|Gov.|Brown|and|Dr.|No"},
		{"U.S. officials, e.g. in D.C. at 5 p.m. today", "U.S.|officials|,|e.g.|in|D.C.|at|5|p.m.|today"},
		{"Apple Inc. and Acme Corp. sold it", "Apple|Inc.|and|Acme|Corp.|sold|it"},
		{"No. 10 said no.", "No.|10|said|no|."},
		{"The 35-minute meeting", "The|35|-|minute|meeting"},
		{"an e-mail from a non-profit, re-elected pro-Beijing", "an|e-mail|from|a|non-profit|,|re-elected|pro-Beijing"},
		{"call 713-853-3989 in 1969-1970", "call|713-853-3989|in|1969|-|1970"},
		{"1,000 people, 3.5% and $5.2bn at 10:30 on 9/11", "1,000|people|,|3.5|%|and|$|5.2bn|at|10:30|on|9/11"},
		{"and/or he/she", "and|/|or|he|/|she"},
		{"AT&T and PG&E; R&D", "AT&T|and|PG&E|;|R&D"},
		{"see http://example.com/a?b=c&d=e-f. Then", "see|http://example.com/a?b=c&d=e-f|.|Then"},
		{"(www.nytimes.com)", "(|www.nytimes.com|)"},
		{"mail jane.doe@example.co.uk now", "mail|jane.doe@example.co.uk|now"},
		{"Follow @SecBlinken #MeToo :) <3", "Follow|@SecBlinken|#MeToo|:)|<3"},
		{"He said: “This is very good.”", "He|said|:|“|This|is|very|good|.|”"},
		{"\"Quote,\" he said--loudly...", "\"|Quote|,|\"|he|said|--|loudly|..."},
		{"Really?! Yes!!! Well…", "Really|?!|Yes|!!!|Well|…"},
		{"``Hello'' there", "``|Hello|''|there"},
		{"the U.S.'s view (Apple Inc.’s)", "the|U.S.|'s|view|(|Apple|Inc.|’s|)"},
		{"amazon.com and Yahoo.com", "amazon.com|and|Yahoo.com"},
		{"good quality.You will", "good|quality|.|You|will"},
		{"the 20th century 1970s", "the|20th|century|1970s"},
		{"naïve café Zürich Москва 北京", "naïve|café|Zürich|Москва|北京"},
		{"", ""},
		{"   \n\t ", ""},
	}
	for _, c := range cases {
		got, _ := words(c.in)
		if got != c.want {
			t.Errorf("Tokenize(%q)\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}

func TestSentences(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Antony J. Blinken met Mr. Xi in the U.S. capital. He left.", "Antony|J.|Blinken|met|Mr.|Xi|in|the|U.S.|capital|. ¶ He|left|."},
		{"He lives in the U.S. He left.", "He|lives|in|the|U.S. ¶ He|left|."},
		{"Xi said: “This is very good.” He smiled.", "Xi|said|:|“|This|is|very|good|.|” ¶ He|smiled|."},
		{"“Why?” he asked. “Because.”", "“|Why|?|”|he|asked|. ¶ “|Because|.|”"},
		{"Is it? Yes! Fine.", "Is|it|? ¶ Yes|! ¶ Fine|."},
		{"BEIJING (Reuters) - Blinken met Xi on Monday.", "BEIJING|(|Reuters|)|- ¶ Blinken|met|Xi|on|Monday|."},
		{"KYIV, Ukraine (AP) — Russian forces attacked. Officials said so.", "KYIV|,|Ukraine|(|AP|)|— ¶ Russian|forces|attacked|. ¶ Officials|said|so|."},
		{"NEW YORK — Stocks fell.", "NEW|YORK|— ¶ Stocks|fell|."},
		{"He said - NATO - was wrong.", "He|said|-|NATO|-|was|wrong|."},
		{"Blinken meets Xi\nThe meeting was short.", "Blinken|meets|Xi ¶ The|meeting|was|short|."},
		{"A headline\n\nthe body starts here.", "A|headline ¶ the|body|starts|here|."},
		{"a line that was\nwrapped by an editor.", "a|line|that|was|wrapped|by|an|editor|."},
		{"The stopover came as the US leader prepared to attend the Beijing\nOlympics, an event which will test his vow to keep politics out.",
			"The|stopover|came|as|the|US|leader|prepared|to|attend|the|Beijing|Olympics|,|an|event|which|will|test|his|vow|to|keep|politics|out|."},
		{"Blinken meets Xi in Beijing as the two sides seek to ease tensions\nThe secretary of state met the Chinese leader on Monday for 35 minutes, and both sides said the talks had been candid.",
			"Blinken|meets|Xi|in|Beijing|as|the|two|sides|seek|to|ease|tensions ¶ The|secretary|of|state|met|the|Chinese|leader|on|Monday|for|35|minutes|,|and|both|sides|said|the|talks|had|been|candid|."},
		{"1. First item\n2. Second item", "1|.|First|item ¶ 2|.|Second|item"},
		{"It rose 3.5 per cent. Shares fell.", "It|rose|3.5|per|cent|. ¶ Shares|fell|."},
		{"He waited ... and waited. Then (he left.) Done.", "He|waited|...|and|waited|. ¶ Then|(|he|left|.|) ¶ Done|."},
		{"वह शांत था। लेकिन", "वह|शांत|था|। ¶ लेकिन"},
		{"北京。他说", "北京|。 ¶ 他说"},
		{"Apple Inc. The company said.", "Apple|Inc. ¶ The|company|said|."},
		{"Roe v. Wade was decided.", "Roe|v.|Wade|was|decided|."},
	}
	for _, c := range cases {
		_, got := words(c.in)
		if got != c.want {
			t.Errorf("sentences of %q\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}

func TestSeedFirstSentence(t *testing.T) {
	const first = "Secretary of state Antony J. Blinken met Xi Jinping, China’s leader, on Monday in Beijing, as the two governments sought to pull relations out of a deep freeze that has raised global concerns about the growing risk of a conflict between them."
	d := &text.Doc{Text: first + "\nThe 35-minute meeting sent a signal."}
	Tokenize(d)
	if len(d.Sentences) != 2 {
		t.Fatalf("got %d sentences, want 2", len(d.Sentences))
	}
	if got := d.SentenceText(0); got != first {
		t.Errorf("first sentence = %q", got)
	}
	var toks []string
	for i := d.Sentences[0].Start; i < d.Sentences[0].End; i++ {
		toks = append(toks, d.Word(int(i)))
	}
	got := strings.Join(toks[:13], "|")
	if want := "Secretary|of|state|Antony|J.|Blinken|met|Xi|Jinping|,|China|’s|leader"; got != want {
		t.Errorf("tokens\n got %s\nwant %s", got, want)
	}
	if n := len(toks); n != 47 {
		t.Errorf("first sentence has %d tokens, want 47", n)
	}
}

// checkInvariants verifies the offsets of a tokenized Doc.
func checkInvariants(t *testing.T, d *text.Doc) {
	t.Helper()
	s := d.Text
	prev := int32(0)
	for i, tok := range d.Tokens {
		if tok.Start < prev || tok.End <= tok.Start || int(tok.End) > len(s) {
			t.Fatalf("token %d [%d,%d) out of order or empty (prev end %d, len %d)", i, tok.Start, tok.End, prev, len(s))
		}
		// Everything between tokens is white space; nothing inside a token is.
		for j := int(prev); j < int(tok.Start); {
			r, w := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsSpace(r) || r == utf8.RuneError && w == 1 {
				t.Fatalf("byte %d (%q) before token %d is not covered", j, s[j:j+w], i)
			}
			j += w
		}
		for j := int(tok.Start); j < int(tok.End); {
			r, w := utf8.DecodeRuneInString(s[j:])
			if unicode.IsSpace(r) {
				t.Fatalf("token %d %q contains white space", i, s[tok.Start:tok.End])
			}
			j += w
		}
		if d.Word(i) != s[tok.Start:tok.End] {
			t.Fatalf("token %d text mismatch", i)
		}
		wantSpace := int(tok.End) < len(s)
		if wantSpace {
			r, _ := utf8.DecodeRuneInString(s[tok.End:])
			wantSpace = unicode.IsSpace(r)
		}
		if tok.SpaceAfter != wantSpace {
			t.Fatalf("token %d SpaceAfter = %v", i, tok.SpaceAfter)
		}
		prev = tok.End
	}
	for j := int(prev); j < len(s); {
		r, w := utf8.DecodeRuneInString(s[j:])
		if !unicode.IsSpace(r) {
			t.Fatalf("trailing byte %d not covered", j)
		}
		j += w
	}
	// Sentences partition the tokens and respect the length bound.
	next := int32(0)
	for k, se := range d.Sentences {
		if se.Start != next || se.End <= se.Start {
			t.Fatalf("sentence %d [%d,%d) does not follow %d", k, se.Start, se.End, next)
		}
		if se.End-se.Start > MaxSentence {
			t.Fatalf("sentence %d has %d tokens > %d", k, se.End-se.Start, MaxSentence)
		}
		next = se.End
	}
	if int(next) != len(d.Tokens) {
		t.Fatalf("sentences cover %d of %d tokens", next, len(d.Tokens))
	}
}

func TestInvariantsOnOddInput(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	bin := make([]byte, 5000)
	for i := range bin {
		bin[i] = byte(rng.IntN(256))
	}
	inputs := []string{
		"\xff\xfe\x00abc\x80 d'\xc3", "'", "n't", "'s", "...", "a.", "A.", ".A", "--", "$", "@", "#", "http://",
		"www.", "a@", "a-", "-a", "a'", "U.S", "‘’", "\u2028x\u2029y", "x\r\ny\r\rz", string(bin),
		strings.Repeat("word ", 2000), strings.Repeat("a", 100000), strings.Repeat(".", 1000),
		strings.Repeat("Mr. ", 500), strings.Repeat("a-", 1000), strings.Repeat("'s", 500),
	}
	for _, in := range inputs {
		d := &text.Doc{Text: in}
		Tokenize(d)
		checkInvariants(t, d)
	}
}

// TestLinearTime runs pathological repetitions of 100 KB each; a quadratic
// path would take minutes.
func TestLinearTime(t *testing.T) {
	const n = 100 << 10
	for _, unit := range []string{"a.", "a'", "e-", "1-", "a.Ab", "'s", "“", ".", "U.S. ", "a@", "x/", "1,", "$",
		"\xff", "n't", "Mr.", "a\n", "\n\n", ":)", "#a", "@a", "-_-", "www.a"} {
		txt := strings.Repeat(unit, n/len(unit))
		start := time.Now()
		d := &text.Doc{Text: txt}
		Tokenize(d)
		if el := time.Since(start); el > 5*time.Second {
			t.Errorf("%d bytes of %q took %v", len(txt), unit, el)
		}
		checkInvariants(t, d)
	}
}

func TestLongLineIsSplit(t *testing.T) {
	// 2 MB on one line with no sentence boundary (BenchmarkLongLine runs 5 MB).
	var b strings.Builder
	for b.Len() < 2<<20 {
		b.WriteString("and the talks went on, ")
	}
	d := &text.Doc{Text: b.String()}
	Tokenize(d)
	for k, se := range d.Sentences {
		if se.End-se.Start > MaxSentence {
			t.Fatalf("sentence %d has %d tokens", k, se.End-se.Start)
		}
	}
	if len(d.Sentences) < len(d.Tokens)/MaxSentence {
		t.Errorf("%d sentences for %d tokens", len(d.Sentences), len(d.Tokens))
	}
	// The cut prefers a comma.
	if w := d.Word(int(d.Sentences[0].End) - 1); w != "," {
		t.Errorf("first forced cut after %q, want a comma", w)
	}
}

func TestReuseAllocatesNothing(t *testing.T) {
	d := &text.Doc{}
	txt := strings.Repeat("Antony J. Blinken met Xi Jinping, China’s leader, on Monday. It's 35-minute talks! ", 50)
	d.Text = txt
	Tokenize(d)
	allocs := testing.AllocsPerRun(20, func() {
		d.Reset(txt)
		Tokenize(d)
	})
	if allocs != 0 {
		t.Errorf("Tokenize allocates %.1f times per call on a reused Doc", allocs)
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"Antony J. Blinken met Xi Jinping, China’s leader.", "don't \xff U.S. $5", "“Good.” He said",
		"a\n\nb", "http://x.y/z).", "e-mail x@y.z :) '90s", "1. a\n2. b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := &text.Doc{Text: s}
		Tokenize(d)
		checkInvariants(t, d)
	})
}

func BenchmarkLongLine(b *testing.B) {
	var sb strings.Builder
	for sb.Len() < 5<<20 {
		sb.WriteString("and the talks went on, ")
	}
	d := &text.Doc{Text: sb.String()}
	b.SetBytes(int64(sb.Len()))
	for b.Loop() {
		d.Reset(sb.String())
		Tokenize(d)
	}
}
