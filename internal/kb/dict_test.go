package kb

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestParseActorDictFormat(t *testing.T) {
	src := "# comment\n" +
		"AFGHANISTAN_  [AFG]\n" +
		"+AFGHAN_\n" +
		"MOHAMMAD_ZAHIR_SHAH_  ; CountryInfo.txt\n" +
		"\t[AFGELI 320101-331108]\n" +
		"\t[AFGGOV 331108-730717]\n" +
		"\t[AFGELI]\n" +
		"BARACK_OBAMA\n" +
		"+PRESIDENT_OBAMA_\n" +
		"\t[USAELI 780101-000101]\n" +
		"\t[USAGOV >090120]\n" +
		"NULL_CODE_ENTRY\n" +
		"\t[BADCODE 99999-1]\n" +
		"BROKEN [USA\n" +
		"A_B+_C_D_ [USA]\n" +
		"\t[USAGOV 20000101-20010101]\n" +
		"+\n"
	d, err := ParseActorDict(strings.NewReader(src), "test.actors")
	if err != nil {
		t.Fatal(err)
	}
	if d.Lines != 17 || d.Records != 4 || d.NullCode != 1 || len(d.actors) != 3 {
		t.Errorf("counts: %s", d.Report())
	}
	wantBad := map[int]string{13: "bad date", 14: "unclosed [", 15: "'+' inside", 16: "restriction before any phrase", 17: "synonym before any phrase"}
	if len(d.Bad) != len(wantBad) {
		t.Errorf("bad lines: %s", d.Report())
	}
	for _, b := range d.Bad {
		if w, ok := wantBad[b.Line]; !ok || !strings.Contains(b.Reason, w) {
			t.Errorf("bad line %d: %q, want %q", b.Line, b.Reason, w)
		}
	}
	k := MustDefault().Extend(d)
	for _, c := range []struct{ m, date, code string }{
		{"Mohammad Zahir Shah", "1950-01-01", "AFGGOV"},
		{"Mohammad Zahir Shah", "1990-01-01", "AFGELI"},
		{"Afghanistan", "1990-01-01", "AFG"},
	} {
		r, ok := k.Resolve(c.m, mustDate(t, c.date))
		if !ok || r.Code != c.code {
			t.Errorf("%s on %s: %s %v, want %s (%v)", c.m, c.date, r.Code, ok, c.code, r.Evidence)
		}
	}
	// The embedded KB itself is unchanged.
	if _, ok := MustDefault().Actor("Mohammad Zahir Shah"); ok {
		t.Error("Extend modified the default KB")
	}
}

func TestParseAgentDictFormat(t *testing.T) {
	src := "!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON\n" +
		"<!-- comment -->\n" +
		"CATTLE!PERSON! [~AGR]\n" +
		"HUSBAND!PERSON![~AGR]\n" +
		"AIR_FORCE {} [~MIL] # ab 06 Jul 2005\n" +
		"ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]\n" +
		"PEACE_CAMPAIGNERS  [NGM~]\n" +
		"CABINETMAKER [~BUS]\n" +
		"NO_CODE_HERE\n" +
		"BAD [GOV]\n" +
		"UNDEF!THING! [~GOV]\n"
	d, err := ParseAgentDict(strings.NewReader(src), "test.agents")
	if err != nil {
		t.Fatal(err)
	}
	if d.Records != 6 || len(d.Bad) != 3 {
		t.Errorf("counts: %s", d.Report())
	}
	for _, b := range d.Bad {
		if b.Line != 9 && b.Line != 10 && b.Line != 11 {
			t.Errorf("unexpected bad line %v", b)
		}
	}
	k := MustDefault().Extend(d)
	for _, c := range []struct{ m, code string }{
		{"cattlemen", "AGR"}, {"Chinese cattlewomen", "CHNAGR"}, {"cabinetmakers", "BUS"},
		{"attorneys general", "GOVATG"}, {"Egyptian peace campaigners", "NGMEGY"},
		{"the Russian air force", "RUSMIL"},
	} {
		r, ok := k.Resolve(c.m, mustDate(t, seedDate))
		if !ok || r.Code != c.code {
			t.Errorf("%s: %s %v, want %s (%v)", c.m, r.Code, ok, c.code, r.Evidence)
		}
	}
}

