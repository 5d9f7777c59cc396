package autoencoder

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"bottleneck/matrix"
)

// TestSavePreprocess: a model trained on binarized pixels says so in its
// file and keeps saying so after Load, and its Prepare binarizes; a model
// without preprocessing writes no such field, so its file is what the
// format wrote before the field existed, and a file without it (an old
// model) reads as no preprocessing. An unknown preprocessing is refused.
func TestSavePreprocess(t *testing.T) {
	plain := smallModel(t, false)
	old, err := plain.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(old, []byte("preprocess")) {
		t.Error("a model without preprocessing writes the field; old programs' files and new ones would differ")
	}
	got, err := Unmarshal(old)
	if err != nil {
		t.Fatal(err)
	}
	x := matrix.NewFromSlice(1, 12, []float64{0.2, 0.5, 0.7, 0.49, 1, 0, 0.51, 0.3, 0.9, 0.1, 0.6, 0.4})
	if got.Config.Preprocess != NoPreprocess || got.Config.Prepare(x) != x {
		t.Errorf("a model without the field: Preprocess %q, Prepare changes the pixels", got.Config.Preprocess)
	}

	cfg := plain.Config
	cfg.Preprocess = PreprocessBinarize
	bin, err := New(cfg, rand.New(rand.NewPCG(8, 8)))
	if err != nil {
		t.Fatal(err)
	}
	data, err := bin.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(`"preprocess":"binarize"`)) {
		t.Error("a binarizing model's file does not record it")
	}
	back, err := Unmarshal(data)
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{0, 1, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0} // 0.5 and above become 1
	p := back.Config.Prepare(x)
	for j, v := range p.Row(0) {
		if v != want[j] {
			t.Fatalf("Prepare of the loaded model gives %v, want %v", p.Row(0), want)
		}
	}
	if x.At(0, 1) != 0.5 {
		t.Error("Prepare changed its argument")
	}
	if s := back.String(); !strings.Contains(s, "input binarized") {
		t.Errorf("String %q does not say the input is binarized", s)
	}

	_, err = Unmarshal(withConfigJSON(t, data, strings.Replace(string(configJSON(t, data)), `"binarize"`, `"standardize"`, 1)))
	if !errors.Is(err, ErrPreprocess) || !strings.Contains(err.Error(), `unknown preprocessing "standardize"`) {
		t.Errorf("an unknown preprocessing: error %v", err)
	}
}

// configJSON returns the configuration JSON of a model file.
func configJSON(t *testing.T, data []byte) []byte {
	t.Helper()
	var cfg bytes.Buffer
	ae, err := Unmarshal(data)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := ae.MarshalBinary()
	at := len(fileMagic) + 4 + 8
	n := int(b[at]) | int(b[at+1])<<8 | int(b[at+2])<<16 | int(b[at+3])<<24
	cfg.Write(b[at+4 : at+4+n])
	return cfg.Bytes()
}
