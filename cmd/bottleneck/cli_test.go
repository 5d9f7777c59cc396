package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
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

// TestBadInput runs the command with what a user can get wrong: each case
// must give exactly one line on stderr, with the expected words, the
// expected exit status (2 usage, 1 run time), and no panic.
func TestBadInput(t *testing.T) {
	tmp := t.TempDir()
	corrupt := filepath.Join(tmp, "corrupt.model")
	os.WriteFile(corrupt, []byte("bottleneck-autoencoder\n\x01\x00\x00\x00garbage"), 0o644)
	aFile := filepath.Join(tmp, "a-file")
	os.WriteFile(aFile, []byte("x"), 0o644)
	missing := filepath.Join(tmp, "no-such-dir")
	tiny := t.TempDir()
	writeTinyMNIST(t, tiny, 3)

	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"unknown command", []string{"trian"}, 2, `unknown command "trian"`},
		{"unknown flag", []string{"train", "-epoch", "3"}, 2, "flag provided but not defined: -epoch"},
		{"stray argument", []string{"train", "extra"}, 2, `unexpected argument "extra"`},
		{"zero layer", []string{"train", "-layers", "784,0"}, 2, "layer size number 2 is 0"},
		{"not numbers", []string{"train", "-layers", "784,a"}, 2, "-layers 784,a: give whole numbers"},
		{"not MNIST input", []string{"train", "-data", tiny, "-out", tmp, "-layers", "100,10"}, 1, "-layers 100,10 starts with 100, but the images in " + tiny + " are 28×28 = 784 pixels: the first size must be 784"},
		{"overcomplete", []string{"train", "-layers", "784,1000"}, 2, "not smaller than input size 784"},
		{"negative lr", []string{"train", "-lr", "-1"}, 2, "-lr -1: the learning rate must be a positive number"},
		{"NaN lr", []string{"train", "-lr", "NaN"}, 2, "the learning rate must be a positive number"},
		{"zero batch", []string{"train", "-batch", "0"}, 2, "-batch 0"},
		{"zero epochs", []string{"train", "-epochs", "0"}, 2, "-epochs 0"},
		{"bad optimizer", []string{"train", "-opt", "rmsprop"}, 2, "unknown optimizer"},
		{"bad activation", []string{"train", "-act", "swish"}, 2, `unknown hidden activation "swish"`},
		{"negative decay", []string{"train", "-weight-decay", "-0.1"}, 2, "-weight-decay"},
		{"missing data", []string{"train", "-data", missing, "-out", tmp}, 1, "bottleneck fetch"},
		{"data is a file", []string{"train", "-data", aFile, "-out", tmp}, 2, "is a file, not a folder"},
		{"batch too large", []string{"train", "-batch", "200000", "-train-n", "200000"}, 2, "choose a smaller -batch"},
		{"bench overcomplete", []string{"bench", "-layers", "784,1000"}, 2, "(-overcomplete allows it)"},
		{"unwritable out", []string{"train", "-out", filepath.Join(aFile, "sub")}, 1, "choose another with -out"},
		{"encode without model", []string{"encode"}, 2, "-model is required"},
		{"encode corrupt model", []string{"encode", "-model", corrupt}, 1, "autoencoder: load"},
		{"encode missing model", []string{"encode", "-model", filepath.Join(tmp, "none.model")}, 1, "no such file"},
		{"gradcheck huge", []string{"gradcheck", "-layers", "784,256,32"}, 2, "keep it small"},
		{"gradcheck bad step", []string{"gradcheck", "-step", "0"}, 2, "-step 0"},
		{"gradcheck slow", []string{"gradcheck", "-layers", "300,300,300,299"}, 2, "would take too long"},
		{"empty out", []string{"train", "-out", ""}, 2, "-out is empty"},
		{"encode out is a directory", []string{"encode", "-model", corrupt, "-out", tmp}, 2, "is a directory"},
		{"huge layer", []string{"train", "-layers", "784,16000000,30", "-overcomplete"}, 2, "GB of memory"},
		{"bench bad batch", []string{"bench", "-batch", "0"}, 2, "-batch 0"},
		{"bench bad layers", []string{"bench", "-layers", "784"}, 2, "need at least two layer sizes"},
		{"bench missing data", []string{"bench", "-data", missing}, 1, "bottleneck fetch"},
	}
	for _, tt := range tests {
		code, _, stderr := runBinary(t, tt.args...)
		if code != tt.code {
			t.Errorf("%s: exit status %d, want %d (stderr %q)", tt.name, code, tt.code, stderr)
		}
		if !strings.Contains(stderr, tt.want) {
			t.Errorf("%s: stderr %q does not contain %q", tt.name, stderr, tt.want)
		}
		if lines := strings.Count(strings.TrimRight(stderr, "\n"), "\n") + 1; lines != 1 {
			t.Errorf("%s: %d lines on stderr, want 1: %q", tt.name, lines, stderr)
		}
		if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine") {
			t.Errorf("%s: panic trace: %s", tt.name, stderr)
		}
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"-h"}, {"help"}, {"train", "-h"}, {"help", "train"}, {"gradcheck", "-h"}, {"help", "pca"}} {
		code, stdout, _ := runBinary(t, args...)
		if code != 0 || !strings.Contains(stdout, "Usage") {
			t.Errorf("%v: exit %d, stdout %q", args, code, stdout)
		}
	}
	_, stdout, _ := runBinary(t, "train", "-h")
	if n := strings.Count(stdout, "Usage:"); n != 1 {
		t.Errorf("train -h prints the usage %d times", n)
	}
	if _, stdout, _ := runBinary(t, "train", "-nosuchflag"); stdout != "" {
		t.Errorf("a wrong flag printed on stdout: %q", stdout)
	}
	for _, flag := range []string{"-data", "-layers", "-act", "-code-act", "-out-act", "-tied", "-epochs", "-batch", "-lr", "-opt", "-weight-decay", "-seed", "-train-n", "-out", "-json"} {
		if !strings.Contains(stdout, "  "+flag) {
			t.Errorf("train -h does not explain %s", flag)
		}
	}
}

