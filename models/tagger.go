package models

import _ "embed"

// Tagger is the part-of-speech tagger and lemmatizer (internal/tag): a joint
// UPOS/XPOS averaged perceptron and learned lemma rules, trained on UD
// English-EWT (CC BY-SA 4.0) and GUM news (CC BY 2.5), so it ships under
// CC BY-SA 4.0. It also holds hashed capitalisation statistics counted over
// unlabelled news (see NOTICE). Rebuild with `detente train tagger` (README).
// It reads the word-cluster table (WordVec) it was trained with.
//
//go:embed tagger.bin.gz
var Tagger []byte
