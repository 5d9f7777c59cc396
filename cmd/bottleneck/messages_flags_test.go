package main

import (
	"bytes"
	"strings"
	"testing"

	"bottleneck/autoencoder"
)

// TestMessagesBlameWhatWasTyped: a usage error names the flag and value
// the user gave, not a default never typed, and refuses a code wider than
// the layer before it, which the summary would call a code of its width.
func TestMessagesBlameWhatWasTyped(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		// -sparsity-weight alone once said "-sparsity 0: sparsity target ρ = 0 is outside (0, 1)".
		{[]string{"-sparsity-weight", "3"}, "bottleneck train: -sparsity-weight 3 needs -sparsity, the target mean activation ρ of the code units in (0, 1), such as -sparsity 0.05\n"},
		{[]string{"-sparsity", "1.5", "-sparsity-weight", "3", "-code-act", "sigmoid"}, "bottleneck train: -sparsity 1.5: sparsity target ρ = 1.5 is outside (0, 1)"},
		// -sparsity alone once said "has no weight β (sparsity weight 0); give one above 0", naming no flag.
		{[]string{"-sparsity", "0.05", "-code-act", "sigmoid"}, "bottleneck train: -sparsity 0.05 needs -sparsity-weight, the weight β of the KL penalty β·Σ KL(ρ ‖ ρ̂ⱼ), such as -sparsity-weight 3\n"},
		{[]string{"-sparsity", "0.05", "-sparsity-weight", "0", "-code-act", "sigmoid"}, "bottleneck train: -sparsity 0.05: sparsity target ρ = 0.05 has no weight β"},
		// A code of the wrong kind once was "not a linear one", naming neither -code-act nor the default.
		{[]string{"-sparsity", "0.05", "-sparsity-weight", "3"}, "bottleneck train: -sparsity 0.05 needs -code-act sigmoid: the KL penalty needs code units in (0, 1) (-code-act not given, so linear)\n"},
		{[]string{"-sparsity", "0.05", "-sparsity-weight", "3", "-code-act", "relu"}, "(-code-act relu)\n"},
		// A default at fault is called one.
		{[]string{"-loss", "bce", "-out-act", "linear"}, "bottleneck train: -loss bce: loss bce needs outputs in (0, 1)"},
		{[]string{"-layers", "784,16,32"}, "bottleneck train: -layers 784,16,32: the code (32) is wider than hidden layer 1 (16), which is then the real bottleneck: the code holds no more than 16 numbers' worth; make the code the narrowest layer (e.g. -layers 784,32,16)\n"},
		{[]string{"-layers", "784,1000,500,250,300"}, "the code (300) is wider than hidden layer 3 (250)"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(append([]string{"train", "-out", t.TempDir()}, tc.args...), &stdout, &stderr)
		if code != 2 || !strings.HasPrefix(stderr.String(), "bottleneck train: ") || !strings.Contains(stderr.String(), tc.want) || strings.Count(stderr.String(), "\n") != 1 {
			t.Errorf("%q: exit %d, stderr %q; want 2 and one line containing %q", tc.args, code, stderr.String(), tc.want)
		}
	}
}

// TestDefaultBlamedAsDefault: flagError names a flag the user did not
// give as "not given, so VALUE", not as if VALUE had been typed.
func TestDefaultBlamedAsDefault(t *testing.T) {
	var nf netFlags
	fs := newFlagSet("train", "", &bytes.Buffer{})
	nf.register(fs, "784,256,32", "relu", "sigmoid")
	if err := parseFlags(fs, []string{"-l1", "0.1"}); err != nil {
		t.Fatal(err)
	}
	ce := &autoencoder.ConfigError{Field: "loss", Err: autoencoder.ErrLossOutput, Detail: "what is wrong"}
	if got := flagError(fs, autoencoder.Config{}, ce).Error(); got != "-loss (not given, so sse): what is wrong" {
		t.Errorf("a default at fault: %q", got)
	}
	ce.Field = "l1"
	if got := flagError(fs, autoencoder.Config{}, ce).Error(); got != "-l1 0.1: what is wrong" {
		t.Errorf("a typed value at fault: %q", got)
	}
}

// TestWiderCodeAllowedWhenOvercomplete: -overcomplete asks for no
// bottleneck, so a code wider than a layer before it is then accepted, as
// is a code narrower than every hidden layer without it.
func TestWiderCodeAllowedWhenOvercomplete(t *testing.T) {
	for _, layers := range [][]string{{"-layers", "784,100,16,32,8"}, {"-layers", "784,16,32", "-overcomplete"}} {
		if err := checkArgs(t, layers); err != nil {
			t.Errorf("%q: %v", layers, err)
		}
	}
}

// checkArgs parses train's network flags from args and returns what
// checkCodeNarrowest says of them.
func checkArgs(t *testing.T, args []string) error {
	t.Helper()
	var nf netFlags
	fs := newFlagSet("train", "", &bytes.Buffer{})
	nf.register(fs, "784,256,32", "relu", "sigmoid")
	if err := parseFlags(fs, args); err != nil {
		t.Fatal(err)
	}
	cfg, err := nf.config(fs)
	if err != nil {
		t.Fatal(err)
	}
	return checkCodeNarrowest(cfg)
}
