package main

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"bottleneck/autoencoder"
)

// npzMembers returns the members of a .npz file by name (without .npy),
// each split into its header and data after checking the .npy framing.
func npzMembers(t *testing.T, path string) map[string][2]string {
	t.Helper()
	r, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	out := map[string][2]string{}
	for _, f := range r.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		n := int(binary.LittleEndian.Uint16(b[8:10]))
		if string(b[:8]) != "\x93NUMPY\x01\x00" || (10+n)%64 != 0 || b[10+n-1] != '\n' {
			t.Fatalf("%s is not a .npy 1.0 file with a padded header", f.Name)
		}
		out[strings.TrimSuffix(f.Name, ".npy")] = [2]string{string(b[10 : 10+n]), string(b[10+n:])}
	}
	return out
}

// TestExportCommand: export writes every weight and bias under the docs'
// names in ASCII, with the values of the model, and the order,
// activations, layers and preprocessing; a tied model's W1p is W1
// transposed; the usage errors are one line each.
func TestExportCommand(t *testing.T) {
	tmp := t.TempDir()
	for _, tied := range []bool{false, true} {
		cfg := autoencoder.Config{Layers: []int{784, 6, 3}, Activation: "tanh", CodeActivation: "linear", OutputActivation: "sigmoid", Tied: tied, Preprocess: "binarize"}
		ae, err := autoencoder.New(cfg, rand.New(rand.NewPCG(7, 7)))
		if err != nil {
			t.Fatal(err)
		}
		model := filepath.Join(tmp, "m.model")
		if err := autoencoder.Save(model, ae); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(tmp, "w.npz")
		var stdout, stderr bytes.Buffer
		if code := run([]string{"export", "-model", model, "-out", out}, &stdout, &stderr); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
		if want := "wrote W1, b1, W2, b2, W2p, b2p, W1p, b1p, order, activations, layers and preprocess of 784-6-3-6-784 to " + out + "\n"; stdout.String() != want {
			t.Errorf("stdout %q, want %q", stdout.String(), want)
		}
		m := npzMembers(t, out)
		if len(m) != 12 {
			t.Errorf("%d arrays, want 12", len(m))
		}
		w1, w1p := m["W1"], m["W1p"]
		if !strings.HasPrefix(w1[0], "{'descr': '<f8', 'fortran_order': False, 'shape': (784, 6), }") ||
			!strings.HasPrefix(w1p[0], "{'descr': '<f8', 'fortran_order': False, 'shape': (6, 784), }") ||
			!strings.HasPrefix(m["b1p"][0], "{'descr': '<f8', 'fortran_order': False, 'shape': (784,), }") {
			t.Errorf("headers %q, %q, %q", w1[0], w1p[0], m["b1p"][0])
		}
		at := func(data string, i int) float64 {
			return math.Float64frombits(binary.LittleEndian.Uint64([]byte(data[8*i:])))
		}
		W1 := ae.Params()[0].Value // 784×6, row-major in the file too
		if at(w1[1], 0) != W1.At(0, 0) || at(w1[1], 6*100+5) != W1.At(100, 5) {
			t.Error("W1's values are not the model's in C order")
		}
		if tied && (at(w1p[1], 5*784+100) != W1.At(100, 5)) {
			t.Error("a tied model's W1p is not W1 transposed")
		}
		for name, want := range map[string]string{"order": "'<U3'", "activations": "'<U7'", "layers": "'<i8'", "preprocess": "'<U8'"} {
			if !strings.Contains(m[name][0], want) {
				t.Errorf("%s: header %q, want %s", name, m[name][0], want)
			}
		}
		if !strings.Contains(m["preprocess"][0], "'shape': ()") || len(m["preprocess"][1]) != 4*8 {
			t.Errorf("preprocess: header %q, %d bytes", m["preprocess"][0], len(m["preprocess"][1]))
		}
	}
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"export"}, 2, "-model is required"},
		{[]string{"export", "-model", filepath.Join(tmp, "nothing.model")}, 1, "no such file; bottleneck train writes one"},
		{[]string{"export", "-model", filepath.Join(tmp, "m.model"), "-out", filepath.Join(tmp, "m.model")}, 2, "is the model itself"},
		{[]string{"export", "-model", filepath.Join(tmp, "w.npz"), "-out", filepath.Join(tmp, "x.npz")}, 1, "not a bottleneck model file"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(tc.args, &stdout, &stderr)
		if code != tc.code || !strings.Contains(stderr.String(), tc.want) || strings.Count(stderr.String(), "\n") != 1 {
			t.Errorf("%q: exit %d, stderr %q; want %d and one line containing %q", tc.args, code, stderr.String(), tc.code, tc.want)
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"export", "-h"}, &stdout, &stderr); code != 0 || !strings.Contains(stdout.String(), "W2p, b2p, W1p, b1p") || !strings.Contains(stdout.String(), "-model") {
		t.Errorf("export -h: exit %d, %q", code, stdout.String())
	}
}