// TestHelpAboutHelp: asking for help about help, in any spelling, prints
// the general help and succeeds; it once recursed until the stack
// overflowed.
func TestHelpAboutHelp(t *testing.T) {
	for _, args := range [][]string{
		{"help", "help"}, {"help", "-h"}, {"-h", "-h"}, {"-h", "help"}, {"--help", "-help"},
		{"help", "help", "help"}, {"help", "--help", "train"},
	} {
		code, stdout, stderr := runBinary(t, args...)
		if code != 0 || !strings.HasPrefix(stdout, "bottleneck: the undercomplete autoencoder") || stderr != "" {
			t.Errorf("%v: exit %d, stdout %.60q, stderr %.200q; want 0, the general help, nothing on stderr", args, code, stdout, stderr)
		}
	}
	// Help about a command is that command's -h; about an unknown one, a
	// usage error.
	if code, stdout, _ := runBinary(t, "-h", "encode"); code != 0 || !strings.HasPrefix(stdout, "Usage: bottleneck encode") {
		t.Errorf("-h encode: exit %d, stdout %.60q", code, stdout)
	}
	if code, _, stderr := runBinary(t, "help", "trian"); code != 2 || !strings.Contains(stderr, `unknown command "trian"`) {
		t.Errorf("help trian: exit %d, stderr %q", code, stderr)
	}
}

func TestGradcheckCommand(t *testing.T) {
	for _, args := range [][]string{
		{"gradcheck"},
		{"gradcheck", "-layers", "9,6,3", "-act", "relu", "-tied", "-weight-decay", "0.2"},
		{"gradcheck", "-act", "tanh", "-out-act", "linear"},
	} {
		code, stdout, stderr := runBinary(t, args...)
		if code != 0 || strings.Contains(stdout, "FAIL") || !strings.Contains(stdout, "PASS") {
			t.Errorf("%v: exit %d\n%s%s", args, code, stdout, stderr)
		}
	}
}

func TestTrainingFLOPs(t *testing.T) {
	// 784-256-32-256-784 on one image: the layers 784×256, 256×32, 32×256,
	// 256×784 have 200704, 8192, 8192, 200704 weights; 2 flops per weight
	// per product, 2 products for the first layer and 3 for the others.
	want := 2.0 * (2*200704 + 3*8192 + 3*8192 + 3*200704)
	if got := trainingFLOPs([]int{784, 256, 32}, 1); got != want {
		t.Errorf("trainingFLOPs = %g, want %g", got, want)
	}
}

func TestTrainingWarning(t *testing.T) {
	tests := []struct {
		before, after, test, mean float64
		want                      string
	}{
		{100, 10, 9, 52.9, ""},
		{100, 60, 57, 52.9, "train longer"},
		{100, 120, 118, 52.9, "smaller -lr"},
		{100, 100, 99, 52.9, "smaller -lr"},
	}
	for _, tt := range tests {
		got := trainingWarning(tt.before, tt.after, tt.test, tt.mean, "-lr", false, "more -epochs")
		if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
			t.Errorf("trainingWarning(%v, %v, %v, %v) = %q, want %q", tt.before, tt.after, tt.test, tt.mean, got, tt.want)
		}
	}
}
