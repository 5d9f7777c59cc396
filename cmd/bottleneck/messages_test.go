package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMessagesBlameTheRightThing: each message names what is really wrong,
// in one short line. Every case here once blamed something else: the
// layers for a huge -n, a smaller learning rate for an absurd weight
// decay, a missing folder for a folder that is a file; or printed a line of
// 400 kB; or accepted what train refuses.
func TestMessagesBlameTheRightThing(t *testing.T) {
	data := t.TempDir()
	writeTinyMNIST(t, data, 20)
	tmp := t.TempDir()
	afile := filepath.Join(tmp, "afile")
	os.WriteFile(afile, []byte("x"), 0o644)
	deep := "784" + strings.Repeat(",1", 49999) // 100 kB, within the system's limit on one argument
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"gradcheck", "-n", "9999999999"}, 2, "-n 9999999999: give between 1 and 10000 input vectors"},
		{[]string{"gradcheck", "-weight-decay", "Inf"}, 2, "-weight-decay +Inf: must be zero or a positive number"},
		{[]string{"gradcheck", "-tol", "Inf"}, 2, "-tol +Inf: must be above 0 and below 1"},
		{[]string{"train", "-weight-decay", "1e308"}, 2, "-weight-decay 1e+308: at most 1e+06"},
		{[]string{"show", "-data", data, "-out", filepath.Join(afile, "x.png")}, 1, "cannot write " + filepath.Join(afile, "x.png") + ": not a directory"},
		{[]string{"encode", "-model", afile, "-out", filepath.Join(afile, "codes.csv")}, 1, "not a directory"},
		{[]string{"train", "-data", data, "-out", filepath.Join(afile, "run")}, 1, "cannot create output directory " + filepath.Join(afile, "run") + ": " + afile + " is a file, not a folder"},
		{[]string{"train", "-layers", deep}, 2, "50000 layer sizes, more than the 1000 allowed"},
		{[]string{"gradcheck", "-layers", deep}, 2, "50000 layer sizes, more than the 1000 allowed"},
		{[]string{"train", "-layers", strings.Repeat("x", 100000)}, 2, "-layers xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… (100000 bytes): give whole numbers"},
		{[]string{"train", "-act", strings.Repeat("y", 100000)}, 2, `unknown hidden activation "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy… (100000 bytes)"`},
		// SGD shrinks W by lr·λ·W a step: with lr·λ far above 2 the weights
		// grow ×5·10⁴ a step and overflow within a few dozen steps.
		{[]string{"train", "-data", data, "-out", filepath.Join(tmp, "diverge"), "-layers", "784,8,4", "-opt", "sgd", "-lr", "0.5", "-weight-decay", "1e5", "-train-n", "20", "-batch", "10", "-epochs", "100"}, 1,
			"try a smaller learning rate, or a smaller -weight-decay; nothing was saved"},
	} {
		code, _, stderr := runBinary(t, tc.args...)
		stderr = errorLine(stderr) // a line saying which MNIST was read may come first
		if code != tc.code || !strings.Contains(stderr, tc.want) || strings.Count(stderr, "\n") != 1 || len(stderr) > 600 {
			t.Errorf("%.80q: exit %d, stderr %.300q; want %d and one short line containing %q", tc.args, code, stderr, tc.code, tc.want)
		}
	}
}

// TestCompareWarnsOfADivergedDescent: compare -adam-lr 1e9 used to report
// a test error of 8e39 per image, exit 0 and warn of nothing, while train
// warned in the same situation.
func TestCompareWarnsOfADivergedDescent(t *testing.T) {
	// The warning of train when weight decay may be the cause names it too.
	if w := trainingWarning(60, 263, 263, 52, "-lr", true, "more -epochs"); !strings.Contains(w, "try a smaller -lr or -weight-decay") {
		t.Errorf("warning with weight decay: %q", w)
	}
	data := t.TempDir()
	writeTinyMNIST(t, data, 30)
	code, stdout, stderr := runBinary(t, "compare", "-data", data, "-k", "3", "-steps", "20", "-epochs", "1", "-batch", "10", "-adam-lr", "1e9", "-out", t.TempDir(), "-json")
	want := "bottleneck compare: warning: mini-batch training: training made the test error worse"
	if code != 0 || !strings.Contains(stderr, want) || !strings.Contains(stderr, "try a smaller -adam-lr") || !strings.Contains(stdout, `"minibatch_warning": "training made the test error worse`) {
		t.Errorf("exit %d, stderr %q; want 0, %q on stderr and in the JSON", code, stderr, want)
	}
}
