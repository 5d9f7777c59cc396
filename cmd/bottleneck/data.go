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
	dir, err := mnist.Dir(dataFlag)
	if err != nil {
		return nil, nil, err
	}
	train, test, err = mnist.Load(dir)
	return train, test, explainDataError(dataFlag, dir, err)
}

// loadMNISTTest is loadMNIST for the test split alone.
func loadMNISTTest(dataFlag string) (*mnist.Dataset, error) {
	dir, err := mnist.Dir(dataFlag)
	if err != nil {
		return nil, err
	}
	test, err := mnist.LoadTest(dir)
	return test, explainDataError(dataFlag, dir, err)
}

// loadMNISTTrain is loadMNIST for the training split alone.
func loadMNISTTrain(dataFlag string) (*mnist.Dataset, error) {
	dir, err := mnist.Dir(dataFlag)
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
