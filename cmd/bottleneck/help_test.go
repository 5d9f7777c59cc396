package main

import (
	"strings"
	"testing"
)

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
	// No command at all: the help on standard error, and a usage error.
	if code, stdout, stderr := runBinary(t); code != 2 || stdout != "" || !strings.Contains(stderr, "Usage: bottleneck <command>") {
		t.Errorf("no arguments: exit %d, stdout %.60q, stderr %.60q; want 2, nothing, the help", code, stdout, stderr)
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
