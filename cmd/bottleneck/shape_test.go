package main

import (
	"bytes"
	"encoding/binary"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bottleneck/mnist"
)

// writeDataset writes the four files of an MNIST-like data set into dir:
// nTrain and nTest images of rows×cols pixels (made up), with labels.
func writeDataset(t *testing.T, dir string, nTrain, nTest, rows, cols int) {
	t.Helper()
	for _, split := range []struct {
		images, labels mnist.File
		n              int
	}{{mnist.TrainImages, mnist.TrainLabels, nTrain}, {mnist.TestImages, mnist.TestLabels, nTest}} {
		pixels := make([]byte, split.n*rows*cols)
		for i := range pixels {
			pixels[i] = byte(i * 37)
		}
		labels := make([]uint8, split.n)
		var images, lab bytes.Buffer
		if err := mnist.WriteImages(&images, pixels, split.n, rows, cols); err != nil {
			t.Fatal(err)
		}
		if err := mnist.WriteLabels(&lab, labels); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, split.images.RawName()), images.Bytes(), 0o644)
		os.WriteFile(filepath.Join(dir, split.labels.RawName()), lab.Bytes(), 0o644)
	}
}

// writeHeaderOnly writes an images file whose header announces n images of
// rows×cols but which holds not one pixel: a command that reads any pixel
// reports it truncated, so refusing it with another message shows that the
// decision came from the header alone.
func writeHeaderOnly(t *testing.T, dir string, f mnist.File, n, rows, cols uint32) {
	t.Helper()
	b := binary.BigEndian.AppendUint32(nil, 0x00000803)
	for _, d := range []uint32{n, rows, cols} {
		b = binary.BigEndian.AppendUint32(b, d)
	}
	os.Remove(filepath.Join(dir, f.Name))
	if err := os.WriteFile(filepath.Join(dir, f.RawName()), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestImagesOfAnotherSize: a consistent data set of images that are not
// 28×28 works where it can (the network's input is rows·cols; show and pca
// need no 784) and is refused in one line with exit status 1 where it
// cannot, decided from the headers before any pixel is read. 1×1 images
// used to make train, encode and pca panic.
func TestImagesOfAnotherSize(t *testing.T) {
	small, tiny, huge, mixed, many := t.TempDir(), t.TempDir(), t.TempDir(), t.TempDir(), t.TempDir()
	writeDataset(t, small, 40, 20, 8, 8) // 64 pixels
	writeDataset(t, tiny, 40, 20, 1, 1)
	writeDataset(t, huge, 2, 2, 2, 2)
	writeHeaderOnly(t, huge, mnist.TrainImages, 1, 16384, 16384) // within the IDX size limit
	writeDataset(t, mixed, 10, 10, 8, 8)
	writeHeaderOnly(t, mixed, mnist.TestImages, 10, 14, 14)
	writeDataset(t, many, 2, 2, 100, 100)
	writeHeaderOnly(t, many, mnist.TrainImages, 20000, 100, 100)
	tmp := t.TempDir()
	out := func(name string) string { return filepath.Join(tmp, name) }

	// Where it can, it works.
	for _, args := range [][]string{
		{"train", "-data", small, "-out", out("train8"), "-epochs", "1", "-batch", "10"},
		{"train", "-data", small, "-out", out("train8b"), "-layers", "64,16,4", "-epochs", "1", "-batch", "10"},
		{"encode", "-data", small, "-model", filepath.Join(out("train8"), "autoencoder.model"), "-out", out("codes.csv")},
		{"show", "-data", small, "-n", "12", "-out", out("small.png")},
		{"show", "-data", tiny, "-n", "12", "-out", out("tiny.png")},
		{"pca", "-data", small, "-out", out("pca8")},
		{"pca", "-data", tiny, "-out", out("pca1")},
		{"compare", "-data", small, "-k", "3", "-steps", "10", "-epochs", "1", "-batch", "10", "-out", out("compare8")},
		{"bench", "-data", small, "-train-n", "40", "-batch", "10"},
	} {
		code, _, stderr := runBinary(t, args...)
		if code != 0 {
			t.Errorf("%v: exit %d: %s", args, code, stderr)
		}
	}
	if b, err := os.ReadFile(filepath.Join(out("train8"), "summary.json")); err == nil {
		json := string(b)
		if !strings.Contains(json, `"shape": "64-32-64"`) {
			t.Errorf("train on 8×8 images with the default -layers: summary %s; want the shape 64-32-64 (784 becomes 64, 256 is left out)", json[:min(len(json), 300)])
		}
	}
	if f, err := os.Open(out("tiny.png")); err == nil {
		img, err := png.Decode(f)
		f.Close()
		// 12 tiles of 1×1 pixel, 10 to a line, at scale 2 with gaps of
		// 4: 4 + 10·(2+4) = 64 wide, 4 + 2·6 = 16 high.
		if err != nil || img.Bounds().Dx() != 64 || img.Bounds().Dy() != 16 {
			t.Errorf("show of 1×1 images: %v, %v; want a 64×16 picture", img.Bounds(), err)
		}
	}

	// Where it cannot, one line, exit status 1, from the headers.
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"train", "-data", tiny, "-out", out("t1")}, "are 1×1 = 1 pixel: an undercomplete autoencoder needs a code smaller than its input"},
		{[]string{"bench", "-data", tiny}, "are 1×1 = 1 pixel"},
		{[]string{"compare", "-data", tiny, "-out", out("c1")}, "are 1×1 = 1 pixel"},
		{[]string{"encode", "-data", tiny, "-model", filepath.Join(out("train8"), "autoencoder.model"), "-out", out("c.csv")}, "takes 64 inputs, but the images in " + tiny + " are 1×1 = 1 pixel"},
		{[]string{"train", "-data", huge, "-out", out("t3")}, "images of 16384×16384 pixels, more than the 16777216 (4096×4096) this program reads"},
		{[]string{"show", "-data", huge, "-n", "1", "-out", out("huge.png")}, "images of 16384×16384 pixels, more than"},
		{[]string{"pca", "-data", huge, "-out", out("p3")}, "images of 16384×16384 pixels, more than"},
		{[]string{"pca", "-data", many, "-out", out("p4")}, "are 100×100 = 10000 pixels: PCA needs a 10000×10000 covariance matrix"},
		{[]string{"train", "-data", mixed, "-out", out("t4"), "-layers", "64,8"}, "training images are 8×8 but test images are 14×14"},
	} {
		code, _, stderr := runBinary(t, tc.args...)
		if code != 1 || !strings.Contains(stderr, tc.want) || strings.Count(stderr, "\n") != 1 || strings.Contains(stderr, "truncated") {
			t.Errorf("%v: exit %d, stderr %q; want 1 and one line containing %q", tc.args, code, stderr, tc.want)
		}
	}
	// -layers that do not fit the images is a request that does not fit
	// the data, like show's -n below: exit 2.
	if code, _, stderr := runBinary(t, "train", "-data", small, "-out", out("t2"), "-layers", "784,16,4"); code != 2 ||
		!strings.Contains(stderr, "-layers 784,16,4 starts with 784, but the images in "+small+" are 8×8 = 64 pixels: the first size must be 64") {
		t.Errorf("-layers 784,16,4 on 8×8 images: exit %d, stderr %q; want 2 naming the first size", code, stderr)
	}
	// show's size limit counts the real image size: 20,000 images of
	// 100×100 at scale 2 would be 800 million pixels; refused from the
	// header, as a request too large for the data.
	code, _, stderr := runBinary(t, "show", "-data", many, "-n", "20000", "-out", out("many.png"))
	if want := "makes a picture of about 800 million pixels (the images are 100×100 = 10000 pixels)"; code != 2 || !strings.Contains(stderr, want) {
		t.Errorf("show of 20,000 images of 100×100: exit %d, stderr %q; want 2 and %q", code, stderr, want)
	}
	for _, name := range []string{"t1", "t2", "t3", "t4", "c1", "p3", "p4", "huge.png", "many.png", "c.csv"} {
		if _, err := os.Stat(out(name)); err == nil {
			t.Errorf("%s was written by a refused run", name)
		}
	}
}
