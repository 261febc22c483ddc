package textnorm

import "testing"

func TestNormalize(t *testing.T) {
	cases := map[string]string{
		"":                           "",
		"  a\u00a0 b \r\n\r\n\r\nc ": "a b\n\nc",
		"e\u0301\tx":                 "\u00e9 x",
		"a\x00b\xffc":                "ab\uFFFDc",
		"\ufeffline1\rline2":         "line1\nline2",
	}
	for in, want := range cases {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
		if again := Normalize(want); again != want {
			t.Errorf("Normalize not idempotent on %q: %q", want, again)
		}
	}
}

func TestIsDash(t *testing.T) {
	for _, w := range []string{"-", "--", "‒", "–", "—", "―"} {
		if !IsDash(w) {
			t.Errorf("IsDash(%q) = false", w)
		}
	}
	for _, w := range []string{"", "---x", "a", "−", ",", "-1"} {
		if IsDash(w) {
			t.Errorf("IsDash(%q) = true", w)
		}
	}
}
