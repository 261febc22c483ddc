package kb

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestMatcherLongest(t *testing.T) {
	m := MustDefault().NewMatcher()
	cases := []struct {
		toks string // space-separated tokens
		n    int
		kind Kind
	}{
		{"Secretary of State Antony J. Blinken met Xi", 3, KindAgent},
		{"Antony J. Blinken met Xi", 3, KindPerson},
		{"Xi Jinping , China 's leader", 2, KindPerson},
		{"the White House said", 3, KindOrg},
		{"The Chinese foreign ministry", 2, KindCountry},
		{"foreign ministry spokesman", 2, KindAgent},
		{"U.S. officials", 1, KindCountry},
		{"US and China", 1, KindCountry},
		{"us and them", 0, 0},
		{"who said", 0, 0},
		{"WHO said", 1, KindOrg},
		{"UN Secretary-General António Guterres", 2, KindOrg},
		{"China's leader", 1, KindCountry},
		{"Beijing on Monday", 1, KindCapital},
		{"met on Monday", 0, 0},
		{"the", 0, 0},
		{", Beijing", 0, 0},
		{"", 0, 0},
		{"Doctors Without Borders said", 3, KindOrg},
		{"Barack Obama", 2, KindPerson},
	}
	for _, c := range cases {
		toks := strings.Fields(c.toks)
		n, kind := m.Longest(toks)
		if n != c.n || n > 0 && kind != c.kind {
			t.Errorf("Longest(%q) = %d %v, want %d %v", c.toks, n, kind, c.n, c.kind)
		}
	}
	n, r, ok := m.Resolve(strings.Fields("Antony J. Blinken met Xi Jinping"), mustDate(t, seedDate))
	if !ok || n != 3 || r.Code != "USAGOV" {
		t.Errorf("Resolve: %d %+v %v", n, r, ok)
	}
}

func TestMatcherNoAlloc(t *testing.T) {
	m := MustDefault().NewMatcher()
	toks := strings.Fields("Secretary of State Antony J. Blinken met Xi Jinping , China 's leader , on Monday in Beijing")
	allocs := testing.AllocsPerRun(100, func() {
		for i := range toks {
			m.Longest(toks[i:])
		}
	})
	if allocs != 0 {
		t.Errorf("Longest allocates %.1f times per sentence", allocs)
	}
}

func BenchmarkMatcherLongest(b *testing.B) {
	dir := sharedDir(b)
	_ = dir
	text := "Secretary of state Antony J. Blinken met Xi Jinping , China’s leader , on Monday in Beijing , as the two governments sought to pull relations out of a deep freeze that has raised global concerns about the growing risk of a conflict between them . Officials in Washington and Beijing increasingly speak of the need to halt the rapid decline in relations ."
	toks := strings.Fields(text)
	m := MustDefault().NewMatcher()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j := range toks {
			m.Longest(toks[j:])
		}
	}
	b.ReportMetric(float64(b.N*len(toks))/b.Elapsed().Seconds(), "tokens/s")
}

func BenchmarkResolve(b *testing.B) {
	k := MustDefault()
	d := mustDate(b, seedDate)
	for i := 0; i < b.N; i++ {
		k.Resolve("Secretary of state Antony J. Blinken", d)
		k.Resolve("the Chinese foreign ministry", d)
		k.Resolve("protesters in Hong Kong", d)
	}
}

func FuzzResolve(f *testing.F) {
	for _, c := range resolutionCases[:40] {
		f.Add(c.mention)
	}
	f.Add("\xff\xfe, , the 's")
	f.Add(strings.Repeat("the ", 100))
	k := MustDefault()
	m := k.NewMatcher()
	d := mustDate(f, seedDate)
	f.Fuzz(func(t *testing.T, s string) {
		r, ok := k.Resolve(s, d)
		if ok && r.Code == "" {
			t.Errorf("%q: ok with empty code", s)
		}
		toks := strings.Fields(s)
		n, _ := m.Longest(toks)
		if n < 0 || n > len(toks) {
			t.Errorf("%q: Longest = %d", s, n)
		}
		_, _ = k.Place(s, "")
		for _, w := range splitWords(s) {
			if !utf8.ValidString(w.text) && utf8.ValidString(s) {
				t.Errorf("%q: invalid word %q", s, w.text)
			}
			if w.start < 0 || w.end > len(s) || w.start > w.end {
				t.Errorf("%q: bad span %d..%d", s, w.start, w.end)
			}
		}
	})
}
