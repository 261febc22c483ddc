package tag

import (
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/detente-project/detente/internal/conllu"
	"github.com/detente-project/detente/internal/flatmap"
	"github.com/detente-project/detente/internal/lemma"
	"github.com/detente-project/detente/internal/perceptron"
	"github.com/detente-project/detente/internal/wordvec"
)

// TrainOptions tune training. Zero values select the defaults.
type TrainOptions struct {
	Seed         uint64            // shuffling seed
	Epochs       int               // passes over the training data (default 10)
	MinAbs       float64           // averaged weights below this are pruned (default 0.05)
	DictMinCount int               // a dictionary word occurs at least this often (default 20)
	DictMinShare float64           // … with its top class at least this share (default 0.995)
	AmbMinCount  int               // a word gets an ambiguity class from this count (default 2)
	AmbMinShare  float64           // a class joins a word's ambiguity class from this share (default 0.05)
	Folds        int               // jackknife folds for training ambiguity classes (default 10; 1 = off)
	Features     uint64            // optional template groups; 0 selects FeatContext|FeatTwoPass
	TwoPassFolds int               // jackknife folds for first-pass tags (default 4)
	Unlabeled    [][]string        // word sequences for FeatCaps
	Lexicon      map[string]uint16 // lowercase form → Lex* classes, for FeatLexicon (see ReadWordNet)
	TagLexicon   TagLexicon        // lowercase form → PTB tags, for FeatTagLex (see ReadPOSLex)
	WordVec      *wordvec.Table    // word-vector clusters, for FeatEmbed (default wordvec.Default())
	Log          io.Writer
}

