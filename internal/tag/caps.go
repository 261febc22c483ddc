package tag

// capsBuckets returns, for each lowercase normalised word seen at least three
// times after the first position of a sequence, a bucket + 1 of how often it
// was capitalised there (five ratio bands × three frequency bands).
func capsBuckets(sents [][]string) map[string]uint32 {
	type count struct{ n, up int }
	counts := map[string]count{}
	var cb, lb []byte
	for _, s := range sents {
		for j := 1; j < len(s); j++ {
			w := s[j]
			if len(w) > maxWordBytes {
				w = w[:maxWordBytes]
			}
			var flags uint64
			cb, lb, flags = normalise(w, cb[:0], lb[:0])
			if flags&flagHasLower == 0 && flags&flagUpperInitial == 0 {
				continue // no letters to judge
			}
			c := counts[string(lb)]
			c.n++
			if flags&flagUpperInitial != 0 {
				c.up++
			}
			counts[string(lb)] = c
		}
	}
	out := make(map[string]uint32, len(counts))
	for w, c := range counts {
		if c.n < 3 {
			continue
		}
		r := float64(c.up) / float64(c.n)
		var rb uint32
		switch {
		case r < 0.05:
			rb = 0
		case r < 0.3:
			rb = 1
		case r < 0.7:
			rb = 2
		case r < 0.95:
			rb = 3
		default:
			rb = 4
		}
		var fb uint32
		switch {
		case c.n >= 100:
			fb = 2
		case c.n >= 10:
			fb = 1
		}
		out[w] = rb*3 + fb + 1
	}
	return out
}
