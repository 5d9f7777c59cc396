package filekind

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOpenRegular(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "f")
	if err := os.WriteFile(file, []byte("abc"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link")
	dirLink := filepath.Join(dir, "dirlink")
	hasLinks := os.Symlink(file, link) == nil && os.Symlink(dir, dirLink) == nil

	f, info, err := OpenRegular(file)
	if err != nil || info.Size() != 3 {
		t.Fatalf("regular file: %v, %v", info, err)
	}
	f.Close()
	if hasLinks {
		f, info, err := OpenRegular(link)
		if err != nil || info.Size() != 3 {
			t.Errorf("link to a regular file: %v, %v", info, err)
		} else {
			f.Close()
		}
	}

	for _, tc := range []struct {
		name, path, kind string
	}{
		{"directory", dir, "a directory"},
		{"link to a directory", dirLink, "a directory"},
	} {
		if tc.path == dirLink && !hasLinks {
			continue
		}
		_, _, err := OpenRegular(tc.path)
		if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), tc.kind) {
			t.Errorf("%s: error %v, want one wrapping ErrNotRegular that says %q", tc.name, err, tc.kind)
		}
	}
	if _, _, err := OpenRegular(filepath.Join(dir, "missing")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: error %v, want one wrapping fs.ErrNotExist", err)
	}
}

func TestDescribe(t *testing.T) {
	for _, tc := range []struct {
		mode fs.FileMode
		want string
	}{
		{0o644, "a regular file"},
		{fs.ModeDir | 0o755, "a directory"},
		{fs.ModeSymlink, "a symbolic link"},
		{fs.ModeNamedPipe, "a named pipe (FIFO)"},
		{fs.ModeSocket, "a socket"},
		{fs.ModeDevice | fs.ModeCharDevice, "a character device"},
		{fs.ModeDevice, "a block device"},
		{fs.ModeIrregular, "not a regular file"},
	} {
		if got := Describe(tc.mode); got != tc.want {
			t.Errorf("Describe(%v) = %q, want %q", tc.mode, got, tc.want)
		}
	}
}
