// Package npy writes NumPy's array files, so that a model trained here can
// be read by a student's Python: .npy (format version 1.0) holds one array,
// .npz is a zip archive of .npy files, as numpy.savez writes it.
//
// A .npy file is the magic string "\x93NUMPY", the version (1, 0), the
// header's length as a little-endian uint16, and the header: a Python
// dict literal in ASCII such as
//
//	{'descr': '<f8', 'fortran_order': False, 'shape': (784, 256), }
//
// padded with spaces (at least one, as NumPy writes it) and ended by a
// newline so that the data starts at a multiple of 64 bytes; then the data, in C order (row after row). This
// package writes three kinds of data: '<f8' (little-endian float64), '<i8'
// (little-endian int64) and '<U' n (Unicode strings of at most n
// characters, each character a little-endian UTF-32 code unit, shorter
// strings padded with zeros).
package npy

import (
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Magic starts every .npy file.
const Magic = "\x93NUMPY"

// align is what the header is padded to: the data starts at a multiple of
// it, as NumPy writes it.
const align = 64

// Header returns the whole header of a version 1.0 file for data of the
// type descr ("<f8", say) and the given shape: the magic string, the
// version, the header's length and the padded dict. A shape of no
// dimensions is a single value (a 0-d array).
func Header(descr string, shape []int) []byte {
	dims := make([]string, len(shape))
	for i, n := range shape {
		if n < 0 {
			panic(fmt.Sprintf("npy: Header: dimension %d is %d", i, n))
		}
		dims[i] = strconv.Itoa(n)
	}
	tuple := "(" + strings.Join(dims, ", ") + ")"
	if len(shape) == 1 {
		tuple = "(" + dims[0] + ",)" // Python's one-element tuple
	}
	dict := fmt.Sprintf("{'descr': '%s', 'fortran_order': False, 'shape': %s, }", descr, tuple)
	// NumPy's rule, so that the bytes are np.save's: at least one space,
	// and a whole 64 of them when the dict and newline alone would end on
	// the boundary.
	pre := len(Magic) + 2 + 2 // magic, version, header length
	total := (pre + len(dict) + 1 + align) / align * align
	if total-pre > math.MaxUint16 {
		panic(fmt.Sprintf("npy: Header: a header of %d bytes does not fit version 1.0", total-pre))
	}
	b := make([]byte, 0, total)
	b = append(b, Magic...)
	b = append(b, 1, 0)
	b = binary.LittleEndian.AppendUint16(b, uint16(total-pre))
	b = append(b, dict...)
	for len(b) < total-1 {
		b = append(b, ' ')
	}
	return append(b, '\n')
}

// count returns the number of elements of shape, panicking with op's name
// when it is not n.
func count(op string, shape []int, n int) {
	want := 1
	for _, d := range shape {
		want *= d
	}
	if want != n {
		panic(fmt.Sprintf("npy: %s: shape %v holds %d values, got %d", op, shape, want, n))
	}
}

// WriteFloat64 writes data, in C order, as a .npy file of shape shape and
// type '<f8'.
func WriteFloat64(w io.Writer, shape []int, data []float64) error {
	count("WriteFloat64", shape, len(data))
	b := Header("<f8", shape)
	for _, v := range data {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
	}
	_, err := w.Write(b)
	return err
}

// WriteInt64 writes data, in C order, as a .npy file of shape shape and
// type '<i8'.
func WriteInt64(w io.Writer, shape []int, data []int64) error {
	count("WriteInt64", shape, len(data))
	b := Header("<i8", shape)
	for _, v := range data {
		b = binary.LittleEndian.AppendUint64(b, uint64(v))
	}
	_, err := w.Write(b)
	return err
}

// WriteStrings writes data, in C order, as a .npy file of shape shape and
// type '<U' n, n the length in characters of the longest string (at least
// 1, as NumPy makes it). Each string must be valid UTF-8.
func WriteStrings(w io.Writer, shape []int, data []string) error {
	count("WriteStrings", shape, len(data))
	n := 1
	for _, s := range data {
		if !utf8.ValidString(s) {
			return fmt.Errorf("npy: WriteStrings: %q is not valid UTF-8", s)
		}
		n = max(n, utf8.RuneCountInString(s))
	}
	b := Header("<U"+strconv.Itoa(n), shape)
	for _, s := range data {
		k := 0
		for _, r := range s {
			b = binary.LittleEndian.AppendUint32(b, uint32(r))
			k++
		}
		for ; k < n; k++ {
			b = binary.LittleEndian.AppendUint32(b, 0)
		}
	}
	_, err := w.Write(b)
	return err
}
