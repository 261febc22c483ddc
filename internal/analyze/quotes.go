package analyze

import (
	"strings"
	"unicode/utf8"

	"github.com/detente-project/detente/internal/schema"
	"github.com/detente-project/detente/internal/text"
	"github.com/detente-project/detente/internal/textnorm"
)

// ActorResolver maps a speaker's full name to a CAMEO actor code (USAGOV,
// CHNGOV, …). The knowledge base implements it; Quotes leaves Speaker.Actor
// empty when the resolver is nil or does not know the name.
type ActorResolver interface {
	ActorCode(name string) (code string, ok bool)
}

// cueVerbs are the speech verbs that introduce or close a quote, by surface
// form. The value marks forms that need a subject before them to stand as an
// attribution on their own (finite verbs); -ing forms take the clause subject.
var cueVerbs = map[string]bool{
	"said": true, "says": true, "say": true, "told": true, "tells": true, "tell": true,
	"added": true, "adds": true, "asked": true, "asks": true, "wrote": true, "writes": true,
	"tweeted": true, "tweets": true, "posted": true, "noted": true, "notes": true,
	"explained": true, "explains": true, "stated": true, "states": true, "declared": true,
	"insisted": true, "insists": true, "argued": true, "argues": true, "claimed": true,
	"claims": true, "continued": true, "continues": true, "recalled": true, "recalls": true,
	"warned": true, "warns": true, "replied": true, "replies": true, "responded": true,
	"remarked": true, "acknowledged": true, "acknowledges": true, "admitted": true, "admits": true,
	"conceded": true, "suggested": true, "suggests": true, "countered": true, "contended": true,
	"maintained": true, "observed": true, "quipped": true, "joked": true, "shouted": true,
	"yelled": true, "announced": true, "announces": true, "emphasized": true, "emphasised": true,
	"stressed": true, "predicted": true, "concluded": true, "cautioned": true, "complained": true,
	"boasted": true, "promised": true, "vowed": true, "reported": true, "reports": true,
	"testified": true, "exclaimed": true, "whispered": true, "wondered": true, "urged": true,
	"pleaded": true, "thundered": true, "mused": true, "read": true, "concludes": true,
	"agreed": true, "agrees": true, "responds": true, "retorted": true,
	"snapped": true, "laughed": true, "sighed": true, "offered": true, "opined": true,
	"echoed": true, "interjected": true, "lamented": true, "scoffed": true, "pressed": true,
	"demanded": true, "answered": true, "chanted": true, "jokes": true,
	"boomed": true, "proclaimed": true, "quoted": true, "observes": true, "remarks": true,
	"went": true, "shot": true, "spoke": true, "conclude": true, "argue": true, "write": true,
	"note": true, "explain": true, "insist": true, "warn": true, "claim": true, "add": true,
	"reads": true, "assured": true, "barked": true, "confessed": true, "beamed": true,
	"demurred": true, "fumed": true, "declares": true, "affirms": true, "retaliated": true,
	"charged": true, "blasted": true, "cried": true, "screamed": true, "reiterated": true,
	"saying": false, "adding": false, "telling": false, "noting": false, "writing": false,
	"explaining": false, "arguing": false, "declaring": false, "insisting": false,
	"warning": false, "asking": false, "tweeting": false, "stating": false, "calling": false,
	"claiming": false, "recalling": false, "continuing": false, "concluding": false,
	"suggesting": false, "responding": false, "replying": false, "stressing": false,
	"acknowledging": false, "announcing": false, "promising": false, "vowing": false,
	"chanting": false, "shouting": false, "interjecting": false, "remarking": false,
}

// indirectCues are the verbs that introduce reported speech ("X said that …").
var indirectCues = map[string]bool{
	"said": true, "says": true, "say": true, "told": true, "tells": true, "added": true,
	"wrote": true, "writes": true, "noted": true, "argued": true, "argues": true, "claimed": true,
	"claims": true, "insisted": true, "insists": true, "warned": true, "stated": true,
	"announced": true, "acknowledged": true, "explained": true, "suggested": true,
	"suggests": true, "contended": true, "maintained": true, "reported": true, "reports": true,
	"predicted": true, "believes": true, "believe": true, "believed": true, "stressed": true,
	"admitted": true, "conceded": true, "tweeted": true, "declared": true, "recalled": true,
	"complained": true, "emphasized": true, "thinks": true, "think": true, "noting": true,
	"saying": true, "adding": true, "arguing": true, "claiming": true, "insisting": true,
	"warning": true, "showed": true, "shows": true, "show": true, "found": true, "finds": true,
	"confirmed": true, "denied": true, "estimated": true, "predicts": true, "hopes": true,
	"expects": true, "agreed": true, "agrees": true, "acknowledges": true, "notes": true,
	"explains": true, "contends": true, "asserted": true, "alleged": true,
	"alleges": true, "concluded": true, "concludes": true, "indicated": true, "revealed": true,
}

// pronouns that can stand as a speaker.
var speakerPronouns = map[string]bool{
	"he": true, "she": true, "they": true, "i": true, "we": true, "it": true,
}

// auxiliaries and adverbs that may sit between a speaker and the cue
// ("Trump has said", "she later told").
var preCueFillers = map[string]bool{
	"also": true, "has": true, "have": true, "had": true, "would": true, "will": true,
	"later": true, "then": true, "once": true, "previously": true, "recently": true,
	"further": true, "again": true, "repeatedly": true, "simply": true, "just": true,
	"only": true, "never": true, "often": true, "always": true, "reportedly": true,
	"publicly": true, "privately": true, "flatly": true, "bluntly": true, "angrily": true,
	"quickly": true, "firmly": true, "frequently": true,
	"subsequently": true, "earlier": true, "initially": true, "famously": true, "did": true,
	"does": true, "is": true, "was": true, "were": true, "are": true,
}

// npStops end a speaker noun phrase when reading outwards from the cue.
var npStops = map[string]bool{
	"that": true, "which": true, "who": true, "whom": true, "as": true, "but": true,
	"when": true, "while": true, "because": true, "if": true, "and": true, "in": true,
	"on": true, "at": true, "during": true, "after": true, "before": true, "to": true,
	"adding": true, "according": true, "yesterday": true, "today": true, "tonight": true,
	"last": true, "this": true, "earlier": true, "later": true, "monday": true,
	"tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true,
	"sunday": true, "via": true, "where": true, "since": true, "so": true, "than": true,
	"said": true, "says": true, "told": true, "is": true, "was": true, "are": true,
	"were": true, "has": true, "have": true, "had": true, "not": true,
	"with": true, "by": true, "from": true, "into": true, "about": true, "for": true,
}

// prepositions that keep a following name from being a clause subject.
var preps = map[string]bool{
	"with": true, "of": true, "to": true, "for": true, "by": true, "from": true, "at": true,
	"in": true, "on": true, "during": true, "about": true, "against": true, "like": true,
	"than": true, "between": true, "among": true, "toward": true, "towards": true,
	"into": true, "over": true, "under": true, "after": true, "before": true,
	"told": true, "tells": true, "asked": true, "met": true, "meet": true, "called": true,
	"praised": true, "criticized": true, "criticised": true, "urged": true, "thanked": true,
	"accused": true, "defeated": true, "beat": true, "attacked": true, "endorsed": true,
	"supporting": true, "supported": true, "support": true, "backing": true, "backed": true,
	"elected": true, "nominated": true, "named": true, "appointed": true, "joined": true,
	"vs": true, "versus": true, "behind": true, "including": true,
}

