package analyze

import (
	"strconv"
	"strings"
	"time"

	dateparser "github.com/markusmobius/go-dateparser"

	"github.com/detente-project/detente/internal/schema"
	"github.com/detente-project/detente/internal/text"
)

// Date resolution rules (the publication date is "pub"):
//
//   - A bare or "on" weekday ("on Monday", "Tuesday's meeting", "Sunday
//     night") is the latest such day on or before pub: news reports the past,
//     and a story published on a Monday about "Monday" means that day. When
//     the sentence speaks of the future before the expression ("will meet on
//     Friday", "is scheduled to … Friday") it is the next such day on or
//     after pub. "last Monday" is strictly before pub, "next Monday"
//     strictly after, "this Monday" the one in pub's week (weeks start on
//     Monday).
//   - Weeks resolve to their Monday (YYYY-MM-DD), months to YYYY-MM, years
//     to YYYY; "N days ago" is a day, "N weeks ago" the day N×7 earlier.
//   - A month and day without a year ("June 18") takes the year that puts it
//     closest to pub.
//   - Numeric dates (2023-06-18, 6/18/2023) are parsed by go-dateparser in
//     month-first (US) order.

var weekdays = map[string]time.Weekday{
	"monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
	"sunday": time.Sunday,
}

var months = map[string]time.Month{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "jan.": 1, "feb": 2, "feb.": 2, "mar.": 3, "apr": 4, "apr.": 4, "jun.": 6,
	"jul.": 7, "aug": 8, "aug.": 8, "sep": 9, "sep.": 9, "sept": 9, "sept.": 9,
	"oct": 10, "oct.": 10, "nov": 11, "nov.": 11, "dec": 12, "dec.": 12,
}

var numberWords = map[string]int{
	"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
	"fifteen": 15, "twenty": 20, "thirty": 30,
}

var partsOfDay = map[string]bool{
	"morning": true, "afternoon": true, "evening": true, "night": true, "overnight": true,
}

// yearPreps are the words after which a bare four-digit number is a year.
var yearPreps = map[string]bool{
	"in": true, "since": true, "by": true, "until": true, "till": true, "during": true,
	"from": true, "of": true, "before": true, "after": true, "early": true, "late": true,
	"mid": true, "throughout": true, "through": true, "to": true, "between": true, "and": true,
}

// futureCues mark a sentence that looks ahead.
var futureCues = map[string]bool{
	"will": true, "'ll": true, "’ll": true, "shall": true, "scheduled": true, "planned": true,
	"plans": true, "expected": true, "upcoming": true, "due": true, "tomorrow": true,
}

// dateScanner holds one call's inputs; it is not shared.
type dateScanner struct {
	v   *view
	pub time.Time
	out []schema.DateMention
}

// Dates finds the date expressions in d and resolves each against the
// publication date pub. Offsets are byte offsets into d.Text.
func Dates(d *text.Doc, pub time.Time) []schema.DateMention {
	if d == nil || len(d.Text) == 0 {
		return nil
	}
	pub = time.Date(pub.Year(), pub.Month(), pub.Day(), 12, 0, 0, 0, time.UTC)
	s := &dateScanner{v: newView(d), pub: pub}
	for i := 0; i < len(s.v.words); {
		if n := s.match(i); n > 0 {
			i += n
		} else {
			i++
		}
	}
	if pub.Year() < 100 {
		// No publication date: keep only expressions that state their own
		// year; relative ones ("on Monday", "June 18") cannot be resolved.
		kept := s.out[:0]
		for _, m := range s.out {
			if y, err := strconv.Atoi(m.Value[:min(4, len(m.Value))]); err == nil && y >= 100 {
				kept = append(kept, m)
			}
		}
		s.out = kept
	}
	return s.out
}

// lw returns the lower-cased word i, or "" past the end.
func (s *dateScanner) lw(i int) string {
	if i < 0 || i >= len(s.v.words) {
		return ""
	}
	return lower(s.v.w(i))
}

