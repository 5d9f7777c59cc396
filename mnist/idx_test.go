package mnist

import (
	"bytes"
	"compress/gzip"
	"io"
	"runtime"
	"testing"
)

func TestImagesRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name          string
		n, rows, cols int
		compress      bool
	}{
		{"one 1×1 image", 1, 1, 1, false},
		{"three 28×28 images", 3, 28, 28, false},
		{"three 28×28 images, gzip", 3, 28, 28, true},
		{"not square, gzip", 5, 2, 7, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := testImages(tc.n, tc.rows, tc.cols)
			var buf bytes.Buffer
			if err := WriteImages(&buf, want, tc.n, tc.rows, tc.cols); err != nil {
				t.Fatal(err)
			}
			file := buf.Bytes()
			if tc.compress {
				file = gzipBytes(file)
			}
			got, n, rows, cols, err := ReadImages(bytes.NewReader(file))
			if err != nil {
				t.Fatal(err)
			}
			if n != tc.n || rows != tc.rows || cols != tc.cols || !bytes.Equal(got, want) {
				t.Errorf("read %d×%d×%d %v, want %d×%d×%d %v", n, rows, cols, got, tc.n, tc.rows, tc.cols, want)
			}
		})
	}
}

func TestLabelsRoundTrip(t *testing.T) {
	for _, compress := range []bool{false, true} {
		want := testLabels(23)
		var buf bytes.Buffer
		if err := WriteLabels(&buf, want); err != nil {
			t.Fatal(err)
		}
		file := buf.Bytes()
		if compress {
			file = gzipBytes(file)
		}
		got, err := ReadLabels(bytes.NewReader(file))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("gzip %v: read %v, %v; want %v", compress, got, err, want)
		}
	}
}

func TestWriteRefusesWhatReadWouldRefuse(t *testing.T) {
	for _, tc := range []struct {
		name  string
		write func(io.Writer) error
		want  string
	}{
		{"no images", func(w io.Writer) error { return WriteImages(w, nil, 0, 28, 28) }, "mnist: write: dimensions 0×28×28: each must be between 1 and 2³²−1"},
		{"too few pixels", func(w io.Writer) error { return WriteImages(w, make([]byte, 10), 1, 28, 28) }, "mnist: write: dimensions 1×28×28 need 784 bytes, got 10"},
		{"no labels", func(w io.Writer) error { return WriteLabels(w, nil) }, "mnist: write: dimensions 0: each must be between 1 and 2³²−1"},
		{"label 10", func(w io.Writer) error { return WriteLabels(w, []uint8{1, 10}) }, "mnist: WriteLabels: label 10 at index 1 is not a digit 0–9"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.write(io.Discard)
			if err == nil || err.Error() != tc.want {
				t.Errorf("got error %v, want %q", err, tc.want)
			}
		})
	}
}

// validImage is one 2×2 image, the data of the hostile cases below.
var validImage = []byte{0, 64, 128, 255}

// corruptGzip returns a gzip stream of b whose CRC-32 in the trailer is
// wrong, so the stream only fails once all of it has been read.
func corruptGzip(b []byte) []byte {
	z := gzipBytes(b)
	z[len(z)-8] ^= 0xff // the trailer is CRC-32 then size, 4 bytes each
	return z
}

func TestReadImagesRefusesHostileInput(t *testing.T) {
	good := idxBytes(imagesMagic, []uint32{1, 2, 2}, validImage)
	for _, tc := range []struct {
		name  string
		input []byte
		want  string
	}{
		{"empty", nil,
			"mnist: empty or truncated header: the stream ended before the magic number"},
		{"header cut in the dimensions", good[:9],
			"mnist: truncated header: the stream ended in dimension 2 of 3"},
		{"not IDX (a zip file)", []byte("PK\x03\x04rest of a zip file"),
			"mnist: magic number 0x504b0304 is not IDX (want 0x00000803 for images; is this an MNIST file?)"},
		{"labels file instead of images", idxBytes(labelsMagic, []uint32{1}, []byte{3}),
			"mnist: magic number 0x00000801 is a labels file, want 0x00000803 for images"},
		{"element type float32", idxBytes(0x00000d03, []uint32{1, 2, 2}, validImage),
			"mnist: element type 0x0d in magic number 0x00000d03 is not unsigned byte (want 0x00000803 for images)"},
		{"two dimensions", idxBytes(0x00000802, []uint32{2, 2}, validImage),
			"mnist: magic number 0x00000802 has 2 dimensions, want 0x00000803 for images"},
		{"zero images", idxBytes(imagesMagic, []uint32{0, 2, 2}, nil),
			"mnist: images header: dimension 1 of 3 is 0"},
		{"zero columns", idxBytes(imagesMagic, []uint32{1, 2, 0}, nil),
			"mnist: images header: dimension 3 of 3 is 0"},
		{"product overflows 64 bits", idxBytes(imagesMagic, []uint32{0xffffffff, 0xffffffff, 0xffffffff}, validImage),
			"mnist: dimensions 4294967295×4294967295×4294967295 announce more than 268435456 bytes of data, more than any MNIST file holds"},
		// One 16384×16384 image is within MaxDataBytes; it is refused
		// from the header, so the stream holding one row does not matter.
		{"image above MaxImagePixels", idxBytes(imagesMagic, []uint32{1, 16384, 16384}, validImage),
			"mnist: images of 16384×16384 pixels, more than the 16777216 (4096×4096) this program reads"},
		{"product above MaxDataBytes", idxBytes(imagesMagic, []uint32{400000, 28, 28}, validImage),
			"mnist: dimensions 400000×28×28 announce more than 268435456 bytes of data, more than any MNIST file holds"},
		{"header announces more than the stream holds", idxBytes(imagesMagic, []uint32{300000, 28, 28}, make([]byte, 784)),
			"mnist: truncated: the header announces 235200000 bytes of data, the stream holds 784"},
		{"truncated data", good[:len(good)-1],
			"mnist: truncated: the header announces 4 bytes of data, the stream holds 3"},
		{"trailing garbage", append(good[:len(good):len(good)], 0),
			"mnist: trailing garbage: the stream goes on after the 4 bytes of data the header announces"},
		{"gzip, corrupt header", []byte{0x1f, 0x8b, 0xff, 0, 0, 0, 0, 0, 0, 0},
			"mnist: corrupt gzip stream: gzip: invalid header"},
		{"gzip, wrong checksum", corruptGzip(good),
			"mnist: corrupt gzip stream: gzip: invalid checksum"},
		{"gzip, truncated", gzipBytes(good)[:20],
			"mnist: corrupt gzip stream: unexpected EOF"},
		{"gzip, trailing garbage after the stream", append(gzipBytes(good), "this is not a gzip member"...),
			"mnist: corrupt gzip stream: gzip: invalid header"},
		{"gzip, data goes on after the header's size", gzipBytes(append(good[:len(good):len(good)], make([]byte, 1<<20)...)),
			"mnist: trailing garbage: the stream goes on after the 4 bytes of data the header announces"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, _, _, err := ReadImages(bytes.NewReader(tc.input))
			if err == nil || err.Error() != tc.want {
				t.Errorf("got error %v\nwant %q", err, tc.want)
			}
		})
	}
}

