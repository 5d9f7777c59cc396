package npy

import (
	"archive/zip"
	"fmt"
	"io"
	"strings"
)

// ZipWriter writes a .npz archive: each array a member NAME.npy, stored
// without compression as numpy.savez stores them, so that numpy.load(path)
// gives a mapping from NAME to the array.
type ZipWriter struct {
	zw    *zip.Writer
	names map[string]bool
}

// NewZipWriter returns a ZipWriter that writes the archive to w.
func NewZipWriter(w io.Writer) *ZipWriter {
	return &ZipWriter{zw: zip.NewWriter(w), names: map[string]bool{}}
}

// Add writes the member name+".npy" with what write produces (WriteFloat64
// and the like). A name must be new, and a plain file name: no folder, no
// ".npy" of its own.
func (z *ZipWriter) Add(name string, write func(io.Writer) error) error {
	if name == "" || strings.ContainsAny(name, `/\`) || strings.HasSuffix(name, ".npy") || z.names[name] {
		return fmt.Errorf("npy: ZipWriter.Add: bad or repeated array name %q", name)
	}
	z.names[name] = true
	f, err := z.zw.CreateHeader(&zip.FileHeader{Name: name + ".npy", Method: zip.Store})
	if err != nil {
		return err
	}
	return write(f)
}

// Close writes the archive's central directory. It does not close the
// underlying writer.
func (z *ZipWriter) Close() error { return z.zw.Close() }
