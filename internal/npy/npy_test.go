package npy

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"io"
	"math"
	"strings"
	"testing"
)

// parse splits a .npy file by the format's rules, failing the test where
// it breaks one: the magic, version 1.0, the header length, a header that
// is ASCII, ends in a newline and brings the data to a multiple of 64.
func parse(t *testing.T, b []byte) (header string, data []byte) {
	t.Helper()
	if len(b) < 10 || string(b[:6]) != Magic || b[6] != 1 || b[7] != 0 {
		t.Fatalf("does not start with the magic and version 1.0: % x", b[:min(10, len(b))])
	}
	n := int(binary.LittleEndian.Uint16(b[8:10]))
	if 10+n > len(b) {
		t.Fatalf("header length %d beyond the file's %d bytes", n, len(b))
	}
	if (10+n)%64 != 0 {
		t.Errorf("the data starts at byte %d, not a multiple of 64", 10+n)
	}
	header = string(b[10 : 10+n])
	if !strings.HasSuffix(header, "\n") {
		t.Errorf("header %q does not end with a newline", header)
	}
	for _, c := range []byte(header) {
		if c >= 0x80 {
			t.Fatalf("header %q is not ASCII", header)
		}
	}
	return header, b[10+n:]
}

func TestWriteFloat64(t *testing.T) {
	var buf bytes.Buffer
	data := []float64{1, -2.5, math.Pi, 0, math.Inf(1), -0.0} // C order: row 0 is 1, -2.5, π
	if err := WriteFloat64(&buf, []int{2, 3}, data); err != nil {
		t.Fatal(err)
	}
	header, body := parse(t, buf.Bytes())
	dict := "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }"
	if strings.TrimRight(header, " \n") != dict || strings.Trim(header[len(dict):], " ") != "\n" {
		t.Errorf("header %q, want %q padded with spaces and a newline", header, dict)
	}
	if len(body) != 8*len(data) {
		t.Fatalf("%d bytes of data, want %d", len(body), 8*len(data))
	}
	for i, v := range data {
		got := math.Float64frombits(binary.LittleEndian.Uint64(body[8*i:]))
		if math.Float64bits(got) != math.Float64bits(v) {
			t.Errorf("value %d is %v, want %v", i, got, v)
		}
	}
	// The exact bytes of the start, as NumPy 1.24's np.save writes a
	// 2×3 float64 array: magic, 1.0, header length 118 (0x76, so that
	// 10 + 118 = 128).
	if want := "\x93NUMPY\x01\x00\x76\x00{'descr'"; !bytes.HasPrefix(buf.Bytes(), []byte(want)) {
		t.Errorf("starts % x, want % x", buf.Bytes()[:18], want)
	}
}

func TestShapes(t *testing.T) {
	for _, tc := range []struct {
		shape []int
		tuple string
	}{
		{nil, "()"},
		{[]int{0}, "(0,)"},
		{[]int{784}, "(784,)"},
		{[]int{784, 256}, "(784, 256)"},
		{[]int{2, 3, 4}, "(2, 3, 4)"},
	} {
		h := Header("<f8", tc.shape)
		header, rest := parse(t, h)
		if len(rest) != 0 {
			t.Errorf("%v: Header returned %d bytes past the header", tc.shape, len(rest))
		}
		if !strings.Contains(header, "'shape': "+tc.tuple+", }") {
			t.Errorf("%v: header %q, want the shape written %s", tc.shape, header, tc.tuple)
		}
	}
	// A header that does not fit in 64 bytes grows to 128, not 65.
	if h := Header("<f8", []int{1 << 30, 1 << 30, 1 << 30, 1 << 30}); len(h) != 128 {
		t.Errorf("a long header is %d bytes, want 128", len(h))
	}
}

func TestWriteInt64AndStrings(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteInt64(&buf, []int{3}, []int64{784, -1, 32}); err != nil {
		t.Fatal(err)
	}
	header, body := parse(t, buf.Bytes())
	if !strings.HasPrefix(header, "{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }") || len(body) != 24 ||
		int64(binary.LittleEndian.Uint64(body[8:])) != -1 {
		t.Errorf("int64: header %q, data % x", header, body)
	}

	buf.Reset()
	if err := WriteStrings(&buf, []int{3}, []string{"relu", "σ", ""}); err != nil {
		t.Fatal(err)
	}
	header, body = parse(t, buf.Bytes())
	if !strings.HasPrefix(header, "{'descr': '<U4',") {
		t.Errorf("strings: header %q, want '<U4' (the longest has 4 characters)", header)
	}
	// "relu", then "σ" (U+03C3) and "" padded with zeros, 4 UTF-32LE units each.
	want := []uint32{'r', 'e', 'l', 'u', 0x3c3, 0, 0, 0, 0, 0, 0, 0}
	if len(body) != 4*len(want) {
		t.Fatalf("strings: %d bytes of data, want %d", len(body), 4*len(want))
	}
	for i, w := range want {
		if got := binary.LittleEndian.Uint32(body[4*i:]); got != w {
			t.Errorf("strings: unit %d is %#x, want %#x", i, got, w)
		}
	}

	buf.Reset()
	if err := WriteStrings(&buf, nil, []string{""}); err != nil {
		t.Fatal(err)
	}
	header, body = parse(t, buf.Bytes())
	if !strings.HasPrefix(header, "{'descr': '<U1', 'fortran_order': False, 'shape': (), }") || len(body) != 4 {
		t.Errorf("an empty 0-d string: header %q, %d bytes", header, len(body))
	}
	if err := WriteStrings(&buf, []int{1}, []string{"\xff"}); err == nil {
		t.Error("invalid UTF-8 was written")
	}
}