func (s *dateScanner) emit(a, b int, value string) int {
	st, en := s.v.words[a].start, s.v.words[b-1].end
	s.out = append(s.out, schema.DateMention{Text: s.v.text[st:en], Value: value, Start: int(st), End: int(en)})
	return b - a
}

func day(t time.Time) string   { return t.Format("2006-01-02") }
func month(t time.Time) string { return t.Format("2006-01") }
func year(t time.Time) string  { return strconv.Itoa(t.Year()) }

// mondayOf returns the Monday of t's week.
func mondayOf(t time.Time) time.Time {
	off := (int(t.Weekday()) + 6) % 7
	return t.AddDate(0, 0, -off)
}

// dateStarters are the lower-case words that can begin a date expression
// besides digits, month names and weekday names.
var dateStarters = map[string]bool{
	"on": true, "in": true, "last": true, "this": true, "next": true, "past": true,
	"coming": true, "earlier": true, "later": true, "early": true, "late": true, "today": true,
	"tonight": true, "yesterday": true, "tomorrow": true,
}

// canStart reports cheaply whether a date expression may begin with w.
func canStart(w string) bool {
	if w == "" {
		return false
	}
	if w[0] >= '0' && w[0] <= '9' {
		return true
	}
	if dateStarters[w] || numberWords[w] > 0 {
		return true
	}
	if _, ok := months[w]; ok {
		return true
	}
	if i := strings.IndexAny(w, "'’"); i > 0 {
		w = w[:i]
	}
	_, ok := weekdays[w]
	return ok
}

// match tries every pattern at word i and returns the words consumed.
func (s *dateScanner) match(i int) int {
	w := s.lw(i)
	if !canStart(w) {
		return 0
	}
	lead := 0 // a leading "on"/"in" kept in the mention text
	if w == "on" || w == "in" {
		lead = 1
	}
	j := i + lead
	wj := s.lw(j)

	// Numeric dates: 2023-06-18, 6/18/2023.
	if n := s.numeric(i, j); n > 0 {
		return n
	}
	// Month-based absolute dates.
	if n := s.monthDate(i, j); n > 0 {
		return n
	}
	// Day-month: "18 June 2023".
	if d, ok := dayNumber(wj); ok {
		if m, ok := months[s.lw(j+1)]; ok && (s.lw(j+1) != "may" || capitalised(s.v.w(j+1))) {
			y, k := s.yearAt(j + 2)
			return s.emit(i, k, s.fullDate(y, m, d))
		}
	}
	// Weekdays.
	if n := s.weekday(i); n > 0 {
		return n
	}
	switch w {
	case "today", "tonight":
		return s.emit(i, i+1, day(s.pub))
	case "yesterday":
		return s.emit(i, i+1, day(s.pub.AddDate(0, 0, -1)))
	case "tomorrow":
		return s.emit(i, i+1, day(s.pub.AddDate(0, 0, 1)))
	case "last", "this", "next", "past", "coming":
		if n := s.relative(i, i, w); n > 0 {
			return n
		}
	case "earlier", "later", "early", "late":
		if n := s.relative(i, i+1, s.lw(i+1)); n > 0 {
			return n
		}
	}
	// "N days/weeks/months/years ago"
	if n := s.ago(i); n > 0 {
		return n
	}
	// Years: "in 2019", "since 2016", "the 2019 election".
	if y, ok := yearNumber(wj); ok && (lead == 1 || yearPreps[s.lw(i-1)] || yearPreps[w]) {
		if lead == 0 && yearPreps[w] {
			return 0 // the preposition itself; the year is matched at i+1
		}
		return s.emit(i, j+1, strconv.Itoa(y))
	}
	return 0
}