// TestLoadSharedDictionaries loads the TABARI CountryInfo and PETRARCH
// Phoenix dictionaries from ../shared and reports counts and bad lines.
func TestLoadSharedDictionaries(t *testing.T) {
	dir := sharedDir(t)
	files := []struct {
		path   string
		agents bool
		min    int
	}{
		{"dictionaries/tabari/CountryInfo.120116.actors", false, 10000},
		{"dictionaries/petrarch2/dictionaries/Phoenix.Countries.actors.txt", false, 10000},
		{"dictionaries/petrarch2/dictionaries/Phoenix.International.actors.txt", false, 2000},
		{"dictionaries/petrarch2/dictionaries/Phoenix.MilNonState.actors.txt", false, 500},
		{"dictionaries/petrarch2/dictionaries/Phoenix.agents.txt", true, 1000},
		{"dictionaries/tabari/PSU.120522.agents", true, 1000},
	}
	var dicts []*Dict
	for _, f := range files {
		var d *Dict
		var err error
		if f.agents {
			d, err = LoadAgentDict(filepath.Join(dir, f.path))
		} else {
			d, err = LoadActorDict(filepath.Join(dir, f.path))
		}
		if err != nil {
			t.Fatal(err)
		}
		t.Log(d.Report())
		if d.Records < f.min {
			t.Errorf("%s: %d records, want ≥ %d", f.path, d.Records, f.min)
		}
		if len(d.Bad) > d.Records/50 {
			t.Errorf("%s: %d bad lines of %d records", f.path, len(d.Bad), d.Records)
		}
		if d.Phrases == 0 || d.Roles == 0 {
			t.Errorf("%s: nothing entered", f.path)
		}
		dicts = append(dicts, d)
	}
	k := MustDefault().Extend(dicts...)
	d := mustDate(t, seedDate)
	for _, c := range []struct{ m, date, code string }{
		// Only in the dictionaries.
		{"Mohammad Najibullah", "1990-01-01", "AFGGOV"},
		{"Hamid Karzai", "2005-01-01", "AFGGOV"},
		// Curated entries keep priority over the old dictionaries.
		{"Barack Obama", "2008-01-01", "USALEG"},
		{"Secretary of State Antony J. Blinken", seedDate, "USAGOV"},
		{"the Chinese foreign ministry", seedDate, "CHNGOV"},
	} {
		r, ok := k.Resolve(c.m, mustDate(t, c.date))
		if !ok || r.Code != c.code {
			t.Errorf("%s on %s: %s %v, want %s (%v)", c.m, c.date, r.Code, ok, c.code, r.Evidence)
		}
	}
	_ = d
	t.Logf("extended KB: %+v", k.Stats())
}

func FuzzParseDict(f *testing.F) {
	f.Add("AFGHANISTAN_  [AFG]\n+AFGHAN_\nX_\n\t[AFGGOV 331108-730717]\n\t[AFGELI >990101]\n")
	f.Add("!PERSON! = MAN, MEN\nCATTLE!PERSON! [~AGR]\nAIR_FORCE {} [~MIL]\nX {Y} [NGM~]\n")
	f.Add("\xff[\t]\n+[]]\n\t[ [ ]\n{}}[~]")
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseActorDict(strings.NewReader(s), "fuzz")
		if err == nil && d.Lines < strings.Count(s, "\n") {
			t.Errorf("lines %d < newlines", d.Lines)
		}
		a, _ := ParseAgentDict(strings.NewReader(s), "fuzz")
		_ = MustDefault().Extend(d, a)
	})
}
