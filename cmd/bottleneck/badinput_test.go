package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

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
		{"not MNIST input", []string{"train", "-data", tiny, "-out", tmp, "-layers", "100,10"}, 2, "-layers 100,10 starts with 100, but the images in " + tiny + " are 28×28 = 784 pixels: the first size must be 784"},
		{"overcomplete", []string{"train", "-layers", "784,1000"}, 2, "not smaller than input size 784"},
		{"negative lr", []string{"train", "-lr", "-1"}, 2, "-lr -1: the learning rate must be a positive number"},
		{"NaN lr", []string{"train", "-lr", "NaN"}, 2, "the learning rate must be a positive number"},
		{"zero batch", []string{"train", "-batch", "0"}, 2, "-batch 0"},
		{"zero epochs", []string{"train", "-epochs", "0"}, 2, "-epochs 0"},
		{"bad optimizer", []string{"train", "-opt", "rmsprop"}, 2, "unknown optimizer"},
		{"bad activation", []string{"train", "-act", "swish"}, 2, `unknown hidden activation "swish"`},
		{"negative decay", []string{"train", "-weight-decay", "-0.1"}, 2, "-weight-decay"},
		{"missing model", []string{"encode", "-model", "/nonexistent/x.model"}, 1, "-model /nonexistent/x.model: no such file; bottleneck train writes one (out/train/autoencoder.model by default)"},
		{"missing model, classify", []string{"classify", "-model", "/nonexistent/x.model"}, 1, "-model /nonexistent/x.model: no such file"},
		{"huge learning rate", []string{"train", "-opt", "sgd", "-lr", "1e20"}, 2, "-lr 1e+20: at most 100; the usual rates are 0.001 for adam and 0.01 to 3 for sgd"},
		{"huge learning rate, compare", []string{"compare", "-lr", "101"}, 2, "-lr 101: at most 100"},
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
		{"hinton layers not numbers", []string{"hinton", "-layers", "784,,4"}, 2, "-layers 784,,4: give whole numbers separated by commas"},
		{"bench missing data", []string{"bench", "-data", missing}, 1, "bottleneck fetch"},
		// The library's errors name a setting; the message names its flag.
		{"output activation", []string{"gradcheck", "-out-act", "tanh"}, 2, `-out-act tanh: unknown output activation "tanh"`},
		{"optimizer flag", []string{"train", "-opt", "rmsprop"}, 2, `-opt rmsprop: unknown optimizer "rmsprop"`},
		{"overcomplete flag", []string{"bench", "-layers", "784,784"}, 2, "-layers 784,784: code size 784 is not smaller than input size 784: an autoencoder needs a bottleneck (-overcomplete allows it)"},
		{"tolerance flag", []string{"gradcheck", "-tol", "0"}, 2, "-tol 0: must be above 0"},
		// The variants' flags (issue 11), each checked before any work.
		{"noise kind", []string{"train", "-noise", "blur:0.3"}, 2, `-noise blur:0.3: unknown noise kind "blur"`},
		{"noise syntax", []string{"train", "-noise", "mask"}, 2, "-noise mask: write the noise as kind:level"},
		{"noise level", []string{"gradcheck", "-noise", "saltpepper:1"}, 2, "-noise saltpepper:1: the probability of saltpepper noise must lie in [0.001, 1)"},
		{"noise NaN", []string{"train", "-noise", "gauss:NaN"}, 2, "-noise gauss:NaN: the noise level must be a finite number"},
		{"noise σ too large", []string{"train", "-noise", "gauss:1e300"}, 2, "-noise gauss:1e300: the standard deviation of gauss noise must lie in [0.001, 1]"},
		{"noise level too small", []string{"train", "-noise", "mask:1e-320"}, 2, "-noise mask:1e-320: the probability of mask noise must lie in [0.001, 1)"},
		{"sparsity range", []string{"train", "-sparsity", "1.5", "-sparsity-weight", "3", "-code-act", "sigmoid"}, 2, "-sparsity 1.5: sparsity target ρ = 1.5 is outside (0, 1)"},
		{"sparsity code", []string{"train", "-sparsity", "0.05", "-sparsity-weight", "3"}, 2, "-sparsity 0.05 needs -code-act sigmoid"},
		{"sparsity weight", []string{"gradcheck", "-sparsity", "0.05", "-code-act", "sigmoid"}, 2, "-sparsity 0.05 needs -sparsity-weight"},
		{"bce on linear output", []string{"train", "-loss", "bce", "-out-act", "linear"}, 2, "-loss bce: loss bce needs outputs in (0, 1)"},
		{"unknown loss", []string{"gradcheck", "-loss", "mse"}, 2, "-loss mse: unknown loss (want sse or bce)"},
		{"negative l1", []string{"train", "-l1", "-1"}, 2, "-l1 -1: the L1 weight λ must not be negative"},
		{"Inf contractive", []string{"train", "-contractive", "Inf"}, 2, "-contractive +Inf: the contractive weight λ must be a finite number"},
		{"huge sparsity weight", []string{"train", "-sparsity", "0.05", "-sparsity-weight", "1e300", "-code-act", "sigmoid"}, 2, "-sparsity-weight 1e+300: the sparsity weight β must be at most 1e+06"},
		{"contractive deep", []string{"gradcheck", "-contractive", "0.1"}, 2, "-contractive 0.1: the contractive penalty is computed for an encoder of one sigmoid layer"},
		{"overcomplete names the remedies", []string{"gradcheck", "-layers", "6,8"}, 2, "or a penalty on the code (-l1, -sparsity, -contractive) or -noise to keep it from copying its input (-overcomplete allows it)"},
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