// numeric matches ISO and US numeric dates at word j (with the lead from i).
func (s *dateScanner) numeric(i, j int) int {
	if j >= len(s.v.words) {
		return 0
	}
	st := s.v.words[j].start
	// Gather up to 5 words that make up the numeric date without spaces.
	end := j
	for k := j; k < len(s.v.words) && k < j+5; k++ {
		w := s.v.w(k)
		if k > j && s.v.words[k].start != s.v.words[k-1].end {
			break
		}
		if !numericWord(w) {
			break
		}
		end = k + 1
	}
	if end == j {
		return 0
	}
	raw := s.v.text[st:s.v.words[end-1].end]
	if !isISODate(raw) && strings.Count(raw, "/") != 2 {
		return 0
	}
	cfg := &dateparser.Configuration{
		Languages:   []string{"en"},
		CurrentTime: s.pub,
		DateOrder:   func(string) string { return "MDY" },
	}
	if isISODate(raw) {
		cfg.DateOrder = func(string) string { return "YMD" }
	}
	dt, err := dateparser.Parse(cfg, raw)
	if err != nil || dt.IsZero() {
		return 0
	}
	return s.emit(i, end, day(dt.Time))
}

// numericWord reports whether w holds only digits, '/' and '-'.
func numericWord(w string) bool {
	for i := 0; i < len(w); i++ {
		if (w[i] < '0' || w[i] > '9') && w[i] != '/' && w[i] != '-' {
			return false
		}
	}
	return w != ""
}

