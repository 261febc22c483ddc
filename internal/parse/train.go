package parse

import (
	"fmt"
	"io"
	"math/rand"
	"sort"
	"strings"
	"time"

	"github.com/detente-project/detente/internal/conllu"
	"github.com/detente-project/detente/internal/perceptron"
	"github.com/detente-project/detente/internal/wordvec"
)

// TrainOptions configures Train.
type TrainOptions struct {
	Epochs      int     // passes over the training data (default 15)
	Seed        int64   // shuffling and exploration seed
	Cutoff      int     // keep features seen at least this often along gold derivations (default 2)
	ExploreFrom int     // first epoch (0-based) that follows wrong predictions (default 1; negative: 0)
	ExploreP    float64 // probability of following a wrong prediction (default 0.9)
	MinAbs      float64 // averaged weights below this are pruned from the model (default 0.05)
	Lexical     bool    // add the suffix and word-bigram templates
	UPOS        bool    // add universal-tag templates
	// Embed adds templates over the words' clusters of pretrained word
	// vectors (WordVec, default wordvec.Default()).
	Embed   bool
	WordVec *wordvec.Table
	Log     io.Writer
	// OnBest, when set, is called with each epoch's model that improves the
	// dev LAS (every epoch's without dev), e.g. to write a checkpoint.
	OnBest func(p *Parser, epoch int) error
}

