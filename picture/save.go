package picture

import (
	"fmt"
	"image"
	"image/png"
	"io"
	"os"

	"bottleneck/internal/atomicfile"
)

// SavePNG writes img to path as a PNG file. The file is written atomically
// (internal/atomicfile): if anything fails, whatever was at path stays.
func SavePNG(path string, img image.Image) error {
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return fmt.Errorf("picture: cannot write %s: it is a directory", path)
	}
	err := atomicfile.Write(path, func(w io.Writer) error {
		return png.Encode(w, img)
	})
	if err != nil {
		return fmt.Errorf("picture: %w", err)
	}
	return nil
}
