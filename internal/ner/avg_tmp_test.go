package ner

import (
	"os"
	"strings"
	"testing"

	"github.com/detente-project/detente/internal/perceptron"
)

func TestAvgTmp(t *testing.T) {
	in := os.Getenv("NER_AVG_IN")
	if in == "" {
		t.Skip()
	}
	var rs []*Recognizer
	var ms []*perceptron.Model
	for _, p := range strings.Split(in, ",") {
		b, err := os.ReadFile(p)
		if err != nil { t.Fatal(err) }
		r, err := Load(b)
		if err != nil { t.Fatal(err) }
		rs = append(rs, r)
		ms = append(ms, r.model.(*perceptron.Model))
	}
	m, err := perceptron.Average(ms)
	if err != nil { t.Fatal(err) }
	avg := newRecognizer(rs[0].lx, m.Prune(0.05))
	f, err := os.Create(os.Getenv("NER_AVG_OUT"))
	if err != nil { t.Fatal(err) }
	defer f.Close()
	if err := avg.Save(f); err != nil { t.Fatal(err) }
}
