package autoencoder

import (
	"encoding/binary"
	"hash/crc32"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
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

// withConfig builds a model file around the configuration JSON cfg and
// the parameter bytes params, with the right size field and checksum, so
// that only the content can be wrong.
func withConfig(cfg string, params []byte) []byte {
	b := []byte(fileMagic)
	b = binary.LittleEndian.AppendUint32(b, fileVersion)
	b = binary.LittleEndian.AppendUint64(b, 0)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(cfg)))
	b = append(b, cfg...)
	b = append(b, params...)
	b = append(b, 0, 0, 0, 0)
	binary.LittleEndian.PutUint64(b[sizeAt:], uint64(len(b)))
	return withChecksum(b)
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
		{"trailing bytes", append(append([]byte(nil), good...), 1, 2, 3), "3 unexpected bytes after the end of the model"},
		{"one trailing byte", append(append([]byte(nil), good...), 0), "1 unexpected byte after the end of the model"},
		// One flipped bit in the size field used to read "1 unexpected
		// bytes after the end".
		{"flipped size bit", edit(func(b []byte) []byte { b[sizeAt] ^= 1; return b }), "damaged size field"},
		{"flipped high size bit", edit(func(b []byte) []byte { b[sizeAt+7] ^= 0x80; return b }), "damaged size field"},
		{"absurd configuration", withConfig(`{"layers":[16777216,16777215],"activation":"relu","code_activation":"linear","output_activation":"sigmoid"}`, nil),
			"needs more bytes of parameters than the file holds (0)"},
		{"too many layers", withConfig(`{"layers":[`+strings.Repeat("16777216,", 65535)+`16777216],"activation":"relu","code_activation":"linear","output_activation":"sigmoid","allow_overcomplete":true}`, nil),
			"65536 layer sizes, more than the 1000 allowed"},
		{"parameters missing", withConfig(`{"layers":[12,6,3],"activation":"relu","code_activation":"relu","output_activation":"sigmoid"}`, nil),
			"needs more bytes of parameters than the file holds (0)"},
		// 12-6-3-6-12: 207 numbers of 8 bytes; 8 parameters, each with 12
		// bytes of name length and shape; names W1, b1, W2, b2 of 2 bytes
		// and W2′, b2′, W1′, b1′ of 5 (′ takes 3 in UTF-8); 4 bytes of
		// count: 1656 + 96 + 8 + 20 + 4 = 1784.
		{"parameters short", withConfig(`{"layers":[12,6,3],"activation":"relu","code_activation":"relu","output_activation":"sigmoid"}`, make([]byte, 2000)),
			"needs 1784 bytes of parameters, the file holds 2000"},
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

// TestParamBytesMatchesMarshal: the size Unmarshal expects from a
// configuration, before it allocates anything, is the size MarshalBinary
// writes.
func TestParamBytesMatchesMarshal(t *testing.T) {
	for _, layers := range [][]int{{12, 6, 3}, {5, 4}, {30, 20, 10, 5, 2}} {
		for _, tied := range []bool{false, true} {
			ae, err := New(Config{Layers: layers, Activation: "tanh", CodeActivation: "linear", OutputActivation: "linear", Tied: tied}, rand.New(rand.NewPCG(1, 2)))
			if err != nil {
				t.Fatal(err)
			}
			b, _ := ae.MarshalBinary()
			cfgLen := int(binary.LittleEndian.Uint32(b[headerSize:]))
			want := len(b) - headerSize - 4 - cfgLen - 4 // all but header, config and checksum
			if got, ok := paramBytes(ae.Config, 1<<31); !ok || got != uint64(want) {
				t.Errorf("%v tied=%v: paramBytes = %d, %v; MarshalBinary wrote %d", layers, tied, got, ok, want)
			}
		}
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

// FuzzUnmarshalConfig fuzzes the configuration block of a file whose size
// field and checksum are right, so that every input reaches the checks of
// the configuration: no configuration makes Unmarshal panic, or allocate
// more than a small multiple of the file's length (a 590 kB file once
// asked for 105 GB); a model it accepts is saved and read back the same
// (the JSON may be spelled differently).
func FuzzUnmarshalConfig(f *testing.F) {
	good, _ := smallModel(f, false).MarshalBinary()
	cfgLen := int(binary.LittleEndian.Uint32(good[headerSize:]))
	cfg, params := good[headerSize+4:headerSize+4+cfgLen], good[headerSize+4+cfgLen:len(good)-4]
	f.Add(cfg, params)
	f.Add([]byte(`{"layers":[16777216,16777215],"activation":"relu","code_activation":"linear","output_activation":"sigmoid"}`), params)
	f.Add([]byte(`{"layers":[12,6,3],"activation":"relu","code_activation":"relu","output_activation":"sigmoid","tied":true}`), params)
	f.Add([]byte(`{"layers":[16777216,16777216,16777216,1],"activation":"relu","code_activation":"linear","output_activation":"sigmoid","allow_overcomplete":true}`), params)
	f.Add([]byte(`{"layers":[`+strings.Repeat("1,", 999)+`1],"activation":"linear","code_activation":"linear","output_activation":"linear","allow_overcomplete":true}`), params)
	f.Add([]byte(`{"layers":[-1,2]}`), []byte{})
	f.Add([]byte(`null`), []byte{1, 0, 0, 0})
	f.Fuzz(func(t *testing.T, cfg, params []byte) {
		data := withConfig(string(cfg), params)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		ae, err := Unmarshal(data)
		runtime.ReadMemStats(&after)
		// Values and gradients take twice the file's numbers; a layer's
		// structures a few kB at most, and there are at most MaxLayers.
		if used, limit := after.TotalAlloc-before.TotalAlloc, 4*uint64(len(data))+MaxLayers<<13; used > limit {
			t.Errorf("Unmarshal of a %d-byte file allocated %d bytes (limit %d)", len(data), used, limit)
		}
		if err != nil {
			return
		}
		again, err := ae.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		back, err := Unmarshal(again)
		if err != nil {
			t.Fatalf("a model accepted, saved and read back is refused: %v", err)
		}
		if !reflect.DeepEqual(back.Config, ae.Config) {
			t.Errorf("configuration %+v read back as %+v", ae.Config, back.Config)
		}
		for i, p := range ae.Params() {
			if !matrix.EqualApprox(p.Value, back.Params()[i].Value, 0) {
				t.Errorf("%s differs after a round trip", p.Name)
			}
		}
	})
}
