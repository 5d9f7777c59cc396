package main

import (
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"sync"

	"bottleneck/internal/atomicfile"
)

// outputs are the output sets being written, so that forceStop can take
// their temporary files away; committed says whether one has been put in
// place. The mutex is held while a set writes or commits.
var outputs struct {
	sync.Mutex
	active    map[*outputSet]bool
	committed bool
}

// outputSet is a command's outputs, written with atomicfile.Set: each into
// a temporary file, all put in place by commit.
type outputSet struct {
	set atomicfile.Set
}

// newOutputSet returns an empty output set, known to forceStop.
func newOutputSet() *outputSet {
	o := &outputSet{}
	outputs.Lock()
	defer outputs.Unlock()
	if outputs.active == nil {
		outputs.active = map[*outputSet]bool{}
	}
	outputs.active[o] = true
	return o
}

// write writes the file at path with what write produces, into a
// temporary file until commit.
func (o *outputSet) write(path string, write func(io.Writer) error) error {
	outputs.Lock()
	defer outputs.Unlock()
	return o.set.Write(path, write)
}

// remove marks the file at path, which an earlier run wrote and this one
// does not, to be removed at commit.
func (o *outputSet) remove(path string) {
	outputs.Lock()
	defer outputs.Unlock()
	o.set.Remove(path)
}

// writeJSON writes v as indented JSON.
func (o *outputSet) writeJSON(path string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return o.write(path, func(w io.Writer) error {
		_, err := w.Write(append(data, '\n'))
		return err
	})
}

// commit puts every file written into place, the last one last, unless
// ctx has been cancelled (then nothing is), or command's folder dir holds
// another command's files by now (command and dir may be "" for a single
// file). Whatever happens, no temporary file stays.
func (o *outputSet) commit(ctx context.Context, command, dir string) error {
	outputs.Lock()
	defer outputs.Unlock()
	delete(outputs.active, o)
	if ctx.Err() != nil {
		o.set.Discard()
		return interrupted
	}
	var check func() error
	if command != "" {
		check = func() error {
			if err := foreignOutputs(command, dir); err != nil {
				return fmt.Errorf("%v; nothing was saved", err)
			}
			return nil
		}
	}
	if err := o.set.Commit(check); err != nil {
		return err
	}
	outputs.committed = true
	return nil
}

// discard takes the temporary files away; call it deferred: after commit
// it does nothing.
func (o *outputSet) discard() {
	outputs.Lock()
	defer outputs.Unlock()
	delete(outputs.active, o)
	o.set.Discard()
}

// discardAllOutputs takes away the temporary files of every output set not
// yet committed, and reports whether that was all (true), or a set has been
// committed already (false: nothing is discarded then, as the command has
// done its work). It waits for a write or commit under way to end, and
// leaves the outputs locked, so that nothing more is written.
func discardAllOutputs() bool {
	outputs.Lock()
	if outputs.committed {
		outputs.Unlock()
		return false
	}
	for o := range outputs.active {
		o.set.Discard()
	}
	return true
}

// bytesWriter returns a write function for outputSet.write that writes
// data.
func bytesWriter(data []byte) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}
}

// pngWriter returns a write function for outputSet.write that encodes img
// as PNG.
func pngWriter(img image.Image) func(io.Writer) error {
	return func(w io.Writer) error { return png.Encode(w, img) }
}

// sameFile reports whether paths a and b name one existing file.
func sameFile(a, b string) bool {
	ia, errA := os.Stat(a)
	ib, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(ia, ib)
}
