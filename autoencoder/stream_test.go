package autoencoder

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"bottleneck/matrix"
)

// TestWriteToReadRoundTrip: a model written to a stream reads back the
// same, and Read leaves the bytes that follow it in the stream.
func TestWriteToReadRoundTrip(t *testing.T) {
	for _, tied := range []bool{false, true} {
		ae := smallModel(t, tied)
		var buf bytes.Buffer
		n, err := ae.WriteTo(&buf)
		want, _ := ae.MarshalBinary()
		if err != nil || n != int64(len(want)) || !bytes.Equal(buf.Bytes(), want) {
			t.Fatalf("WriteTo: %d bytes, %v; want the %d bytes of MarshalBinary", n, err, len(want))
		}
		buf.WriteString("next")
		got, err := Read(&buf)
		if err != nil {
			t.Fatal(err)
		}
		x := randData(rand.New(rand.NewPCG(1, 1)), 4, 12)
		if got.String() != ae.String() || !matrix.EqualApprox(ae.Reconstruct(x), got.Reconstruct(x), 0) {
			t.Errorf("tied=%v: read %s, which reconstructs differently from %s", tied, got, ae)
		}
		if rest := buf.String(); rest != "next" {
			t.Errorf("tied=%v: after Read the stream holds %q, want \"next\"", tied, rest)
		}
	}
}

// countingReader counts the bytes read from it.
type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

// TestReadRefusesBadStreams: what is not a model, or announces more than a
// model holds, is refused after the header; a truncated or damaged model
// says so.
func TestReadRefusesBadStreams(t *testing.T) {
	good, err := smallModel(t, false).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	huge := append([]byte(nil), good...)
	binary.LittleEndian.PutUint64(huge[sizeAt:], 1<<40)
	flipped := append([]byte(nil), good...)
	flipped[len(flipped)/2] ^= 1
	for _, tt := range []struct {
		name   string
		stream io.Reader
		want   string
		most   int // bytes Read may take from the stream; 0 for any
	}{
		{"empty", strings.NewReader(""), "empty file", 0},
		{"not a model", io.MultiReader(strings.NewReader("GIF89a"), zeros{}), "not a bottleneck model file", headerSize},
		{"huge size field", io.MultiReader(bytes.NewReader(huge), zeros{}), "more than a model holds", headerSize},
		{"header cut", bytes.NewReader(good[:headerSize-3]), "shorter than the", 0},
		{"body cut", bytes.NewReader(good[:len(good)-10]), "truncated model", 0},
		{"one bit flipped", bytes.NewReader(flipped), "checksum mismatch", 0},
	} {
		cr := &countingReader{r: tt.stream}
		_, err := Read(cr)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
		if tt.most > 0 && cr.n > tt.most {
			t.Errorf("%s: read %d bytes before refusing, want at most %d", tt.name, cr.n, tt.most)
		}
	}
	// A failing stream's error comes back, from Read wrapped, from
	// WriteTo as it is.
	broken := errors.New("connection reset")
	if _, err := smallModel(t, false).WriteTo(errWriter{broken}); err != broken {
		t.Errorf("WriteTo on a failing writer: error %v, want %v", err, broken)
	}
	if _, err := Read(io.MultiReader(bytes.NewReader(good[:100]), errReader{broken})); !errors.Is(err, broken) {
		t.Errorf("a stream that fails: error %v, want one wrapping %v", err, broken)
	}
}

// zeros is an endless stream of zero bytes.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// errReader fails every read with err.
type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// errWriter fails every write with err.
type errWriter struct{ err error }

func (e errWriter) Write([]byte) (int, error) { return 0, e.err }
