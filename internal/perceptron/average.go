package perceptron

import (
	"errors"
	"math"
	"slices"
)

// Average returns the model whose weights are the mean of the given
// models' weights, re-quantised. Perceptron scores are linear in the
// weights, so the average scores every input exactly as the mean of the
// models' scores would: an ensemble of models trained on different
// shuffles of the data, at the cost of one. The models must have the same
// classes and features built the same way.
func Average(ms []*Model) (*Model, error) {
	if len(ms) == 0 {
		return nil, errors.New("perceptron: nothing to average")
	}
	nc := ms[0].nClasses
	for _, m := range ms[1:] {
		if m.nClasses != nc {
			return nil, errors.New("perceptron: models to average have different classes")
		}
	}
	// Union of the feature keys, sorted for a deterministic model.
	var keys []uint64
	for _, m := range ms {
		keys = append(keys, m.keys...)
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	sums := make([]float64, nc)
	k := float64(len(ms))
	// Each model's row of a key.
	idx := make([]map[uint64]int32, len(ms))
	for i, m := range ms {
		idx[i] = make(map[uint64]int32, len(m.keys))
		for r, key := range m.keys {
			idx[i][key] = int32(r)
		}
	}
	var rows weightRows
	for _, key := range keys {
		clear(sums)
		for i, m := range ms {
			r, ok := idx[i][key]
			if !ok {
				continue
			}
			for _, p := range m.pairs[m.rowStart[r]:m.rowStart[r+1]] {
				sums[p>>16] += float64(int16(p)) * float64(m.scale)
			}
		}
		for c, s := range sums {
			if s != 0 {
				rows.add(uint16(c), s/k)
			}
		}
		rows.end(key)
	}
	return rows.model(nc, true), nil
}

// weightRows collects rows of real-valued weights before they are
// quantised into a Model.
type weightRows struct {
	keys    []uint64
	starts  []int // row r's weights are [starts[r], starts[r+1])
	classes []uint16
	values  []float64
	maxAbs  float64
}

// add appends a weight to the row being built.
func (w *weightRows) add(class uint16, v float64) {
	if len(w.starts) == len(w.keys) {
		w.starts = append(w.starts, len(w.values))
	}
	w.classes = append(w.classes, class)
	w.values = append(w.values, v)
	w.maxAbs = max(w.maxAbs, math.Abs(v))
}

// end closes the row being built under key; a row without weights is
// not kept.
func (w *weightRows) end(key uint64) {
	if len(w.starts) > len(w.keys) {
		w.keys = append(w.keys, key)
	}
}

// model quantises the rows to int16 with one scale for the whole model.
// Rows whose weights all round to zero are dropped when dropEmpty is set,
// else kept without pairs.
func (w *weightRows) model(nClasses int, dropEmpty bool) *Model {
	scale := w.maxAbs / math.MaxInt16
	if scale == 0 {
		scale = 1
	}
	m := &Model{nClasses: nClasses, scale: float32(scale)}
	m.rowStart = make([]int32, 0, len(w.keys)+1)
	keys := make([]uint64, 0, len(w.keys))
	for r, key := range w.keys {
		start, end := w.starts[r], len(w.values)
		if r+1 < len(w.starts) {
			end = w.starts[r+1]
		}
		lo := len(m.pairs)
		for j := start; j < end; j++ {
			if q := math.Round(w.values[j] / scale); q != 0 {
				m.pairs = append(m.pairs, pack(w.classes[j], int16(q)))
			}
		}
		if dropEmpty && len(m.pairs) == lo {
			continue
		}
		keys = append(keys, key)
		m.rowStart = append(m.rowStart, int32(lo))
	}
	m.rowStart = append(m.rowStart, int32(len(m.pairs)))
	m.buildTable(keys)
	return m
}
