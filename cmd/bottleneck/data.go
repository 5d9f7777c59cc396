package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"bottleneck/mnist"
	"bottleneck/mnist/mnistdata"
)

// dataFlagHelp is the help of every command's -data flag.
const dataFlagHelp = "directory holding the four MNIST files (default $MNIST_DIR, else the user cache if \"bottleneck fetch\" filled it, else the copy built into the program)"

// embeddedName is how messages name the copy of MNIST built into the program.
const embeddedName = "the copy of MNIST built into the program"

// dataSource picks where MNIST is read from, in this order: the -data
// directory if the flag is given; else $MNIST_DIR if it is set; else the
// user cache directory if "bottleneck fetch" has put all four files there;
// else the copy embedded in the program (package mnistdata). It also returns
// a phrase that says which, for the line on stderr.
func dataSource(dataFlag string) (src mnist.Source, origin string, err error) {
	switch {
	case dataFlag != "":
		src, origin = mnist.DirSource(dataFlag), "-data"
	case os.Getenv("MNIST_DIR") != "":
		src, origin = mnist.DirSource(os.Getenv("MNIST_DIR")), "$MNIST_DIR"
	default:
		if dir, err := mnist.Dir(""); err == nil {
			if cache := mnist.DirSource(dir); cache.Has() {
				return cache, "the user cache, filled by bottleneck fetch", nil
			}
		}
		return mnist.Source{FS: mnistdata.FS(), Name: embeddedName}, "", nil
	}
	if st, err := os.Stat(src.Dir); err == nil && !st.IsDir() {
		return mnist.Source{}, "", usagef("%s %s is a file, not a folder: name the folder that holds the four MNIST files", origin, src.Dir)
	}
	return src, origin, nil
}

// announce says on stderr which copy of MNIST a command read, once it has
// read it (stdout stays clean for -json; a failure is one line of its own,
// naming the file).
func announce(stderr io.Writer, src mnist.Source, origin string, sets ...*mnist.Dataset) {
	n := 0
	for _, d := range sets {
		n += d.Len()
	}
	if origin != "" {
		origin = " (" + origin + ")"
	}
	fmt.Fprintf(stderr, "read %d MNIST images from %s%s\n", n, src.Name, origin)
}

// loadMNIST reads both splits from the source dataSource picks, saying on
// stderr which it is. Its errors say where the directory came from and what
// to do when a file is missing or damaged; Ctrl-C (ctx) stops the reading.
func loadMNIST(ctx context.Context, dataFlag string, stderr io.Writer) (train, test *mnist.Dataset, err error) {
	src, origin, err := dataSource(dataFlag)
	if err != nil {
		return nil, nil, err
	}
	train, test, err = src.Load(ctx)
	if err == nil && train.Len() < test.Len() {
		// MNIST has 60,000 training and 10,000 test images.
		err = fmt.Errorf("mnist: the training files in %s hold %d images, fewer than the test files (%d): the two splits look swapped", src.Name, train.Len(), test.Len())
	}
	if err != nil {
		return nil, nil, explainDataError(src, origin, err)
	}
	announce(stderr, src, origin, train, test)
	return train, test, nil
}

// loadMNISTTest is loadMNIST for the test split alone.
func loadMNISTTest(ctx context.Context, dataFlag string, stderr io.Writer) (*mnist.Dataset, error) {
	src, origin, err := dataSource(dataFlag)
	if err != nil {
		return nil, err
	}
	test, err := src.LoadTest(ctx)
	if err != nil {
		return nil, explainDataError(src, origin, err)
	}
	announce(stderr, src, origin, test)
	return test, nil
}

// loadMNISTTrain is loadMNIST for the training split alone.
func loadMNISTTrain(ctx context.Context, dataFlag string, stderr io.Writer) (*mnist.Dataset, error) {
	src, origin, err := dataSource(dataFlag)
	if err != nil {
		return nil, err
	}
	train, err := src.LoadTrain(ctx)
	if err != nil {
		return nil, explainDataError(src, origin, err)
	}
	announce(stderr, src, origin, train)
	return train, nil
}

// explainDataError adds to a loading error where the directory came from,
// when it was not named by -data, and for a damaged file on disk how to
// check it. A load stopped by Ctrl-C says so.
func explainDataError(src mnist.Source, origin string, err error) error {
	if err == nil || errors.Is(err, context.Canceled) {
		return orInterrupted(err)
	}
	from := ""
	if origin != "" && origin != "-data" {
		from = " (the directory comes from " + origin + ")"
	}
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, mnist.ErrNotRegular) || src.Dir == "" {
		return fmt.Errorf("%w%s", err, from)
	}
	return fmt.Errorf("%w%s; run \"bottleneck fetch -data %s\" to check the files against their SHA-256 sums", err, from, src.Dir)
}
