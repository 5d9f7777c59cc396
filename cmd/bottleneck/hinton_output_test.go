package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"bottleneck/experiment"
)

// TestHintonTableAligned: a start stopped by the time limit gets "(6 of 40
// epochs)" after its name, longer than the other names; the columns must
// still line up, every row's figure ending where the header's "ours" ends.
func TestHintonTableAligned(t *testing.T) {
	res := &experiment.HintonResult{
		Settings:     experiment.HintonSettings{Layers: []int{784, 1000, 500, 250, 30}, TestN: 10000, Epochs: 40},
		PCA30TestSSE: 13.8663,
		Arms: []*experiment.HintonArm{
			{Start: experiment.StartRBM, TestSSE: make([]float64, 40), TestSSEPerImage: 2.9713, StartTestSSE: 12.5073},
			{Start: experiment.StartAutoencoder, TestSSE: make([]float64, 6), TestSSEPerImage: 6.7, StartTestSSE: 17.4, Stopped: true},
		},
	}
	var out strings.Builder
	printHintonTable(&out, res)
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 5 {
		t.Fatalf("want a title, a header and 3 rows, got:\n%s", out.String())
	}
	end := func(line, field string) int {
		i := strings.Index(line, field)
		if i < 0 {
			t.Fatalf("%q not in %q", field, line)
		}
		return utf8.RuneCountInString(line[:i+len(field)])
	}
	want := end(lines[1], "ours")
	for i, f := range []string{"13.8663", "2.9713", "6.7000"} {
		if got := end(lines[2+i], f); got != want {
			t.Errorf("row %d ends its figure at column %d, the header's \"ours\" at %d:\n%s", i+1, got, want, out.String())
		}
	}
	if !strings.Contains(lines[4], "(6 of 40 epochs)") {
		t.Errorf("the stopped start's row does not say how far it got: %q", lines[4])
	}
	if got, want := end(lines[3], "12.5073"), end(lines[1], "before fine-tune"); got != want {
		t.Errorf("the RBM row's error before fine-tuning ends at column %d, its header at %d:\n%s", got, want, out.String())
	}

	// With another code the paper column says "(code of 30)", wider than
	// its header: the columns after it must still line up.
	res.Settings.Layers = []int{784, 32, 16, 8, 4}
	out.Reset()
	printHintonTable(&out, res)
	lines = strings.Split(strings.TrimSpace(out.String()), "\n")
	if !strings.Contains(lines[3], "(code of 30)") {
		t.Fatalf("a code of 4: the RBM row does not say the paper's figure is for a code of 30:\n%s", out.String())
	}
	if got, want := end(lines[3], "12.5073"), end(lines[1], "before fine-tune"); got != want {
		t.Errorf("a code of 4: the RBM row's error before fine-tuning ends at column %d, its header at %d:\n%s", got, want, out.String())
	}
	if !strings.HasPrefix(lines[2], "PCA, 4 components") {
		t.Errorf("PCA's row: %q", lines[2])
	}
}

// TestHintonRefusesBeforeTraining: what would fail only after a start had
// trained, or would train the wrong net, is refused first, in one line,
// with exit status 2.
func TestHintonRefusesBeforeTraining(t *testing.T) {
	small := []string{"hinton", "-layers", "784,32,16,8,4", "-train-n", "300", "-test-n", "100", "-pretrain-epochs", "1", "-epochs", "1"}
	taken := t.TempDir()
	if err := os.MkdirAll(filepath.Join(taken, "checkpoints", "rbm-2d.ckpt"), 0o755); err != nil {
		t.Fatal(err)
	}
	dangling := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dangling, "checkpoints"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dangling, "nowhere", "x.ckpt"), filepath.Join(dangling, "checkpoints", "random.ckpt")); err != nil {
		t.Fatal(err)
	}
	leaveNothing := t.TempDir()
	notDir := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notDir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-starts", "rbm,rbm-2d", "-out", taken}, "rbm-2d.ckpt is a directory, not a checkpoint file: remove it, or give another -checkpoint folder"},
		{[]string{"-checkpoint", filepath.Join(notDir, "sub"), "-out", t.TempDir()}, "cannot create the folder"},
		{[]string{"-layers", "784,16,8,2", "-map", "-out", t.TempDir()}, "-layers 784,16,8,2: a code of 2: the net with a code of two numbers (rbm-2d, which -map adds) is for a wider code"},
		{[]string{"-layers", "784,1,1", "-starts", "rbm-2d", "-out", t.TempDir()}, "a code of 1: the net with a code of two numbers"},
		{[]string{"-test-n", "10001", "-out", filepath.Join(leaveNothing, "deep", "x")}, "-test-n 10001: 10001 test images wanted, the data holds 10000"},
		{[]string{"-starts", "rbm,random", "-out", dangling}, "random.ckpt is a symbolic link to nothing that can be written"},
	} {
		code, stdout, stderr := runBinary(t, append(slices.Clone(small), tc.args...)...)
		if code != 2 || !strings.Contains(stderr, tc.want) || strings.Count(stderr, "bottleneck hinton:") != 1 {
			t.Errorf("%q: exit %d, stderr %q; want 2 and one line with %q", tc.args, code, stderr, tc.want)
		}
		if strings.Contains(stdout, "epoch  1/") {
			t.Errorf("%q: trained before refusing:\n%s", tc.args, stdout)
		}
	}
	if entries, _ := os.ReadDir(leaveNothing); len(entries) > 0 {
		t.Errorf("a refused run left %s behind", entries[0].Name())
	}
	// -quick turns -map on; naming rbm-2d as well is not a duplicate.
	out := t.TempDir()
	code, stdout, stderr := runBinary(t, append(slices.Clone(small), "-quick", "-starts", "rbm-2d", "-out", out)...)
	if code != 0 || !strings.Contains(stdout, "deep, RBM, 2-number code") {
		t.Fatalf("-quick -starts rbm-2d: exit %d, %s%s", code, stdout, stderr)
	}
	// Its report names the net trained, with its code of 2, and says
	// what Fig. 2 holds without it.
	page, err := os.ReadFile(filepath.Join(out, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"The deep 784-32-16-8-2-8-16-32-784 autoencoder on", "below: PCA&#39;s reconstructions (the net with a code of two numbers is in Fig. 3)"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("report.html of -starts rbm-2d lacks %q", want)
		}
	}
}

