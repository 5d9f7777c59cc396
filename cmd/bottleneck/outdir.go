package main

import (
	"encoding/json"
	"fmt"
	"os"

	"bottleneck/internal/atomicfile"
)

// prepareOutDir makes sure dir exists and can be written, before any long
// work starts: finding out after an hour of training that the pictures
// cannot be saved would lose the hour.
func prepareOutDir(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cannot create output directory: %v (choose another with -out)", err)
	}
	f, err := os.CreateTemp(dir, ".probe-*")
	if err != nil {
		return fmt.Errorf("cannot write into output directory %s: %v (choose another with -out)", dir, unwrapPathError(err))
	}
	f.Close()
	os.Remove(f.Name())
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
