package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"

	"bottleneck/internal/atomicfile"
)

// How a command writes its outputs. The files of one output folder come
// from one run: a command checks the folder before any long work
// (prepareOutDir), writes every output to a temporary file (outputSet.write)
// and, only when all are written, renames them into place together, the
// summary last (outputSet.commit). A run that fails or is interrupted, even
// halfway through writing (a full disk), leaves the folder as it was, and
// never removes anything: not a file, not a folder another run may be
// writing into. Two runs that finish at the same time commit one after the
// other, so the folder ends up holding one run's files, not a mix. Outputs
// are written directly into -out, as named in the command's help.

// outputFiles lists the files each command writes into its -out folder.
// A folder that holds files of another command is refused, so that a
// summary never sits beside pictures it does not describe.
var outputFiles = map[string][]string{
	"train":   trainFiles,
	"pca":     pcaFiles,
	"compare": compareFiles,
}

// prepareOutDir checks, before any long work, that command can write its
// files into dir: dir, or the nearest folder above it that exists, is a
// folder that can be written; none of the files is something other than a
// regular file (a directory, a device, a named pipe); and dir holds no
// files of another command. It creates nothing: the folder is made when the
// outputs are written.
func prepareOutDir(command, dir string) error {
	if dir == "" {
		return usagef("-out is empty: name the folder to write into")
	}
	if err := checkWritableFolder(dir); err != nil {
		return err
	}
	for _, name := range outputFiles[command] {
		path := filepath.Join(dir, name)
		if info, err := os.Stat(path); err == nil && info.IsDir() {
			return fmt.Errorf("%s is a directory, so %s cannot be written there (choose another -out)", path, name)
		}
		if err := atomicfile.Check(path); err != nil {
			return fmt.Errorf("%v (choose another -out)", err)
		}
	}
	if err := atomicfile.CheckLock(dir); err != nil {
		return fmt.Errorf("%v (remove it or choose another -out)", err)
	}
	if err := foreignOutputs(command, dir); err != nil {
		return usageError{err.Error()}
	}
	return nil
}

// checkWritableFolder checks that dir is a folder a file can be created in
// or, if it does not exist yet, that the nearest folder above it that
// exists is, so that dir can be made there. The check creates a file and
// removes it at once.
func checkWritableFolder(dir string) error {
	existing := filepath.Clean(dir)
	for {
		info, err := os.Stat(existing)
		if err == nil {
			if !info.IsDir() {
				if existing == filepath.Clean(dir) {
					return usagef("-out %s is a file, not a folder: name a folder for the outputs", dir)
				}
				return fmt.Errorf("cannot create output directory %s: %s is a file, not a folder (choose another with -out)", dir, existing)
			}
			break
		}
		if link, lerr := os.Readlink(existing); lerr == nil && errors.Is(err, fs.ErrNotExist) {
			// A link that leads nowhere: making the folder would fail
			// with "file exists" after all the work.
			return fmt.Errorf("cannot create output directory %s: %s is a symbolic link to %s, which does not exist (choose another with -out)", dir, existing, link)
		}
		parent := filepath.Dir(existing)
		missing := errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) // ENOTDIR: a file on the way, found above
		if !missing || parent == existing {
			// A loop of links, a name too long, a folder not to be
			// searched: making dir at the end would fail the same way.
			return fmt.Errorf("cannot create output directory %s: %v (choose another with -out)", dir, err)
		}
		existing = parent
	}
	f, err := os.CreateTemp(existing, ".probe-*")
	if err != nil && existing != filepath.Clean(dir) {
		// The folder to make lies in one that takes no new files: a
		// read-only one, or one of the kernel's such as /proc.
		return fmt.Errorf("cannot create output directory %s: the folder %s above it takes no new files (%v); choose another with -out", dir, existing, unwrapPathError(err))
	}
	if err != nil {
		return fmt.Errorf("cannot write into %s: %v (choose another with -out)", existing, unwrapPathError(err))
	}
	f.Close()
	os.Remove(f.Name())
	return nil
}

// foreignOutputs returns an error naming the files in dir that another
// command writes and command does not, or nil if there are none. A name
// that several commands write (report.html) does not say which one wrote
// it, and is not counted.
func foreignOutputs(command, dir string) error {
	own := map[string]bool{}
	for _, name := range outputFiles[command] {
		own[name] = true
	}
	writers := map[string]int{}
	for _, names := range outputFiles {
		for _, name := range names {
			writers[name]++
		}
	}
	var others []string
	for other, names := range outputFiles {
		if other == command {
			continue
		}
		var found []string
		for _, name := range names {
			if _, err := os.Lstat(filepath.Join(dir, name)); err == nil && !own[name] && writers[name] == 1 {
				found = append(found, name)
			}
		}
		if len(found) > 0 {
			others = append(others, fmt.Sprintf("%s of bottleneck %s", strings.Join(found, ", "), other))
		}
	}
	if len(others) == 0 {
		return nil
	}
	sort.Strings(others)
	return fmt.Errorf("-out %s holds %s: the files of one folder come from one run; choose another -out, or remove them", dir, strings.Join(others, " and "))
}

// checkOutFile checks, before any long work, that a single output file can
// be written: the path is not empty, not a directory nor a device or pipe,
// and its folder exists and can be written.
func checkOutFile(path string) error {
	if path == "" {
		return usagef("-out is empty: name the file to write")
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return usagef("-out %s is a directory: name a file in it", path)
	}
	if strings.HasSuffix(path, "/") || strings.HasSuffix(path, string(filepath.Separator)) {
		return usagef("-out %s ends with a separator, so it names a folder: name a file", path)
	}
	target, _, err := atomicfile.Resolve(path)
	if errors.Is(err, atomicfile.ErrNotRegular) {
		return usagef("-out: %v: name a file", err)
	}
	if err != nil {
		return fmt.Errorf("%v (choose another -out)", err)
	}
	dir := filepath.Dir(target)
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("cannot write %s: folder %s does not exist (create it or choose another -out)", path, dir)
	case err != nil:
		return fmt.Errorf("cannot write %s: %v (choose another -out)", path, unwrapPathError(err))
	case !st.IsDir():
		return fmt.Errorf("cannot write %s: %s is a file, not a folder (choose another -out)", path, dir)
	}
	f, err := os.CreateTemp(dir, ".probe-*")
	if err != nil {
		return fmt.Errorf("cannot write %s: cannot create a file in %s: %v (choose another -out)", path, dir, unwrapPathError(err))
	}
	f.Close()
	os.Remove(f.Name())
	return nil
}

// unwrapPathError drops the operation and file name from an *os.PathError
// when the message names the file already.
func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
