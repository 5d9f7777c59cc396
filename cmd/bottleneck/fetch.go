package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"

	"bottleneck/internal/quote"
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
	mirrorList := fs.String("mirrors", strings.Join(mnist.Mirrors, ","), "base URLs to download from, comma-separated, tried in order (a classroom's own server, say)")
	stall := fs.Duration("timeout", mnist.StallTimeout, "give up on a mirror when no byte has arrived for this long")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	mirrors, err := parseMirrors(*mirrorList)
	if err != nil {
		return err
	}
	if *stall <= 0 {
		return usagef("-timeout %v: must be positive, e.g. 30s", *stall)
	}
	dir, err := mnist.Dir(*data)
	if err != nil {
		return err
	}
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		origin := "-data"
		if *data == "" {
			origin = "$MNIST_DIR" // mnist.Dir gives a file only when a user named one
		}
		return usagef("%s %s is a file, not a folder: name the folder for the four MNIST files", origin, dir)
	}
	var progress io.Writer // none in a pipe, a file or a test
	if isTerminal(stderr) {
		progress = stderr // a line that redraws itself
	}
	results, err := mnist.FetchWithTimeout(ctx, dir, mirrors, *stall, progress)
	if ctx.Err() != nil {
		return fmt.Errorf("interrupted; the file being downloaded was not saved, those verified before stay in %s", dir)
	}
	if errors.Is(err, mnist.ErrDownload) {
		return fmt.Errorf("%w; no command needs this download: they all read the copy of MNIST built into the program (the same four files are in the repository, under mnist/mnistdata)", err)
	}
	if err != nil {
		return err
	}
	printFetchResults(stdout, results, dir)
	return nil
}

// parseMirrors splits the -mirrors list into base URLs, each http or https
// and ending in "/" (added if missing).
func parseMirrors(list string) ([]string, error) {
	var mirrors []string
	for _, m := range strings.Split(list, ",") {
		m = strings.TrimSpace(m)
		u, err := url.Parse(m)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, usagef("-mirrors: %q is not an http or https URL, e.g. https://ossci-datasets.s3.amazonaws.com/mnist/", quote.Brief(m))
		}
		if !strings.HasSuffix(m, "/") {
			m += "/"
		}
		mirrors = append(mirrors, m)
	}
	return mirrors, nil
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
	fmt.Fprintf(w, "MNIST is ready in %s\n", quote.Printable(dir))
}
