package models

import _ "embed"

// Parser is the labelled dependency parser (internal/parse): arc-eager
// transitions scored by an averaged perceptron, trained on UD English-EWT
// and the news documents of UD English-GUM (CC BY-SA 4.0 / CC BY 2.5) with
// jackknifed tags, so it ships under CC BY-SA 4.0: the average of six
// parsers trained with seeds 1–6, pruned. Rebuild with `detente train
// parser` (see README).
// It reads the word-cluster table (WordVec) it was trained with.
//
//go:embed parser.bin.gz
var Parser []byte
