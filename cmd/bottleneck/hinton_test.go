package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"bottleneck/experiment"
)

// hintonQuick are the flags of a small hinton run for tests: -quick on a
// small net, fewer images still.
var hintonQuick = []string{"hinton", "-quick", "-layers", "784,32,16,8,4", "-train-n", "300", "-test-n", "100", "-epochs", "2", "-pretrain-epochs", "1"}

// TestHintonQuickSameBytes runs the quick setting twice with one seed:
// the pictures, the chart and the models must be the same bytes, the
// table printed, and summary.json must name every file written.
func TestHintonQuickSameBytes(t *testing.T) {
	var dirs []string
	for i := 0; i < 2; i++ {
		dir := t.TempDir()
		code, stdout, stderr := runBinary(t, append(hintonQuick, "-out", dir)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		for _, want := range []string{"PCA, 4 components", "PCA, 2 components", "deep, RBM pretraining", "deep, autoencoder pretraining", "deep, random weights", "rbm-2d      fine-tune epoch  2/2"} {
			if !strings.Contains(stdout, want) {
				t.Errorf("output lacks %q:\n%s", want, stdout)
			}
		}
		dirs = append(dirs, dir)
	}
	sum, err := os.ReadFile(filepath.Join(dirs[0], "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"fig2.png", "fig3.svg", "test_error.svg", "deep-rbm.model", "deep-autoencoder.model", "deep-random.model", "deep-rbm-2d.model", "report.html"} {
		a, errA := os.ReadFile(filepath.Join(dirs[0], name))
		b, errB := os.ReadFile(filepath.Join(dirs[1], name))
		if errA != nil || errB != nil {
			t.Errorf("%s: %v, %v", name, errA, errB)
			continue
		}
		if name != "report.html" && !bytes.Equal(a, b) { // the report shows the times and the load
			t.Errorf("%s differs between two runs with the same seed", name)
		}
		if !strings.Contains(string(sum), `"`+name+`"`) {
			t.Errorf("summary.json does not list %s", name)
		}
	}
}

// TestHintonRefusals checks the one-line refusals: a bad setting (exit 2,
// naming the flag), a resume with a changed flag (exit 2, naming it), a
// damaged checkpoint (exit 1).
func TestHintonRefusals(t *testing.T) {
	dir := t.TempDir()
	args := append(append([]string(nil), hintonQuick...), "-out", dir, "-starts", "rbm", "-map=false")
	if code, _, stderr := runBinary(t, args...); code != 0 {
		t.Fatalf("first run: exit %d: %s", code, stderr)
	}
	tests := []struct {
		name   string
		args   []string
		damage bool
		code   int
		want   string
	}{
		{"negative epochs", []string{"-epochs", "-1"}, false, 2, "-epochs -1: must not be negative"},
		{"unknown start", []string{"-starts", "pretrained"}, false, 2, `unknown starting point "pretrained"`},
		{"changed flag", []string{"-resume", "-lr", "0.002"}, false, 2, "was written with -lr 0.0003, not 0.002"},
		{"damaged", []string{"-resume"}, true, 1, "damaged checkpoint: checksum mismatch"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.damage {
				path := filepath.Join(dir, "checkpoints", "rbm.ckpt")
				b, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				b[len(b)/3] ^= 0x40
				if err := os.WriteFile(path, b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			code, _, stderr := runBinary(t, append(append([]string(nil), args...), tc.args...)...)
			if code != tc.code || !strings.Contains(stderr, tc.want) || strings.Count(strings.TrimSpace(stderr), "\n") > 1 {
				t.Errorf("exit %d, stderr %q; want exit %d and one line with %q", code, stderr, tc.code, tc.want)
			}
		})
	}
}

// TestHintonTimeLimit checks -time-limit: a limit already reached leaves
// the pretrained starting points out and says so, reports the random one
// as built, and still writes the files.
func TestHintonTimeLimit(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := runBinary(t, append(append([]string(nil), hintonQuick...), "-out", dir, "-map=false", "-time-limit", "1ns")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"the time limit stopped rbm, autoencoder in pretraining", "deep, random weights (0 of 2 epochs)"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "deep-random.model")); err != nil {
		t.Error(err)
	}
	if code, _, stderr := runBinary(t, "hinton", "-time-limit", "-1s"); code != 2 || !strings.Contains(stderr, "-time-limit -1s: must not be negative") {
		t.Errorf("negative limit: exit %d, %q", code, stderr)
	}
}

// TestHintonResumeMessages checks what -resume says beyond the refusals:
// with no checkpoint it says the start begins afresh; a larger -epochs
// lengthens a finished run at a constant rate, training only the new
// epochs; and a -quick run's checkpoint resumed without -quick is refused
// with the hint to add it.
func TestHintonResumeMessages(t *testing.T) {
	dir := t.TempDir()
	quick := []string{"hinton", "-quick", "-layers", "784,32,16,8,4", "-starts", "random", "-map=false", "-out", dir, "-epochs", "2"}
	code, stdout, stderr := runBinary(t, append(quick, "-resume")...)
	if code != 0 || !strings.Contains(stdout, "random      no checkpoint in") || !strings.Contains(stdout, "to resume: starts afresh") {
		t.Fatalf("-resume without a checkpoint: exit %d, %s%s", code, stdout, stderr)
	}
	code, stdout, stderr = runBinary(t, append(quick, "-resume", "-epochs", "3")...)
	if code != 0 || !strings.Contains(stdout, "fine-tune epoch  3/3") || strings.Contains(stdout, "fine-tune epoch  1/3") {
		t.Fatalf("-resume -epochs 3 after 2: exit %d, want only epoch 3 trained:\n%s%s", code, stdout, stderr)
	}
	code, _, stderr = runBinary(t, "hinton", "-layers", "784,32,16,8,4", "-starts", "random", "-out", dir, "-resume", "-epochs", "3")
	if want := "was written with -pretrain-epochs 2, not 10: resume with the same settings, or remove it (or give another -checkpoint folder) to start afresh (give -pretrain-epochs 2 -test-n 500 -train-n 1000 to resume it: the values of a -quick run)"; code != 2 || !strings.Contains(stderr, want) {
		t.Errorf("resumed without -quick: exit %d, %q; want %q", code, stderr, want)
	}
}

// TestHintonChartReferenceLines: the chart carries the paper's 3.00 and
// PCA's error as flat lines over every epoch drawn, after the curves, and
// no chart (no series at all) when no start has a fine-tuning epoch.
func TestHintonChartReferenceLines(t *testing.T) {
	res := &experiment.HintonResult{Settings: experiment.HintonSettings{Layers: []int{784, 30}}, PaperDeep30: 3, PCA30TestSSE: 13.8663,
		Arms: []*experiment.HintonArm{{Start: "rbm", StartTestSSE: 12.5, TestSSE: []float64{6.5, 5.7, 4.9}}}}
	c := hintonChart(res)
	if len(c.Series) != 3 {
		t.Fatalf("%d series, want the curve and two flat lines", len(c.Series))
	}
	for i, want := range []struct {
		name string
		v    float64
	}{{"paper, 3.00", 3}, {"PCA-30, 13.87", 13.8663}} {
		s := c.Series[1+i]
		if s.Name != want.name || len(s.X) != 2 || s.X[0] != 0 || s.X[1] != 3 || s.Y[0] != want.v || s.Y[1] != want.v {
			t.Errorf("line %d: %q at x %v, y %v; want %q from 0 to 3 at %v", i, s.Name, s.X, s.Y, want.name, want.v)
		}
	}
	// The legend shows the names whole, figures included: it cuts names
	// longer than a third of the picture (once "PCA, 30 components (13.…").
	var svg strings.Builder
	if err := c.WriteSVG(&svg); err != nil {
		t.Fatal(err)
	}
	for _, s := range c.Series {
		if !strings.Contains(svg.String(), ">"+s.Name+"<") {
			t.Errorf("the legend does not show %q whole", s.Name)
		}
	}
	// The paper's 3.00 is for a code of 30: another code gets PCA's line only.
	res.Settings.Layers = []int{784, 100, 8}
	if c := hintonChart(res); len(c.Series) != 2 || c.Series[1].Name != "PCA-8, 13.87" {
		t.Errorf("a code of 8: %d series, the last %q; want the curve and PCA-8's line", len(c.Series), c.Series[len(c.Series)-1].Name)
	}
	// The net with a code of 2 is read against PCA-2, not the lines of a
	// code of 30: alone, it gets PCA-2's line only; beside the others, all three.
	res.Settings.Layers = []int{784, 100, 30}
	res.PCA2TestSSE = 44.5
	twoD := &experiment.HintonArm{Start: experiment.StartRBM2D, StartTestSSE: 60, TestSSE: []float64{38, 35}}
	for _, tc := range []struct {
		arms []*experiment.HintonArm
		want []string
	}{
		{[]*experiment.HintonArm{twoD}, []string{"RBMs, code of 2", "PCA-2, 44.50"}},
		{[]*experiment.HintonArm{res.Arms[0], twoD}, []string{"RBMs", "RBMs, code of 2", "paper, 3.00", "PCA-30, 13.87", "PCA-2, 44.50"}},
	} {
		c := hintonChart(&experiment.HintonResult{Settings: res.Settings, PaperDeep30: 3, PCA30TestSSE: 13.8663, PCA2TestSSE: 44.5, Arms: tc.arms})
		var got []string
		for _, s := range c.Series {
			got = append(got, s.Name)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("series %q, want %q", got, tc.want)
		}
	}
	res.Arms[0].TestSSE = nil
	if c := hintonChart(res); len(c.Series) != 0 {
		t.Errorf("no fine-tuning epoch: %d series, want none (no chart)", len(c.Series))
	}
}

// TestHintonQuickHintOnlyForUnsetFlags: the hint "add -quick" is given
// only when the flag that differs was left to its default, which -quick
// would change; a value given on the command line stays with -quick too,
// so the hint would only lead to the same refusal.
func TestHintonQuickHintOnlyForUnsetFlags(t *testing.T) {
	dir := t.TempDir()
	small := []string{"hinton", "-layers", "784,32,16,8,4", "-starts", "random", "-map=false", "-out", dir}
	if code, _, stderr := runBinary(t, append(small, "-quick")...); code != 0 {
		t.Fatalf("-quick: exit %d, %s", code, stderr)
	}
	code, _, stderr := runBinary(t, append(small, "-resume", "-epochs", "3")...)
	if want := "was written with -epochs 4, not 3"; code != 2 || !strings.Contains(stderr, want) || strings.Contains(stderr, "-quick") {
		t.Errorf("-resume -epochs 3 without -quick: exit %d, %q; want %q without the hint to add -quick", code, stderr, want)
	}
}

// TestHintonQuickHintToDrop: the other way round, a checkpoint written
// without -quick resumed with it is refused with the hint to drop -quick,
// when the value that differs is one -quick set.
func TestHintonQuickHintToDrop(t *testing.T) {
	dir := t.TempDir()
	small := []string{"hinton", "-layers", "784,32,16,8,4", "-starts", "random", "-map=false", "-out", dir}
	if code, _, stderr := runBinary(t, append(small, "-train-n", "1000", "-test-n", "500", "-pretrain-epochs", "1", "-epochs", "4")...); code != 0 {
		t.Fatalf("first run: exit %d, %s", code, stderr)
	}
	code, _, stderr := runBinary(t, append(small, "-quick", "-resume")...)
	if want := "was written with -pretrain-epochs 1, not 2: resume with the same settings, or remove it (or give another -checkpoint folder) to start afresh (give -pretrain-epochs 1 to resume it; -quick set the values it replaces)"; code != 2 || !strings.Contains(stderr, want) {
		t.Errorf("resumed with -quick: exit %d, %q; want %q", code, stderr, want)
	}
}

// TestHintonEpochsRefusalSaysWhy: a -resume whose -epochs is refused says
// why, as -epochs may change otherwise: fewer than were trained, or a
// cosine schedule (-lr-end), whose every rate depends on -epochs.
func TestHintonEpochsRefusalSaysWhy(t *testing.T) {
	dir := t.TempDir()
	small := []string{"hinton", "-layers", "784,32,16,8,4", "-starts", "random", "-map=false", "-train-n", "500", "-test-n", "100", "-out", dir, "-epochs"}
	if code, _, stderr := runBinary(t, append(small, "2")...); code != 0 {
		t.Fatalf("-epochs 2: exit %d, %s", code, stderr)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"1", "-resume"}, "was written with -epochs 2, not 1: resume with the same settings, or remove it (or give another -checkpoint folder) to start afresh (-epochs may change at a constant rate, but not below the epochs trained)"},
		{[]string{"3", "-resume", "-lr-end", "1e-5"}, "(with -lr-end, every epoch's rate depends on -epochs: only a constant-rate run changes its length)"},
	} {
		code, _, stderr := runBinary(t, append(small, tc.args...)...)
		if code != 2 || !strings.Contains(stderr, tc.want) {
			t.Errorf("-epochs %v: exit %d, %q; want %q", tc.args, code, stderr, tc.want)
		}
	}
}
