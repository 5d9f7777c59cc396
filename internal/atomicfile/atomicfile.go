// Package atomicfile writes files so that a reader never sees a half-written
// one: the content goes to a temporary file in the same directory, which is
// synced, closed and then renamed over the target. If anything fails, the
// temporary file is removed and whatever was at the target before is left
// untouched. A Set does the same for a group of files that belong together.
// The temporary file is hidden and names the process that writes it; one
// left by a program killed before its rename is removed by the next write
// of the same name into that folder (see leftovers.go).
//
// What the target may be:
//   - nothing yet: a new file is created with mode 0644;
//   - a regular file: it is replaced, and the new file keeps its permission
//     bits;
//   - a symbolic link: it is followed, link after link, and the file it
//     leads to is written (or created, if the link leads to a name not yet
//     taken); the link itself stays as it is;
//   - anything else (a directory, a device such as /dev/null, a named pipe, a
//     socket) is refused with an error wrapping ErrNotRegular: renaming over
//     it would replace a device or a pipe with a regular file, and writing
//     into it could not be atomic.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"unicode/utf8"

	"bottleneck/internal/filekind"
)

// ErrNotRegular is wrapped by the error for a target that exists but is not
// a regular file (nor a symbolic link leading to one).
var ErrNotRegular = filekind.ErrNotRegular

// maxLinks is how many symbolic links Resolve follows before it gives up,
// as the operating systems do.
const maxLinks = 40

// Write creates or replaces the file at path with what write produces. The
// package documentation says what path may name.
func Write(path string, write func(w io.Writer) error) error {
	st, err := stage(path, write)
	if err != nil {
		return err
	}
	return st.commit()
}

// WriteFile is Write for content that is already in memory.
func WriteFile(path string, data []byte) error {
	return Write(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Check reports whether path can be written by Write without writing
// anything: nil if nothing is there, or a regular file, or a symbolic link
// leading to either; otherwise the error Write would give. It does not check
// permissions.
func Check(path string) error {
	_, _, err := Resolve(path)
	return err
}

// Resolve follows path through any symbolic links and returns the path that
// Write really writes and what is there now (nil if nothing is). It returns
// an error wrapping ErrNotRegular if that is not a regular file.
func Resolve(path string) (string, fs.FileInfo, error) {
	target := path
	for range maxLinks {
		info, err := os.Lstat(target)
		if errors.Is(err, fs.ErrNotExist) {
			// Some links do not read as paths (/dev/stdout leads to
			// /proc/self/fd/1, which reads "pipe:[…]"): what the system
			// finds there when it follows them decides.
			if info, err := os.Stat(path); err == nil && !info.Mode().IsRegular() {
				return "", nil, fmt.Errorf("cannot write %s: it is %s, %w", path, filekind.Describe(info.Mode()), ErrNotRegular)
			}
			if target != path {
				// A link to a file yet to be made: its folder must be there.
				if dir, err := os.Stat(filepath.Dir(target)); err != nil || !dir.IsDir() {
					return "", nil, fmt.Errorf("cannot write %s: it is a symbolic link to %s, in a folder that does not exist", path, target)
				}
			}
			return target, nil, nil
		}
		if err != nil {
			return "", nil, fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
		}
		if info.Mode().IsRegular() {
			return target, info, nil
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			what := filekind.Describe(info.Mode())
			if target != path {
				what = fmt.Sprintf("a symbolic link to %s, which is %s", target, what)
			}
			return "", nil, fmt.Errorf("cannot write %s: it is %s, %w", path, what, ErrNotRegular)
		}
		link, err := os.Readlink(target)
		if err != nil {
			return "", nil, fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(target), link)
		}
		target = link
	}
	return "", nil, fmt.Errorf("cannot write %s: more than %d symbolic links in a row", path, maxLinks)
}

// staged is a file written to a temporary name next to its target, waiting
// to be renamed into place.
type staged struct {
	path   string // as the caller named it, for messages
	target string // where it goes: path with symbolic links followed
	tmp    string // the temporary file
}

// stage writes what write produces into a temporary file next to path's
// target, with the mode the target will have.
func stage(path string, write func(w io.Writer) error) (_ *staged, err error) {
	target, old, err := Resolve(path)
	if err != nil {
		return nil, err
	}
	mode := fs.FileMode(0o644)
	if old != nil {
		mode = old.Mode().Perm()
	}
	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	removeLeftovers(dir, base)
	tmp, err := os.CreateTemp(dir, tempPrefix(base)+strconv.Itoa(os.Getpid())+"-*")
	if err != nil {
		return nil, fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := write(tmp); err != nil {
		return nil, fmt.Errorf("writing %s: %w", path, unwrapPath(err))
	}
	if err := tmp.Chmod(mode); err != nil {
		return nil, fmt.Errorf("writing %s: %w", path, unwrapPath(err))
	}
	if err := tmp.Sync(); err != nil {
		return nil, fmt.Errorf("writing %s: %w", path, unwrapPath(err))
	}
	if err := tmp.Close(); err != nil {
		return nil, fmt.Errorf("writing %s: %w", path, unwrapPath(err))
	}
	return &staged{path: path, target: target, tmp: tmp.Name()}, nil
}

// commit renames the temporary file over the target, after checking once
// more that the target is not something else by now. On failure the
// temporary file is removed.
func (s *staged) commit() error {
	if _, _, err := Resolve(s.path); err != nil {
		s.discard()
		return err
	}
	if err := os.Rename(s.tmp, s.target); err != nil {
		s.discard()
		return fmt.Errorf("writing %s: %w", s.path, unwrapPath(err))
	}
	return nil
}

// discard removes the temporary file.
func (s *staged) discard() { os.Remove(s.tmp) }

// shorten returns at most n bytes of s, cut at a character boundary, so
// that a temporary name built from a long file name stays within the
// file system's limit on names.
func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// unwrapPath drops the temporary file's name from an *os.PathError (or
// *os.LinkError), which would only confuse the reader of the message.
func unwrapPath(err error) error {
	switch e := err.(type) {
	case *os.PathError:
		return e.Err
	case *os.LinkError:
		return e.Err
	}
	return err
}
