package tag

import (
	"reflect"
	"testing"
)

func TestRoughTokens(t *testing.T) {
	got := roughTokens(`"We don't know," Blinken’s aide said (in Beijing) at 5 p.m.`)
	want := []string{`"`, "We", "do", "n't", "know", ",", `"`, "Blinken", "’s", "aide", "said", "(", "in", "Beijing", ")", "at", "5", "p.m."}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("roughTokens:\n got %q\nwant %q", got, want)
	}
}

// Words capitalised mid-sequence fall in another bucket than words that
// are not.
func TestCapsBuckets(t *testing.T) {
	caps := capsBuckets([][]string{{"x", "Paris", "paris"}, {"y", "Paris"}, {"z", "Paris"}, {"a", "the"}, {"b", "the"}, {"c", "the"}})
	if caps["paris"] == caps["the"] || caps["paris"] == 0 || caps["the"] == 0 {
		t.Errorf("capitalisation buckets: paris %d, the %d", caps["paris"], caps["the"])
	}
}