func (o *TrainOptions) defaults() {
	if o.Epochs <= 0 {
		o.Epochs = 10
	}
	if o.MinAbs <= 0 {
		o.MinAbs = 0.05
	}
	if o.DictMinCount <= 0 {
		o.DictMinCount = 20
	}
	if o.DictMinShare <= 0 {
		o.DictMinShare = 0.995
	}
	if o.AmbMinCount <= 0 {
		o.AmbMinCount = 2
	}
	if o.AmbMinShare <= 0 {
		o.AmbMinShare = 0.05
	}
	if o.Features == 0 {
		o.Features = FeatContext
	}
	if o.TwoPassFolds <= 1 {
		o.TwoPassFolds = 4
	}
	if o.Folds <= 0 {
		o.Folds = 10
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
}

func classKey(w *conllu.Word) string { return w.XPOS + "\t" + w.UPOS }

// usable reports whether a gold word has both tags.
func usable(w *conllu.Word) bool {
	return w.XPOS != "" && w.XPOS != "_" && w.UPOS != "" && w.UPOS != "_"
}

// Train learns a tagger and lemmatizer from gold sentences. dev (may be nil)
// is scored after the last epoch of each full pass, and at a few pruning
// thresholds, for the log. Training is deterministic for a given seed and
// options (byte-identical model files).
func Train(train, dev []*conllu.Sentence, opt TrainOptions) (*Tagger, error) {
	opt.defaults()
	start := time.Now()
	// Classes by frequency, ties by name.
	classCount := map[string]int{}
	for _, s := range train {
		for i := range s.Words {
			if usable(&s.Words[i]) {
				classCount[classKey(&s.Words[i])]++
			}
		}
	}
	if len(classCount) == 0 {
		return nil, fmt.Errorf("tag: no tagged words in training data")
	}
	keys := make([]string, 0, len(classCount))
	for k := range classCount {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if classCount[keys[i]] != classCount[keys[j]] {
			return classCount[keys[i]] > classCount[keys[j]]
		}
		return keys[i] < keys[j]
	})
	t := &Tagger{featSet: opt.Features, pool: new(sync.Pool)}
	classID := map[string]int{}
	for i, k := range keys {
		x, u, _ := strings.Cut(k, "\t")
		t.classes = append(t.classes, Class{XPOS: x, UPOS: u})
		classID[k] = i
	}
	nc := len(t.classes)

	// Word statistics.
	lowerCounts := map[string][]int{}
	casedCounts := map[string][]int{}
	var cb, lb []byte
	for _, s := range train {
		for i := range s.Words {
			w := &s.Words[i]
			if !usable(w) {
				continue
			}
			c := classID[classKey(w)]
			cb, lb, _ = normalise(w.Form, cb[:0], lb[:0])
			for _, p := range []struct {
				m map[string][]int
				k []byte
			}{{lowerCounts, lb}, {casedCounts, cb}} {
				v := p.m[string(p.k)]
				if v == nil {
					v = make([]int, nc)
					p.m[string(p.k)] = v
				}
				v[c]++
			}
		}
	}
	ambIDs := map[string]uint32{}
	buildAmb := func(counts map[string][]int) map[string]uint32 {
		amb := map[string]uint32{}
		var sig strings.Builder
		for _, w := range slices.Sorted(maps.Keys(counts)) {
			v := counts[w]
			total := sum(v)
			if total < opt.AmbMinCount {
				continue
			}
			sig.Reset()
			for c, n := range v {
				if n > 0 && float64(n) >= opt.AmbMinShare*float64(total) {
					fmt.Fprintf(&sig, "%d,", c)
				}
			}
			id, ok := ambIDs[sig.String()]
			if !ok {
				id = uint32(len(ambIDs) + 1)
				ambIDs[sig.String()] = id
			}
			amb[w] = id
		}
		return amb
	}
	t.amb = buildAmb(lowerCounts)
	// Jackknifed ambiguity classes for the training sentences: fold k sees
	// classes computed without its own sentences, as unseen text would.
	var foldAmb []map[string]uint32
	if opt.Folds > 1 {
		foldCounts := make([]map[string][]int, opt.Folds)
		for k := range foldCounts {
			foldCounts[k] = map[string][]int{}
		}
		for si, s := range train {
			k := si % opt.Folds
			for i := range s.Words {
				w := &s.Words[i]
				if !usable(w) {
					continue
				}
				_, lb, _ = normalise(w.Form, cb[:0], lb[:0])
				v := foldCounts[k][string(lb)]
				if v == nil {
					v = make([]int, nc)
					foldCounts[k][string(lb)] = v
				}
				v[classID[classKey(w)]]++
			}
		}
		for k := range foldCounts {
			rest := map[string][]int{}
			for w, v := range lowerCounts {
				r := append([]int(nil), v...)
				if fv := foldCounts[k][w]; fv != nil {
					for c := range r {
						r[c] -= fv[c]
					}
				}
				rest[w] = r
			}
			foldAmb = append(foldAmb, buildAmb(rest))
		}
	}
	t.numAmb = len(ambIDs)
	t.dict = map[string]uint16{}
	for _, w := range slices.Sorted(maps.Keys(casedCounts)) {
		v := casedCounts[w]
		total := sum(v)
		if total < opt.DictMinCount {
			continue
		}
		best := 0
		for c := range v {
			if v[c] > v[best] {
				best = c
			}
		}
		if float64(v[best]) >= opt.DictMinShare*float64(total) {
			t.dict[w] = uint16(best)
		}
	}
	t.index()
	fmt.Fprintf(opt.Log, "tagger: %d classes, %d ambiguity classes over %d words, %d dictionary words\n",
		nc, t.numAmb, len(t.amb), len(t.dict))

	if opt.Features&FeatEmbed != 0 {
		if t.wordVec = opt.WordVec; t.wordVec == nil {
			var err error
			if t.wordVec, err = wordvec.Default(); err != nil {
				return nil, err
			}
		}
	}
	if opt.Features&(FeatCaps|FeatLexicon|FeatTagLex) != 0 {
		cs := time.Now()
		stats := map[uint64]uint64{}
		if opt.Features&FeatCaps != 0 {
			for w, c := range capsBuckets(opt.Unlabeled) {
				stats[fnv([]byte(w))] |= uint64(c) << 16
			}
		}
		if opt.Features&FeatLexicon != 0 {
			var lower []byte
			for w, c := range opt.Lexicon {
				_, lower, _ = normalise(w, nil, lower[:0])
				stats[fnv(lower)] |= uint64(c+1) << 32
			}
		}
		if opt.Features&FeatTagLex != 0 {
			xpos := map[string]int{}
			for _, s := range train {
				for i := range s.Words {
					if usable(&s.Words[i]) {
						xpos[s.Words[i].XPOS]++
					}
				}
			}
			var lower []byte
			classes := tagLexiconClasses(opt.TagLexicon, xpos, opt.AmbMinShare)
			for _, w := range slices.Sorted(maps.Keys(classes)) {
				_, lower, _ = normalise(w, nil, lower[:0])
				if k := fnv(lower); stats[k]>>48 == 0 { // first of forms that normalise alike
					stats[k] |= uint64(classes[w]) << 48
				}
			}
		}
		if len(stats) > 0 {
			t.wordStats = flatmap.New[uint64, uint64](len(stats))
			for k, v := range stats {
				t.wordStats.Put(k, v)
			}
		} else {
			t.featSet &^= FeatCaps | FeatLexicon | FeatTagLex
		}
		fmt.Fprintf(opt.Log, "tagger: %d word hashes with capitalisation or lexicon classes in %s\n",
			len(stats), time.Since(cs).Round(time.Millisecond))
	}

	// Precompute lexemes and gold classes.
	prep := func(sents []*conllu.Sentence) []trainItem {
		s := &scratch{}
		items := make([]trainItem, 0, len(sents))
		for _, snt := range sents {
			ws := snt.Words
			t.prepare(s, func(i int) string {
				f := ws[i].Form
				if len(f) > maxWordBytes {
					f = f[:maxWordBytes]
				}
				return f
			}, len(ws))
			it := trainItem{lex: append([]lexeme(nil), s.lex...), gold: make([]int, len(ws))}
			for i := range ws {
				it.gold[i] = -1
				if usable(&ws[i]) {
					if c, ok := classID[classKey(&ws[i])]; ok {
						it.gold[i] = c
					}
				}
			}
			items = append(items, it)
		}
		return items
	}
	trainItems := prep(train)
	if foldAmb != nil {
		var cb, lb []byte
		for si, s := range train {
			amb := foldAmb[si%opt.Folds]
			for i := range s.Words {
				_, lb, _ = normalise(s.Words[i].Form, cb[:0], lb[:0])
				trainItems[si].lex[i].amb = uint64(amb[string(lb)])
			}
		}
	}
	fmt.Fprintf(opt.Log, "tagger: prepared %d sentences in %s\n", len(train), time.Since(start).Round(time.Millisecond))

	pass := &passTrainer{t: t, items: trainItems, nc: nc, opt: &opt, dev: dev}
	all := make([]int, len(trainItems))
	for i := range all {
		all[i] = i
	}
	if opt.Features&FeatTwoPass == 0 {
		tr1 := pass.run("pass 1", all, nil, false)
		t.model = tr1.Model(opt.MinAbs)
		if len(dev) > 0 {
			for _, f := range []float64{2, 4, 8} {
				cp := *t
				cp.model = tr1.Model(opt.MinAbs * f)
				u, x := cp.accuracy(dev)
				fmt.Fprintf(opt.Log, "tagger: pruned at %g: %d weights, dev upos %.2f%% xpos %.2f%%\n",
					opt.MinAbs*f, cp.NumWeights(), u, x)
			}
		}
	} else {
		// Jackknifed first-pass tags for the training sentences, so the second
		// pass learns how far to trust them on unseen text.
		first := make([][]int, len(trainItems))
		for k := 0; k < opt.TwoPassFolds; k++ {
			var in, out []int
			for si := range trainItems {
				if si%opt.TwoPassFolds == k {
					out = append(out, si)
				} else {
					in = append(in, si)
				}
			}
			ft := *t
			ft.model = pass.run(fmt.Sprintf("fold %d/%d", k+1, opt.TwoPassFolds), in, nil, false).Model(opt.MinAbs)
			for _, si := range out {
				first[si] = ft.firstPass(trainItems[si].lex)
			}
		}
		tr1 := pass.run("pass 1", all, nil, false)
		t.model = tr1.Model(opt.MinAbs) // the second pass's dev score needs it
		tr2 := pass.run("pass 2", all, first, true)
		t.model2 = tr2.Model(opt.MinAbs)
		if len(dev) > 0 {
			for _, f := range []float64{2, 4, 8} {
				cp := *t
				cp.model, cp.model2 = tr1.Model(opt.MinAbs*f), tr2.Model(opt.MinAbs*f)
				u, x := cp.accuracy(dev)
				fmt.Fprintf(opt.Log, "tagger: pruned at %g: %d weights, dev upos %.2f%% xpos %.2f%%\n",
					opt.MinAbs*f, cp.NumWeights(), u, x)
			}
		}
	}
	t.lem = lemma.Train(train, lemma.Options{})
	fmt.Fprintf(opt.Log, "tagger: final model %d weights (min |w| %g) in %s\n",
		t.NumWeights(), opt.MinAbs, time.Since(start).Round(time.Second))
	return t, nil
}

