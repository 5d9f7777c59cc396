package mnist

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"
)

// idxBytes builds an IDX file by hand: the magic number, the dimensions and
// the data, with no checks, so that tests can build broken files too.
func idxBytes(magic uint32, dims []uint32, data []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, magic)
	for _, d := range dims {
		b = binary.BigEndian.AppendUint32(b, d)
	}
	return append(b, data...)
}

// gzipBytes compresses b.
func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// testImages returns n images of rows×cols whose pixels count up, so that
// every pixel differs from its neighbours and a mix-up shows.
func testImages(n, rows, cols int) []byte {
	p := make([]byte, n*rows*cols)
	for i := range p {
		p[i] = byte(i * 7)
	}
	return p
}

// testLabels returns n labels 0, 1, …, 9, 0, 1, …
func testLabels(n int) []uint8 {
	l := make([]uint8, n)
	for i := range l {
		l[i] = uint8(i % 10)
	}
	return l
}

// writeTestFile writes content to dir/name.
func writeTestFile(t testing.TB, dir, name string, content []byte) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), content, 0o644); err != nil {
		t.Fatal(err)
	}
}

// writeSmallMNIST writes a small MNIST look-alike into dir: nTrain and nTest
// images of 28×28 with their labels, the training files compressed and the
// test files raw, so that Load reads both forms.
func writeSmallMNIST(t *testing.T, dir string, nTrain, nTest int) {
	t.Helper()
	writeTestFile(t, dir, TrainImages.Name, gzipBytes(idxBytes(imagesMagic, []uint32{uint32(nTrain), 28, 28}, testImages(nTrain, 28, 28))))
	writeTestFile(t, dir, TrainLabels.Name, gzipBytes(idxBytes(labelsMagic, []uint32{uint32(nTrain)}, testLabels(nTrain))))
	writeTestFile(t, dir, TestImages.RawName(), idxBytes(imagesMagic, []uint32{uint32(nTest), 28, 28}, testImages(nTest, 28, 28)))
	writeTestFile(t, dir, TestLabels.RawName(), idxBytes(labelsMagic, []uint32{uint32(nTest)}, testLabels(nTest)))
}
