package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"bottleneck/mnist"
)

const fetchDescription = `
Download the four MNIST files into the data directory, or, if they are
there already, verify them. Every file is checked by size and SHA-256
before it is put in place; a failed download leaves nothing behind.
Mirrors, tried in order:
  https://ossci-datasets.s3.amazonaws.com/mnist/
  https://storage.googleapis.com/cvdf-datasets/mnist/`

// runFetch makes sure MNIST is in the data directory and verified.
func runFetch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("fetch", fetchDescription, stdout)
	data := fs.String("data", "", "directory for the four MNIST files (default $MNIST_DIR, else the user cache directory)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	dir, err := mnist.Dir(*data)
	if err != nil {
		return err
	}
	results, err := mnist.Fetch(ctx, dir, mnist.Mirrors, terminalOrNil(stderr))
	if err != nil {
		return err
	}
	printFetchResults(stdout, results, dir)
	return nil
}

// printFetchResults says, file by file, what fetch found or did.
func printFetchResults(w io.Writer, results []mnist.FetchResult, dir string) {
	for _, r := range results {
		if r.Source == "" {
			fmt.Fprintf(w, "%-27s present, size and SHA-256 verified\n", r.Name)
		} else {
			fmt.Fprintf(w, "%-27s downloaded from %s, size and SHA-256 verified\n", r.Name, r.Source)
		}
	}
	fmt.Fprintf(w, "MNIST is ready in %s\n", dir)
}

// terminalOrNil returns w if it is a terminal, where a progress line that
// redraws itself makes sense, and nil otherwise (a pipe, a file, a test).
func terminalOrNil(w io.Writer) io.Writer {
	f, ok := w.(*os.File)
	if !ok {
		return nil
	}
	info, err := f.Stat()
	if err != nil || info.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	return w
}