type trainItem struct {
	lex  []lexeme
	gold []int
}

// passTrainer trains one pass of the tagger over a subset of the items.
type passTrainer struct {
	t     *Tagger
	items []trainItem
	nc    int
	opt   *TrainOptions
	dev   []*conllu.Sentence
}

// firstPass tags a prepared sentence with the first-pass model only.
func (t *Tagger) firstPass(lex []lexeme) []int {
	out := make([]int, len(lex))
	t.greedy(&scratch{lex: lex, scores: make([]float32, len(t.classes))}, out, nil)
	return out
}

// run trains a pass over items idx; first holds first-pass tags when second.
func (p *passTrainer) run(name string, idx []int, first [][]int, second bool) *perceptron.Trainer {
	start := time.Now()
	tr := perceptron.NewTrainer(p.nc)
	rng := rand.New(rand.NewPCG(p.opt.Seed, p.opt.Seed^0x7461676765720000))
	order := append([]int(nil), idx...)
	scores := make([]float32, p.nc)
	var feats []uint64
	set := p.t.featSet
	if !second {
		set &^= FeatTwoPass
	}
	for epoch := 1; epoch <= p.opt.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		correct, total := 0, 0
		for _, si := range order {
			it := &p.items[si]
			prev, prev2 := uint64(tagStart), uint64(tagStart)
			for i := range it.lex {
				guess, ok := p.t.dictClass(&it.lex[i])
				if !ok {
					feats = features(feats[:0], it.lex, i, prev, prev2, set)
					if second {
						feats = rightFeatures(feats, first[si], i, prev, &it.lex[i])
					}
					tr.Scores(feats, scores)
					guess = perceptron.Argmax(scores, nil)
					if g := it.gold[i]; g >= 0 {
						tr.Update(feats, g, guess)
					}
					tr.Tick()
				}
				if it.gold[i] >= 0 {
					total++
					if guess == it.gold[i] {
						correct++
					}
				}
				prev2, prev = prev, uint64(guess)
			}
		}
		msg := fmt.Sprintf("tagger: %s epoch %d train %.2f%%", name, epoch, pct(correct, total))
		if len(p.dev) > 0 && epoch == p.opt.Epochs && len(idx) == len(p.items) {
			cp := *p.t
			m := tr.Model(0)
			if second {
				cp.model2 = m
			} else {
				cp.model, cp.model2 = m, nil
				cp.featSet &^= FeatTwoPass
			}
			u, x := cp.accuracy(p.dev)
			msg += fmt.Sprintf(" dev upos %.2f%% xpos %.2f%%", u, x)
		}
		fmt.Fprintf(p.opt.Log, "%s (%s, %d features)\n", msg, time.Since(start).Round(time.Second), tr.NumFeatures())
	}
	return tr
}

// accuracy returns UPOS and XPOS accuracy (percent) of gold-tokenised sentences.
func (t *Tagger) accuracy(sents []*conllu.Sentence) (upos, xpos float64) {
	s := t.getScratch()
	defer t.putScratch(s)
	var ids []int
	u, x, n := 0, 0, 0
	for _, snt := range sents {
		ws := snt.Words
		t.prepare(s, func(i int) string {
			f := ws[i].Form
			if len(f) > maxWordBytes {
				f = f[:maxWordBytes]
			}
			return f
		}, len(ws))
		ids = append(ids[:0], make([]int, len(ws))...)
		t.decode(s, ids)
		for i := range ws {
			n++
			c := t.classes[ids[i]]
			if c.UPOS == ws[i].UPOS {
				u++
			}
			if c.XPOS == ws[i].XPOS {
				x++
			}
		}
	}
	return pct(u, n), pct(x, n)
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

func sum(v []int) int {
	s := 0
	for _, x := range v {
		s += x
	}
	return s
}