// pythonWithNumPy returns a Python 3 that can import NumPy, or "" and why
// there is none.
func pythonWithNumPy() (string, string) {
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		if path, err := exec.LookPath(p); err == nil && exec.Command(path, "-c", "import numpy").Run() == nil {
			return path, ""
		}
	}
	return "", "no python3 that can import numpy (apt-get install python3-numpy)"
}

// TestExportHelpNamesTheSnippet: export -h sends the reader to the file
// whose Python lines TestExportPythonSnippet runs (it once named
// docs/autoencoder.md, which has none).
func TestExportHelpNamesTheSnippet(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "numpy.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(exportHelp, "docs/numpy.md") || !strings.Contains(string(doc), "```python\n") {
		t.Errorf("export -h should name docs/numpy.md, the file with the Python lines; it says:\n%s", exportHelp)
	}
}

// TestExportPythonSnippet runs the Python lines of docs/numpy.md, as
// written there, on a model train made, and checks that they print the
// test error train measured.
func TestExportPythonSnippet(t *testing.T) {
	python, why := pythonWithNumPy()
	if python == "" {
		t.Skip(why)
	}
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "numpy.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)```python\n(.*?)```").FindSubmatch(doc)
	if m == nil {
		t.Fatal("docs/numpy.md has no python block")
	}
	data, tmp := t.TempDir(), t.TempDir()
	writeMNISTPart(t, data, 300, 200)
	script := filepath.Join(tmp, "reconstruct.py")
	os.WriteFile(script, m[1], 0o644)
	for _, extra := range [][]string{{"-layers", "784,32,8"}, {"-layers", "784,16,4", "-binarize", "-act", "sigmoid", "-code-act", "tanh", "-tied"}} {
		out := filepath.Join(tmp, "run")
		args := append([]string{"train", "-data", data, "-out", out, "-epochs", "2", "-batch", "50"}, extra...)
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != 0 {
			t.Fatalf("%q: exit %d: %s", extra, code, stderr.String())
		}
		var s struct {
			TestSSE float64 `json:"test_sse_per_image"`
		}
		b, _ := os.ReadFile(filepath.Join(out, "summary.json"))
		if err := json.Unmarshal(b, &s); err != nil {
			t.Fatal(err)
		}
		npz := filepath.Join(tmp, "w.npz")
		if code := run([]string{"export", "-model", filepath.Join(out, "autoencoder.model"), "-out", npz}, &stdout, &stderr); code != 0 {
			t.Fatalf("export: exit %d: %s", code, stderr.String())
		}
		py, err := exec.Command(python, script, npz, filepath.Join(data, "t10k-images-idx3-ubyte.gz")).Output()
		if err != nil {
			t.Fatalf("%q: python: %v: %s", extra, err, py)
		}
		got := regexp.MustCompile(`test error ([0-9.]+) per image`).FindSubmatch(py)
		if got == nil {
			t.Fatalf("python printed %q", py)
		}
		v, _ := strconv.ParseFloat(string(got[1]), 64)
		// Python prints 3 decimals, so it may differ from Go's by 0.0005.
		if !(math.Abs(v-s.TestSSE) <= 0.0005+1e-9) {
			t.Errorf("%q: Python's test error %s, Go's %.6f", extra, got[1], s.TestSSE)
		}
		t.Logf("%q: Go %.6f, NumPy %s", extra, s.TestSSE, got[1])
	}
}

// TestExportBytesAsNumPy: every array of an exported file is byte for
// byte what NumPy's own np.save writes for the array numpy.load reads
// from it: the header's dict, its padding and the data.
func TestExportBytesAsNumPy(t *testing.T) {
	python, why := pythonWithNumPy()
	if python == "" {
		t.Skip(why)
	}
	tmp := t.TempDir()
	cfg := autoencoder.Config{Layers: []int{784, 5, 2}, Activation: "relu", CodeActivation: "linear", OutputActivation: "sigmoid", Tied: true}
	ae, err := autoencoder.New(cfg, rand.New(rand.NewPCG(3, 3)))
	if err != nil {
		t.Fatal(err)
	}
	model, npz := filepath.Join(tmp, "m.model"), filepath.Join(tmp, "w.npz")
	if err := autoencoder.Save(model, ae); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"export", "-model", model, "-out", npz}, &stdout, &stderr); code != 0 {
		t.Fatalf("export: exit %d: %s", code, stderr.String())
	}
	check := `
import io, sys, zipfile
import numpy as np
z = zipfile.ZipFile(sys.argv[1])
for name in z.namelist():
    raw = z.read(name)
    b = io.BytesIO()
    np.save(b, np.load(io.BytesIO(raw)))
    print(name, "same" if b.getvalue() == raw else "differs")
`
	out, err := exec.Command(python, "-c", check, npz).CombinedOutput()
	if err != nil {
		t.Fatalf("python: %v: %s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 12 {
		t.Errorf("python saw %d arrays: %s", len(lines), out)
	}
	for _, l := range lines {
		if !strings.HasSuffix(l, " same") {
			t.Errorf("%s (np.save writes other bytes)", l)
		}
	}
}
