package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"bottleneck/internal/filekind"
)

// A Set writes a group of files that belong together, such as a model, its
// pictures and the summary that describes them, so that they replace the
// previous group together: Write puts each file's content in a temporary
// file next to it, and only Commit renames them all into place. A failure
// while writing (a full disk, say) leaves every file as it was; Discard
// takes the temporary files away.
//
// Commit renames the files in the order they were written, the last one
// last: put the file that describes the others (a summary) last. Before the
// first rename it removes the old version of that last file, so that a
// commit cut short leaves no summary beside files it does not describe.
// Commit holds a lock file in the folder of the last file while it renames,
// so that two Sets committed into the same folder at the same time do not
// mix their files: the one that commits second replaces the first one's
// files entirely.
//
// A Set is not safe for use by several goroutines at once.
type Set struct {
	files []*staged
	stale []string // files of the previous group to remove (Remove)
}

// Lock file timing: a commit renames a handful of files, which takes
// milliseconds, so a lock file older than staleLock was left by a program
// that was killed during its commit and is taken over. Commit waits at
// most lockWait for the lock.
const (
	lockName  = ".atomicfile.lock"
	staleLock = 10 * time.Second
	lockWait  = 30 * time.Second
	lockPoll  = 20 * time.Millisecond
)

// ErrLocked is wrapped by the error Commit returns when another program
// held the folder's lock for longer than Commit waits.
var ErrLocked = errors.New("folder locked by another commit")

// Write writes the file at path with what write produces, into a temporary
// file that Commit renames into place. The package documentation says what
// path may name. On error nothing is left behind for this file; the files
// written before stay staged.
func (s *Set) Write(path string, write func(w io.Writer) error) error {
	st, err := stage(path, write)
	if err != nil {
		return err
	}
	s.files = append(s.files, st)
	return nil
}

// Remove marks the file at path, one the previous group had and this one
// does not (a picture only some runs draw, say), to be removed by Commit
// together with the renames, so that it does not stay beside files it
// does not belong to. Commit removes only a regular file; anything else
// there is left alone.
func (s *Set) Remove(path string) {
	s.stale = append(s.stale, path)
}

// WriteFile is Write for content that is already in memory.
func (s *Set) WriteFile(path string, data []byte) error {
	return s.Write(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Commit renames the written files into place, as the Set documentation
// describes. check, if not nil, is called while the lock is held, before
// anything is renamed: if it returns an error, nothing is renamed and Commit
// returns it. Whether it succeeds or not, the Set is empty afterwards.
func (s *Set) Commit(check func() error) (err error) {
	files, stale := s.files, s.stale
	s.files, s.stale = nil, nil
	if len(files) == 0 {
		return nil
	}
	defer func() {
		if err != nil {
			for _, f := range files {
				f.discard()
			}
		}
	}()
	last := files[len(files)-1]
	unlock, err := lock(filepath.Dir(last.target))
	if err != nil {
		return err
	}
	defer unlock()
	if check != nil {
		if err := check(); err != nil {
			return err
		}
	}
	for _, f := range files {
		if _, _, err := Resolve(f.path); err != nil {
			return err
		}
	}
	if err := os.Remove(last.target); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("writing %s: %w", last.path, unwrapPath(err))
	}
	for _, path := range stale {
		if info, err := os.Lstat(path); err == nil && info.Mode().IsRegular() {
			if err := os.Remove(path); err != nil {
				return fmt.Errorf("removing %s of the previous run: %w", path, unwrapPath(err))
			}
		}
	}
	for i, f := range files {
		if err := os.Rename(f.tmp, f.target); err != nil {
			for _, g := range files[i+1:] {
				g.discard()
			}
			return fmt.Errorf("writing %s: %w (the files before it are in place, %s is not)", f.path, unwrapPath(err), last.path)
		}
	}
	return nil
}

// Discard removes the temporary files of everything written and not
// committed; the targets stay as they were. The Set is empty afterwards.
func (s *Set) Discard() {
	for _, f := range s.files {
		f.discard()
	}
	s.files, s.stale = nil, nil
}

// CheckLock reports, without locking anything, whether a Set could lock
// dir for its commit: nil unless something other than a lock file is in
// the way of the lock, so that a program can find out before long work.
func CheckLock(dir string) error {
	path := filepath.Join(dir, lockName)
	if info, err := os.Lstat(path); err == nil && !info.Mode().IsRegular() {
		return lockInTheWay(dir, path, info)
	}
	return nil
}

// lockInTheWay says that something other than a lock file is where the
// lock goes.
func lockInTheWay(dir, path string, info fs.FileInfo) error {
	return fmt.Errorf("cannot lock %s for the commit: %s is in the way, and it is %s", dir, path, filekind.Describe(info.Mode()))
}

// lock creates the lock file in dir, waiting while another program holds
// it, and returns the function that removes it.
func lock(dir string) (unlock func(), err error) {
	path := filepath.Join(dir, lockName)
	deadline := time.Now().Add(lockWait)
	for {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			fmt.Fprintf(f, "%d\n", os.Getpid())
			f.Close()
			return func() { os.Remove(path) }, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("cannot lock %s for the commit: %w", dir, unwrapPath(err))
		}
		info, err := os.Lstat(path)
		if err == nil && !info.Mode().IsRegular() {
			return nil, lockInTheWay(dir, path, info)
		}
		if err == nil && time.Since(info.ModTime()) > staleLock {
			os.Remove(path) // left by a program killed in its commit
			continue
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("%w: %s has been there for more than %v; if no other program is writing into %s, remove it", ErrLocked, path, lockWait, dir)
		}
		time.Sleep(lockPoll)
	}
}
