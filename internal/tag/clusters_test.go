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

func TestBuildClustersSeparatesContexts(t *testing.T) {
	// Determiners precede nouns, nouns precede verbs: with two clusters the
	// three word sets must split along those contexts.
	dets := []string{"the", "a", "this", "that", "every"}
	nouns := []string{"cat", "dog", "bird", "fish", "horse"}
	verbs := []string{"ran", "slept", "ate", "sang", "fell"}
	var sents [][]string
	for r := 0; r < 20; r++ {
		for i := range dets {
			sents = append(sents, []string{dets[(i+r)%5], nouns[(i+2*r)%5], verbs[(i+3*r)%5], "."})
		}
	}
	cl := BuildClusters(sents, ClusterOptions{K: 3, MinCount: 3, Contexts: 20})
	for _, group := range [][]string{dets, nouns, verbs} {
		for _, w := range group[1:] {
			if cl[w] != cl[group[0]] {
				t.Errorf("%q in cluster %d, %q in %d", w, cl[w], group[0], cl[group[0]])
			}
		}
	}
	if cl["cat"] == cl["the"] || cl["cat"] == cl["ran"] {
		t.Errorf("nouns share a cluster with determiners or verbs: %v", cl)
	}
	caps := capsBuckets([][]string{{"x", "Paris", "paris"}, {"y", "Paris"}, {"z", "Paris"}, {"a", "the"}, {"b", "the"}, {"c", "the"}})
	if caps["paris"] == caps["the"] || caps["paris"] == 0 || caps["the"] == 0 {
		t.Errorf("capitalisation buckets: paris %d, the %d", caps["paris"], caps["the"])
	}
}
