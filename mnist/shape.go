package mnist

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"bottleneck/internal/filekind"
)

// ReadImagesFileHeader reads the header of the images file f in dir (the
// .gz file if it is there, else the decompressed one) and returns the number
// of images and their size, without reading any pixel: what a program needs
// to decide whether it can use the data before it spends time and memory
// on it. A path that is not a regular file is refused without being opened
// (a named pipe would block). Errors start with "mnist:" and name the file;
// a missing file is a *MissingError.
func ReadImagesFileHeader(dir string, f File) (n, rows, cols int, err error) {
	path := ""
	for _, name := range []string{f.Name, f.RawName()} {
		p := filepath.Join(dir, name)
		if _, err := os.Lstat(p); err == nil {
			path = p
			break
		} else if !errors.Is(err, fs.ErrNotExist) {
			return 0, 0, 0, fmt.Errorf("mnist: %w", err)
		}
	}
	if path == "" {
		return 0, 0, 0, &MissingError{Dir: dir, Name: f.Name}
	}
	file, _, err := filekind.OpenRegular(path)
	if err != nil {
		return 0, 0, 0, fmt.Errorf("mnist: %w", err)
	}
	defer file.Close()
	src, err := decompress(file)
	if err == nil {
		_, n, rows, cols, err = readImagesHeader(src)
	}
	if err != nil {
		return 0, 0, 0, fmt.Errorf("mnist: %s: %w", path, err)
	}
	return n, rows, cols, nil
}