// titles are words that come before a person's name and are not part of it.
var titles = map[string]bool{
	"Mr.": true, "Mrs.": true, "Ms.": true, "Dr.": true, "Sen.": true, "Rep.": true,
	"Gov.": true, "Gen.": true, "Lt.": true, "Col.": true, "Capt.": true, "Prof.": true,
	"President": true, "Secretary": true, "Senator": true, "Governor": true, "Minister": true,
	"Prime": true, "Chancellor": true, "General": true, "Representative": true, "Mayor": true,
	"Judge": true, "Justice": true, "King": true, "Queen": true, "Prince": true, "Pope": true,
	"Vice": true, "Premier": true, "Ambassador": true, "Chairman": true, "Chairwoman": true,
	"Speaker": true, "Leader": true, "Director": true, "Commissioner": true, "Chief": true,
	"Adm.": true, "Sgt.": true, "Rev.": true, "Pres.": true, "Foreign": true, "Defense": true,
	"Defence": true, "State": true, "Press": true, "Spokesman": true, "Spokeswoman": true,
	"Attorney": true, "Deputy": true, "Former": true, "former": true, "Sheriff": true,
	"Democrat": true, "Republican": true, "Democratic": true, "Candidate": true, "Nominee": true,
}

// notNames are capitalised words that do not begin or make up a person's name.
var notNames = map[string]bool{
	"The": true, "A": true, "An": true, "This": true, "That": true, "These": true, "Those": true,
	"It": true, "He": true, "She": true, "They": true, "We": true, "I": true, "You": true,
	"But": true, "And": true, "Or": true, "In": true, "On": true, "At": true, "For": true,
	"If": true, "When": true, "While": true, "As": true, "After": true, "Before": true,
	"Monday": true, "Tuesday": true, "Wednesday": true, "Thursday": true, "Friday": true,
	"Saturday": true, "Sunday": true, "January": true, "February": true, "March": true,
	"April": true, "May": true, "June": true, "July": true, "August": true, "September": true,
	"October": true, "November": true, "December": true, "His": true, "Her": true, "Their": true,
	"Our": true, "My": true, "Its": true, "So": true, "Yet": true, "Still": true, "Then": true,
	"There": true, "Here": true, "What": true, "Why": true, "How": true, "Who": true,
	"Where": true, "Some": true, "Many": true, "Most": true, "All": true, "Both": true,
	"Any": true, "No": true, "Not": true, "Over": true, "Under": true, "By": true, "With": true,
	"From": true, "To": true, "Of": true, "Instead": true, "However": true, "Also": true,
	"According": true, "Officials": true, "Read": true, "More": true, "Now": true, "One": true,
	"Two": true, "Even": true, "Only": true, "Since": true, "Despite": true, "During": true,
	"Asked": true, "Speaking": true, "Later": true, "Earlier": true, "Last": true, "Next": true,
	"Jan.": true, "Feb.": true, "Aug.": true, "Sept.": true, "Sep.": true, "Oct.": true,
	"Nov.": true, "Dec.": true, "Yes": true, "Well": true, "Oh": true, "Meanwhile": true, "Among": true, "Although": true,
}

// orgWords mark a capitalised run as an organisation or place, not a person.
var orgWords = map[string]bool{
	"House": true, "Department": true, "Party": true, "Times": true, "News": true, "Post": true,
	"University": true, "Committee": true, "Council": true, "Ministry": true, "Street": true,
	"Hall": true, "Square": true, "Republic": true, "States": true, "Union": true,
	"Nations": true, "Office": true, "Agency": true, "Bureau": true, "Service": true,
	"Journal": true, "Press": true, "Network": true, "Court": true, "Congress": true,
	"Senate": true, "Administration": true, "Campaign": true, "Foundation": true,
	"Institute": true, "Center": true, "Centre": true, "Association": true, "Group": true,
	"Company": true, "Inc.": true, "Corp.": true, "Bank": true, "Fund": true, "Army": true,
	"Force": true, "Forces": true, "Police": true, "Commission": true, "Organization": true,
	"Organisation": true, "Kingdom": true, "County": true, "City": true, "Post's": true,
	"CNN": true, "Fox": true, "NBC": true, "ABC": true, "CBS": true, "MSNBC": true, "AP": true,
	"Reuters": true, "Twitter": true, "Facebook": true, "Pentagon": true, "Kremlin": true,
	"Democrats": true, "Republicans": true, "GOP": true, "FBI": true, "CIA": true, "NATO": true,
}

// mention is a named (or pronominal, once resolved) reference to a speaker
// candidate outside quotation marks.
type mention struct {
	first, last int32 // word range [first, last)
	name        string
	person      bool
	place       bool // tagged LOC or GPE: a speaker only by metonymy
	subject     bool // not after a preposition, not possessive
}

// quoteSpan is a stretch of text between quotation marks: open is the byte
// offset of the opening mark, close the offset just past the closing mark
// (or the end of the paragraph when the quote runs on unclosed).
type quoteSpan struct {
	open, close int32
	closed      bool
}

