package picture

import (
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bottleneck/matrix"
)

func TestSavePNG(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "grid.png")
	img := Grid(matrix.NewFromSlice(1, 4, []float64{0, 0.25, 0.5, 1}), GridOptions{TileRows: 2, TileCols: 2, Columns: 1, Scale: 2})
	if err := SavePNG(path, img); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	back, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if back.At(x, y) != img.At(x, y) {
				t.Fatalf("pixel (%d, %d) changed from %v to %v", x, y, img.At(x, y), back.At(x, y))
			}
		}
	}

	err = SavePNG(filepath.Join(dir, "no", "such", "dir.png"), img)
	want := "picture: cannot write " + filepath.Join(dir, "no", "such", "dir.png") + ": no such file or directory"
	if err == nil || err.Error() != want {
		t.Errorf("got error %v, want %q", err, want)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 || !strings.HasSuffix(entries[0].Name(), "grid.png") {
		t.Errorf("the directory holds %v, want only grid.png", entries)
	}
}
