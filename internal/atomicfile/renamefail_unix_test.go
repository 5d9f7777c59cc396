//go:build unix

package atomicfile

import (
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestWriteRemovesTempAfterFailedRename: when the final rename of a single
// write fails, its temporary file is removed, so a failed save leaves no
// stray hidden file in the user's folder. To make only the rename fail,
// path is a symbolic link to a regular file; while the content is being
// written, that file is replaced by a non-empty folder and the link is
// pointed at another regular file, so the re-check before the rename still
// passes but the rename over the (now non-empty) folder cannot succeed.
func TestWriteRemovesTempAfterFailedRename(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "model")
	other := filepath.Join(dir, "other")
	link := filepath.Join(dir, "link")
	for _, f := range []string{target, other} {
		if err := os.WriteFile(f, []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("model", link); err != nil {
		t.Fatal(err)
	}
	err := Write(link, func(w io.Writer) error {
		if err := os.Remove(target); err != nil {
			return err
		}
		if err := os.Mkdir(target, 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(target, "inside"), nil, 0o644); err != nil {
			return err
		}
		if err := os.Remove(link); err != nil {
			return err
		}
		if err := os.Symlink("other", link); err != nil {
			return err
		}
		_, err := w.Write([]byte("new"))
		return err
	})
	if err == nil {
		t.Fatal("Write renamed a file over a non-empty folder without an error")
	}
	entries, err2 := os.ReadDir(dir)
	if err2 != nil {
		t.Fatal(err2)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	// What must be left: the folder, the other file and the link; no
	// temporary file.
	if len(names) != 3 {
		t.Errorf("after the failed rename (%v) the folder holds %q, want only [link model other]", err, names)
	}
}
