package mnist

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"bottleneck/internal/filekind"
	"bottleneck/matrix"
)

// Dataset is one split of MNIST: the training or the test set.
type Dataset struct {
	Images     *matrix.Dense // n×(Rows·Cols), pixel/255 in [0, 1], one image per row in the file's row-major order
	Labels     []uint8       // n, each a digit 0–9
	Pixels     []byte        // n·Rows·Cols raw bytes 0–255, the same images, for drawing
	Rows, Cols int           // the size of one image: 28, 28
}

// Len returns the number of images.
func (d *Dataset) Len() int { return len(d.Labels) }

// Source is a folder that holds the four MNIST files: a directory on disk
// (DirSource), or any other file system, such as the copy embedded in the
// program by package mnistdata.
type Source struct {
	FS   fs.FS  // the folder; the files sit at its root
	Name string // how messages name the folder: a directory path, or a phrase such as "the embedded copy"
	Dir  string // the directory on disk, or "" when FS is not one
}

// DirSource returns the Source of a directory on disk.
func DirSource(dir string) Source {
	return Source{FS: os.DirFS(dir), Name: dir, Dir: dir}
}

// Load reads the training and the test set from the four MNIST files in dir:
// DirSource(dir).Load with no way to cancel it.
func Load(dir string) (train, test *Dataset, err error) {
	return DirSource(dir).Load(context.Background())
}

// Load reads the training and the test set from the four MNIST files in s.
// Each file may be compressed (train-images-idx3-ubyte.gz) or not
// (train-images-idx3-ubyte), and must be a regular file (a named pipe or a
// device is refused before it is opened, since opening a pipe with no
// writer would wait for ever). Load checks that every images file has as
// many images as its labels file has labels, and that both splits have
// images of the same size. The two splits are read at the same time.
// Cancelling ctx stops the reading; the error is then ctx's.
func (s Source) Load(ctx context.Context) (train, test *Dataset, err error) {
	var testErr error
	done := make(chan struct{})
	go func() {
		test, testErr = s.LoadTest(ctx)
		close(done)
	}()
	train, err = s.LoadTrain(ctx)
	<-done
	if err != nil {
		return nil, nil, err
	}
	if testErr != nil {
		return nil, nil, testErr
	}
	if train.Rows != test.Rows || train.Cols != test.Cols {
		return nil, nil, fmt.Errorf("mnist: %s: training images are %d×%d but test images are %d×%d", s.Name, train.Rows, train.Cols, test.Rows, test.Cols)
	}
	return train, test, nil
}

// LoadTrain reads the 60,000 training images and labels from s, as Load
// does.
func (s Source) LoadTrain(ctx context.Context) (*Dataset, error) {
	return s.loadSplit(ctx, TrainImages, TrainLabels)
}

// LoadTest reads the 10,000 test images and labels from s, as Load does.
func (s Source) LoadTest(ctx context.Context) (*Dataset, error) {
	return s.loadSplit(ctx, TestImages, TestLabels)
}

// Has reports whether all four files are in s, each in one of its two
// forms.
func (s Source) Has() bool {
	for _, f := range Files {
		if _, err := s.find(f); err != nil {
			return false
		}
	}
	return true
}

