package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bottleneck/mnist"
)

// No test here downloads anything: fetch only reaches the network for files
// that are missing, and every case below has the files it needs, or fails
// before it would download. The downloads themselves are tested in package
// mnist against local test servers.

func TestFetchVerifiesRealFiles(t *testing.T) {
	data := embeddedDir(t)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"fetch", "-data", data}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr.String())
	}
	want := "train-images-idx3-ubyte.gz  present, size and SHA-256 verified\n" +
		"train-labels-idx1-ubyte.gz  present, size and SHA-256 verified\n" +
		"t10k-images-idx3-ubyte.gz   present, size and SHA-256 verified\n" +
		"t10k-labels-idx1-ubyte.gz   present, size and SHA-256 verified\n" +
		"MNIST is ready in " + data + "\n"
	if stdout.String() != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", stdout.String(), want)
	}
}

func TestFetchErrors(t *testing.T) {
	dir := t.TempDir()
	// A file that is not the real one: fetch refuses it before it would
	// download anything.
	if err := os.WriteFile(filepath.Join(dir, mnist.TrainImages.Name), []byte("oops"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"stray argument", []string{"fetch", "now"}, 2,
			`bottleneck fetch: unexpected argument "now" (run "bottleneck fetch -h" for the flags)`},
		{"unknown flag", []string{"fetch", "-dir", dir}, 2,
			`bottleneck fetch: flag provided but not defined: -dir (run "bottleneck fetch -h" for the flags)`},
		{"corrupt file present", []string{"fetch", "-data", dir}, 1,
			"bottleneck fetch: mnist: " + filepath.Join(dir, mnist.TrainImages.Name) + " is not the MNIST file: it has 4 bytes, want 9912422; delete it and run fetch again"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tc.args, &stdout, &stderr)
			if code != tc.code || stderr.String() != tc.want+"\n" {
				t.Errorf("exit %d, stderr %q\nwant exit %d, %q", code, stderr.String(), tc.code, tc.want)
			}
		})
	}
	if names, _ := os.ReadDir(dir); len(names) != 1 {
		t.Errorf("fetch left %d files in the directory, want the 1 that was there", len(names))
	}
}

func TestProgressOnlyOnATerminal(t *testing.T) {
	var buf bytes.Buffer
	if terminalOrNil(&buf) != nil {
		t.Error("a bytes.Buffer counts as a terminal")
	}
	f, err := os.Create(filepath.Join(t.TempDir(), "log"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if terminalOrNil(f) != nil {
		t.Error("a regular file counts as a terminal")
	}
	if !strings.Contains(fetchDescription, mnist.Mirrors[0]) || !strings.Contains(fetchDescription, mnist.Mirrors[1]) {
		t.Error("fetch -h does not list the mirrors that fetch uses")
	}
}