// Quotes finds the direct quotes and reported speech in d and attributes
// each to a speaker, resolving pronouns and surnames to the fullest name
// mentioned in the article. res (may be nil) fills Speaker.Actor.
func Quotes(d *text.Doc, res ActorResolver) []schema.Quote {
	if d == nil || len(d.Text) == 0 {
		return nil
	}
	v := newView(d)
	qs := findQuoteSpans(v.text)
	inQuote := make([]bool, len(v.words))
	for _, q := range qs {
		for i := v.wordAt(q.open); i < len(v.words) && v.words[i].start < q.close; i++ {
			inQuote[i] = true
		}
	}
	ments := findMentions(v, inQuote)
	var t *tree
	if v.parsed() {
		t = newTree(v)
	}
	var out []schema.Quote
	used := make([]bool, len(v.words)) // cue and speaker words taken by a direct quote
	var prev *schema.Quote
	prevClose := int32(-1)
	prevClosed := true
	for _, q := range qs {
		qo := v.wordAt(q.open)
		qc := v.wordAt(q.close)
		contentStart, contentEnd := q.open, q.close
		contentStart += int32(openMarkLen(v.text, q.open))
		if q.closed {
			contentEnd -= int32(closeMarkLen(v.text, q.close))
		}
		contentStart, contentEnd = trimSpace(v.text, contentStart, contentEnd)
		if contentEnd <= contentStart {
			continue
		}
		nw := countWords(v, qo+1, qc)
		cue, spk, cueWords := attributeDirect(v, q, qo, qc, ments, inQuote)
		if t != nil && len(cueWords) == 1 && (spk == nil || !nominal(v, spk)) {
			// the rules read no noun phrase: ask the parse for the cue's subject
			if s := subjectOf(v, t, cueWords[0]); s >= 0 && !inQuote[s] {
				if sp := speakerAt(v, t, s, ments, inQuote); sp != nil && nominal(v, sp) {
					spk = sp
				}
			}
		}
		if t != nil && len(cueWords) == 1 && spk != nil {
			// "Wilkerson started the rant when he brought it up and later
			// said, “…”": the cue's own subject in the parse, when it names
			// the same person as the rules' speaker, is the nearer mention
			if s := subjectOf(v, t, cueWords[0]); s >= 0 && !inQuote[s] && (int(v.words[s].start) >= spk.End || int(v.words[s].end) <= spk.Start) {
				if alt := speakerAt(v, t, s, ments, inQuote); alt != nil && alt.Name == spk.Name {
					spk = alt
				}
			}
		}
		if t != nil && len(cueWords) == 1 && spk != nil {
			// "a White House official who spoke anonymously to discuss
			// strategy said": the rules read the phrase after the last
			// preposition; the parse finds the subject further left
			if sp := cutSubject(v, t, cueWords[0], spk, ments, inQuote); sp != nil {
				spk = sp
			}
		}
		if cue == "" && prev != nil && prev.Speaker != nil && continues(v, prevClose, prevClosed, q.open, inQuote) {
			cue, spk = prev.Cue, prev.Speaker
		}
		if cue == "" && (nw < 4 || !sentenceLike(v.text[contentStart:contentEnd])) {
			continue // a scare quote, a title or a term, not a quotation
		}
		if len(cueWords) == 1 && prev != nil && prev.Speaker != nil {
			// "…," she said, adding, "…" — a participle cue right after a
			// quote continues that quote's speaker.
			c := cueWords[0]
			if finite, ok := cueVerbs[lower(v.w(c))]; ok && !finite && c >= 2 && v.w(c-1) == "," && inQuote[c-2] {
				spk = prev.Speaker
			}
		}
		if cue == "" && t != nil {
			// a quote without a cue: the parse knows which verb governs it,
			// and when that verb is a speech verb (", saying: “…”") it is
			// the cue
			spk = governorSpeaker(v, t, qo, qc, ments, inQuote)
			if h := governorVerb(v, qo, qc, inQuote); h >= 0 && spk != nil {
				if _, ok := cueVerbs[lower(v.w(h))]; ok {
					cue = v.w(h)
				}
			}
		}
		if cue == "" && spk == nil {
			if ss := int(v.sents[v.sent[qo]].start); qo > ss+1 {
				// a quote inside a sentence ("Moore thanked him for “…”")
				// belongs to that sentence's subject
				spk = clauseSubject(v, ss, qo, ments, inQuote)
			}
			if spk == nil {
				spk = guessSpeaker(v, qo, prev, prevClose, ments, inQuote)
			}
		}
		if t != nil && len(cueWords) == 1 && spk != nil && !personish(v, spk) {
			// the rules read no person; the cue's subject in the parse may be one
			if s := subjectOf(v, t, cueWords[0]); s >= 0 && !inQuote[s] {
				if alt := speakerAt(v, t, s, ments, inQuote); alt != nil && personish(v, alt) {
					spk = alt
				}
			}
		}
		if t != nil && spk != nil && placeOnly(v, spk) {
			// a place or a nationality read as the speaker ("…, South
			// Carolina on Monday. “…”"): a person from the parse is likelier
			alt := governorSpeaker(v, t, qo, qc, ments, inQuote)
			if len(cueWords) == 1 {
				if s := subjectOf(v, t, cueWords[0]); s >= 0 && !inQuote[s] {
					alt = speakerAt(v, t, s, ments, inQuote)
				}
			}
			if alt != nil && personish(v, alt) {
				spk = alt
			}
		}
		if t != nil && spk != nil && !nominal(v, spk) {
			if sp := governorSpeaker(v, t, qo, qc, ments, inQuote); sp != nil && nominal(v, sp) {
				spk = sp
			}
		}
		if t != nil && spk == nil {
			spk = colonLeadIn(v, t, qo, ments, inQuote)
		}
		for _, i := range cueWords {
			used[i] = true
		}
		out = append(out, schema.Quote{
			Text: v.text[contentStart:contentEnd], Start: int(contentStart), End: int(contentEnd),
			Direct: true, Cue: cue, Speaker: spk,
		})
		prev = &out[len(out)-1]
		prevClose, prevClosed = q.close, q.closed
	}
	// Labelled lines ("FALLIN: Well, I think …") first: reported speech
	// inside them is theirs.
	ind := labelledLines(v, ments, inQuote, out)
	for _, q := range indirectQuotes(v, ments, inQuote, used) {
		if !overlapsAny(q, ind) {
			ind = append(ind, q)
		}
	}
	if t != nil {
		fixSpeakers(v, t, ind, ments, inQuote)
	}
	out = append(out, ind...)
	if t != nil {
		out = append(out, parsedAttributions(v, t, ments, inQuote, used, out)...)
	}
	if res != nil {
		cache := map[*schema.Speaker]bool{}
		for i := range out {
			s := out[i].Speaker
			if s == nil || cache[s] {
				continue
			}
			cache[s] = true
			code, ok := res.ActorCode(s.Name)
			if s.Text != s.Name && strings.Contains(s.Text, s.Name) {
				// "Ukrainian officials" says more than its name "Ukrainian":
				// UKRGOV rather than UKR
				if full, fok := res.ActorCode(s.Text); fok && (!ok || len(full) > len(code) && strings.HasPrefix(full, code)) {
					code, ok = full, true
				}
			}
			if ok {
				s.Actor = code
			}
		}
	}
	// Speakers shared by continued quotes are copied so callers may edit one.
	for i := range out {
		if out[i].Speaker != nil {
			s := *out[i].Speaker
			out[i].Speaker = &s
		}
	}
	sortQuotes(out)
	return out
}

func sortQuotes(q []schema.Quote) {
	for i := 1; i < len(q); i++ {
		for j := i; j > 0 && q[j].Start < q[j-1].Start; j-- {
			q[j], q[j-1] = q[j-1], q[j]
		}
	}
}

// findQuoteSpans pairs quotation marks paragraph by paragraph: curly marks
// open and close explicitly, straight double quotes alternate. A quote left
// open at a paragraph's end closes there (news style for multi-paragraph
// quotes, where the next paragraph opens again).
func findQuoteSpans(s string) []quoteSpan {
	var out []quoteSpan
	open := int32(-1)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\n':
			if open >= 0 && i+1 < len(s) {
				// a line break inside one paragraph keeps a quote open only
				// when the next line does not start a new quote.
				end := int32(i)
				out = append(out, quoteSpan{open: open, close: end})
				open = -1
			}
		case r == '“' || r == '„' || r == '«':
			if open >= 0 && r == '“' && closerContext(s, i+n) {
				// a mistyped closing mark: “…,“ said X.
				out = append(out, quoteSpan{open: open, close: int32(i + n), closed: true})
				open = -1
				break
			}
			if open >= 0 {
				out = append(out, quoteSpan{open: open, close: int32(i)})
			}
			open = int32(i)
		case r == '”' || r == '»':
			if open >= 0 {
				out = append(out, quoteSpan{open: open, close: int32(i + n), closed: true})
				open = -1
			}
		case r == '\'' && i+1 < len(s) && s[i+1] == '\'':
			// Two apostrophes stand for a double quote (New York Times
			// style). After a third one ('Hey,''') the last two close.
			if open >= 0 {
				if i+2 < len(s) && s[i+2] == '\'' {
					i++
				}
				out = append(out, quoteSpan{open: open, close: int32(i + 2), closed: true})
				open = -1
			} else {
				open = int32(i)
			}
			n = 2
		case r == '"':
			if open >= 0 {
				out = append(out, quoteSpan{open: open, close: int32(i + n), closed: true})
				open = -1
			} else if open < 0 {
				open = int32(i)
			}
		}
		i += n
	}
	if open >= 0 {
		out = append(out, quoteSpan{open: open, close: int32(len(s))})
	}
	return out
}

// openMarkLen returns the byte length of the quotation mark at i: two for
// a pair of apostrophes, else the length of the rune.
func openMarkLen(s string, i int32) int {
	if strings.HasPrefix(s[i:], "''") {
		return 2
	}
	_, n := utf8.DecodeRuneInString(s[i:])
	return n
}

// closeMarkLen returns the byte length of the quotation mark ending at i.
func closeMarkLen(s string, i int32) int {
	if strings.HasSuffix(s[:i], "''") {
		return 2
	}
	_, n := utf8.DecodeLastRuneInString(s[:i])
	return n
}

