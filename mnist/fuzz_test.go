package mnist

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzReadImages feeds ReadImages arbitrary bytes. It must never panic,
// every error must start with "mnist:", and whatever it accepts must have
// consistent dimensions and survive a round trip through WriteImages; a raw
// (not gzip) input must come back byte for byte.
func FuzzReadImages(f *testing.F) {
	one := idxBytes(imagesMagic, []uint32{1, 2, 2}, validImage)
	three := idxBytes(imagesMagic, []uint32{3, 28, 28}, testImages(3, 28, 28))
	f.Add(one)
	f.Add(three)
	f.Add(gzipBytes(one))
	f.Add(gzipBytes(three))
	f.Add(idxBytes(labelsMagic, []uint32{3}, []byte{5, 0, 4}))
	f.Fuzz(func(t *testing.T, data []byte) {
		pixels, n, rows, cols, err := ReadImages(bytes.NewReader(data))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "mnist: ") {
				t.Fatalf("error does not start with \"mnist: \": %v", err)
			}
			return
		}
		if n < 1 || rows < 1 || cols < 1 || len(pixels) != n*rows*cols {
			t.Fatalf("accepted %d×%d×%d with %d pixels", n, rows, cols, len(pixels))
		}
		var buf bytes.Buffer
		if err := WriteImages(&buf, pixels, n, rows, cols); err != nil {
			t.Fatalf("cannot write back what was read: %v", err)
		}
		if !isGzip(data) && !bytes.Equal(buf.Bytes(), data) {
			t.Fatalf("round trip changed the file")
		}
	})
}

// FuzzReadLabels is FuzzReadImages for labels.
func FuzzReadLabels(f *testing.F) {
	f.Add(idxBytes(labelsMagic, []uint32{3}, []byte{5, 0, 4}))
	f.Add(idxBytes(labelsMagic, []uint32{10}, testLabels(10)))
	f.Add(gzipBytes(idxBytes(labelsMagic, []uint32{10}, testLabels(10))))
	f.Add(idxBytes(imagesMagic, []uint32{1, 2, 2}, validImage))
	f.Fuzz(func(t *testing.T, data []byte) {
		labels, err := ReadLabels(bytes.NewReader(data))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "mnist: ") {
				t.Fatalf("error does not start with \"mnist: \": %v", err)
			}
			return
		}
		if len(labels) < 1 {
			t.Fatal("accepted a file with no labels")
		}
		var buf bytes.Buffer
		if err := WriteLabels(&buf, labels); err != nil {
			t.Fatalf("cannot write back what was read: %v", err)
		}
		if !isGzip(data) && !bytes.Equal(buf.Bytes(), data) {
			t.Fatalf("round trip changed the file")
		}
	})
}

// isGzip reports whether data starts with the gzip magic bytes.
func isGzip(data []byte) bool {
	return len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b
}
