package mnist

import (
	"bytes"
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadImagesHeaderReadsNoPixel: the header alone says how many images
// of which size follow; a stream cut right after it is not an error here,
// which shows that no pixel was read.
func TestReadImagesHeaderReadsNoPixel(t *testing.T) {
	for name, stream := range map[string][]byte{
		"raw":  idxBytes(imagesMagic, []uint32{60000, 28, 28}, nil),
		"gzip": gzipBytes(idxBytes(imagesMagic, []uint32{60000, 28, 28}, nil)),
	} {
		n, rows, cols, err := ReadImagesHeader(bytes.NewReader(stream))
		if err != nil || n != 60000 || rows != 28 || cols != 28 {
			t.Errorf("%s: %d×%d×%d, %v; want 60000×28×28", name, n, rows, cols, err)
		}
	}
	for _, tc := range []struct {
		name, want string
		stream     []byte
	}{
		{"labels", "is a labels file", idxBytes(labelsMagic, []uint32{10}, nil)},
		{"huge image", "images of 16384×16384 pixels, more than", idxBytes(imagesMagic, []uint32{1, 16384, 16384}, nil)},
		{"too much data", "announce more than", idxBytes(imagesMagic, []uint32{400000, 28, 28}, nil)},
		{"empty", "the stream ended before the magic number", nil},
	} {
		_, _, _, err := ReadImagesHeader(bytes.NewReader(tc.stream))
		if err == nil || !strings.HasPrefix(err.Error(), "mnist: ") || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.want)
		}
	}
}

func TestReadImagesHeader(t *testing.T) {
	dir := t.TempDir()
	writeSmallMNIST(t, dir, 7, 3) // training files compressed, test files raw
	for _, tc := range []struct {
		f    File
		want int
	}{{TrainImages, 7}, {TestImages, 3}} {
		n, rows, cols, err := DirSource(dir).ReadImagesHeader(tc.f)
		if err != nil || n != tc.want || rows != 28 || cols != 28 {
			t.Errorf("%s: %d×%d×%d, %v; want %d×28×28", tc.f.Name, n, rows, cols, err, tc.want)
		}
	}
	var missing *MissingError
	if _, _, _, err := DirSource(t.TempDir()).ReadImagesHeader(TrainImages); !errors.As(err, &missing) || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("empty folder: error %v, want a *MissingError", err)
	}
	writeTestFile(t, dir, TestImages.Name, []byte("not gzip, not IDX"))
	if _, _, _, err := DirSource(dir).ReadImagesHeader(TestImages); err == nil || !strings.Contains(err.Error(), filepath.Join(dir, TestImages.Name)) {
		t.Errorf("damaged file: error %v, want one naming the file", err)
	}
}
