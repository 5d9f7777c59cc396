package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"bottleneck/mnist"
)

// dataFlagHelp is the help of every command's -data flag.
const dataFlagHelp = "directory holding the four MNIST files (default $MNIST_DIR, else the user cache; see bottleneck fetch)"

// loadMNIST finds the data directory from the -data flag (mnist.Dir) and
// loads both splits. Its errors say where the directory came from and what
// to do when a file is missing or damaged.
func loadMNIST(dataFlag string) (train, test *mnist.Dataset, err error) {
	dir, err := dataDir(dataFlag)
	if err != nil {
		return nil, nil, err
	}
	train, test, err = mnist.Load(dir)
	if err == nil && train.Len() < test.Len() {
		// MNIST has 60,000 training and 10,000 test images.
		err = fmt.Errorf("mnist: the training files in %s hold %d images, fewer than the test files (%d): the two splits look swapped", dir, train.Len(), test.Len())
	}
	return train, test, explainDataError(dataFlag, dir, err)
}

// dataDir returns the data directory (mnist.Dir) and refuses a -data that
// names a file.
func dataDir(dataFlag string) (string, error) {
	dir, err := mnist.Dir(dataFlag)
	if err != nil {
		return "", err
	}
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return "", usagef("-data %s is a file, not a folder: name the folder that holds the four MNIST files", dir)
	}
	return dir, nil
}

// loadMNISTTest is loadMNIST for the test split alone.
func loadMNISTTest(dataFlag string) (*mnist.Dataset, error) {
	dir, err := dataDir(dataFlag)
	if err != nil {
		return nil, err
	}
	test, err := mnist.LoadTest(dir)
	return test, explainDataError(dataFlag, dir, err)
}

// loadMNISTTrain is loadMNIST for the training split alone.
func loadMNISTTrain(dataFlag string) (*mnist.Dataset, error) {
	dir, err := dataDir(dataFlag)
	if err != nil {
		return nil, err
	}
	train, err := mnist.LoadTrain(dir)
	return train, explainDataError(dataFlag, dir, err)
}

// explainDataError adds to a loading error where the directory came from,
// when it was not named by -data, and for a damaged file how to check it.
func explainDataError(dataFlag, dir string, err error) error {
	if err == nil {
		return nil
	}
	origin := ""
	if dataFlag == "" && os.Getenv("MNIST_DIR") != "" {
		origin = " (the directory comes from $MNIST_DIR)"
	}
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%w%s", err, origin)
	}
	return fmt.Errorf("%w%s; run \"bottleneck fetch -data %s\" to check the files against their SHA-256 sums", err, origin, dir)
}
