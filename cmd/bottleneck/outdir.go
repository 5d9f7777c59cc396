package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"bottleneck/internal/atomicfile"
)

// prepareOutDir makes sure dir exists and can be written, and that none of
// the files the command will write there is a directory, before any long
// work starts: finding out after an hour of training that the pictures
// cannot be saved would lose the hour. It reports whether it created dir,
// so that a run that fails can take the empty folder away again
// (removeIfCreated).
func prepareOutDir(dir string, files ...string) (created bool, err error) {
	if dir == "" {
		return false, usagef("-out is empty: name the folder to write into")
	}
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		created = true
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return false, fmt.Errorf("cannot create output directory: %v (choose another with -out)", err)
	}
	f, err := os.CreateTemp(dir, ".probe-*")
	if err != nil {
		removeIfCreated(dir, created, &err)
		return false, fmt.Errorf("cannot write into output directory %s: %v (choose another with -out)", dir, unwrapPathError(err))
	}
	f.Close()
	os.Remove(f.Name())
	for _, name := range files {
		if st, err := os.Stat(filepath.Join(dir, name)); err == nil && st.IsDir() {
			removeIfCreated(dir, created, &err)
			return false, fmt.Errorf("%s is a directory, so %s cannot be written there (choose another -out)", filepath.Join(dir, name), name)
		}
	}
	return created, nil
}

// removeIfCreated removes dir if this run created it and *err says the run
// failed; dir is removed only if it is empty. Call it deferred, with the
// address of the command's named error result.
func removeIfCreated(dir string, created bool, err *error) {
	if created && *err != nil {
		os.Remove(dir) // fails, harmlessly, if anything is in it
	}
}

// checkOutFile checks, before any long work, that a single output file can
// be written: the path is not empty, not a directory, and its folder exists.
func checkOutFile(path string) error {
	if path == "" {
		return usagef("-out is empty: name the file to write")
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return usagef("-out %s is a directory: name a file in it", path)
	}
	dir := filepath.Dir(path)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return fmt.Errorf("cannot write %s: folder %s does not exist (create it or choose another -out)", path, dir)
	}
	return nil
}

// unwrapPathError drops the operation and file name from an *os.PathError
// when the message names the file already.
func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// writeJSONFile writes v as indented JSON to path, atomically.
func writeJSONFile(path string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(path, append(data, '\n'))
}
