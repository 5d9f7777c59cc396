package autoencoder

import (
	"encoding/binary"
	"hash/crc32"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bottleneck/matrix"
)

func smallModel(t testing.TB, tied bool) *Autoencoder {
	ae, err := New(Config{Layers: []int{12, 6, 3}, Activation: "relu", CodeActivation: "relu", OutputActivation: "sigmoid", Tied: tied}, rand.New(rand.NewPCG(8, 8)))
	if err != nil {
		t.Fatal(err)
	}
	return ae
}

func TestSaveLoadRoundTrip(t *testing.T) {
	for _, tied := range []bool{false, true} {
		ae := smallModel(t, tied)
		path := filepath.Join(t.TempDir(), "model.bae")
		if err := Save(path, ae); err != nil {
			t.Fatal(err)
		}
		got, err := Load(path)
		if err != nil {
			t.Fatal(err)
		}
		if got.String() != ae.String() {
			t.Errorf("loaded %s, saved %s", got, ae)
		}
		for i, p := range ae.Params() {
			if !matrix.EqualApprox(p.Value, got.Params()[i].Value, 0) {
				t.Errorf("tied=%v: %s differs after a round trip", tied, p.Name)
			}
		}
		x := randData(rand.New(rand.NewPCG(1, 1)), 4, 12)
		if !matrix.EqualApprox(ae.Reconstruct(x), got.Reconstruct(x), 0) {
			t.Errorf("tied=%v: the loaded model reconstructs differently", tied)
		}
	}
}

// withChecksum recomputes the trailing CRC-32 after a test edits a file.
func withChecksum(data []byte) []byte {
	binary.LittleEndian.PutUint32(data[len(data)-4:], crc32.ChecksumIEEE(data[:len(data)-4]))
	return data
}

func TestLoadRejectsBadFiles(t *testing.T) {
	good, err := smallModel(t, false).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	edit := func(f func(b []byte) []byte) []byte { return f(append([]byte(nil), good...)) }
	versionAt := len(fileMagic)
	configAt := versionAt + 4 + 8 + 4
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "not a bottleneck model file"},
		{"PNG", []byte("\x89PNG\r\n\x1a\n0000000000000000000000000000"), "not a bottleneck model file"},
		{"MNIST header", []byte{0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 28, 0, 0, 0, 28}, "not a bottleneck model file"},
		{"half the magic", good[:10], "truncated file"},
		{"header only", good[:versionAt+6], "truncated file"},
		{"truncated parameters", good[:len(good)/2], "truncated file"},
		{"one byte short", good[:len(good)-1], "truncated file"},
		{"trailing bytes", append(append([]byte(nil), good...), 1, 2, 3), "3 unexpected bytes"},
		{"flipped weight bit", edit(func(b []byte) []byte { b[len(b)-40] ^= 1; return b }), "checksum mismatch"},
		{"future version", edit(func(b []byte) []byte {
			binary.LittleEndian.PutUint32(b[versionAt:], 7)
			return withChecksum(b)
		}), "unsupported format version 7"},
		{"bad config JSON", edit(func(b []byte) []byte { b[configAt] = '!'; return withChecksum(b) }), "bad configuration"},
		{"NaN weight", edit(func(b []byte) []byte {
			binary.LittleEndian.PutUint64(b[len(b)-12:], 0x7ff8000000000001)
			return withChecksum(b)
		}), "holds NaN"},
		{"invalid config", edit(func(b []byte) []byte {
			i := strings.Index(string(b), `"relu"`)
			copy(b[i:], `"rel0"`)
			return withChecksum(b)
		}), `unknown hidden activation "rel0"`},
	}
	for _, tt := range tests {
		path := filepath.Join(t.TempDir(), "model.bae")
		os.WriteFile(path, tt.data, 0o644)
		_, err := Load(path)
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "autoencoder: load ") {
			t.Errorf("%s: error %v, want one starting \"autoencoder: load\" containing %q", tt.name, err, tt.want)
		}
	}
	if _, err := Load(filepath.Join(t.TempDir(), "missing.bae")); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing file: error %v", err)
	}
}

func TestSaveKeepsOldModelOnFailure(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "model.bae")
	if err := Save(path, smallModel(t, false)); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	if err := Save(filepath.Join(dir, "missing", "model.bae"), smallModel(t, true)); err == nil {
		t.Error("Save into a missing directory succeeded")
	}
	after, _ := os.ReadFile(path)
	if string(before) != string(after) {
		t.Error("the existing model changed")
	}
}

// FuzzUnmarshal: no input makes Unmarshal panic or allocate beyond what the
// file holds; anything it accepts round-trips.
func FuzzUnmarshal(f *testing.F) {
	for _, tied := range []bool{false, true} {
		b, _ := smallModel(f, tied).MarshalBinary()
		f.Add(b)
	}
	f.Add([]byte(fileMagic))
	f.Fuzz(func(t *testing.T, data []byte) {
		ae, err := Unmarshal(data)
		if err != nil {
			return
		}
		again, err := ae.MarshalBinary()
		if err != nil || string(again) != string(data) {
			t.Errorf("accepted file does not round-trip")
		}
	})
}