// loadSplit reads one images file and one labels file and builds a Dataset.
func (s Source) loadSplit(ctx context.Context, imagesFile, labelsFile File) (*Dataset, error) {
	var pixels []byte
	var n, rows, cols int
	_, err := s.readFile(ctx, imagesFile, func(r io.Reader) (err error) {
		pixels, n, rows, cols, err = readImages(r)
		return err
	})
	if err != nil {
		return nil, err
	}
	var labels []uint8
	labelsPath, err := s.readFile(ctx, labelsFile, func(r io.Reader) (err error) {
		labels, err = readLabels(r)
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(labels) != n {
		return nil, fmt.Errorf("mnist: %s has %d labels but its images file has %d images", labelsPath, len(labels), n)
	}
	return &Dataset{Images: toUnitInterval(pixels, n, rows*cols), Labels: labels, Pixels: pixels, Rows: rows, Cols: cols}, nil
}

// readFile finds f in s, opens it and calls read on it. It returns the path
// it read, for messages; errors from read are given the "mnist:" prefix and
// the path. If ctx is cancelled while read runs, the error is ctx's.
func (s Source) readFile(ctx context.Context, f File, read func(io.Reader) error) (string, error) {
	name, err := s.find(f)
	if err != nil {
		return "", err
	}
	p := s.path(name)
	if err := ctx.Err(); err != nil {
		return "", err
	}
	file, err := s.FS.Open(name)
	if err != nil {
		return "", fmt.Errorf("mnist: %s: %w", p, unwrapPathError(err))
	}
	defer file.Close()
	if err := read(contextReader{ctx, file}); err != nil {
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		return "", fmt.Errorf("mnist: %s: %w", p, err)
	}
	return p, nil
}

// find returns the name of f in s: the .gz file if it is there, else the
// decompressed one. If neither is there, the error is a *MissingError; if
// the one there is not a regular file, an error that wraps ErrNotRegular.
func (s Source) find(f File) (string, error) {
	for _, name := range []string{f.Name, f.RawName()} {
		st, err := fs.Stat(s.FS, name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return "", fmt.Errorf("mnist: %s: %w", s.path(name), unwrapPathError(err))
		}
		if !st.Mode().IsRegular() {
			return "", fmt.Errorf("mnist: %s: %w: it is %s", s.path(name), ErrNotRegular, filekind.Describe(st.Mode()))
		}
		return name, nil
	}
	return "", &MissingError{Dir: s.Name, Name: f.Name}
}

// path joins the folder's name and a file name for messages.
func (s Source) path(name string) string {
	if s.Dir != "" {
		return filepath.Join(s.Dir, name)
	}
	return path.Join(s.Name, name)
}

// ErrNotRegular is wrapped by the error for an MNIST file that is a
// directory, a named pipe, a device or a socket rather than a regular file.
var ErrNotRegular = filekind.ErrNotRegular

// contextReader stops reading with ctx's error once ctx is cancelled, so
// that Ctrl-C stops a load of MNIST within one read.
type contextReader struct {
	ctx context.Context
	r   io.Reader
}

func (c contextReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// unwrapPathError drops the operation and file name from an *fs.PathError,
// for messages that name the file already.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// MissingError reports that an MNIST file is in neither of its forms in a
// directory.
type MissingError struct {
	Dir  string // the directory searched
	Name string // the missing file, e.g. "train-images-idx3-ubyte.gz"
}

// Error says which file is missing where, and how to get it.
func (e *MissingError) Error() string {
	return fmt.Sprintf("mnist: %s is not in %s (run \"bottleneck fetch -data %s\" to download MNIST there, or pass -data DIR naming the directory that holds the four files)", e.Name, e.Dir, e.Dir)
}

// Unwrap makes errors.Is(err, fs.ErrNotExist) true for a MissingError.
func (e *MissingError) Unwrap() error { return fs.ErrNotExist }

// toUnitInterval converts n images of size pixels each to an n×size matrix
// with every byte divided by 255.
func toUnitInterval(pixels []byte, n, size int) *matrix.Dense {
	var scale [256]float64
	for b := range scale {
		scale[b] = float64(b) / 255
	}
	data := make([]float64, len(pixels))
	for i, b := range pixels {
		data[i] = scale[b]
	}
	return matrix.NewFromSlice(n, size, data)
}

// Dir returns the directory on disk that holds MNIST: flagValue if it is
// not empty (the -data flag of the command), else $MNIST_DIR if it is set,
// else "bottleneck/mnist" in the user's cache directory (os.UserCacheDir),
// where Fetch puts the files. Whether the files are there is for the caller
// to check (Source.Has); a program that embeds MNIST (package mnistdata)
// falls back on that copy when the cache holds none.
func Dir(flagValue string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	if env := os.Getenv("MNIST_DIR"); env != "" {
		return env, nil
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("mnist: no -data flag, no $MNIST_DIR and no user cache directory (%v): pass -data DIR", err)
	}
	return filepath.Join(cache, "bottleneck", "mnist"), nil
}