func isDigits(w string) bool {
	if w == "" {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

// isISODate reports whether w has the shape YYYY-MM-DD.
func isISODate(w string) bool {
	if len(w) != 10 || w[4] != '-' || w[7] != '-' {
		return false
	}
	return isDigits(w[:4]) && isDigits(w[5:7]) && isDigits(w[8:])
}

// monthDate matches "June 18", "June 18, 2023", "June 18th", "June 2023",
// "mid-June", "in June", "last June" and "early June" at word j.
func (s *dateScanner) monthDate(i, j int) int {
	wj := s.lw(j)
	m, ok := months[wj]
	if !ok {
		return 0
	}
	raw := s.v.w(j)
	if !capitalised(raw) {
		return 0
	}
	if d, ok := dayNumber(s.lw(j + 1)); ok {
		k := j + 2
		if s.lw(k) == "," {
			if _, ok := yearNumber(s.lw(k + 1)); ok {
				k++
			}
		}
		y, k2 := s.yearAt(k)
		if k2 == k && s.lw(j+2) == "," {
			k2 = j + 2 // do not swallow the comma
		}
		return s.emit(i, k2, s.fullDate(y, m, d))
	}
	if y, ok := yearNumber(s.lw(j + 1)); ok {
		return s.emit(i, j+2, time.Date(y, m, 1, 0, 0, 0, 0, time.UTC).Format("2006-01"))
	}
	// A month alone needs a lead word so that "May" the verb and "March" the
	// noun are not taken: in/since/by/until/last/next/this/early/late/mid.
	prev := s.lw(i - 1)
	if i == j {
		switch prev {
		case "since", "by", "until", "till", "through", "during", "from", "before", "after":
		default:
			return 0
		}
	}
	y := s.pub.Year()
	if m > s.pub.Month() {
		y-- // "in June" read in March is last June
	}
	return s.emit(i, j+1, time.Date(y, m, 1, 0, 0, 0, 0, time.UTC).Format("2006-01"))
}

// yearAt reads an optional year at word k; it returns the year (0 when
// absent) and the index after it.
func (s *dateScanner) yearAt(k int) (int, int) {
	if y, ok := yearNumber(s.lw(k)); ok {
		return y, k + 1
	}
	return 0, k
}

// fullDate formats a day; without a year it takes the year that puts the
// date closest to the publication date.
func (s *dateScanner) fullDate(y int, m time.Month, d int) string {
	if y == 0 {
		best := time.Time{}
		bestDiff := time.Duration(1<<63 - 1)
		for _, yy := range []int{s.pub.Year() - 1, s.pub.Year(), s.pub.Year() + 1} {
			t := time.Date(yy, m, d, 12, 0, 0, 0, time.UTC)
			diff := t.Sub(s.pub)
			if diff < 0 {
				diff = -diff
			}
			if diff < bestDiff {
				best, bestDiff = t, diff
			}
		}
		return day(best)
	}
	t := time.Date(y, m, d, 12, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return strconv.Itoa(y) + "-" + twoDigits(int(m)) // an impossible day keeps the month
	}
	return day(t)
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// dayNumber parses "18", "18th", "1st" as a day of the month.
func dayNumber(w string) (int, bool) {
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf) {
			w = w[:len(w)-len(suf)]
			break
		}
	}
	if len(w) == 0 || len(w) > 2 || !isDigits(w) {
		return 0, false
	}
	d, _ := strconv.Atoi(w)
	return d, d >= 1 && d <= 31
}

// yearNumber parses a four-digit year between 1900 and 2099.
func yearNumber(w string) (int, bool) {
	if len(w) != 4 || !isDigits(w) {
		return 0, false
	}
	y, _ := strconv.Atoi(w)
	return y, y >= 1900 && y <= 2099
}

// weekday matches an optional modifier, a weekday, an optional possessive
// and part of day, and a following ", June 19" which makes it absolute.
func (s *dateScanner) weekday(i int) int {
	mod := s.lw(i)
	j := i
	switch mod {
	case "on", "last", "next", "this", "past", "coming":
		j = i + 1
	default:
		mod = ""
	}
	name := s.lw(j)
	poss := strings.HasSuffix(name, "’s") || strings.HasSuffix(name, "'s")
	if poss {
		name = strings.TrimSuffix(strings.TrimSuffix(name, "’s"), "'s")
	}
	wd, ok := weekdays[name]
	if !ok || !capitalised(s.v.w(j)) {
		return 0
	}
	end := j + 1
	if w := s.lw(end); w == "'s" || w == "’s" {
		end++
	}
	if partsOfDay[s.lw(end)] {
		end++
	}
	// "Monday, June 19(, 2023)" — the absolute date decides.
	if s.lw(end) == "," {
		if _, ok := months[s.lw(end+1)]; ok {
			save := len(s.out)
			if n := s.monthDate(end+1, end+1); n > 0 {
				m := s.out[save]
				s.out = s.out[:save]
				return s.emit(i, end+1+n, m.Value)
			}
		}
	}
	var t time.Time
	back := (int(s.pub.Weekday()) - int(wd) + 7) % 7 // days back to the latest wd on or before pub
	switch mod {
	case "last", "past":
		if back == 0 {
			back = 7
		}
		t = s.pub.AddDate(0, 0, -back)
	case "next", "coming":
		fwd := (int(wd) - int(s.pub.Weekday()) + 7) % 7
		if fwd == 0 {
			fwd = 7
		}
		t = s.pub.AddDate(0, 0, fwd)
	case "this":
		t = mondayOf(s.pub).AddDate(0, 0, (int(wd)+6)%7)
	default:
		if back != 0 && s.futureBefore(i) {
			t = s.pub.AddDate(0, 0, 7-back)
		} else {
			t = s.pub.AddDate(0, 0, -back)
		}
	}
	return s.emit(i, end, day(t))
}

// futureBefore reports whether the sentence of word i speaks of the future
// before word i.
func (s *dateScanner) futureBefore(i int) bool {
	sent := s.v.sents[s.v.sent[i]]
	for k := int(sent.start); k < i; k++ {
		w := s.lw(k)
		if futureCues[w] {
			return true
		}
		if (w == "is" || w == "are") && s.lw(k+1) == "to" {
			return true
		}
	}
	return false
}

// relative matches "last week", "this month", "next year", "earlier this
// month", "later this week", "last weekend", "last night", "this morning"
// starting at word i with the modifier word at m.
func (s *dateScanner) relative(i, m int, mod string) int {
	if m != i { // "earlier this month", "late last year", "early next week"
		if mod != "this" && mod != "last" && mod != "next" {
			// "earlier in the week" and the like are not resolved
			return 0
		}
	}
	unit := s.lw(m + 1)
	end := m + 2
	p := s.pub
	switch unit {
	case "week":
		switch mod {
		case "last", "past":
			return s.emit(i, end, day(mondayOf(p).AddDate(0, 0, -7)))
		case "this":
			return s.emit(i, end, day(mondayOf(p)))
		case "next", "coming":
			return s.emit(i, end, day(mondayOf(p).AddDate(0, 0, 7)))
		}
	case "weekend":
		sat := mondayOf(p).AddDate(0, 0, 5)
		switch mod {
		case "last", "past":
			if !sat.Before(p) || day(sat) == day(p) {
				sat = sat.AddDate(0, 0, -7)
			}
			if p.Weekday() == time.Sunday || p.Weekday() == time.Saturday {
				sat = mondayOf(p).AddDate(0, 0, 5-7)
			}
			return s.emit(i, end, day(sat))
		case "this":
			return s.emit(i, end, day(sat))
		case "next", "coming":
			return s.emit(i, end, day(sat.AddDate(0, 0, 7)))
		}
	case "month":
		switch mod {
		case "last", "past":
			return s.emit(i, end, month(firstOfMonth(p).AddDate(0, -1, 0)))
		case "this":
			return s.emit(i, end, month(p))
		case "next", "coming":
			return s.emit(i, end, month(firstOfMonth(p).AddDate(0, 1, 0)))
		}
	case "year":
		switch mod {
		case "last", "past":
			return s.emit(i, end, strconv.Itoa(p.Year()-1))
		case "this":
			return s.emit(i, end, year(p))
		case "next", "coming":
			return s.emit(i, end, strconv.Itoa(p.Year()+1))
		}
	case "night":
		switch mod {
		case "last":
			return s.emit(i, end, day(p.AddDate(0, 0, -1)))
		case "this":
			return s.emit(i, end, day(p))
		}
	case "morning", "afternoon", "evening":
		if mod == "this" {
			return s.emit(i, end, day(p))
		}
	}
	if m != i {
		return 0
	}
	// "last June", "next March"
	if mth, ok := months[unit]; ok && capitalised(s.v.w(m+1)) && !strings.HasSuffix(unit, ".") {
		y := p.Year()
		switch mod {
		case "last", "past":
			if mth >= p.Month() {
				y--
			}
		case "next", "coming":
			if mth <= p.Month() {
				y++
			}
		}
		return s.emit(i, end, time.Date(y, mth, 1, 0, 0, 0, 0, time.UTC).Format("2006-01"))
	}
	return 0
}

func firstOfMonth(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), 1, 12, 0, 0, 0, time.UTC)
}

