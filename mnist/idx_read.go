package mnist

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// IDX magic numbers: two zero bytes, the element type 0x08 (unsigned byte)
// and the number of dimensions.
const (
	imagesMagic   = 0x00000803 // unsigned bytes, 3 dimensions: count×rows×cols
	labelsMagic   = 0x00000801 // unsigned bytes, 1 dimension: count
	elementUint8  = 0x08
	imagesDims    = 3
	labelsDims    = 1
	readChunkSize = 1 << 20 // the reader grows its buffer from this size as data arrives
)

// MaxImagePixels is the largest image, rows·cols, that ReadImages and
// ReadImagesHeader accept: 4096×4096, far beyond the 28×28 of MNIST and
// the largest input a network here takes (autoencoder layer sizes stop at
// the same number). A header that announces larger images is refused before
// any pixel is read.
const MaxImagePixels = 1 << 24

// MaxDataBytes is the largest amount of data, after the header, that
// ReadImages and ReadLabels accept: 256 MiB, more than five times the 47 MB
// of MNIST's training images. A header that announces more is refused before
// anything is read, so a hostile file cannot make the reader allocate or
// decompress without end.
const MaxDataBytes = 1 << 28

// ReadImages reads an IDX images file (magic 0x00000803) from r: a header of
// n, rows and cols, then n·rows·cols pixel bytes, image after image, each
// image row by row. A gzip stream is recognised by its first two bytes and
// decompressed on the way. pixels has length n·rows·cols.
//
// Anything wrong with the stream is an error that starts with "mnist:": a
// wrong magic number or element type, a dimension of 0, an image larger
// than MaxImagePixels, a size larger than MaxDataBytes, a stream that ends early or goes on after the data, a
// corrupt gzip stream.
func ReadImages(r io.Reader) (pixels []byte, n, rows, cols int, err error) {
	pixels, n, rows, cols, err = readImages(r)
	if err != nil {
		return nil, 0, 0, 0, fmt.Errorf("mnist: %w", err)
	}
	return pixels, n, rows, cols, nil
}

// ReadLabels reads an IDX labels file (magic 0x00000801) from r: a header of
// n, then n label bytes, each a digit 0–9. Like ReadImages it accepts a gzip
// stream and refuses anything malformed with an error that starts with
// "mnist:".
func ReadLabels(r io.Reader) ([]uint8, error) {
	labels, err := readLabels(r)
	if err != nil {
		return nil, fmt.Errorf("mnist: %w", err)
	}
	return labels, nil
}

// ReadImagesHeader reads only the header of an IDX images file from r (a
// gzip stream is decompressed as far as the header) and returns the number
// of images and their size. It checks the header as ReadImages does, image
// size and data size included, so that a program can decide from it, before
// any pixel is read, whether it can use the data.
func ReadImagesHeader(r io.Reader) (n, rows, cols int, err error) {
	src, err := decompress(r)
	if err == nil {
		_, n, rows, cols, err = readImagesHeader(src)
	}
	if err != nil {
		return 0, 0, 0, fmt.Errorf("mnist: %w", err)
	}
	return n, rows, cols, nil
}

// readImagesHeader reads and checks the header of an images file from the
// decompressed stream src, and returns the number of data bytes that
// follow, the number of images and their size.
func readImagesHeader(src io.Reader) (size, n, rows, cols int, err error) {
	dims, err := readHeader(src, imagesMagic, "images")
	if err != nil {
		return 0, 0, 0, 0, err
	}
	size, err = dataSize(dims)
	if err != nil {
		return 0, 0, 0, 0, err
	}
	n, rows, cols = dims[0], dims[1], dims[2]
	if rows*cols > MaxImagePixels { // no overflow: rows·cols ≤ size ≤ MaxDataBytes
		return 0, 0, 0, 0, imageSizeError(rows, cols)
	}
	return size, n, rows, cols, nil
}

// imageSizeError refuses images larger than MaxImagePixels.
func imageSizeError(rows, cols int) error {
	return fmt.Errorf("images of %d×%d pixels, more than the %d (4096×4096) this program reads", rows, cols, MaxImagePixels)
}

// readImages is ReadImages without the "mnist:" prefix on its errors, so
// that Load can put the file name in between.
func readImages(r io.Reader) (pixels []byte, n, rows, cols int, err error) {
	src, err := decompress(r)
	if err != nil {
		return nil, 0, 0, 0, err
	}
	size, n, rows, cols, err := readImagesHeader(src)
	if err != nil {
		return nil, 0, 0, 0, err
	}
	pixels, err = readData(src, size)
	if err != nil {
		return nil, 0, 0, 0, err
	}
	return pixels, n, rows, cols, nil
}

// readLabels is ReadLabels without the "mnist:" prefix on its errors.
func readLabels(r io.Reader) ([]uint8, error) {
	src, err := decompress(r)
	if err != nil {
		return nil, err
	}
	dims, err := readHeader(src, labelsMagic, "labels")
	if err != nil {
		return nil, err
	}
	size, err := dataSize(dims)
	if err != nil {
		return nil, err
	}
	labels, err := readData(src, size)
	if err != nil {
		return nil, err
	}
	for i, l := range labels {
		if l > 9 {
			return nil, fmt.Errorf("label %d at index %d is not a digit 0–9", l, i)
		}
	}
	return labels, nil
}

