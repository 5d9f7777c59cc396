package mnist

import "fmt"

// ReadImagesHeader reads only the header of images file f in s: the number
// of images and their size, without reading any pixel: what a program needs
// to decide whether it can use the data before it spends time and memory
// on it. A file that is not a regular file is refused without being opened
// (a named pipe would block). Errors start with "mnist:" and name the file;
// a missing file is a *MissingError.
func (s Source) ReadImagesHeader(f File) (n, rows, cols int, err error) {
	name, err := s.find(f)
	if err != nil {
		return 0, 0, 0, err
	}
	file, err := s.FS.Open(name)
	if err != nil {
		return 0, 0, 0, fmt.Errorf("mnist: %s: %w", s.path(name), unwrapPathError(err))
	}
	defer file.Close()
	src, err := decompress(file)
	if err == nil {
		_, n, rows, cols, err = readImagesHeader(src)
	}
	if err != nil {
		return 0, 0, 0, fmt.Errorf("mnist: %s: %w", s.path(name), err)
	}
	return n, rows, cols, nil
}