// dashSignature reads a speaker signed after a quote with a dash: `"…"
// — Name` or `"…"` ¶ `- Name, title`. It returns the speaker and the dash.
func dashSignature(v *view, q quoteSpan, qc int, ments []mention) (*schema.Speaker, int) {
	if qc >= len(v.words) || v.words[qc].start < q.close {
		return nil, 0
	}
	gap := v.text[q.close:v.words[qc].start]
	if strings.Count(gap, "\n") > 2 || strings.TrimSpace(gap) != "" {
		return nil, 0
	}
	d := v.w(qc)
	if !textnorm.IsDash(d) {
		return nil, 0
	}
	a := qc + 1
	if a >= len(v.words) || !capitalised(v.w(a)) {
		return nil, 0
	}
	b := a
	for b < len(v.words) && b < a+12 && !lineBreakBetween(v.text, v.words[a].start, v.words[b].end) {
		if w := v.w(b); w == "." || w == "“" || w == "\"" {
			break
		}
		b++
	}
	if b <= a {
		return nil, 0
	}
	// the name is the capitalised run; the span runs to the end of the line
	return speakerFrom(v, a, b, ments), qc
}

// endsSentence reports whether a quote ending at the end of s closes with
// a full stop inside the marks.
func endsSentence(s string) bool {
	n := closeMarkLen(s, int32(len(s)))
	r, _ := utf8.DecodeLastRuneInString(s[:len(s)-n])
	return r == '.'
}

// closerContext reports whether the text at i follows a closing quote mark:
// the end, a line break, or a space or punctuation that does not start a word.
func closerContext(s string, i int) bool {
	if i >= len(s) {
		return true
	}
	c := s[i]
	return c == '\n' || c == ' ' || c == ',' || c == '.' || c == ';' || c == ')' || c == '\t'
}

func trimSpace(s string, a, b int32) (int32, int32) {
	for a < b && (s[a] == ' ' || s[a] == '\n' || s[a] == '\t' || s[a] == '\r') {
		a++
	}
	for b > a && (s[b-1] == ' ' || s[b-1] == '\n' || s[b-1] == '\t' || s[b-1] == '\r') {
		b--
	}
	return a, b
}

// countWords counts the non-punctuation words in [a, b).
func countWords(v *view, a, b int) int {
	n := 0
	for i := a; i < b && i < len(v.words); i++ {
		r, _ := utf8.DecodeRuneInString(v.w(i))
		if isWordRune(r) {
			n++
		}
	}
	return n
}

// sentenceLike reports whether a quote's content reads as speech rather
// than a title: it ends in sentence punctuation or a comma.
func sentenceLike(c string) bool {
	c = strings.TrimRight(c, " ")
	if c == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(c)
	return r == '.' || r == ',' || r == '?' || r == '!' || r == '…' || r == '-' || r == '—' || r == ':'
}

// isPunct reports whether word i is a punctuation mark.
func (v *view) isPunct(i int) bool {
	r, _ := utf8.DecodeRuneInString(v.w(i))
	return !isWordRune(r)
}

// attributeDirect looks for the cue and speaker of the quote q (words
// [qo, qc)): first after the closing mark ("…," he said), then before the
// opening mark (X said: "…"). It returns the cue, the speaker and the word
// indices it consumed.
func attributeDirect(v *view, q quoteSpan, qo, qc int, ments []mention, inQuote []bool) (string, *schema.Speaker, []int) {
	// "…" — Jane Doe, 34, Phoenix (a dash signature, on the same or the next line).
	if q.closed {
		if spk, c := dashSignature(v, q, qc, ments); spk != nil {
			return "—", spk, []int{c}
		}
	}
	// After: up to 10 words in the same sentence, stopping at the next quote.
	if q.closed && qc < len(v.words) && !lineBreakBetween(v.text, q.close-1, v.words[qc].start) {
		i := qc
		if i < len(v.words) && v.w(i) == "," {
			i++
		}
		limit := i + 9
		if endsSentence(v.text[:q.close]) {
			if qo > int(v.sents[v.sent[qo]].start)+1 {
				limit = i // a quote closing its sentence mid-way: what follows is new
			} else {
				limit = i + 4 // "…." Trump said — rare; a new sentence is likelier
			}
		}
		for k := i; k < len(v.words) && k < limit; k++ {
			if inQuote[k] {
				break
			}
			w := v.w(k)
			if (w == "." || w == "!" || w == "?" || w == ";") && (k+1 >= len(v.words) || v.sent[k+1] != v.sent[k]) {
				break
			}
			if w == ";" {
				break
			}
			if (w == "," || w == "(") && limit > i+4 {
				limit = i + 32 // an apposition: "…," Jane Doe, a spokeswoman for X, said.
			}
			if k == i && lower(w) == "according" && k+1 < len(v.words) && lower(v.w(k+1)) == "to" {
				// "…," according to CNN.
				if spk := speakerAfter(v, k+1, ments, inQuote); spk != nil {
					return "according to", spk, []int{k, k + 1}
				}
			}
			if cueVerbs[lower(w)] && !capitalised(w) && !(k > 0 && lower(v.w(k-1)) == "to") {
				cue := w
				if spk := speakerBefore(v, k, i, ments, inQuote); spk != nil {
					if a, outer := reportedBy(v, k, ments, inQuote); outer != nil {
						return "according to", outer, []int{k, a, a + 1}
					}
					return cue, spk, []int{k}
				}
				if spk := speakerAfter(v, k, ments, inQuote); spk != nil {
					if a, outer := reportedBy(v, k, ments, inQuote); outer != nil {
						return "according to", outer, []int{k, a, a + 1}
					}
					return cue, spk, []int{k}
				}
				if k+1 < len(v.words) && lower(v.w(k+1)) == "to" {
					continue
				}
			}
		}
		// "…," Viguerie concludes. — an unknown verb right after a short
		// speaker phrase still cues a quote that ends in a comma, ? or !.
		if k, ok := looseCue(v, q, i, inQuote); ok {
			if spk := speakerBefore(v, k, i, ments, inQuote); spk != nil {
				return v.w(k), spk, []int{k}
			}
		}
		// Inverted: "…," exhorted actress Jamie Lee Curtis. — an unknown
		// past-tense verb right after the mark, then a capitalised name.
		if i+1 < len(v.words) && !inQuote[i] && !inQuote[i+1] && looseInverted(v, q, i) {
			if spk := speakerAfter(v, i, ments, inQuote); spk != nil {
				return v.w(i), spk, []int{i}
			}
		}
	}
	// Before: the rest of the sentence leading up to the opening mark.
	if qo > 0 {
		si := v.sent[qo]
		sentStart := int(v.sents[si].start)
		if qo == sentStart && si > 0 {
			// a quote that opens a sentence can close a lead-in sentence
			// that ended with a colon ("Trump said:" "…").
			p := qo - 1
			if v.w(p) != ":" {
				return "", nil, nil
			}
			sentStart = int(v.sents[v.sent[p]].start)
		}
		end := qo - 1
		for end >= sentStart && (v.w(end) == "," || v.w(end) == ":" || textnorm.IsDash(v.w(end))) {
			end--
		}
		colon := end+1 < qo && v.w(end+1) == ":"
		// Transcript style "PENCE: …" / "Trump: …".
		if colon && end >= sentStart && capitalised(v.w(end)) && !cueVerbs[lower(v.w(end))] {
			if m := mentionEndingAt(ments, end+1); m != nil && int(m.first) == sentStart {
				return ":", speakerFrom(v, int(m.first), int(m.last), ments), []int{end + 1}
			}
		}
		for k := end; k >= sentStart && k > end-14; k-- {
			if inQuote[k] {
				break
			}
			w := lower(v.w(k))
			if w == "according" && k+1 < len(v.words) && lower(v.w(k+1)) == "to" {
				if spk := speakerAfter(v, k+1, ments, inQuote); spk != nil {
					return "according to", spk, []int{k, k + 1}
				}
			}
			finite, ok := cueVerbs[w]
			if !ok || (capitalised(v.w(k)) && k != sentStart) {
				continue
			}
			if finite {
				if spk := speakerBefore(v, k, sentStart, ments, inQuote); spk != nil {
					return v.w(k), spk, []int{k}
				}
				// "said Trump: …" — the phrase after the cue must reach the quote.
				if spk := speakerAfter(v, k, ments, inQuote); spk != nil && v.wordAt(int32(spk.End)) >= end {
					return v.w(k), spk, []int{k}
				}
				if spk := clauseSubject(v, sentStart, k, ments, inQuote); spk != nil {
					return v.w(k), spk, []int{k}
				}
			} else if spk := clauseSubject(v, sentStart, k, ments, inQuote); spk != nil {
				return v.w(k), spk, []int{k}
			}
		}
		// "Clinton's response was:", "in Forbes' words," — the owner of a
		// speech noun in the lead-in is the speaker.
		if end+1 < qo && end >= sentStart {
			if sp, k := speechOwner(v, sentStart, end+1, ments, inQuote); sp != nil {
				return v.w(k), sp, []int{k}
			}
		}
		// A lead-in ending in a colon ("Trump leaned in and boomed:") names
		// the speaker as its subject even without a known cue verb.
		if colon && end >= sentStart && !v.isPunct(end) {
			if spk := clauseSubject(v, sentStart, end+1, ments, inQuote); spk != nil {
				return v.w(end), spk, []int{end}
			}
		}
	}
	return "", nil, nil
}

