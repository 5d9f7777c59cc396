package main

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"bottleneck/mnist"
)

var (
	binaryOnce sync.Once
	binaryPath string
	binaryErr  error
	emptyHome  string // an empty folder the binary sees as $HOME and its cache
)

// bottleneckBinary builds the command once for all tests that run it as a
// user would, so that a panic trace or a wrong exit status cannot hide
// behind the in-process run function.
func bottleneckBinary(t *testing.T) string {
	t.Helper()
	binaryOnce.Do(func() {
		dir, err := os.MkdirTemp("", "bottleneck-cli-")
		if err != nil {
			binaryErr = err
			return
		}
		binaryPath = filepath.Join(dir, "bottleneck")
		emptyHome = filepath.Join(dir, "home")
		if binaryErr = os.Mkdir(emptyHome, 0o755); binaryErr != nil {
			return
		}
		out, err := exec.Command("go", "build", "-o", binaryPath, ".").CombinedOutput()
		if err != nil {
			binaryErr = errors.New(string(out))
		}
	})
	if binaryErr != nil {
		t.Fatalf("building the command: %v", binaryErr)
	}
	return binaryPath
}

// runBinary runs the built command and returns its exit status, stdout and
// stderr.
func runBinary(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(bottleneckBinary(t), args...)
	// Tests name their data with -data, or read the copy built into the
	// program: neither $MNIST_DIR nor a user cache filled by fetch may
	// change what they read.
	cmd.Env = append(os.Environ(), "MNIST_DIR=", "XDG_CACHE_HOME="+emptyHome, "HOME="+emptyHome, "LocalAppData="+emptyHome)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, stdout.String(), stderr.String()
}

// writeGzipped writes, gzip-compressed, the file at path with what
// writeIDX produces: an MNIST file as the mnist package reads it.
func writeGzipped(t *testing.T, path string, writeIDX func(*bytes.Buffer) error) {
	t.Helper()
	var raw, gz bytes.Buffer
	if err := writeIDX(&raw); err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(&gz)
	zw.Write(raw.Bytes())
	zw.Close()
	if err := os.WriteFile(path, gz.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// writeTinyMNIST writes the four MNIST files into dir with n training and n
// test images of 28×28, so that show can run without the real data.
func writeTinyMNIST(t *testing.T, dir string, n int) {
	t.Helper()
	pixels := make([]byte, n*784)
	for i := range pixels {
		pixels[i] = byte(i)
	}
	labels := make([]uint8, n)
	write := func(name string, writeIDX func(*bytes.Buffer) error) {
		writeGzipped(t, filepath.Join(dir, name), writeIDX)
	}
	for _, f := range []mnist.File{mnist.TrainImages, mnist.TestImages} {
		write(f.Name, func(b *bytes.Buffer) error { return mnist.WriteImages(b, pixels, n, 28, 28) })
	}
	for _, f := range []mnist.File{mnist.TrainLabels, mnist.TestLabels} {
		write(f.Name, func(b *bytes.Buffer) error { return mnist.WriteLabels(b, labels) })
	}
}
