package autoencoder

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"bottleneck/internal/filekind"
)

// TestLoadReadsOnlyWhatItMust: a large file that is not a model is refused
// after its first bytes, and a file larger than any model before anything
// is read; /dev/zero as a model once read 4.5 GB before it was refused. The
// files are sparse, so they take no room on the disk.
func TestLoadReadsOnlyWhatItMust(t *testing.T) {
	dir := t.TempDir()
	notModel, tooLarge := filepath.Join(dir, "zeros"), filepath.Join(dir, "huge.model")
	for path, size := range map[string]int64{notModel: 1 << 30, tooLarge: maxFileSize + 1} {
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Truncate(size); err != nil {
			t.Skipf("cannot make a sparse file here: %v", err)
		}
		f.Close()
	}
	if _, err := Load(filepath.Join(dir)); !errors.Is(err, filekind.ErrNotRegular) {
		t.Errorf("a directory: error %v, want one wrapping filekind.ErrNotRegular", err)
	}
	for path, want := range map[string]string{notModel: "not a bottleneck model file", tooLarge: "more than a model file holds"} {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err := Load(path)
		runtime.ReadMemStats(&after)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want %q", filepath.Base(path), err, want)
		}
		// Reading the file would take a GB; its first bytes take nothing.
		if used := after.TotalAlloc - before.TotalAlloc; used > 1<<20 {
			t.Errorf("%s: Load allocated %d bytes to refuse it", filepath.Base(path), used)
		}
	}
}
