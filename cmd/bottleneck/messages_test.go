package main

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"math"
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
		{[]string{"train", "-data", data, "-out", afile}, 2, "-out " + afile + " is a file, not a folder: name a folder for the outputs"}, // like show's -out naming a folder: the wrong kind of thing named
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

// TestCompareWarnsOfADivergedDescent: compare -lr 1e9 (Adam's rate; 100, the largest accepted now, does the same) used to report
// a test error of 8e39 per image, exit 0 and warn of nothing, while train
// warned in the same situation.
func TestCompareWarnsOfADivergedDescent(t *testing.T) {
	data := t.TempDir()
	writeTinyMNIST(t, data, 30)
	code, stdout, stderr := runBinary(t, "compare", "-data", data, "-k", "3", "-steps", "20", "-epochs", "1", "-batch", "10", "-lr", "100", "-out", t.TempDir(), "-json")
	want := "bottleneck compare: warning: mini-batch training: training made the test error worse"
	if code != 0 || !strings.Contains(stderr, want) || !strings.Contains(stderr, "try a smaller -lr") || !strings.Contains(stdout, `"minibatch_warning": "training made the test error worse`) {
		t.Errorf("exit %d, stderr %q; want 0, %q on stderr and in the JSON", code, stderr, want)
	}
}

// TestHostilePassFindings: what the hostile pass after the fixes of issue 9
// found, each in one short line with the right exit status: a warning that
// blamed too large a learning rate for one too small, a gradient check that
// blamed backpropagation for its own settings, codes that were not
// numbers, an -out that would have destroyed the model, an -out that names
// a folder or a pipe behind /dev/stdout.
func TestHostilePassFindings(t *testing.T) {
	data, one := t.TempDir(), t.TempDir()
	writeTinyMNIST(t, data, 20)
	writeDataset(t, one, 1, 1, 28, 28)
	tmp := t.TempDir()
	run := filepath.Join(tmp, "run")
	if code, _, stderr := runBinary(t, trainArgs(data, run)...); code != 0 {
		t.Fatalf("train: exit %d: %s", code, stderr)
	}
	model := filepath.Join(run, "autoencoder.model")
	// b1 and W2 set to 1e308, finite numbers: every hidden unit is then
	// about 1e308 and every code 1e308·1e308 = +Inf.
	good, _ := os.ReadFile(model)
	huge := setParam(t, setParam(t, good, "b1", 1e308), "W2", 1e308)
	hugeModel := filepath.Join(tmp, "huge.model")
	os.WriteFile(hugeModel, huge, 0o644)

	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"train", "-data", data, "-out", filepath.Join(tmp, "tiny-lr"), "-layers", "784,8,4", "-epochs", "1", "-batch", "10", "-lr", "5e-324"}, 0,
			"warning: training left the test error where it was ("},
		{[]string{"show", "-data", one, "-n", "4", "-out", filepath.Join(tmp, "d.png")}, 2, "-n 4: the training set has only 1 digit\n"},
		{[]string{"gradcheck", "-step", "0.1"}, 1, "parameters failed the gradient check (-step 0.1 is far from the customary 1e-05"},
		{[]string{"gradcheck", "-tol", "1e-300"}, 1, "(-tol 1e-300 is stricter than float64 rounding allows"},
		{[]string{"encode", "-data", data, "-model", model, "-out", model}, 2, "is the model itself: writing the codes there would destroy it"},
		{[]string{"encode", "-data", data, "-model", hugeModel, "-out", filepath.Join(tmp, "c.csv")}, 1, "the code of test image 0 is +Inf at h0: the model's weights are too large to give numbers"},
		{[]string{"encode", "-data", data, "-model", hugeModel, "-split", "train", "-out", filepath.Join(tmp, "c.csv")}, 1, "the code of training image 0 is +Inf at h0: the model's weights"},
		// classify says what is wrong with the model as encode does, not
		// "feature 0 of row 27 is +Inf".
		{[]string{"classify", "-data", data, "-model", hugeModel}, 1, "the code of training image 0 is +Inf at h0: the model's weights are too large to give numbers"},
		{[]string{"show", "-data", data, "-out", filepath.Join(tmp, "pictures") + "/"}, 2, "ends with a separator, so it names a folder: name a file"},
		{[]string{"fetch", "-data", model}, 2, "-data " + model + " is a file, not a folder"},
	} {
		code, _, stderr := runBinary(t, tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.want) || strings.Count(stderr, "bottleneck ") != 1 {
			t.Errorf("%q: exit %d, stderr %q; want %d and one line from bottleneck containing %q", tc.args, code, stderr, tc.code, tc.want)
		}
	}
	if b, _ := os.ReadFile(model); !bytes.Equal(b, good) {
		t.Error("the model was changed")
	}
}