// speechNouns name what someone said or wrote; their possessor is its
// source ("Bush's Facebook post:", "in Forbes' words,").
var speechNouns = map[string]bool{
	"statement": true, "response": true, "reply": true, "answer": true, "words": true,
	"post": true, "tweet": true, "message": true, "dictum": true, "remarks": true,
	"comment": true, "comments": true, "letter": true, "email": true, "retort": true,
	"verdict": true, "motto": true, "slogan": true, "advice": true, "explanation": true,
}

// speechOwner reads a lead-in (words [lo, end)) that ends in a speech
// noun owned by a mention, or in such a noun and a copula ("Bush's Facebook
// post:", "Clinton's response was:"), and returns that mention as the
// speaker and the noun's index.
func speechOwner(v *view, lo, end int, ments []mention, inQuote []bool) (*schema.Speaker, int) {
	k := end - 1
	switch lower(v.w(k)) {
	case "was", "is", "read", "reads", "went":
		k--
	}
	if k <= lo || inQuote[k] || !speechNouns[lower(v.w(k))] {
		return nil, 0
	}
	// the possessive sits at most one word before the noun
	for o := k - 1; o >= lo && o >= k-3; o-- {
		if inQuote[o] {
			break
		}
		if !possessiveMark(v.w(o)) {
			continue
		}
		for i := range ments {
			m := &ments[i]
			if int(m.first) <= o && o <= int(m.last) {
				return speakerFrom(v, int(m.first), int(m.last), ments), k
			}
		}
		break
	}
	return nil, 0
}

// possessiveMark reports whether w is or ends in a possessive mark ("’s",
// "Doe’s", "Forbes’").
func possessiveMark(w string) bool {
	switch {
	case w == "’s" || w == "'s" || w == "’" || w == "'":
		return true
	case strings.HasSuffix(w, "’s") || strings.HasSuffix(w, "'s"):
		return true
	}
	return len(w) > 2 && (strings.HasSuffix(w, "s’") || strings.HasSuffix(w, "s'"))
}

// reportedBy finds "according to X" later in the sentence of the cue at
// word k ("…," Walker said, according to an Associated Press account.) and
// returns the index of "according" and X: the report's source is the
// outermost attribution, which PolNeAR (and a reader) credits the quote to.
func reportedBy(v *view, k int, ments []mention, inQuote []bool) (int, *schema.Speaker) {
	for j := k + 1; j+1 < len(v.words) && j < k+20 && v.sent[j] == v.sent[k]; j++ {
		if inQuote[j] {
			return 0, nil
		}
		if w := v.w(j); w == ";" || ((w == "." || w == "!" || w == "?") && v.sent[j+1] != v.sent[j]) {
			return 0, nil
		}
		if lower(v.w(j)) == "according" && lower(v.w(j+1)) == "to" {
			spk := speakerAfter(v, j+1, ments, inQuote)
			if spk == nil {
				return 0, nil
			}
			// "according to audio provided by Wyoming Public Radio": the
			// agent of the participle is the source.
			if e := v.wordAt(int32(spk.End)); e > 0 && e < len(v.words) && lower(v.w(e)) == "by" && strings.HasSuffix(v.w(e-1), "ed") {
				if by := speakerAfter(v, e, ments, inQuote); by != nil {
					return j, by
				}
			}
			return j, spk
		}
	}
	return 0, nil
}

// looseCue finds, after a closing quote mark, a verb that follows a speaker
// phrase of at most five words: a lower-case word ending in -s or -ed,
// followed by sentence punctuation, a comma or a preposition.
func looseCue(v *view, q quoteSpan, i int, inQuote []bool) (int, bool) {
	n := closeMarkLen(v.text, q.close)
	before, _ := utf8.DecodeLastRuneInString(v.text[:q.close-int32(n)])
	if before != ',' && before != '?' && before != '!' {
		return 0, false
	}
	// up to five words, not counting the hyphens of compounds
	// ("vice-presidential")
	for k, n := i+1, 1; k < len(v.words) && n <= 5; k++ {
		if inQuote[k] || (v.isPunct(k) && v.w(k) != "-") {
			return 0, false
		}
		w := v.w(k)
		if w == "-" {
			continue
		}
		n++
		if capitalised(w) || !(strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "s")) {
			continue
		}
		if k+1 >= len(v.words) {
			return k, true
		}
		// the verb may take a particle ("cried out", "fired back")
		nx := v.w(k + 1)
		if nx == "." || nx == "," || nx == ";" || preps[lower(nx)] || nx == "back" || nx == "out" || nx == "up" {
			return k, true
		}
		// "…," Trump assured Jones — a name or pronoun, then the verb.
		if pw := v.w(k - 1); k-1 >= i && strings.HasSuffix(w, "ed") && (capitalised(pw) || speakerPronouns[lower(pw)]) {
			return k, true
		}
	}
	return 0, false
}

// looseInverted reports whether word i, right after a quote closing in a
// comma, ? or !, is a lower-case -ed verb followed by a capitalised word.
func looseInverted(v *view, q quoteSpan, i int) bool {
	n := closeMarkLen(v.text, q.close)
	before, _ := utf8.DecodeLastRuneInString(v.text[:q.close-int32(n)])
	if before != ',' && before != '?' && before != '!' {
		return false
	}
	w := v.w(i)
	return !capitalised(w) && strings.HasSuffix(w, "ed") && len(w) > 3 && capitalised(v.w(i+1))
}

// guessSpeaker attributes a quote that has no cue of its own: to the
// speaker of a quote that ended in the previous sentence, else to the
// subject of the previous sentence ("Trump speculated that … ¶ "Syrians …").
func guessSpeaker(v *view, qo int, prev *schema.Quote, prevClose int32, ments []mention, inQuote []bool) *schema.Speaker {
	si := int(v.sent[qo])
	if si == 0 {
		return nil
	}
	if prev != nil && prev.Speaker != nil && prevClose > 0 {
		if ps := int(v.sent[v.wordAt(prevClose-1)]); ps >= si-1 {
			return prev.Speaker
		}
	}
	ps := v.sents[si-1]
	return clauseSubject(v, int(ps.start), int(ps.end), ments, inQuote)
}