func (o *TrainOptions) defaults() {
	if o.Epochs <= 0 {
		o.Epochs = 15
	}
	if o.Cutoff <= 0 {
		o.Cutoff = 2
	}
	if o.ExploreFrom < 0 {
		o.ExploreFrom = 0
	} else if o.ExploreFrom == 0 {
		o.ExploreFrom = 1
	}
	if o.ExploreP == 0 {
		o.ExploreP = 0.9
	}
	if o.MinAbs == 0 {
		o.MinAbs = 0.05
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
}

// example is a training sentence: forms, tags, and its projectivised gold
// tree with the root at position n.
type example struct {
	forms, tags, upos []string
	gh, gl            []int32
}

// Tag returns the tag the parser reads for a CoNLL-U word: XPOS, or UPOS
// when XPOS is missing.
func Tag(w *conllu.Word) string {
	if w.XPOS != "" && w.XPOS != "_" {
		return w.XPOS
	}
	return w.UPOS
}

// Score holds attachment scores in percent.
type Score struct {
	UAS, LAS float64
	Words    int
}

// Evaluate parses gold sentences with their own tags and returns UAS and LAS
// over all words (punctuation included; LAS compares labels without subtype
// as in CoNLL 2018).
func (p *Parser) Evaluate(sents []*conllu.Sentence) Score {
	var heads, labels []int32
	var forms, tags, upos []string
	total, uas, las := 0, 0, 0
	for _, s := range sents {
		n := len(s.Words)
		forms, tags, upos = forms[:0], tags[:0], upos[:0]
		for i := range s.Words {
			forms = append(forms, s.Words[i].Form)
			tags = append(tags, Tag(&s.Words[i]))
			upos = append(upos, s.Words[i].UPOS)
		}
		heads = append(heads[:0], make([]int32, n)...)
		labels = append(labels[:0], make([]int32, n)...)
		p.parseWords(forms, tags, upos, heads, labels)
		for i := range s.Words {
			w := &s.Words[i]
			total++
			if int(heads[i]) == w.Head-1 {
				uas++
				if labels[i] >= 0 && Universal(p.labels[labels[i]]) == Universal(w.Deprel) {
					las++
				}
			}
		}
	}
	if total == 0 {
		return Score{}
	}
	return Score{UAS: 100 * float64(uas) / float64(total), LAS: 100 * float64(las) / float64(total), Words: total}
}

// Universal strips a relation's subtype: "obl:tmod" → "obl".
func Universal(rel string) string {
	if i := strings.IndexByte(rel, ':'); i >= 0 {
		return rel[:i]
	}
	return rel
}

// Projectivize lifts non-projective arcs until the tree is projective: the
// shortest non-projective arc is repeatedly re-attached to its head's head
// (Nivre & Nilsson 2005, without label encoding). heads are 0-based with
// the root at position n = len(heads). It returns the number of lifts.
func Projectivize(heads []int32) int {
	n := int32(len(heads))
	lifts := 0
	for iter := 0; iter < 10*len(heads)+10; iter++ {
		best, bestLen := int32(-1), int32(1<<30)
		for d := int32(0); d < n; d++ {
			h := heads[d]
			if h == n || h < 0 {
				continue
			}
			lo, hi := min(h, d), max(h, d)
			if hi-lo >= bestLen {
				continue
			}
			for k := lo + 1; k < hi; k++ {
				if !dominates(heads, h, k) {
					best, bestLen = d, hi-lo
					break
				}
			}
		}
		if best < 0 {
			return lifts
		}
		heads[best] = heads[heads[best]]
		lifts++
	}
	return lifts
}

// dominates reports whether h is an ancestor of k (or k itself).
func dominates(heads []int32, h, k int32) bool {
	n := int32(len(heads))
	for steps := 0; k >= 0 && k < n && steps <= len(heads); steps++ {
		if k == h {
			return true
		}
		k = heads[k]
	}
	return k == h
}

// validTree reports whether heads (root at n) form a tree with one root.
func validTree(heads []int32) bool {
	n := int32(len(heads))
	roots := 0
	for d := int32(0); d < n; d++ {
		h := heads[d]
		if h == n {
			roots++
		} else if h < 0 || h > n || h == d {
			return false
		}
		if !dominates(heads, n, d) {
			return false
		}
	}
	return roots == 1
}

// Train trains a parser on gold sentences (their tags are the ones the
// parser learns from, so replace them with a tagger's output to train on
// predicted tags) and returns the epoch with the best LAS on dev (the last
// epoch when dev is empty).
func Train(train, dev []*conllu.Sentence, opt TrainOptions) (*Parser, error) {
	opt.defaults()
	labelSet := map[string]bool{"root": true}
	for _, s := range train {
		for i := range s.Words {
			if d := s.Words[i].Deprel; d != "" && d != "_" {
				labelSet[d] = true
			}
		}
	}
	labels := make([]string, 0, len(labelSet))
	for l := range labelSet {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	labelID := make(map[string]int32, len(labels))
	var root int32
	for i, l := range labels {
		labelID[l] = int32(i)
		if l == "root" {
			root = int32(i)
		}
	}
	L := int32(len(labels))

	var exs []example
	lifted, skipped := 0, 0
	for _, s := range train {
		n := len(s.Words)
		ex := example{forms: make([]string, n), tags: make([]string, n), upos: make([]string, n), gh: make([]int32, n), gl: make([]int32, n)}
		ok := true
		for i := range s.Words {
			w := &s.Words[i]
			ex.forms[i], ex.tags[i], ex.upos[i] = w.Form, Tag(w), w.UPOS
			h := int32(w.Head - 1)
			if w.Head == 0 {
				h = int32(n)
			}
			if w.Head < 0 || w.Head > n {
				ok = false
			}
			ex.gh[i] = h
			l, found := labelID[w.Deprel]
			if !found {
				ok = false
			}
			if w.Head == 0 {
				l = root
			}
			ex.gl[i] = l
		}
		if !ok || n == 0 || !validTree(ex.gh) {
			skipped++
			continue
		}
		lifted += Projectivize(ex.gh)
		exs = append(exs, ex)
	}
	fmt.Fprintf(opt.Log, "parse: %d training sentences (%d skipped as invalid), %d arcs lifted, %d labels\n",
		len(exs), skipped, lifted, L)

	nClasses := 2 + 2*int(L)
	var flags uint64
	if opt.Lexical {
		flags |= featLex
	}
	if opt.UPOS {
		flags |= featUPOS
	}
	var wv *wordvec.Table
	if opt.Embed {
		flags |= featEmbed
		if wv = opt.WordVec; wv == nil {
			var err error
			if wv, err = wordvec.Default(); err != nil {
				return nil, err
			}
		}
	}
	var st state
	st.wordVec = wv
	feats := make([]uint64, 0, numFeats)
	var acts [numActs]int
	cost := make([]int, nClasses)
	classCosts := func(ex *example) int {
		st.costs(ex.gh, &acts)
		s0, b := st.top(), st.b
		minCost := -1
		for c := range cost {
			a, l := classAction(c, L)
			k := acts[a]
			if k >= 0 && (a == actLeft || a == actRight) {
				if !labelOK(&st, l, root) {
					k = -1
				} else if a == actLeft && ex.gh[s0] == b && ex.gl[s0] != l {
					k++
				} else if a == actRight && ex.gh[b] == s0 && ex.gl[b] != l {
					k++
				}
			}
			cost[c] = k
			if k >= 0 && (minCost < 0 || k < minCost) {
				minCost = k
			}
		}
		return minCost
	}
	load := func(ex *example) {
		st.reset(len(ex.forms))
		st.flags = flags
		for i := range ex.forms {
			st.setWord(i, ex.forms[i], ex.tags[i], ex.upos[i])
		}
		st.setRoot()
	}

	// Feature cut-off: count features along the static oracle's derivations.
	start := time.Now()
	counts := make(map[uint64]int32)
	for e := range exs {
		ex := &exs[e]
		load(ex)
		for !st.terminal() {
			if st.needsFix() { // unreachable on gold derivations
				st.fix(0)
				continue
			}
			feats = st.features(feats)
			for _, f := range feats {
				counts[f]++
			}
			minCost := classCosts(ex)
			c := 0
			for c < nClasses && cost[c] != minCost {
				c++
			}
			a, l := classAction(c, L)
			st.apply(a, l)
		}
	}
	allowed := make(map[uint64]struct{})
	for f, k := range counts {
		if int(k) >= opt.Cutoff {
			allowed[f] = struct{}{}
		}
	}
	fmt.Fprintf(opt.Log, "parse: %d features, %d kept with count >= %d (%.1fs)\n",
		len(counts), len(allowed), opt.Cutoff, time.Since(start).Seconds())
	counts = nil

	tr := perceptron.NewTrainer(nClasses)
	rng := rand.New(rand.NewSource(opt.Seed))
	scores := make([]float32, nClasses)
	var best *Parser
	bestLAS := -1.0
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	for epoch := 0; epoch < opt.Epochs; epoch++ {
		start := time.Now()
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		explore := epoch >= opt.ExploreFrom
		decisions, errs := 0, 0
		for _, e := range order {
			ex := &exs[e]
			load(ex)
			for !st.terminal() {
				if st.needsFix() {
					st.fix(bestLabel(scores[2+L:], root))
					continue
				}
				if c := st.forced(root, L); c >= 0 {
					a, l := classAction(c, L)
					st.apply(a, l)
					continue
				}
				feats = st.features(feats)
				k := 0
				for _, f := range feats {
					if _, ok := allowed[f]; ok {
						feats[k] = f
						k++
					}
				}
				feats = feats[:k]
				tr.Scores(feats, scores)
				minCost := classCosts(ex)
				guess, gold := -1, -1
				for c := range cost {
					if cost[c] < 0 {
						continue
					}
					if guess < 0 || scores[c] > scores[guess] {
						guess = c
					}
					if cost[c] == minCost && (gold < 0 || scores[c] > scores[gold]) {
						gold = c
					}
				}
				tr.Tick()
				decisions++
				next := guess
				if cost[guess] != minCost {
					errs++
					tr.Update(feats, gold, guess)
					if !explore || rng.Float64() >= opt.ExploreP {
						next = gold
					}
				}
				a, l := classAction(next, L)
				st.apply(a, l)
			}
		}
		p, err := newParser(labels, flags, wv, tr.Model(opt.MinAbs))
		if err != nil {
			return nil, err
		}
		msg := fmt.Sprintf("parse: epoch %d: %d/%d decisions wrong, %d features, model %d/%d (%.1fs)",
			epoch+1, errs, decisions, tr.NumFeatures(), p.model.NumFeatures(), p.model.NumWeights(), time.Since(start).Seconds())
		if len(dev) > 0 {
			sc := p.Evaluate(dev)
			msg += fmt.Sprintf("; dev UAS %.2f LAS %.2f", sc.UAS, sc.LAS)
			if sc.LAS > bestLAS {
				best, bestLAS = p, sc.LAS
			}
		} else {
			best = p
		}
		fmt.Fprintln(opt.Log, msg)
		if best == p && opt.OnBest != nil {
			if err := opt.OnBest(p, epoch+1); err != nil {
				return nil, err
			}
		}
	}
	// How much pruning costs, for choosing MinAbs (last epoch's weights).
	if len(dev) > 0 {
		for _, f := range []float64{2, 4, 8} {
			p, err := newParser(labels, flags, wv, tr.Model(opt.MinAbs*f))
			if err != nil {
				return nil, err
			}
			sc := p.Evaluate(dev)
			fmt.Fprintf(opt.Log, "parse: last epoch pruned at %.3f: %d features, %d weights; dev UAS %.2f LAS %.2f\n",
				opt.MinAbs*f, p.model.NumFeatures(), p.model.NumWeights(), sc.UAS, sc.LAS)
		}
	}
	if best == nil {
		return nil, fmt.Errorf("parse: no training data")
	}
	return best, nil
}
