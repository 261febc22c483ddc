package analyze

import (
	"testing"
	"time"

	"github.com/detente-project/detente/internal/text"
	"github.com/detente-project/detente/internal/tokenize"
)

// dateCases: sentence, publication date, the expected mention text and value.
// Publication weekdays: 2023-06-19 Monday, 2023-06-21 Wednesday,
// 2023-06-23 Friday, 2023-06-25 Sunday, 2024-01-03 Wednesday.
var dateCases = []struct {
	sent, pub, text, value string
}{
	// weekdays, latest on or before publication
	{"Blinken met Xi on Monday in Beijing.", "2023-06-19", "on Monday", "2023-06-19"},
	{"Blinken met Xi on Monday in Beijing.", "2023-06-21", "on Monday", "2023-06-19"},
	{"Blinken met Xi on Monday in Beijing.", "2023-06-25", "on Monday", "2023-06-19"},
	{"The talks ended on Friday.", "2023-06-23", "on Friday", "2023-06-23"},
	{"The talks ended on Friday.", "2023-06-21", "on Friday", "2023-06-16"},
	{"Officials met Sunday.", "2023-06-25", "Sunday", "2023-06-25"},
	{"Officials met Sunday.", "2023-06-19", "Sunday", "2023-06-18"},
	{"Tuesday's meeting was tense.", "2023-06-21", "Tuesday's", "2023-06-20"},
	{"Tuesday’s meeting was tense.", "2023-06-19", "Tuesday’s", "2023-06-13"},
	{"Protests broke out Sunday night.", "2023-06-19", "Sunday night", "2023-06-18"},
	{"Protests broke out Saturday morning.", "2023-06-19", "Saturday morning", "2023-06-17"},
	{"The vote took place on Wednesday.", "2023-06-21", "on Wednesday", "2023-06-21"},
	{"The vote took place on Thursday.", "2023-06-21", "on Thursday", "2023-06-15"},
	{"He arrived Friday.", "2024-01-03", "Friday", "2023-12-29"},
	// future tense looks ahead
	{"Xi will visit Moscow on Friday.", "2023-06-21", "on Friday", "2023-06-23"},
	{"Xi will visit Moscow on Friday.", "2023-06-23", "on Friday", "2023-06-23"},
	{"The summit is scheduled for Thursday.", "2023-06-19", "Thursday", "2023-06-22"},
	{"Talks are to resume Monday.", "2023-06-21", "Monday", "2023-06-26"},
	// last / next / this weekday
	{"They spoke last Monday.", "2023-06-19", "last Monday", "2023-06-12"},
	{"They spoke last Monday.", "2023-06-21", "last Monday", "2023-06-19"},
	{"They will speak next Monday.", "2023-06-19", "next Monday", "2023-06-26"},
	{"They will speak next Friday.", "2023-06-21", "next Friday", "2023-06-23"},
	{"Leaders meet this Friday.", "2023-06-19", "this Friday", "2023-06-23"},
	{"Leaders met this Monday.", "2023-06-23", "this Monday", "2023-06-19"},
	// weekday with an explicit date
	{"He spoke on Monday, June 19, 2023, in Beijing.", "2023-06-21", "on Monday, June 19, 2023", "2023-06-19"},
	{"It began Friday, June 2.", "2023-06-19", "Friday, June 2", "2023-06-02"},
	// month and day
	{"The deal was signed on June 18.", "2023-06-19", "on June 18", "2023-06-18"},
	{"The deal was signed June 18, 2023, in Paris.", "2023-07-01", "June 18, 2023", "2023-06-18"},
	{"The deal was signed on 18 June.", "2023-06-19", "on 18 June", "2023-06-18"},
	{"The deal was signed on 18 June 2021.", "2023-06-19", "on 18 June 2021", "2021-06-18"},
	{"Elections are set for Nov. 8.", "2023-06-19", "Nov. 8", "2023-11-08"},
	{"It happened on Dec. 30.", "2024-01-03", "on Dec. 30", "2023-12-30"},
	{"It will happen on January 5th.", "2023-12-28", "on January 5th", "2024-01-05"},
	{"The attack of Sept. 11, 2001, changed everything.", "2023-06-19", "Sept. 11, 2001", "2001-09-11"},
	{"The law passed in June 2020.", "2023-06-19", "in June 2020", "2020-06"},
	{"The law passed in June.", "2023-06-19", "in June", "2023-06"},
	{"The law passed in October.", "2023-06-19", "in October", "2022-10"},
	{"Prices have risen since March.", "2023-06-19", "March", "2023-03"},
	{"The plan was announced last March.", "2023-06-19", "last March", "2023-03"},
	{"The plan was announced last July.", "2023-06-19", "last July", "2022-07"},
	{"The vote is due next January.", "2023-06-19", "next January", "2024-01"},
	// relative days
	{"The minister resigned yesterday.", "2023-06-19", "yesterday", "2023-06-18"},
	{"The minister resigned yesterday.", "2024-01-01", "yesterday", "2023-12-31"},
	{"The minister resigns today.", "2023-06-19", "today", "2023-06-19"},
	{"The minister resigns tomorrow.", "2023-06-30", "tomorrow", "2023-07-01"},
	{"Riots broke out last night.", "2023-06-19", "last night", "2023-06-18"},
	{"He spoke this morning.", "2023-06-19", "this morning", "2023-06-19"},
	{"He will speak tonight.", "2023-06-19", "tonight", "2023-06-19"},
	{"The talks started two days ago.", "2023-06-19", "two days ago", "2023-06-17"},
	{"The talks started 3 days ago.", "2023-03-01", "3 days ago", "2023-02-26"},
	{"The talks started a week ago.", "2023-06-19", "a week ago", "2023-06-12"},
	{"The talks started two weeks ago.", "2023-06-19", "two weeks ago", "2023-06-05"},
	{"Fighting began three months ago.", "2023-06-19", "three months ago", "2023-03"},
	{"Fighting began a year ago.", "2023-06-19", "a year ago", "2022"},
	// weeks, months, years
	{"Ministers met last week.", "2023-06-21", "last week", "2023-06-12"},
	{"Ministers met last week.", "2023-06-19", "last week", "2023-06-12"},
	{"Ministers meet this week.", "2023-06-25", "this week", "2023-06-19"},
	{"Ministers meet next week.", "2023-06-21", "next week", "2023-06-26"},
	{"Ministers met earlier this week.", "2023-06-23", "earlier this week", "2023-06-19"},
	{"The strike began last weekend.", "2023-06-21", "last weekend", "2023-06-17"},
	{"The strike began last weekend.", "2023-06-19", "last weekend", "2023-06-17"},
	{"The strike begins this weekend.", "2023-06-21", "this weekend", "2023-06-24"},
	{"The army withdrew last month.", "2023-06-19", "last month", "2023-05"},
	{"The army withdrew last month.", "2024-01-03", "last month", "2023-12"},
	{"The army withdrew earlier this month.", "2023-06-19", "earlier this month", "2023-06"},
	{"The army withdraws next month.", "2023-12-19", "next month", "2024-01"},
	{"Growth slowed last year.", "2023-06-19", "last year", "2022"},
	{"Growth slowed this year.", "2023-06-19", "this year", "2023"},
	{"Growth will recover next year.", "2023-06-19", "next year", "2024"},
	{"Growth slowed late last year.", "2023-06-19", "late last year", "2022"},
	{"The war started in 2019.", "2023-06-19", "in 2019", "2019"},
	{"Tensions have grown since 2016.", "2023-06-19", "2016", "2016"},
	// numeric
	{"The decree dated 2023-06-18 was published.", "2023-06-19", "2023-06-18", "2023-06-18"},
	{"The decree dated 6/18/2023 was published.", "2023-06-19", "6/18/2023", "2023-06-18"},
}