// continues reports whether a quote opening at open continues the previous
// quote (closing at prevClose): only a short cue clause lies between them, or
// the previous quote ran unclosed to its paragraph's end.
func continues(v *view, prevClose int32, prevClosed bool, open int32, inQuote []bool) bool {
	if prevClose < 0 || open < prevClose {
		return false
	}
	if !prevClosed {
		return open-prevClose <= 3
	}
	a, b := v.wordAt(prevClose), v.wordAt(open)
	if b-a > 14 {
		return false
	}
	// A whole sentence between the quotes ("…," Trump added. He then
	// turned to the crowd. "…") is a new lead-in, not a cue clause.
	if c := v.wordAt(prevClose - 1); c < len(v.words) && b < len(v.words) && v.sent[b]-v.sent[c] >= 2 {
		return false
	}
	// Across a paragraph break the new paragraph must open with the quote.
	if nl := strings.LastIndexByte(v.text[prevClose:open], '\n'); nl >= 0 {
		return strings.TrimSpace(v.text[int(prevClose)+nl:open]) == ""
	}
	return true
}

// mentionEndingAt returns the mention whose last word is end-1.
func mentionEndingAt(ments []mention, end int) *mention {
	for i := range ments {
		if int(ments[i].last) == end {
			return &ments[i]
		}
	}
	return nil
}

// speakerBefore reads the speaker noun phrase that ends just before the cue
// at word k (skipping auxiliaries and adverbs), not crossing lo.
func speakerBefore(v *view, k, lo int, ments []mention, inQuote []bool) *schema.Speaker {
	j := k - 1
	// A capitalised filler away from the sentence start is a name ("…,"
	// Will wrote).
	for j >= lo && ((preCueFillers[lower(v.w(j))] && !(capitalised(v.w(j)) && int(v.sents[v.sent[j]].start) != j)) ||
		(strings.HasSuffix(v.w(j), "ly") && !capitalised(v.w(j)) && len(v.w(j)) > 4)) {
		j--
	}
	if j >= lo && v.w(j) == "," {
		return appositionBefore(v, j, lo, ments, inQuote)
	}
	if j >= lo && v.w(j) == ")" {
		// "Rep. Paul Ryan (R-WI) said": read the name before the parenthesis,
		// keep the parenthesis in the span.
		p := j
		for p >= lo && p > j-8 && v.w(p) != "(" {
			p--
		}
		if p > lo && v.w(p) == "(" {
			if head := speakerBefore(v, p, lo, ments, inQuote); head != nil {
				sp := speakerFrom(v, v.wordAt(int32(head.Start)), j+1, ments)
				sp.Name = head.Name
				return sp
			}
		}
		return nil
	}
	if j < lo || inQuote[j] || v.isPunct(j) {
		return nil
	}
	end := j + 1
	w := v.w(j)
	if speakerPronouns[lower(w)] {
		return resolvePronoun(v, j, ments, inQuote)
	}
	if lower(w) == "who" || lower(w) == "which" {
		// "Mike Lee, who declared: …" — the relative pronoun stands for the
		// noun phrase before the comma.
		sp := &schema.Speaker{Start: int(v.words[j].start), End: int(v.words[j].end), Text: w, Name: w}
		if j-1 >= lo && v.w(j-1) == "," {
			if head := speakerBefore(v, j-1, lo, ments, inQuote); head != nil {
				sp.Name = head.Name
			}
		}
		return sp
	}
	start := end
	for i := j; i >= lo && i > j-12; i-- {
		w := v.w(i)
		lw := lower(w)
		if inQuote[i] || (v.isPunct(i) && w != "'s" && w != "’s" && w != "-") || npStops[lw] ||
			(cueVerbs[lw] && i != k) {
			break
		}
		start = i
		if lw == "the" || lw == "a" || lw == "an" {
			break
		}
	}
	if start >= end {
		return nil
	}
	if h := cutByModifier(v, start, lo, ments, inQuote); h != nil {
		return h
	}
	return speakerFrom(v, start, end, ments)
}

// cutByModifier handles a speaker phrase that the backward reading cut at
// a preposition inside a modifier of the real subject: "a White House
// official who spoke anonymously to discuss strategy said", "another
// source speaking to Fox News said". When a relative "who" or an -ing
// participle lies at most eight words before the cut, the noun phrase
// before it is the speaker.
func cutByModifier(v *view, start, lo int, ments []mention, inQuote []bool) *schema.Speaker {
	if start-1 < lo || !preps[lower(v.w(start-1))] || lower(v.w(start-1)) == "told" {
		return nil
	}
	for r := start - 2; r > lo && r >= start-9; r-- {
		w := v.w(r)
		if lw := lower(w); inQuote[r] || v.isPunct(r) || lw == "said" || lw == "says" || lw == "told" {
			return nil
		}
		if w != "who" && !(strings.HasSuffix(w, "ing") && !capitalised(w) && len(w) > 5) {
			continue
		}
		if v.isPunct(r-1) || preps[lower(v.w(r-1))] {
			return nil
		}
		return speakerBefore(v, r, lo, ments, inQuote)
	}
	return nil
}

// appositionBefore reads "Name, a title of X," ending with the comma at
// word c: the span runs from the head noun phrase before the previous comma
// to just before c.
func appositionBefore(v *view, c, lo int, ments []mention, inQuote []bool) *schema.Speaker {
	p := c - 1
	for p >= lo && p > c-25 && v.w(p) != "," {
		if inQuote[p] || v.w(p) == "." || v.w(p) == "”" || v.w(p) == "\"" {
			return nil
		}
		p--
	}
	if p < lo || v.w(p) != "," || p == c-1 {
		return nil
	}
	head := speakerBefore(v, p, lo, ments, inQuote) // the phrase ending before the comma
	if head == nil {
		return nil
	}
	a := v.wordAt(int32(head.Start))
	sp := speakerFrom(v, a, c, ments)
	sp.Name = head.Name
	return sp
}

// speakerAfter reads the speaker noun phrase after the cue at word k
// ("said Trump", "said the official"), up to a comma or a stop word.
func speakerAfter(v *view, k int, ments []mention, inQuote []bool) *schema.Speaker {
	start := k + 1
	end := start
	for i := start; i < len(v.words) && i < start+8; i++ {
		w := v.w(i)
		if inQuote[i] || (v.isPunct(i) && w != "-" && w != "'s" && w != "’s") || npStops[lower(w)] {
			break
		}
		end = i + 1
	}
	if end <= start {
		return nil
	}
	if end-start == 1 && speakerPronouns[lower(v.w(start))] {
		return resolvePronoun(v, start, ments, inQuote)
	}
	// The object of "told"/"asked" is the listener, not the speaker —
	// except in the inversion right after a quote ("“…?” asked Sen. X").
	if cw := lower(v.w(k)); cw == "told" || cw == "tells" || cw == "asked" || cw == "tell" {
		if !(cw == "asked" && k > 0 && inQuote[k-1] && capitalised(v.w(start))) {
			return nil
		}
	}
	if lower(v.w(start)) == "that" || !hasNoun(v, start, end) {
		return nil
	}
	return speakerFrom(v, start, end, ments)
}

// hasNoun reports whether words [a, b) can name someone: a capitalised word
// or a word that is not a function word.
func hasNoun(v *view, a, b int) bool {
	for i := a; i < b; i++ {
		w := v.w(i)
		if p := v.upos(i); p != "" {
			// a capitalised word the tagger read otherwise is still a name
			// ("said Small", "said Young")
			if p == "NOUN" || p == "PROPN" || p == "PRON" || (capitalised(w) && (p == "ADJ" || p == "VERB" || p == "ADV") && !notNames[w]) {
				return true
			}
			continue
		}
		if capitalised(w) || (!npStops[lower(w)] && !preCueFillers[lower(w)] && len(w) > 3) {
			return true
		}
	}
	return false
}