func TestShapeMismatchPanics(t *testing.T) {
	for name, write := range map[string]func(){
		"WriteFloat64": func() { WriteFloat64(io.Discard, []int{2, 2}, []float64{1, 2, 3}) },
		"WriteInt64":   func() { WriteInt64(io.Discard, []int{2, 2}, []int64{1, 2, 3}) },
		"WriteStrings": func() { WriteStrings(io.Discard, []int{2, 2}, []string{"a", "b", "c"}) },
	} {
		func() {
			defer func() {
				if r, _ := recover().(string); !strings.Contains(r, "npy: "+name+": shape [2 2] holds 4 values, got 3") {
					t.Errorf("%s: panic %q", name, r)
				}
			}()
			write()
		}()
	}
}

// TestZipWriter: the archive holds NAME.npy members, stored, each a whole
// .npy file; repeated or path-like names are refused.
func TestZipWriter(t *testing.T) {
	var buf bytes.Buffer
	z := NewZipWriter(&buf)
	for _, name := range []string{"W1", "b1"} {
		if err := z.Add(name, func(w io.Writer) error { return WriteFloat64(w, []int{2}, []float64{1, 2}) }); err != nil {
			t.Fatal(err)
		}
	}
	for _, bad := range []string{"W1", "", "a/b", "x.npy"} {
		if err := z.Add(bad, func(io.Writer) error { return nil }); err == nil {
			t.Errorf("name %q accepted", bad)
		}
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range r.File {
		names = append(names, f.Name)
		if f.Method != zip.Store {
			t.Errorf("%s is compressed (method %d); numpy.savez stores", f.Name, f.Method)
		}
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if _, data := parse(t, b); len(data) != 16 {
			t.Errorf("%s: %d bytes of data, want 16", f.Name, len(data))
		}
	}
	if strings.Join(names, " ") != "W1.npy b1.npy" {
		t.Errorf("members %v, want W1.npy b1.npy", names)
	}
}

// TestHeaderPanics: a negative dimension, or a shape whose header would
// not fit version 1.0's 16-bit length, is a programming error.
func TestHeaderPanics(t *testing.T) {
	huge := make([]int, 30000) // "0, " 30,000 times: 90,000 bytes, past 65,535
	for _, tc := range []struct {
		shape []int
		want  string
	}{
		{[]int{3, -1}, "npy: Header: dimension 1 is -1"},
		{huge, "does not fit version 1.0"},
	} {
		func() {
			defer func() {
				if r, _ := recover().(string); !strings.Contains(r, tc.want) {
					t.Errorf("shape of %d dimensions: panic %q, want %q", len(tc.shape), r, tc.want)
				}
			}()
			Header("<f8", tc.shape)
		}()
	}
}

// TestPaddingAsNumPy: the header is padded as NumPy 1.24's np.save pads
// it, with at least one space, so that a dict and newline that would end
// exactly on 64 bytes get 64 spaces more. Twenty dimensions of 1 and one
// of 99 make the dict 117 bytes, and 10 + 117 + 1 = 128: NumPy's header is
// then 192 bytes (measured with numpy.lib.format.write_array_header_1_0),
// and 128 with a last dimension of 9.
func TestPaddingAsNumPy(t *testing.T) {
	ones := func(last int) []int {
		s := make([]int, 21)
		for i := range s {
			s[i] = 1
		}
		s[20] = last
		return s
	}
	for _, tc := range []struct {
		shape []int
		total int
	}{
		{ones(99), 192}, // aligned: 64 spaces more, as NumPy does
		{ones(9), 128},  // one byte shorter: one space
		{[]int{2, 3}, 128},
	} {
		h := Header("<f8", tc.shape)
		header, _ := parse(t, h)
		if len(h) != tc.total || !strings.HasSuffix(strings.TrimRight(header, "\n"), " ") {
			t.Errorf("shape %v: header of %d bytes %q, want %d ending in a space and a newline", tc.shape, len(h), header, tc.total)
		}
	}
}