func runDateCases(t *testing.T, tok bool) {
	for _, c := range dateCases {
		pub, err := time.Parse("2006-01-02", c.pub)
		if err != nil {
			t.Fatal(err)
		}
		d := &text.Doc{Text: c.sent}
		if tok {
			tokenize.Tokenize(d)
		}
		got := Dates(d, pub)
		found := false
		for _, m := range got {
			if c.sent[m.Start:m.End] != m.Text {
				t.Errorf("%q: mention %q does not match its offsets", c.sent, m.Text)
			}
			if m.Text == c.text {
				found = true
				if m.Value != c.value {
					t.Errorf("%q (pub %s): %q = %s, want %s", c.sent, c.pub, m.Text, m.Value, c.value)
				}
			}
		}
		if !found {
			t.Errorf("%q (pub %s): no mention %q; got %+v", c.sent, c.pub, c.text, got)
		}
	}
}

func TestDates(t *testing.T) {
	if len(dateCases) < 60 {
		t.Fatalf("only %d date cases", len(dateCases))
	}
	t.Run("bare", func(t *testing.T) { runDateCases(t, false) })
	t.Run("tokenized", func(t *testing.T) { runDateCases(t, true) })
}

func TestDatesNoFalsePositives(t *testing.T) {
	pub := time.Date(2023, 6, 19, 0, 0, 0, 0, time.UTC)
	for _, s := range []string{
		"May God bless America.",
		"They may march on the capital.",
		"The company employs 2019 people.",
		"He said nothing.",
		"",
		"\xff\xfe\x00 broken",
	} {
		if got := Dates(&text.Doc{Text: s}, pub); len(got) != 0 {
			t.Errorf("%q: got %+v, want none", s, got)
		}
	}
}

func TestGoverningDate(t *testing.T) {
	s := "Blinken met Xi on Monday in Beijing. Talks continue."
	pub := time.Date(2023, 6, 21, 0, 0, 0, 0, time.UTC)
	ds := Dates(&text.Doc{Text: s}, pub)
	v, txt := GoverningDate(ds, 0, 36, 8, "2023-06-21")
	if v != "2023-06-19" || txt != "on Monday" {
		t.Errorf("first sentence: got %s %q", v, txt)
	}
	v, txt = GoverningDate(ds, 37, len(s), 43, "2023-06-21")
	if v != "2023-06-21" || txt != "" {
		t.Errorf("second sentence: got %s %q, want publication date", v, txt)
	}
}

func BenchmarkDates(b *testing.B) {
	s := "Secretary of state Antony J. Blinken met Xi Jinping on Monday in Beijing, two days after talks last week. The visit, planned since March, follows a year of tension that began in 2019."
	pub := time.Date(2023, 6, 19, 0, 0, 0, 0, time.UTC)
	d := &text.Doc{Text: s}
	tokenize.Tokenize(d)
	b.ReportAllocs()
	for b.Loop() {
		Dates(d, pub)
	}
}

func TestDatesWithoutPublication(t *testing.T) {
	d := &text.Doc{Text: "They met on Monday, June 18, and again on 3 March 2021."}
	got := Dates(d, time.Time{})
	if len(got) != 1 || got[0].Value != "2021-03-03" {
		t.Fatalf("without a publication date want only the dated expression, got %+v", got)
	}
}
