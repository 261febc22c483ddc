package models

import _ "embed"

// NER is the entity recogniser (internal/ner): an averaged perceptron over
// BILOU tags trained on CoNLL-2003 and UniversalNER English-EWT (CC BY-SA
// 4.0), so it ships under CC BY-SA 4.0. Rebuild with `detente train ner`.
// It reads the word-cluster table (WordVec) it was trained with.
//
//go:embed ner.bin.gz
var NER []byte