// gzipError marks an error that came from the gzip layer, so that it is
// reported as a corrupt compressed stream rather than a short IDX file.
type gzipError struct{ err error }

func (e gzipError) Error() string { return "corrupt gzip stream: " + e.err.Error() }
func (e gzipError) Unwrap() error { return e.err }

// gzipReader passes reads through to a gzip.Reader and marks its errors
// (except the clean end of the stream) as gzipErrors.
type gzipReader struct{ zr *gzip.Reader }

func (g gzipReader) Read(p []byte) (int, error) {
	n, err := g.zr.Read(p)
	if err != nil && err != io.EOF {
		err = gzipError{err}
	}
	return n, err
}

// decompress returns a reader of r's content: r itself (buffered) for a raw
// IDX file, or a decompressing reader when r starts with the gzip magic bytes
// 0x1f 0x8b.
func decompress(r io.Reader) (io.Reader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(2)
	if err != nil && len(head) < 2 {
		if err == io.EOF {
			return nil, errors.New("empty or truncated header: the stream ended before the magic number")
		}
		return nil, err
	}
	if head[0] != 0x1f || head[1] != 0x8b {
		return br, nil
	}
	zr, err := gzip.NewReader(br)
	if err != nil {
		return nil, gzipError{err}
	}
	return gzipReader{zr}, nil
}

// readHeader reads the magic number and the dimensions of an IDX file and
// checks them against want. kind ("images" or "labels") names what the
// caller expects, for the error messages.
func readHeader(r io.Reader, want uint32, kind string) ([]int, error) {
	var word [4]byte
	if _, err := io.ReadFull(r, word[:]); err != nil {
		return nil, headerError(err, "the magic number")
	}
	magic := binary.BigEndian.Uint32(word[:])
	if magic != want {
		return nil, magicError(magic, want, kind)
	}
	ndims := int(want & 0xff)
	dims := make([]int, ndims)
	for i := range dims {
		if _, err := io.ReadFull(r, word[:]); err != nil {
			return nil, headerError(err, fmt.Sprintf("dimension %d of %d", i+1, ndims))
		}
		d := binary.BigEndian.Uint32(word[:])
		if d == 0 {
			return nil, fmt.Errorf("%s header: dimension %d of %d is 0", kind, i+1, ndims)
		}
		dims[i] = int(d)
	}
	return dims, nil
}

// headerError explains a read error inside the header.
func headerError(err error, what string) error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return fmt.Errorf("truncated header: the stream ended in %s", what)
	}
	return err
}

// magicError says what is wrong with a magic number: not IDX at all, the
// wrong element type, or the other kind of MNIST file.
func magicError(got, want uint32, kind string) error {
	switch {
	case got>>16 != 0:
		return fmt.Errorf("magic number 0x%08x is not IDX (want 0x%08x for %s; is this an MNIST file?)", got, want, kind)
	case (got>>8)&0xff != elementUint8:
		return fmt.Errorf("element type 0x%02x in magic number 0x%08x is not unsigned byte (want 0x%08x for %s)", (got>>8)&0xff, got, want, kind)
	case got == imagesMagic:
		return fmt.Errorf("magic number 0x%08x is an images file, want 0x%08x for %s", got, want, kind)
	case got == labelsMagic:
		return fmt.Errorf("magic number 0x%08x is a labels file, want 0x%08x for %s", got, want, kind)
	default:
		return fmt.Errorf("magic number 0x%08x has %d dimensions, want 0x%08x for %s", got, got&0xff, want, kind)
	}
}

// dataSize returns the number of data bytes that dims announce, or an error
// if it exceeds MaxDataBytes. It multiplies step by step against the limit,
// so the product can never overflow.
func dataSize(dims []int) (int, error) {
	size := 1
	for _, d := range dims {
		if size > MaxDataBytes/d {
			return 0, fmt.Errorf("dimensions %s announce more than %d bytes of data, more than any MNIST file holds", formatDims(dims), MaxDataBytes)
		}
		size *= d
	}
	return size, nil
}

// formatDims writes dimensions as 60000×28×28.
func formatDims(dims []int) string {
	s := ""
	for i, d := range dims {
		if i > 0 {
			s += "×"
		}
		s += fmt.Sprint(d)
	}
	return s
}

// readData reads exactly size bytes from r and then checks that r has
// ended. The buffer starts at readChunkSize and doubles as data arrives, so a
// header that promises more than the stream holds costs at most twice what
// really came. Reading one byte past the data is what makes a gzip reader
// verify its checksum, and what catches trailing garbage or a gzip stream
// that would go on expanding.
func readData(r io.Reader, size int) ([]byte, error) {
	buf := make([]byte, 0, min(size, readChunkSize))
	for len(buf) < size {
		if len(buf) == cap(buf) {
			bigger := make([]byte, len(buf), min(2*cap(buf), size))
			copy(bigger, buf)
			buf = bigger
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			if len(buf) < size {
				return nil, fmt.Errorf("truncated: the header announces %d bytes of data, the stream holds %d", size, len(buf))
			}
			break
		}
		if err != nil {
			return nil, err
		}
	}
	var extra [1]byte
	n, err := io.ReadFull(r, extra[:])
	if n > 0 {
		return nil, fmt.Errorf("trailing garbage: the stream goes on after the %d bytes of data the header announces", size)
	}
	if err != io.EOF {
		return nil, err
	}
	return buf, nil
}