// clauseSubject finds the subject of the clause that a participle cue
// ("…, saying:") hangs from: the first mention in the sentence that is not
// after a preposition nor possessive, else a pronoun subject.
func clauseSubject(v *view, lo, k int, ments []mention, inQuote []bool) *schema.Speaker {
	// Prefer the clause that the cue hangs from: the stretch after the last
	// comma before it ("When X asked, Rubio fired back:"), then the sentence.
	end := k
	for end > lo && (v.w(end-1) == "," || v.w(end-1) == ":") {
		end--
	}
	seg := lo
	for i := end - 1; i > lo; i-- {
		if v.w(i) == "," && !inQuote[i] {
			seg = i + 1
			break
		}
	}
	if seg > lo {
		if sp := subjectIn(v, seg, end, ments, inQuote); sp != nil {
			return sp
		}
	}
	return subjectIn(v, lo, end, ments, inQuote)
}

// subjectIn returns the first subject in words [lo, k): a pronoun or a
// mention not after a preposition nor possessive, people before others.
func subjectIn(v *view, lo, k int, ments []mention, inQuote []bool) *schema.Speaker {
	var subj, other, place *mention
	for i := range ments {
		m := &ments[i]
		if int(m.first) < lo || int(m.first) >= k || !m.subject {
			continue
		}
		switch {
		case m.person:
			if subj == nil {
				subj = m
			}
		case m.place:
			if place == nil {
				place = m
			}
		default:
			if other == nil {
				other = m
			}
		}
	}
	if subj == nil {
		subj = other
	}
	if subj == nil {
		subj = place
	}
	for i := lo; i < k; i++ {
		if subj != nil && i >= int(subj.first) {
			break
		}
		if lw := lower(v.w(i)); !inQuote[i] && speakerPronouns[lw] && lw != "it" && lw != "i" && lw != "we" {
			if i == lo || !preps[lower(v.w(i-1))] {
				return resolvePronoun(v, i, ments, inQuote)
			}
		}
	}
	if subj != nil {
		return speakerFrom(v, int(subj.first), int(subj.last), ments)
	}
	return nil
}

// speakerFrom builds a Speaker from words [a, b), resolving its name.
func speakerFrom(v *view, a, b int, ments []mention) *schema.Speaker {
	s := &schema.Speaker{Start: int(v.words[a].start), End: int(v.words[b-1].end)}
	s.Text = v.text[s.Start:s.End]
	s.Name = resolveName(v, a, b, ments)
	return s
}

// resolveName returns the fullest name for the span [a, b): the mention
// inside it, expanded to the longest earlier (or later) mention sharing its
// surname; a common noun phrase keeps its own text.
func resolveName(v *view, a, b int, ments []mention) string {
	var best *mention
	for i := range ments {
		m := &ments[i]
		if int(m.first) >= a && int(m.last) <= b {
			// a person first ("Mr. Thurber" holds the runs "Mr." and
			// "Thurber"), then the longest
			if best == nil || (m.person && !best.person) ||
				(m.person == best.person && m.last-m.first > best.last-best.first) {
				best = m
			}
		}
	}
	if best == nil {
		if n := nounAntecedent(v, a, b, ments); n != "" {
			return n
		}
		return v.text[v.words[a].start:v.words[b-1].end]
	}
	return fullName(best.name, ments)
}

// fullName expands a short name ("Xi", "Blinken") to the longest mentioned
// name that contains it as a word ("Xi Jinping", "Antony J. Blinken"),
// preferring the earliest on ties.
func fullName(name string, ments []mention) string {
	best := name
	for i := range ments {
		n := ments[i].name
		if len(n) <= len(best) || !ments[i].person {
			continue
		}
		if containsWords(n, name) {
			best = n
		}
	}
	return best
}

