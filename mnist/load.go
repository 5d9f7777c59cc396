package mnist

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

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

// Load reads the training and the test set from the four MNIST files in dir.
// Each file may be compressed (train-images-idx3-ubyte.gz) or not
// (train-images-idx3-ubyte). Load checks that every images file has as many
// images as its labels file has labels, and that both splits have images of
// the same size. The two splits are read at the same time.
func Load(dir string) (train, test *Dataset, err error) {
	var testErr error
	done := make(chan struct{})
	go func() {
		test, testErr = LoadTest(dir)
		close(done)
	}()
	train, err = LoadTrain(dir)
	<-done
	if err != nil {
		return nil, nil, err
	}
	if testErr != nil {
		return nil, nil, testErr
	}
	if train.Rows != test.Rows || train.Cols != test.Cols {
		return nil, nil, fmt.Errorf("mnist: %s: training images are %d×%d but test images are %d×%d", dir, train.Rows, train.Cols, test.Rows, test.Cols)
	}
	return train, test, nil
}

// LoadTrain reads the 60,000 training images and labels from dir, as Load
// does.
func LoadTrain(dir string) (*Dataset, error) {
	return loadSplit(dir, TrainImages, TrainLabels)
}

// LoadTest reads the 10,000 test images and labels from dir, as Load does.
func LoadTest(dir string) (*Dataset, error) {
	return loadSplit(dir, TestImages, TestLabels)
}

// loadSplit reads one images file and one labels file and builds a Dataset.
func loadSplit(dir string, imagesFile, labelsFile File) (*Dataset, error) {
	var pixels []byte
	var n, rows, cols int
	_, err := readFile(dir, imagesFile, func(r io.Reader) (err error) {
		pixels, n, rows, cols, err = readImages(r)
		return err
	})
	if err != nil {
		return nil, err
	}
	var labels []uint8
	labelsPath, err := readFile(dir, labelsFile, func(r io.Reader) (err error) {
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

// readFile finds f in dir, opens it and calls read on it. It returns the
// path it read; errors from read are given the "mnist:" prefix and the path.
func readFile(dir string, f File, read func(io.Reader) error) (string, error) {
	path, err := findFile(dir, f)
	if err != nil {
		return "", err
	}
	file, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("mnist: %w", err)
	}
	defer file.Close()
	if err := read(file); err != nil {
		return "", fmt.Errorf("mnist: %s: %w", path, err)
	}
	return path, nil
}

// findFile returns the path of f in dir: the .gz file if it is there, else
// the decompressed one. If neither is there, the error says which file is
// missing where, and what to do about it.
func findFile(dir string, f File) (string, error) {
	for _, name := range []string{f.Name, f.RawName()} {
		path := filepath.Join(dir, name)
		if _, err := os.Stat(path); err == nil {
			return path, nil
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("mnist: %w", err)
		}
	}
	return "", &MissingError{Dir: dir, Name: f.Name}
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

// Dir returns the directory that holds MNIST: flagValue if it is not empty
// (the -data flag of the command), else $MNIST_DIR if it is set, else
// "bottleneck/mnist" in the user's cache directory (os.UserCacheDir).
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
