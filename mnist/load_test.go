package mnist

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bottleneck/mnist/mnistdata"
)

// embedded is the copy of MNIST built into the module (package mnistdata).
var embedded = Source{FS: mnistdata.FS(), Name: "the embedded copy"}

// embeddedDir writes the four embedded files into a temporary folder, for
// tests that need them on disk.
func embeddedDir(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range Files {
		data, err := fs.ReadFile(mnistdata.FS(), f.Name)
		if err != nil {
			t.Fatal(err)
		}
		writeTestFile(t, dir, f.Name, data)
	}
	return dir
}

func TestLoadRealMNIST(t *testing.T) {
	train, test, err := embedded.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// 60,000 training and 10,000 test images of 28×28: the MNIST facts in
	// docs/design.md, and the counts in the files' headers.
	for _, c := range []struct {
		name string
		d    *Dataset
		n    int
	}{{"train", train, 60000}, {"test", test, 10000}} {
		if r, k := c.d.Images.Dims(); r != c.n || k != 784 || c.d.Rows != 28 || c.d.Cols != 28 || len(c.d.Labels) != c.n || len(c.d.Pixels) != c.n*784 {
			t.Errorf("%s: images %d×%d of %d×%d, %d labels, %d pixels; want %d×784 of 28×28", c.name, r, k, c.d.Rows, c.d.Cols, len(c.d.Labels), len(c.d.Pixels), c.n)
		}
	}
	// The first training digit is a 5 and the first test digit a 7 (look at
	// docs/digits.png; Python's gzip module reads the same from the files).
	if train.Labels[0] != 5 || test.Labels[0] != 7 {
		t.Errorf("first labels %d (train) and %d (test), want 5 and 7", train.Labels[0], test.Labels[0])
	}
	// Mean pixel value of the training set in [0, 1]: 1567298545 / (60000·784)
	// / 255 = 0.130660476274, computed independently by a small Python script
	// that decompressed train-images-idx3-ubyte.gz with the gzip module and
	// summed the bytes after the 16-byte header. (It is the 0.1307 that
	// PyTorch's MNIST examples normalise with.)
	const wantMean = 0.130660476274
	sum := 0.0
	for i := 0; i < train.Images.Rows(); i++ {
		for _, v := range train.Images.Row(i) {
			sum += v
		}
	}
	if mean := sum / float64(60000*784); !(math.Abs(mean-wantMean) <= 1e-11) {
		t.Errorf("mean training pixel %.12f, want %.12f", mean, wantMean)
	}
	// Images and Pixels hold the same values.
	for _, i := range []int{0, 1234, 60000*784 - 1} {
		if got, want := train.Images.At(i/784, i%784), float64(train.Pixels[i])/255; got != want {
			t.Errorf("pixel %d: Images says %v, Pixels %v", i, got, want)
		}
	}
}

func TestRealMNISTChecksumsVerify(t *testing.T) {
	dir := embeddedDir(t)
	// All four files are present, so Fetch only verifies: no mirror is
	// asked, and there are none.
	results, err := Fetch(context.Background(), dir, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range results {
		if r.Source != "" || r.Name != Files[i].Name {
			t.Errorf("result %d: %+v, want %s present", i, r, Files[i].Name)
		}
	}
}

func TestLoadSmallFiles(t *testing.T) {
	dir := t.TempDir()
	writeSmallMNIST(t, dir, 12, 5)
	train, test, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if train.Len() != 12 || test.Len() != 5 {
		t.Fatalf("loaded %d and %d images, want 12 and 5", train.Len(), test.Len())
	}
	want := testImages(12, 28, 28)
	for i, b := range want {
		if train.Pixels[i] != b || train.Images.At(i/784, i%784) != float64(b)/255 {
			t.Fatalf("pixel %d: %d and %v, want %d", i, train.Pixels[i], train.Images.At(i/784, i%784), b)
		}
	}
	if test.Labels[3] != 3 {
		t.Errorf("test label 3 is %d, want 3", test.Labels[3])
	}
}

func TestLoadErrorsNameTheFile(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, dir string)
		want  string // {dir} stands for the directory
	}{
		{"empty directory", func(t *testing.T, dir string) {},
			`mnist: train-images-idx3-ubyte.gz is not in {dir} (run "bottleneck fetch -data {dir}" to download MNIST there, or pass -data DIR naming the directory that holds the four files)`},
		{"test labels missing", func(t *testing.T, dir string) {
			writeSmallMNIST(t, dir, 3, 2)
			os.Remove(filepath.Join(dir, TestLabels.RawName()))
		}, `mnist: t10k-labels-idx1-ubyte.gz is not in {dir} (run "bottleneck fetch -data {dir}" to download MNIST there, or pass -data DIR naming the directory that holds the four files)`},
		{"labels do not match images", func(t *testing.T, dir string) {
			writeSmallMNIST(t, dir, 3, 2)
			writeTestFile(t, dir, TrainLabels.Name, idxBytes(labelsMagic, []uint32{4}, testLabels(4)))
		}, "mnist: {dir}/train-labels-idx1-ubyte.gz has 4 labels but its images file has 3 images"},
		{"images and labels swapped", func(t *testing.T, dir string) {
			writeSmallMNIST(t, dir, 3, 2)
			writeTestFile(t, dir, TestImages.RawName(), idxBytes(labelsMagic, []uint32{2}, testLabels(2)))
		}, "mnist: {dir}/t10k-images-idx3-ubyte: magic number 0x00000801 is a labels file, want 0x00000803 for images"},
		{"truncated training images", func(t *testing.T, dir string) {
			writeSmallMNIST(t, dir, 3, 2)
			writeTestFile(t, dir, TrainImages.Name, gzipBytes(idxBytes(imagesMagic, []uint32{3, 28, 28}, testImages(2, 28, 28))))
		}, "mnist: {dir}/train-images-idx3-ubyte.gz: truncated: the header announces 2352 bytes of data, the stream holds 1568"},
		{"test images of another size", func(t *testing.T, dir string) {
			writeSmallMNIST(t, dir, 3, 2)
			writeTestFile(t, dir, TestImages.RawName(), idxBytes(imagesMagic, []uint32{2, 14, 14}, testImages(2, 14, 14)))
		}, "mnist: {dir}: training images are 28×28 but test images are 14×14"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			tc.setup(t, dir)
			_, _, err := Load(dir)
			want := strings.ReplaceAll(tc.want, "{dir}", dir)
			if err == nil || err.Error() != want {
				t.Errorf("got error %v\nwant %q", err, want)
			}
		})
	}
}

