package autoencoder

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// WriteTo writes ae to w in the model file format (see Save), and returns
// the number of bytes written: an Autoencoder is an io.WriterTo, so a model
// can go into a buffer, an archive or a network connection as well as a
// file. An error of w is returned as it is, as io.Copy returns it.
func (ae *Autoencoder) WriteTo(w io.Writer) (int64, error) {
	data, err := ae.MarshalBinary()
	if err != nil {
		return 0, err
	}
	n, err := w.Write(data)
	return int64(n), err
}

// Read reads one model in the model file format from r, as WriteTo or Save
// wrote it, and not one byte past its end. It reads the header first: a
// stream that does not start with the magic string, or whose size field
// announces more than a model file holds (1<<31 bytes), is refused before
// the rest is read, and the buffer grows only as bytes really arrive. The
// rest is checked as Unmarshal checks a file; unlike Load, Read cannot
// compare the size field with a file's length, so a damaged size field is
// reported as a truncated or corrupt model.
func Read(r io.Reader) (*Autoencoder, error) {
	fail := func(err error) (*Autoencoder, error) {
		return nil, fmt.Errorf("autoencoder: read: %w", err)
	}
	head := make([]byte, headerSize)
	n, err := io.ReadFull(r, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return fail(err)
	}
	if err := checkMagic(head[:n]); err != nil {
		return fail(err)
	}
	if n < headerSize {
		return fail(fmt.Errorf("truncated model: %d bytes, shorter than the %d-byte header", n, headerSize))
	}
	size := binary.LittleEndian.Uint64(head[sizeAt:])
	if size > maxFileSize {
		return fail(fmt.Errorf("the header announces %d bytes, more than a model holds (at most %d)", size, int64(maxFileSize)))
	}
	if size < uint64(headerSize+uint32Size) {
		return fail(fmt.Errorf("the header announces %d bytes, fewer than the header and checksum take (%d)", size, headerSize+uint32Size))
	}
	var buf bytes.Buffer
	buf.Write(head)
	if _, err := buf.ReadFrom(io.LimitReader(r, int64(size)-int64(headerSize))); err != nil {
		return fail(err)
	}
	if uint64(buf.Len()) < size {
		return fail(fmt.Errorf("truncated model: %d bytes of the %d the header announces", buf.Len(), size))
	}
	ae, err := Unmarshal(buf.Bytes())
	if err != nil {
		return fail(err)
	}
	return ae, nil
}
