package main

import (
	"encoding/binary"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// modelFile builds a model file around the configuration JSON cfg with no
// parameters, with a right size field and checksum, so that only the
// configuration is wrong (the layout is autoencoder's format, version 1).
func modelFile(cfg string) []byte {
	b := []byte("bottleneck-autoencoder\n")
	b = binary.LittleEndian.AppendUint32(b, 1)
	sizeAt := len(b)
	b = binary.LittleEndian.AppendUint64(b, 0)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(cfg)))
	b = append(b, cfg...)
	b = binary.LittleEndian.AppendUint32(b, 0) // no parameters
	binary.LittleEndian.PutUint64(b[sizeAt:], uint64(len(b)+4))
	return binary.LittleEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
}

// TestHostileModels: model files whose checksum is right but whose content
// is absurd, or which are damaged in one bit, are refused in one line with
// exit status 1, and say what is wrong; one once asked for 105 GB.
func TestHostileModels(t *testing.T) {
	data := t.TempDir()
	writeTinyMNIST(t, data, 20)
	tmp := t.TempDir()
	run := filepath.Join(tmp, "run")
	if code, _, stderr := runBinary(t, trainArgs(data, run)...); code != 0 {
		t.Fatalf("train: exit %d: %s", code, stderr)
	}
	good, _ := os.ReadFile(filepath.Join(run, "autoencoder.model"))
	flipped := append([]byte(nil), good...)
	flipped[len("bottleneck-autoencoder\n")+4] ^= 1 // the size field's lowest bit
	deep := `{"layers":[` + strings.Repeat("16777216,", 65535) + `1],"activation":"relu","code_activation":"linear","output_activation":"sigmoid","allow_overcomplete":true}`
	for _, tc := range []struct {
		name    string
		content []byte
		want    string
	}{
		{"absurd sizes", modelFile(`{"layers":[16777216,16777215],"activation":"relu","code_activation":"linear","output_activation":"sigmoid"}`), "needs more bytes of parameters than the file holds"},
		{"65536 layers", modelFile(deep), "65536 layer sizes, more than the 1000 allowed"},
		{"flipped size bit", flipped, "damaged size field"},
		{"one byte appended", append(append([]byte(nil), good...), 7), "1 unexpected byte after the end of the model"},
		{"empty", nil, "empty file"},
	} {
		path := filepath.Join(tmp, tc.name+".model")
		os.WriteFile(path, tc.content, 0o644)
		code, _, stderr := runBinary(t, "encode", "-model", path, "-data", data, "-out", filepath.Join(tmp, "codes.csv"))
		if code != 1 || !strings.Contains(stderr, tc.want) || strings.Count(stderr, "\n") != 1 || len(stderr) > 400 {
			t.Errorf("%s: exit %d, stderr %.300q; want 1 and one short line containing %q", tc.name, code, stderr, tc.want)
		}
	}
}

// TestNotAModel: a file that is not a model (a newcomer's README.md, say)
// is refused in one line that says what -model wants, by every command
// that reads one.
func TestNotAModel(t *testing.T) {
	data := t.TempDir()
	writeTinyMNIST(t, data, 20)
	tmp := t.TempDir()
	path := filepath.Join(tmp, "README.md")
	os.WriteFile(path, []byte("# bottleneck\n\nThe undercomplete autoencoder of the lecture.\n"), 0o644)
	for _, args := range [][]string{
		{"encode", "-model", path, "-data", data, "-out", filepath.Join(tmp, "codes.csv")},
		{"export", "-model", path, "-out", filepath.Join(tmp, "weights.npz")},
		{"classify", "-model", path, "-data", data, "-epochs", "1"},
	} {
		code, _, stderr := runBinary(t, args...)
		if code != 1 || !strings.Contains(stderr, "not a bottleneck model file") || !strings.Contains(stderr, "that bottleneck train writes") || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%s: exit %d, stderr %.300q; want 1 and one line saying what -model wants", args[0], code, stderr)
		}
	}
}
