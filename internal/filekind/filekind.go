// Package filekind tells regular files from everything else a path can name
// (directories, devices, named pipes, sockets), so that a program can refuse
// the wrong kind before it opens anything. Opening a named pipe (FIFO) that
// no one writes to blocks for good, and a device such as /dev/zero never
// ends: checking the kind first is what keeps a reader from hanging.
package filekind

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// ErrNotRegular is wrapped by the errors of OpenRegular for a path that
// exists but is not a regular file.
var ErrNotRegular = errors.New("not a regular file")

// Describe names the kind of file that mode describes, for messages: "a
// regular file", "a directory", "a named pipe (FIFO)" and so on.
func Describe(mode fs.FileMode) string {
	switch {
	case mode.IsRegular():
		return "a regular file"
	case mode.IsDir():
		return "a directory"
	case mode&fs.ModeSymlink != 0:
		return "a symbolic link"
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&fs.ModeCharDevice != 0:
		return "a character device"
	case mode&fs.ModeDevice != 0:
		return "a block device"
	}
	return "not a regular file"
}

// OpenRegular opens path for reading if it is a regular file (or a symbolic
// link to one), and returns the open file and its information. It checks the
// kind before opening, so a named pipe or a device is refused without being
// opened, and checks again on the open file, so that a file swapped in
// between is refused too. The error for the wrong kind wraps ErrNotRegular
// and names the kind; a missing file gives an error that wraps
// fs.ErrNotExist.
func OpenRegular(path string) (*os.File, fs.FileInfo, error) {
	before, err := os.Stat(path)
	if err != nil {
		return nil, nil, err
	}
	if err := regular(path, before); err != nil {
		return nil, nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	after, err := f.Stat()
	if err == nil {
		err = regular(path, after)
	}
	if err == nil && !os.SameFile(before, after) {
		err = fmt.Errorf("%s changed while it was being opened", path)
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, after, nil
}

// regular returns an error wrapping ErrNotRegular unless info describes a
// regular file.
func regular(path string, info fs.FileInfo) error {
	if info.Mode().IsRegular() {
		return nil
	}
	return &fs.PathError{Op: "open", Path: path, Err: fmt.Errorf("%w: it is %s", ErrNotRegular, Describe(info.Mode()))}
}