// setParam returns a copy of the model file b with every value of the
// parameter name set to v and the checksum made right again. It walks the
// format of autoencoder's model files: a 35-byte header, the configuration
// (uint32 length, JSON), the parameter count, then per parameter its name
// (uint32 length, bytes), rows and cols (uint32) and values (float64),
// all little-endian; a uint32 checksum ends the file.
func setParam(t *testing.T, b []byte, name string, v float64) []byte {
	t.Helper()
	b = append([]byte(nil), b...)
	at := 35
	at += 4 + int(binary.LittleEndian.Uint32(b[at:]))
	count := int(binary.LittleEndian.Uint32(b[at:]))
	at += 4
	for range count {
		n := int(binary.LittleEndian.Uint32(b[at:]))
		got := string(b[at+4 : at+4+n])
		at += 4 + n
		rows, cols := int(binary.LittleEndian.Uint32(b[at:])), int(binary.LittleEndian.Uint32(b[at+4:]))
		at += 8
		if got == name {
			for i := range rows * cols {
				binary.LittleEndian.PutUint64(b[at+8*i:], math.Float64bits(v))
			}
			binary.LittleEndian.PutUint32(b[len(b)-4:], crc32.ChecksumIEEE(b[:len(b)-4]))
			return b
		}
		at += 8 * rows * cols
	}
	t.Fatalf("no parameter %s in the model", name)
	return nil
}

// TestSecondPassFindings: what the second round of the hostile pass found.
// A gradient check of a deep sigmoid stack failed with nothing but "67 of
// 80 parameters failed", its gradients having vanished to 1e-28; compare
// drew angles to principal components of data without variance.
func TestSecondPassFindings(t *testing.T) {
	one, few := t.TempDir(), t.TempDir()
	writeDataset(t, one, 1, 1, 28, 28)
	writeDataset(t, few, 5, 5, 4, 4) // five images of 16 pixels span at most 4 dimensions
	tmp := t.TempDir()
	code, _, stderr := runBinary(t, "gradcheck", "-layers", "3"+strings.Repeat(",2", 20))
	if want := "have gradients below"; code != 1 || !strings.Contains(stderr, want) || !strings.Contains(stderr, "vanishes") {
		t.Errorf("deep gradcheck: exit %d, stderr %q; want 1 and %q", code, stderr, want)
	}
	code, _, stderr = runBinary(t, "compare", "-data", one, "-k", "2", "-steps", "5", "-out", filepath.Join(tmp, "one"))
	if want := "the training images have no variance (1 image, every one the same)"; code != 1 || !strings.Contains(stderr, want) {
		t.Errorf("compare on one image: exit %d, stderr %q; want 1 and %q", code, stderr, want)
	}
	code, _, stderr = runBinary(t, "compare", "-data", few, "-k", "8", "-steps", "5", "-epochs", "0", "-out", filepath.Join(tmp, "few"))
	if want := "warning: only 4 of the top 8 principal components carry variance"; code != 0 || !strings.Contains(stderr, want) {
		t.Errorf("compare -k 8 on 5 images: exit %d, stderr %q; want 0 and %q", code, stderr, want)
	}
}
