package main

import (
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"bottleneck/autoencoder"
)

// TestEncodeBinarizedModel: encode feeds a model trained with -binarize
// the binarized images, as it saw them in training, and a model without
// the record (every model written before it existed) the grey pixels.
func TestEncodeBinarizedModel(t *testing.T) {
	data := t.TempDir()
	writeMNISTPart(t, data, 10, 6)
	_, test := embeddedMNIST(t)
	x := test.Images.SliceRows(0, 6)
	tmp := t.TempDir()
	for _, pre := range []string{autoencoder.NoPreprocess, autoencoder.PreprocessBinarize} {
		ae, err := autoencoder.New(autoencoder.Config{Layers: []int{784, 3}, Activation: "relu", CodeActivation: "linear", OutputActivation: "sigmoid", Preprocess: pre}, rand.New(rand.NewPCG(1, 1)))
		if err != nil {
			t.Fatal(err)
		}
		model := filepath.Join(tmp, "m"+pre+".model")
		if err := autoencoder.Save(model, ae); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(tmp, "codes.csv")
		if code, _, stderr := runBinary(t, "encode", "-model", model, "-data", data, "-out", out); code != 0 {
			t.Fatalf("%q: exit %d: %s", pre, code, stderr)
		}
		csv, _ := os.ReadFile(out)
		rows := strings.Split(strings.TrimSpace(string(csv)), "\n")[1:]
		in := x
		if pre == autoencoder.PreprocessBinarize {
			in = autoencoder.Binarize(x)
		}
		want := ae.Encode(in)
		for i, row := range rows {
			for j, f := range strings.Split(row, ",")[1:] {
				got, err := strconv.ParseFloat(f, 64)
				// The CSV holds 8 significant digits.
				if err != nil || !(math.Abs(got-want.At(i, j)) <= 1e-7*(1+math.Abs(want.At(i, j)))) {
					t.Fatalf("preprocess %q: code (%d, %d) = %s, want %v", pre, i, j, f, want.At(i, j))
				}
			}
		}
	}
}