// TestHintonResumeKeepsEpochs: -resume without -epochs goes on with the
// run as its checkpoint has it, saying so, rather than taking the
// default 40 and lengthening (or ending) the run unasked.
func TestHintonResumeKeepsEpochs(t *testing.T) {
	dir := t.TempDir()
	small := []string{"hinton", "-layers", "784,32,16,8,4", "-train-n", "300", "-test-n", "100", "-pretrain-epochs", "1", "-starts", "random", "-out", dir}
	if code, _, stderr := runBinary(t, append(slices.Clone(small), "-epochs", "2")...); code != 0 {
		t.Fatalf("first run: exit %d, %s", code, stderr)
	}
	code, stdout, stderr := runBinary(t, append(slices.Clone(small), "-resume")...)
	if code != 0 || !strings.Contains(stdout, "-resume: the checkpoints' run has 2 fine-tuning epochs, and goes on with them (give -epochs to change that)") ||
		!strings.Contains(stdout, "2 fine-tuning epochs, Adam") || strings.Contains(stdout, "fine-tune epoch  3/") {
		t.Errorf("-resume without -epochs: exit %d, want the run's 2 epochs kept and nothing trained:\n%s%s", code, stdout, stderr)
	}
}

// TestHintonSummaryNoNulls: summary.json gives empty lists, not nulls,
// for a start with no fine-tuning epoch and for a run whose time limit
// left no start finished.
func TestHintonSummaryNoNulls(t *testing.T) {
	small := []string{"hinton", "-layers", "784,32,16,8,4", "-train-n", "300", "-test-n", "100", "-pretrain-epochs", "1", "-json"}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-epochs", "0", "-starts", "random"}, `"test_sse_per_epoch": []`},
		{[]string{"-epochs", "1", "-starts", "rbm", "-time-limit", "1ns"}, `"arms": []`},
	} {
		code, stdout, stderr := runBinary(t, append(append(slices.Clone(small), tc.args...), "-out", t.TempDir())...)
		if code != 0 || !strings.Contains(stdout, tc.want) || strings.Contains(stdout, "null") {
			t.Errorf("%q: exit %d, want %s and no null in:\n%s%s", tc.args, code, tc.want, stdout, stderr)
		}
	}
}

// TestHintonMixedCheckpoints: when the checkpoints of a folder were
// written by different runs, no single command resumes them all, and
// following one refusal's hint would only bring the other's: the refusal
// names both and says to resume them one at a time. The same for their
// numbers of epochs when -resume is given no -epochs.
func TestHintonMixedCheckpoints(t *testing.T) {
	small := []string{"hinton", "-layers", "784,32,16,8,4", "-train-n", "300", "-test-n", "100", "-pretrain-epochs", "1", "-starts", "random,autoencoder"}
	run := func(dir string, args ...string) (int, string, string) {
		return runBinary(t, append(append(slices.Clone(small), "-out", dir), args...)...)
	}
	seeds := t.TempDir()
	if code, _, stderr := run(seeds, "-epochs", "2"); code != 0 {
		t.Fatalf("first run: %d %s", code, stderr)
	}
	if code, _, stderr := runBinary(t, "hinton", "-layers", "784,32,16,8,4", "-train-n", "300", "-test-n", "100", "-pretrain-epochs", "1", "-starts", "random", "-out", seeds, "-epochs", "2", "-seed", "2"); code != 0 {
		t.Fatalf("second run: %d %s", code, stderr)
	}
	code, _, stderr := run(seeds, "-epochs", "2", "-resume")
	if want := "come from different runs (random.ckpt -seed 2, autoencoder.ckpt -seed 1): resume them one at a time with -starts"; code != 2 || !strings.Contains(stderr, want) {
		t.Errorf("mixed seeds: exit %d, %q; want %q", code, stderr, want)
	}

	lengths := t.TempDir()
	if code, _, stderr := run(lengths, "-epochs", "2"); code != 0 {
		t.Fatalf("first run: %d %s", code, stderr)
	}
	if code, _, stderr := runBinary(t, "hinton", "-layers", "784,32,16,8,4", "-train-n", "300", "-test-n", "100", "-pretrain-epochs", "1", "-starts", "random", "-out", lengths, "-epochs", "3", "-resume"); code != 0 {
		t.Fatalf("lengthening one start: %d %s", code, stderr)
	}
	code, stdout, stderr := run(lengths, "-resume")
	if want := "come from different runs (random.ckpt -epochs 3, autoencoder.ckpt -epochs 2): resume them one at a time with -starts, or remove the ones you no longer want; or give -epochs"; code != 2 || !strings.Contains(stderr, want) || strings.Contains(stdout, "fine-tune epoch") {
		t.Errorf("mixed lengths, -resume without -epochs: exit %d, %q; want %q and nothing trained", code, stderr, want)
	}
}