// containsWords reports whether every word of short appears as a whole
// word in long.
func containsWords(long, short string) bool {
	for _, w := range strings.Fields(short) {
		found := false
		for _, lw := range strings.Fields(long) {
			if lw == w {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// resolvePronoun resolves the pronoun at word p to the subject of the
// nearest preceding sentence that has one (centering: the subject is the
// likeliest antecedent; on a parsed Doc the root verb's subject first),
// else to the nearest preceding person mention.
// Plural and first-person pronouns keep their own text.
func resolvePronoun(v *view, p int, ments []mention, inQuote []bool) *schema.Speaker {
	s := &schema.Speaker{Start: int(v.words[p].start), End: int(v.words[p].end)}
	s.Text = v.w(p)
	s.Name = s.Text
	lw := lower(s.Text)
	if lw != "he" && lw != "she" {
		return s
	}
	// mentions before p, by sentence, nearest first
	si := int(v.sent[p])
	for back := 0; back <= 6 && si-back >= 0; back++ {
		sent := v.sents[si-back]
		var subj, any, root *mention
		for i := range ments {
			m := &ments[i]
			if m.first < sent.start || m.first >= sent.end || int(m.first) >= p || !m.person {
				continue
			}
			if m.subject && subj == nil {
				subj = m
			}
			if root == nil && m.subject && rootSubject(v, m) {
				root = m
			}
			any = m
		}
		if root != nil {
			// the main clause's subject outranks one in a leading
			// subordinate clause ("When Trump suggested …, Rubio fired back")
			subj = root
		}
		if subj != nil {
			s.Name = fullName(subj.name, ments)
			return s
		}
		if any != nil {
			s.Name = fullName(any.name, ments)
			return s
		}
	}
	return s
}

// rootSubject reports whether, by the parse, mention m is the subject of
// its sentence's root verb.
func rootSubject(v *view, m *mention) bool {
	toks := v.doc.Tokens
	if len(toks) != len(v.words) {
		return false
	}
	for i := m.first; i < m.last; i++ {
		t := &toks[i]
		if (t.Rel == "nsubj" || t.Rel == "nsubj:pass") && t.Head >= 0 && int(t.Head) < len(toks) && toks[t.Head].Head < 0 {
			return true
		}
	}
	return false
}

// findMentions lists the named mentions outside quotes, in text order: the
// recogniser's PER/ORG/GPE spans when the Doc is tagged, else runs of
// capitalised words.
func findMentions(v *view, inQuote []bool) []mention {
	var ments []mention
	midCap := map[string]bool{} // words seen capitalised away from a sentence start
	for _, s := range v.sents {
		for i := s.start + 1; i < s.end; i++ {
			w := v.w(int(i))
			if capitalised(w) && v.w(int(i-1)) != "“" && v.w(int(i-1)) != "\"" {
				midCap[w] = true
			}
		}
	}
	tagged := v.tagged()
	headline := make([]bool, len(v.sents))
	for si, s := range v.sents {
		caps, n := 0, 0
		for i := s.start; i < s.end; i++ {
			if w := v.w(int(i)); !v.isPunct(int(i)) {
				n++
				if capitalised(w) {
					caps++
				}
			}
		}
		last := v.w(int(s.end - 1))
		headline[si] = (si == 0 || n >= 8) && n >= 4 && caps*10 >= n*6 && last != "." && last != "”" && last != "\""
	}
	for i := 0; i < len(v.words); i++ {
		if inQuote[i] || (!tagged && headline[v.sent[i]]) {
			continue
		}
		var j int
		person, place := false, false
		if e := v.ent(i); tagged && e != "" {
			place = e == "LOC" || e == "GPE"
			j = i + 1
			for j < len(v.words) && v.ent(j) == e && !strings.HasPrefix(v.doc.Tokens[v.words[j].tok].Ent, "B-") &&
				!strings.HasPrefix(v.doc.Tokens[v.words[j].tok].Ent, "U-") {
				j++
			}
			person = e == "PER" || e == "PERSON"
		} else {
			w := v.w(i)
			if !capitalised(w) || notNames[w] {
				continue
			}
			if int(v.sents[v.sent[i]].start) == i && !midCap[w] && !titles[w] {
				continue // a capitalised sentence opener that is not a name elsewhere
			}
			j = i + 1
			for j < len(v.words) && !inQuote[j] && v.sent[j] == v.sent[i] && capitalised(v.w(j)) && !notNames[v.w(j)] &&
				!possessive(v, j-1) && (!tagged || v.ent(j) == "") {
				j++
			}
			// With a recogniser, a capitalised run it left untagged is kept
			// as a fallback candidate but never as a person.
			person = !tagged && personLike(v, i, j)
		}
		if allTitles(v, i, j) {
			i = j - 1
			continue // "Mr.", "Foreign Minister" left untagged before a name
		}
		// strip leading titles from the name, keep them in the span
		a := i
		for a < j-1 && (titles[v.w(a)] || lower(v.w(a)) == "of") {
			a++
		}
		name := joinWords(v, a, j)
		if strings.HasSuffix(name, "’s") {
			name = name[:len(name)-len("’s")]
		} else if strings.HasSuffix(name, "'s") {
			name = name[:len(name)-2]
		}
		m := mention{first: int32(i), last: int32(j), name: name, person: person, place: place}
		m.subject = !possessive(v, j-1) && (i == 0 || !preps[lower(v.w(i-1))])
		ments = append(ments, m)
		i = j - 1
	}
	return ments
}

// allTitles reports whether words [a, b) are all titles ("Foreign Minister").
func allTitles(v *view, a, b int) bool {
	for i := a; i < b; i++ {
		if !titles[v.w(i)] {
			return false
		}
	}
	return true
}

// personLike guesses, without a recogniser, whether capitalised words
// [a, b) name a person: a title before them or inside, or two to four words
// none of which marks an organisation or place.
func personLike(v *view, a, b int) bool {
	if titles[v.w(a)] || (a > 0 && titles[v.w(a-1)]) {
		return true
	}
	if b-a > 1 && !isTranscriptName(v, b-1) {
		allCaps := true
		for i := a; i < b; i++ {
			if w := v.w(i); strings.ToUpper(w) != w {
				allCaps = false
			}
		}
		if allCaps {
			return false // a dateline or a shouted headline
		}
	}
	for i := a; i < b; i++ {
		w := v.w(i)
		if orgWords[strings.TrimSuffix(strings.TrimSuffix(w, "’s"), "'s")] {
			return false
		}
		if len(w) > 1 && strings.ToUpper(w) == w && !strings.Contains(w, ".") && b-a == 1 && !isTranscriptName(v, i) {
			return false // an acronym
		}
	}
	return true
}

// isTranscriptName reports whether an all-caps word is a transcript speaker
// label ("PENCE:").
func isTranscriptName(v *view, i int) bool {
	return i+1 < len(v.words) && v.w(i+1) == ":"
}

func possessive(v *view, i int) bool {
	w := v.w(i)
	if strings.HasSuffix(w, "’s") || strings.HasSuffix(w, "'s") {
		return true
	}
	if i+1 < len(v.words) {
		n := v.w(i + 1)
		return n == "’s" || n == "'s" || n == "’" || n == "'"
	}
	return false
}

// joinWords returns the text of words [a, b), which is a substring of the
// text when they are contiguous.
func joinWords(v *view, a, b int) string {
	return v.text[v.words[a].start:v.words[b-1].end]
}

// indirectQuotes finds reported speech: "X said (that) …", "…, X said.",
// "according to X, …" and "…, according to X." Words already used by a
// direct quote's attribution and quoted words are skipped.
func indirectQuotes(v *view, ments []mention, inQuote, used []bool) []schema.Quote {
	var out []schema.Quote
	for _, s := range v.sents {
		lo, hi := int(s.start), int(s.end)
		// trim final punctuation
		end := hi
		for end > lo && v.isPunct(end-1) && v.w(end-1) != "”" && v.w(end-1) != "\"" {
			end--
		}
		for k := lo; k < end; k++ {
			if inQuote[k] || used[k] {
				continue
			}
			w := lower(v.w(k))
			if w == "according" && k+1 < end && lower(v.w(k+1)) == "to" {
				spk := speakerAfter(v, k+1, ments, inQuote)
				if spk == nil {
					continue
				}
				spEnd := v.wordAt(int32(spk.End))
				var cs, ce int
				if k == lo {
					// "According to X, …"
					cs = spEnd
					for cs < end && v.isPunct(cs) {
						cs++
					}
					ce = end
				} else {
					cs, ce = lo, k
					for ce > cs && v.isPunct(ce-1) {
						ce--
					}
				}
				if q, ok := makeIndirect(v, cs, ce, "according to", spk, inQuote); ok {
					out = append(out, q)
				}
				break
			}
			if !indirectCues[w] || (k > lo && lower(v.w(k-1)) == "to") {
				continue
			}
			// "…, X said." — cue at the end of the sentence after a comma.
			if spk := speakerBefore(v, k, lo, ments, inQuote); spk != nil {
				sp := v.wordAt(int32(spk.Start))
				tail := countWords(v, k+1, end)
				if sp > lo && v.w(sp-1) == "," && tail <= 4 {
					ce := sp - 1
					if q, ok := makeIndirect(v, lo, ce, v.w(k), spk, inQuote); ok {
						out = append(out, q)
					}
					break
				}
				// "X said (that) …" — content after the cue (and a told-object).
				cs := k + 1
				if w == "told" || w == "tells" {
					for cs < end && cs < k+6 && lower(v.w(cs)) != "that" && v.w(cs) != "," {
						cs++
					}
					if cs >= end || cs == k+6 {
						continue
					}
				} else {
					// "said Monday that …", "said in a statement that …"
					for t := cs; t < end && t < k+7; t++ {
						if v.isPunct(t) {
							break
						}
						if lower(v.w(t)) == "that" {
							cs = t
							break
						}
					}
				}
				for cs < end && v.w(cs) == "," {
					cs++
				}
				if cs < end && (v.w(cs) == ":" || v.w(cs) == "“" || v.w(cs) == "\"") {
					continue
				}
				if countWords(v, cs, end) >= 3 {
					if q, ok := makeIndirect(v, cs, end, v.w(k), spk, inQuote); ok {
						out = append(out, q)
					}
					break
				}
				continue
			}
			// "…, said X." — inverted cue at the sentence end.
			if k > lo && v.w(k-1) == "," {
				if spk := speakerAfter(v, k, ments, inQuote); spk != nil {
					after := v.wordAt(int32(spk.End))
					if countWords(v, after, end) <= 4 {
						if q, ok := makeIndirect(v, lo, k-1, v.w(k), spk, inQuote); ok {
							out = append(out, q)
						}
						break
					}
				}
			}
		}
	}
	return out
}

// makeIndirect builds an indirect quote over words [a, b), refusing spans
// that are mostly inside quotation marks (those are direct quotes).
func makeIndirect(v *view, a, b int, cue string, spk *schema.Speaker, inQuote []bool) (schema.Quote, bool) {
	if b <= a || countWords(v, a, b) < 3 {
		return schema.Quote{}, false
	}
	q := 0
	for i := a; i < b; i++ {
		if inQuote[i] {
			q++
		}
	}
	if q*2 > b-a {
		return schema.Quote{}, false
	}
	// "…, according to a statement" closing a reported clause is attribution, not content.
	for i := a + 1; i+1 < b; i++ {
		if v.w(i) == "," && lower(v.w(i+1)) == "according" {
			b = i
			break
		}
	}
	s, e := v.words[a].start, v.words[b-1].end
	return schema.Quote{Text: v.text[s:e], Start: int(s), End: int(e), Direct: false, Cue: cue, Speaker: spk}, true
}
