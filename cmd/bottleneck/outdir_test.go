package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"bottleneck/autoencoder"
)

// trainArgs are the arguments of a short train run on the tiny data in
// data, writing into out.
func trainArgs(data, out string, extra ...string) []string {
	return append([]string{"train", "-data", data, "-out", out, "-layers", "784,4,2", "-epochs", "1", "-batch", "10", "-train-n", "20"}, extra...)
}

// checkOneRun checks that the files train wrote into out come from one
// run: the model has the layers summary.json names, and nothing else
// (no temporary file, no lock) is in the folder.
func checkOneRun(t *testing.T, out string) (layers []int) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s trainSummary
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	ae, err := autoencoder.Load(filepath.Join(out, "autoencoder.model"))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(ae.Config.Layers, s.Layers) {
		t.Errorf("the model is %v but summary.json says %v: the folder mixes two runs", ae.Config.Layers, s.Layers)
	}
	entries, _ := os.ReadDir(out)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := slices.Sorted(slices.Values(s.Files)); !reflect.DeepEqual(names, want) {
		t.Errorf("the folder holds %v, want the files summary.json lists, %v, and nothing else", names, want)
	}
	return s.Layers
}

// TestConcurrentRunsDoNotMix: two runs into one folder at the same time
// leave one run's files, not a mix of both.
func TestConcurrentRunsDoNotMix(t *testing.T) {
	data := t.TempDir()
	writeTinyMNIST(t, data, 20)
	out := filepath.Join(t.TempDir(), "shared")
	var runs []*exec.Cmd
	for _, layers := range []string{"784,3,2", "784,5,2", "784,7,2"} {
		c := exec.Command(bottleneckBinary(t), trainArgs(data, out, "-layers", layers)...)
		c.Env = append(os.Environ(), "MNIST_DIR=")
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		runs = append(runs, c)
	}
	for _, c := range runs {
		if err := c.Wait(); err != nil {
			t.Errorf("a run failed: %v", err)
		}
	}
	checkOneRun(t, out)
}

// TestOtherCommandsFilesRefused: a folder that holds another command's
// files is refused before any work, so that a summary never sits beside
// pictures it does not describe.
func TestOtherCommandsFilesRefused(t *testing.T) {
	data := t.TempDir()
	writeTinyMNIST(t, data, 20)
	out := t.TempDir()
	if code, _, stderr := runBinary(t, "pca", "-data", data, "-k", "2", "-out", out); code != 0 {
		t.Fatalf("pca: exit %d: %s", code, stderr)
	}
	code, _, stderr := runBinary(t, trainArgs(data, out)...)
	if want := "holds components.png, scree.svg, cumulative.svg, error_vs_k.svg of bottleneck pca"; code != 2 || !strings.Contains(stderr, want) {
		t.Errorf("train into pca's folder: exit %d, stderr %q; want 2 and %q", code, stderr, want)
	}
	if _, err := os.Stat(filepath.Join(out, "autoencoder.model")); err == nil {
		t.Error("train wrote into pca's folder")
	}
}

// TestLockInTheWay: a folder where the commit's lock file cannot be made
// (a directory has its name) is refused before any work, not after it.
func TestLockInTheWay(t *testing.T) {
	data, out := t.TempDir(), t.TempDir()
	writeTinyMNIST(t, data, 20)
	os.Mkdir(filepath.Join(out, ".atomicfile.lock"), 0o755)
	code, stdout, stderr := runBinary(t, trainArgs(data, out)...)
	if want := "is in the way, and it is a directory (remove it or choose another -out)"; code != 1 || !strings.Contains(stderr, want) || stdout != "" || strings.Contains(stderr, "read ") {
		t.Errorf("exit %d, stdout %q, stderr %q; want 1, %q, and nothing read or trained", code, stdout, stderr, want)
	}
}