func TestReadLabelsRefusesHostileInput(t *testing.T) {
	good := idxBytes(labelsMagic, []uint32{3}, []byte{5, 0, 4})
	for _, tc := range []struct {
		name  string
		input []byte
		want  string
	}{
		{"empty", nil,
			"mnist: empty or truncated header: the stream ended before the magic number"},
		{"header cut in the magic number", good[:3],
			"mnist: truncated header: the stream ended in the magic number"},
		{"images file instead of labels", idxBytes(imagesMagic, []uint32{1, 2, 2}, validImage),
			"mnist: magic number 0x00000803 is an images file, want 0x00000801 for labels"},
		{"element type int32", idxBytes(0x00000c01, []uint32{3}, make([]byte, 12)),
			"mnist: element type 0x0c in magic number 0x00000c01 is not unsigned byte (want 0x00000801 for labels)"},
		{"zero labels", idxBytes(labelsMagic, []uint32{0}, nil),
			"mnist: labels header: dimension 1 of 1 is 0"},
		{"count above MaxDataBytes", idxBytes(labelsMagic, []uint32{0xffffffff}, []byte{1}),
			"mnist: dimensions 4294967295 announce more than 268435456 bytes of data, more than any MNIST file holds"},
		{"header announces more than the stream holds", idxBytes(labelsMagic, []uint32{200000000}, []byte{1, 2}),
			"mnist: truncated: the header announces 200000000 bytes of data, the stream holds 2"},
		{"trailing garbage", append(good[:len(good):len(good)], 7, 7),
			"mnist: trailing garbage: the stream goes on after the 3 bytes of data the header announces"},
		{"not a digit", idxBytes(labelsMagic, []uint32{3}, []byte{5, 0, 200}),
			"mnist: label 200 at index 2 is not a digit 0–9"},
		{"gzip, wrong checksum", corruptGzip(good),
			"mnist: corrupt gzip stream: gzip: invalid checksum"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadLabels(bytes.NewReader(tc.input))
			if err == nil || err.Error() != tc.want {
				t.Errorf("got error %v\nwant %q", err, tc.want)
			}
		})
	}
}

// TestHeaderDoesNotDriveAllocation checks that a header announcing 235 MB of
// images, followed by one image, costs a few MB at most: the reader grows
// its buffer as data arrives instead of trusting the header.
func TestHeaderDoesNotDriveAllocation(t *testing.T) {
	input := idxBytes(imagesMagic, []uint32{300000, 28, 28}, make([]byte, 784))
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, _, _, _, err := ReadImages(bytes.NewReader(input))
	runtime.ReadMemStats(&after)
	if err == nil {
		t.Fatal("no error for a header that announces more than the stream holds")
	}
	// The buffer starts at readChunkSize (1 MiB), plus a 64 KiB bufio buffer.
	const limit = 4 << 20
	if got := after.TotalAlloc - before.TotalAlloc; got > limit {
		t.Errorf("allocated %d bytes for a 784-byte stream, want at most %d", got, limit)
	}
}

// TestGzipThatExpandsWithoutEnd feeds ReadImages a gzip stream of zeros that
// never ends. The reader must stop one byte after the data its header
// announced and call it trailing garbage, not decompress forever.
func TestGzipThatExpandsWithoutEnd(t *testing.T) {
	pr, pw := io.Pipe()
	defer pr.Close() // unblocks the writer below once ReadImages returns
	go func() {
		zw := gzip.NewWriter(pw)
		zw.Write(idxBytes(imagesMagic, []uint32{1, 28, 28}, nil))
		zeros := make([]byte, 1<<20)
		for {
			if _, err := zw.Write(zeros); err != nil {
				pw.CloseWithError(err)
				return
			}
		}
	}()
	_, _, _, _, err := ReadImages(pr)
	want := "mnist: trailing garbage: the stream goes on after the 784 bytes of data the header announces"
	if err == nil || err.Error() != want {
		t.Errorf("got error %v, want %q", err, want)
	}
}
