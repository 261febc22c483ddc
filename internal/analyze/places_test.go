package analyze

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/detente-project/detente/internal/kb"
	"github.com/detente-project/detente/internal/schema"
	"github.com/detente-project/detente/internal/text"
	"github.com/detente-project/detente/internal/tokenize"
)

// kbGazetteer adapts the knowledge base's gazetteer to Gazetteer, trying the
// article's countries in order.
type kbGazetteer struct{ k *kb.KB }

func (g kbGazetteer) Place(name string, countries []string) (schema.Place, bool) {
	ctx := ""
	if len(countries) > 0 {
		ctx = countries[0]
	}
	p, ok := g.k.Place(name, ctx)
	if !ok {
		return schema.Place{}, false
	}
	return schema.Place{Name: p.Name, Country: p.Country, Lat: p.Lat, Lon: p.Lon, GeonameID: p.GeonameID}, true
}

func loadGazetteer(t *testing.T) Gazetteer {
	t.Helper()
	k, err := kb.Default()
	if err != nil {
		t.Skipf("knowledge base not available: %v", err)
	}
	return kbGazetteer{k}
}

func TestPlacesAndEventLocation(t *testing.T) {
	gz := loadGazetteer(t)
	s := "Blinken met Xi on Monday in Beijing. Blinken and Xi held talks at the Great Hall of the People. They spoke about trade."
	for mode, d := range docs(s) {
		ps := Places(d, gz, []string{"CHN", "USA"})
		var texts []string
		for _, p := range ps {
			if s[p.Start:p.End] != p.Text {
				t.Errorf("%s: place %q does not match its offsets", mode, p.Text)
			}
			texts = append(texts, p.Text)
		}
		if strings.Join(texts, "|") != "Beijing|Great Hall of the People" {
			t.Fatalf("%s: places %q", mode, texts)
		}
		for _, p := range ps {
			if p.Country != "CHN" || math.Abs(p.Lat-39.9) > 0.2 || math.Abs(p.Lon-116.4) > 0.2 {
				t.Errorf("%s: %q resolved to %+v, want Beijing", mode, p.Text, p)
			}
		}
		// event in sentence 1 ("met", byte 8), sentence 2 ("held", byte 55), sentence 3 none
		if loc := EventLocation(s, ps, 0, 36, 8); loc == nil || loc.Name != "Beijing" {
			t.Errorf("%s: sentence 1 location %+v", mode, loc)
		}
		if loc := EventLocation(s, ps, 37, 96, 55); loc == nil || loc.Country != "CHN" {
			t.Errorf("%s: sentence 2 location %+v", mode, loc)
		}
		if loc := EventLocation(s, ps, 97, len(s), 102); loc != nil {
			t.Errorf("%s: sentence 3 location %+v, want none", mode, loc)
		}
	}
}

func TestSeedSummary(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(sharedDir(t), "data", "seed", "blinken-xi.txt"))
	if err != nil {
		t.Fatal(err)
	}
	d := &text.Doc{Text: string(b)}
	tokenize.Tokenize(d)
	sum := Summary(d, nil, nil, 3)
	if len(sum) != 3 {
		t.Fatalf("got %d sentences", len(sum))
	}
	if sum[0].Index != 0 || !strings.HasPrefix(sum[0].Text, "Secretary of state Antony J. Blinken met Xi Jinping") {
		t.Errorf("lead sentence not chosen: %+v", sum[0])
	}
	for i := 1; i < len(sum); i++ {
		if sum[i].Index <= sum[i-1].Index {
			t.Errorf("summary not in article order: %+v", sum)
		}
	}
	for _, s := range sum {
		if d.Text[s.Start:s.End] != s.Text {
			t.Errorf("summary sentence offsets wrong: %q", s.Text)
		}
	}
	// with events: the event sentences win
	ev := []schema.Event{{Sentence: 4}, {Sentence: 4}, {Sentence: 6}}
	sum = Summary(d, ev, nil, 3)
	got := map[int]bool{}
	for _, s := range sum {
		got[s.Index] = true
	}
	if !got[4] {
		t.Errorf("sentence with two events not chosen: %+v", sum)
	}
}

// BenchmarkSeedArticle runs each analysis over the tokenized seed article.
func BenchmarkSeedArticle(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join(sharedDir(b), "data", "seed", "blinken-xi.txt"))
	if err != nil {
		b.Fatal(err)
	}
	d := &text.Doc{Text: string(raw)}
	tokenize.Tokenize(d)
	pub := time.Date(2023, 6, 19, 0, 0, 0, 0, time.UTC)
	b.Run("dates", func(b *testing.B) {
		for b.Loop() {
			Dates(d, pub)
		}
	})
	b.Run("tone", func(b *testing.B) {
		for b.Loop() {
			Tone(d)
		}
	})
	b.Run("quotes", func(b *testing.B) {
		for b.Loop() {
			Quotes(d, nil)
		}
	})
	b.Run("summary", func(b *testing.B) {
		for b.Loop() {
			Summary(d, nil, nil, 3)
		}
	})
}

// A city the recogniser calls an organisation (football clubs share city
// names) is still a place after "in"; an organisation that is no city is not.
func TestOrganisationNamedCity(t *testing.T) {
	gz := loadGazetteer(t)
	for mode, d := range docs("Officials met in Marseille on Monday. Officials met in Parliament on Tuesday.") {
		ps := Places(d, gz, nil)
		if len(ps) != 1 || ps[0].Country != "FRA" || ps[0].Text != "Marseille" {
			t.Errorf("%s: places %+v, want Marseille, FRA only", mode, ps)
		}
	}
}
