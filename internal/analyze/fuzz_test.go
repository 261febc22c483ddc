package analyze

import (
	"testing"
	"time"

	"github.com/detente-project/detente/internal/text"
	"github.com/detente-project/detente/internal/tokenize"
)

// FuzzAnalyze checks that no analysis panics and that every span it returns
// matches its offsets, on bare and tokenized documents.
func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{
		"", "\"", "“”", "\xff\xfe\xfd", "On Monday, June 19, Xi said: “Yes.” He added, \"no\"",
		"“…,” he said. “…”", "according to", "in the Great Hall of the People", "PENCE: Well.\n\nWALLACE: So?",
		"Mr. Smith (R-Ky.), who spoke, said \"x y z w.\"", "2023-13-45 6/99/2023 31 February 2020 last",
		"“Yes.”—Jane Doe", "“No”Jane said", "\"x\"-\"y\" said Bob", "“a b c d.”\n\n— Jane Doe, 34",
		"'“It’s”' he said, “ok”.", "“x,“ said A. “y“",
	} {
		f.Add(s)
	}
	pub := time.Date(2023, 6, 19, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		for _, tok := range []bool{false, true} {
			d := &text.Doc{Text: s}
			if tok {
				tokenize.Tokenize(d)
			}
			for _, m := range Dates(d, pub) {
				if s[m.Start:m.End] != m.Text {
					t.Fatalf("date %q offsets", m.Text)
				}
			}
			for _, q := range Quotes(d, nil) {
				if s[q.Start:q.End] != q.Text || (q.Speaker != nil && s[q.Speaker.Start:q.Speaker.End] != q.Speaker.Text) {
					t.Fatalf("quote %+v offsets", q)
				}
			}
			for _, p := range Places(d, nil, nil) {
				t.Fatalf("place %+v without a gazetteer", p)
			}
			for _, x := range Summary(d, nil, nil, 3) {
				if s[x.Start:x.End] != x.Text {
					t.Fatalf("summary %q offsets", x.Text)
				}
			}
			if tn := Tone(d); tn.Positive < 0 || tn.Negative < 0 || tn.Positive > 100 || tn.Negative > 100 {
				t.Fatalf("tone %+v", tn)
			}
		}
	})
}
