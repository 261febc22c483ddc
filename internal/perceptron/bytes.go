package perceptron

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	kgzip "github.com/klauspost/compress/gzip"
)

// Bytes reads a model file held in memory. It is an io.Reader and an
// io.ByteReader for the callers' own headers, and lets ReadModel decode
// varints in place instead of through one interface call per byte.
type Bytes struct {
	b []byte
}

// NewBytes returns a reader over b.
func NewBytes(b []byte) *Bytes { return &Bytes{b: b} }

// ReadByte returns the next byte, or io.EOF.
func (r *Bytes) ReadByte() (byte, error) {
	if len(r.b) == 0 {
		return 0, io.EOF
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c, nil
}

// Read copies the next bytes into p.
func (r *Bytes) Read(p []byte) (int, error) {
	if len(r.b) == 0 {
		return 0, io.EOF
	}
	n := copy(p, r.b)
	r.b = r.b[n:]
	return n, nil
}

// Len returns the number of unread bytes.
func (r *Bytes) Len() int { return len(r.b) }

// uvarint reads an unsigned varint.
func (r *Bytes) uvarint() (uint64, error) {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		return 0, errors.New("bad or truncated varint")
	}
	r.b = r.b[n:]
	return v, nil
}

// uint64LE reads a little-endian 64-bit word.
func (r *Bytes) uint64LE() (uint64, error) {
	if len(r.b) < 8 {
		return 0, io.ErrUnexpectedEOF
	}
	v := binary.LittleEndian.Uint64(r.b)
	r.b = r.b[8:]
	return v, nil
}

// maxModelFile bounds the uncompressed size of a model file.
const maxModelFile = 1 << 30

// Gunzip decompresses a gzip-compressed model file into memory, at most
// 1 GiB, and returns a reader over it. It decodes with klauspost/compress,
// about twice as fast as the standard library's inflater; Gzip writes with
// the standard library's, so retrained models stay byte-identical.
func Gunzip(b []byte) (*Bytes, error) {
	zr, err := kgzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("model is not gzip: %w", err)
	}
	defer zr.Close()
	// The gzip trailer's last word is the uncompressed size modulo 2^32:
	// a good first guess for the buffer.
	var buf bytes.Buffer
	if len(b) >= 4 {
		if n := binary.LittleEndian.Uint32(b[len(b)-4:]); n < maxModelFile {
			buf.Grow(int(n) + 1)
		}
	}
	n, err := buf.ReadFrom(io.LimitReader(zr, maxModelFile+1))
	if err != nil {
		return nil, fmt.Errorf("decompressing model: %w", err)
	}
	if n > maxModelFile {
		return nil, fmt.Errorf("model larger than %d bytes uncompressed", maxModelFile)
	}
	return NewBytes(buf.Bytes()), nil
}

// Gzip writes b to w gzip-compressed at the best compression, the
// counterpart of Gunzip for model files assembled in memory.
func Gzip(w io.Writer, b []byte) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := zw.Write(b); err != nil {
		return err
	}
	return zw.Close()
}
