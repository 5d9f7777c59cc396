package main

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestShowWritesPNG(t *testing.T) {
	data := t.TempDir()
	writeTinyMNIST(t, data, 12)
	out := filepath.Join(t.TempDir(), "digits.png")
	var stdout, stderr bytes.Buffer
	code := run([]string{"show", "-data", data, "-n", "12", "-columns", "5", "-out", out}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr.String())
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	// 12 digits, 5 to a line, make 3 lines; at scale 2 a tile is 56 pixels
	// and the gap 4: 4 + 5·60 = 304 wide, 4 + 3·60 = 184 high.
	if b := img.Bounds(); b.Dx() != 304 || b.Dy() != 184 {
		t.Errorf("picture is %d×%d, want 304×184", b.Dx(), b.Dy())
	}
	if want := "wrote the first 12 training digits to " + out + " (304×184 pixels)\n"; stdout.String() != want {
		t.Errorf("stdout %q, want %q", stdout.String(), want)
	}
}

func TestShowRealDigits(t *testing.T) {
	data := embeddedDir(t)
	out := filepath.Join(t.TempDir(), "digits.png")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"show", "-data", data, "-n", "100", "-out", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr.String())
	}
	// 100 digits, 10 to a line, at scale 2: 4 + 10·(56+4) = 604 square.
	if want := "wrote the first 100 training digits to " + out + " (604×604 pixels)\n"; stdout.String() != want {
		t.Errorf("stdout %q, want %q", stdout.String(), want)
	}
	stderr.Reset()
	code := run([]string{"show", "-data", data, "-n", "100000", "-out", out}, &stdout, &stderr)
	if want := "bottleneck show: -n 100000: the training set has only 60000 digits\n"; code != 2 || errorLine(stderr.String()) != want {
		t.Errorf("-n 100000: exit %d, stderr %q; want 2 and %q", code, stderr.String(), want)
	}
	stderr.Reset()
	code = run([]string{"show", "-data", data, "-n", "60000", "-scale", "16", "-out", out}, &stdout, &stderr)
	if want := "bottleneck show: -n 60000 with -scale 16 makes a picture of about 12042 million pixels (the images are 28×28 = 784 pixels), too large to draw; draw fewer digits or a smaller scale\n"; code != 2 || errorLine(stderr.String()) != want {
		t.Errorf("-n 60000 -scale 16: exit %d, stderr %q; want 2 and %q", code, stderr.String(), want)
	}
}

func TestShowErrors(t *testing.T) {
	data := t.TempDir()
	writeTinyMNIST(t, data, 3)
	empty := t.TempDir()
	out := filepath.Join(t.TempDir(), "d.png")
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string // {data}, {empty} stand for the directories
	}{
		{"no -out", []string{"-data", "{data}"}, 2,
			"bottleneck show: -out FILE.png is required: where to write the picture"},
		{"-n 0", []string{"-data", "{data}", "-n", "0", "-out", out}, 2,
			"bottleneck show: -n 0: draw at least 1 digit"},
		{"-n too large", []string{"-data", "{data}", "-n", "4", "-out", out}, 2,
			"bottleneck show: -n 4: the training set has only 3 digits"},
		{"-n not a number", []string{"-n", "many", "-out", out}, 2,
			`bottleneck show: invalid value "many" for flag -n: parse error (run "bottleneck show -h" for the flags)`},
		{"-scale 0", []string{"-scale", "0", "-out", out}, 2,
			"bottleneck show: -scale 0: want 1 to 16"},
		{"no data", []string{"-data", "{empty}", "-out", out}, 1,
			`bottleneck show: mnist: train-images-idx3-ubyte.gz is not in {empty} (run "bottleneck fetch -data {empty}" to download MNIST there, or pass -data DIR naming the directory that holds the four files)`},
		{"-out in a missing directory", []string{"-data", "{data}", "-n", "3", "-out", "{empty}/no/d.png"}, 1,
			"bottleneck show: cannot write {empty}/no/d.png: folder {empty}/no does not exist (create it or choose another -out)"},
		{"-out is a directory", []string{"-data", "{data}", "-n", "3", "-out", "{empty}"}, 2,
			"bottleneck show: -out {empty} is a directory: name a file in it"},
		{"-out not a PNG", []string{"-data", "{data}", "-n", "3", "-out", "{empty}/d.jpg"}, 2,
			"bottleneck show: -out {empty}/d.jpg: show writes a PNG picture; name the file .png"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := strings.NewReplacer("{data}", data, "{empty}", empty)
			args := []string{"show"}
			for _, a := range tc.args {
				args = append(args, r.Replace(a))
			}
			var stdout, stderr bytes.Buffer
			code := run(args, &stdout, &stderr)
			// A line saying which MNIST was read may come before the error.
			if want := r.Replace(tc.want) + "\n"; code != tc.code || errorLine(stderr.String()) != want {
				t.Errorf("exit %d, stderr %q\nwant exit %d, %q", code, stderr.String(), tc.code, want)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("%s was written", out)
			}
		})
	}
}