// ago matches "two days ago", "3 weeks ago", "a year ago".
func (s *dateScanner) ago(i int) int {
	w := s.lw(i)
	n, ok := numberWords[w]
	if !ok {
		if !isDigits(w) || len(w) > 3 {
			return 0
		}
		n, _ = strconv.Atoi(w)
	}
	unit := strings.TrimSuffix(s.lw(i+1), "s")
	if s.lw(i+2) != "ago" {
		return 0
	}
	p := s.pub
	switch unit {
	case "day":
		return s.emit(i, i+3, day(p.AddDate(0, 0, -n)))
	case "week":
		return s.emit(i, i+3, day(p.AddDate(0, 0, -7*n)))
	case "month":
		return s.emit(i, i+3, month(firstOfMonth(p).AddDate(0, -n, 0)))
	case "year":
		return s.emit(i, i+3, strconv.Itoa(p.Year()-n))
	}
	return 0
}

// GoverningDate picks the date of an event from the date mentions of its
// article: the mention closest to the event's trigger among those inside
// the event's clause [clauseStart, clauseEnd) (byte offsets; pass the
// sentence span when the clause is unknown), preferring day-precise values
// on ties. With no mention there it returns the publication date and an
// empty date text, so callers can tell a stated date from a default.
func GoverningDate(dates []schema.DateMention, clauseStart, clauseEnd, trigger int, published string) (value, dateText string) {
	best := -1
	bestDist := 0
	for i, m := range dates {
		if m.Start < clauseStart || m.End > clauseEnd {
			continue
		}
		dist := m.Start - trigger
		if dist < 0 {
			dist = trigger - m.End
		}
		if best < 0 || dist < bestDist || (dist == bestDist && len(m.Value) > len(dates[best].Value)) {
			best, bestDist = i, dist
		}
	}
	if best < 0 {
		return published, ""
	}
	return dates[best].Value, dates[best].Text
}
