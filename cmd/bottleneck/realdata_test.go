package main

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"bottleneck/mnist"
	"bottleneck/mnist/mnistdata"
)

// realData is the real MNIST, read once from the copy built into the
// program and shared by the tests that need it.
var realData struct {
	once        sync.Once
	train, test *mnist.Dataset
	dir         string // the four files written to disk, for -data and fetch
	err         error
}

// embeddedMNIST returns both splits of the copy of MNIST built into the
// program: the tests read real digits with no download and no setup.
func embeddedMNIST(t *testing.T) (train, test *mnist.Dataset) {
	t.Helper()
	loadRealData(t)
	return realData.train, realData.test
}

// embeddedDir returns a folder holding the four embedded MNIST files, for
// tests that name a data directory on disk.
func embeddedDir(t *testing.T) string {
	t.Helper()
	loadRealData(t)
	return realData.dir
}

func loadRealData(t *testing.T) {
	t.Helper()
	r := &realData
	r.once.Do(func() {
		src := mnist.Source{FS: mnistdata.FS(), Name: embeddedName}
		if r.train, r.test, r.err = src.Load(context.Background()); r.err != nil {
			return
		}
		// The folder outlives any one test; TestMain removes it.
		if r.dir, r.err = os.MkdirTemp("", "bottleneck-mnist-"); r.err != nil {
			return
		}
		for _, f := range mnist.Files {
			data, err := fs.ReadFile(mnistdata.FS(), f.Name)
			if err == nil {
				err = os.WriteFile(filepath.Join(r.dir, f.Name), data, 0o644)
			}
			if err != nil {
				r.err = err
				return
			}
		}
	})
	if r.err != nil {
		t.Fatal(r.err)
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	if realData.dir != "" {
		os.RemoveAll(realData.dir)
	}
	if binaryPath != "" {
		os.RemoveAll(filepath.Dir(binaryPath))
	}
	os.Exit(code)
}

// errorLine returns stderr without the line that says which MNIST was read:
// what is left must be the one line of the error.
func errorLine(stderr string) string {
	first, rest, ok := strings.Cut(stderr, "\n")
	if ok && strings.HasPrefix(first, "read ") && strings.Contains(first, " MNIST images from ") {
		return rest
	}
	return stderr
}