func TestMissingErrorIsNotExist(t *testing.T) {
	_, _, err := Load(t.TempDir())
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("errors.Is(%v, fs.ErrNotExist) is false", err)
	}
}

func TestDir(t *testing.T) {
	cache, err := os.UserCacheDir()
	if err != nil {
		t.Skipf("no user cache directory here: %v", err)
	}
	for _, tc := range []struct {
		flag, env, want string
	}{
		{"/data/flag", "/data/env", "/data/flag"},
		{"", "/data/env", "/data/env"},
		{"", "", filepath.Join(cache, "bottleneck", "mnist")},
	} {
		t.Setenv("MNIST_DIR", tc.env)
		got, err := Dir(tc.flag)
		if err != nil || got != tc.want {
			t.Errorf("Dir(%q) with MNIST_DIR=%q = %q, %v; want %q", tc.flag, tc.env, got, err, tc.want)
		}
	}
}

// BenchmarkLoad measures what a command pays at start-up to read MNIST: both
// splits decompressed and converted, from the embedded copy and from the
// same files on disk.
func BenchmarkLoad(b *testing.B) {
	for _, c := range []struct {
		name string
		src  Source
	}{{"embedded", embedded}, {"disk", DirSource(embeddedDir(b))}} {
		src := c.src
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, _, err := src.Load(context.Background()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestEmbeddedCopyIsTheOriginal checks the embedded files byte for byte
// against the sizes and SHA-256 sums of the files the mirrors serve.
func TestEmbeddedCopyIsTheOriginal(t *testing.T) {
	for _, f := range Files {
		data, err := fs.ReadFile(mnistdata.FS(), f.Name)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		if int64(len(data)) != f.Size || hex.EncodeToString(sum[:]) != f.SHA256 {
			t.Errorf("%s: %d bytes, SHA-256 %x; want %d bytes, %s", f.Name, len(data), sum, f.Size, f.SHA256)
		}
	}
	if !embedded.Has() {
		t.Error("Has() is false for the embedded copy")
	}
}

// TestLoadRefusesWhatIsNotAFile: a named pipe in place of an MNIST file is
// refused before it is opened (opening a pipe with no writer would block for
// ever), and so is a directory.
func TestLoadRefusesWhatIsNotAFile(t *testing.T) {
	for _, tc := range []struct {
		name string
		make func(path string) error
		kind string
	}{
		{"named pipe", func(p string) error { return mkfifo(p) }, "a named pipe (FIFO)"},
		{"directory", func(p string) error { return os.Mkdir(p, 0o755) }, "a directory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeSmallMNIST(t, dir, 3, 2)
			os.Remove(filepath.Join(dir, TrainImages.Name))
			os.Remove(filepath.Join(dir, TrainImages.RawName()))
			p := filepath.Join(dir, TrainImages.Name)
			if err := tc.make(p); err != nil {
				t.Skipf("cannot make a %s here: %v", tc.name, err)
			}
			done := make(chan error, 1)
			go func() { _, _, err := Load(dir); done <- err }()
			select {
			case err := <-done:
				want := "mnist: " + p + ": not a regular file: it is " + tc.kind
				if !errors.Is(err, ErrNotRegular) || err.Error() != want {
					t.Errorf("got %v, want %q wrapping ErrNotRegular", err, want)
				}
			case <-time.After(20 * time.Second):
				// Not a timing test: only a hang lasts this long.
				t.Fatal("Load hangs on a " + tc.name)
			}
		})
	}
}

// TestLoadStopsWhenCancelled: a cancelled context stops the reading and is
// the error, so that Ctrl-C is reported as such and not as a damaged file.
func TestLoadStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := embedded.Load(ctx); !errors.Is(err, context.Canceled) || err != context.Canceled {
		t.Errorf("got %v, want context.Canceled itself", err)
	}
	// Cancelled in the middle of the stream: the reader checks on every read.
	ctx, cancel = context.WithCancel(context.Background())
	reads := 0
	src := Source{FS: countingFS{embedded.FS, func() {
		if reads++; reads == 3 {
			cancel()
		}
	}}, Name: "counting"}
	if _, err := src.LoadTrain(ctx); err != context.Canceled {
		t.Errorf("cancelled mid-stream: got %v, want context.Canceled", err)
	}
}

// countingFS calls read before every Read of a file it opens.
type countingFS struct {
	fs.FS
	read func()
}

func (c countingFS) Open(name string) (fs.File, error) {
	f, err := c.FS.Open(name)
	if err != nil {
		return nil, err
	}
	return countingFile{f, c.read}, nil
}

type countingFile struct {
	fs.File
	read func()
}

func (c countingFile) Read(p []byte) (int, error) {
	c.read()
	return c.File.Read(p)
}
