package experiment

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"

	"bottleneck/internal/filekind"
)

// TestLoadCheckpointRefusesNonRegular: a checkpoint path that is not a
// regular file is refused by its kind before it is read. os.ReadFile, used
// before, blocked for good on a named pipe and ran out of memory on a link
// to /dev/zero; a directory and /dev/null are the kinds a test can read
// safely without the check (the first gave "is a directory", the second an
// empty "damaged" file).
func TestLoadCheckpointRefusesNonRegular(t *testing.T) {
	dir := t.TempDir()
	paths := map[string]string{"directory": dir}
	if runtime.GOOS != "windows" {
		link := filepath.Join(dir, "null.ckpt")
		if err := os.Symlink(os.DevNull, link); err != nil {
			t.Fatal(err)
		}
		paths["link to a device"] = link
	}
	for name, path := range paths {
		if _, err := loadCheckpoint(path); !errors.Is(err, filekind.ErrNotRegular) {
			t.Errorf("%s: %v; want an error wrapping filekind.ErrNotRegular", name, err)
		}
	}
	// A missing checkpoint stays fs.ErrNotExist: a resume starts it afresh.
	if _, err := loadCheckpoint(filepath.Join(dir, "none.ckpt")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v; want os.ErrNotExist", err)
	}
}

// TestCheckpointUnfinishedNotOverwritten: a run without Resume refuses a
// checkpoint folder holding an unfinished starting point (one forgotten
// -resume overwrote it at the first epoch), and goes ahead over a
// finished one, a damaged one or none.
func TestCheckpointUnfinishedNotOverwritten(t *testing.T) {
	for _, tc := range []struct {
		name, phase string
		damaged     bool
		want        error
	}{
		{"unfinished", "finetune", false, ErrCheckpointUnfinished},
		{"in pretraining", "pretrain", false, ErrCheckpointUnfinished},
		{"finished", "done", false, nil},
		{"damaged", "finetune", true, nil},
		{"none", "", false, nil},
	} {
		dir := t.TempDir()
		s := HintonSettings{Starts: []string{StartRandom}, CheckpointDir: dir}
		if tc.phase != "" {
			c := &checkpoint{header: checkpointHeader{Start: StartRandom, State: armProgress{Phase: tc.phase, Epoch: 2}}, blobs: map[string][]byte{}}
			path := filepath.Join(dir, StartRandom+".ckpt")
			if err := c.save(path); err != nil {
				t.Fatal(err)
			}
			if tc.damaged {
				if err := os.WriteFile(path, []byte("not a checkpoint"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := checkCheckpoints(s); !errors.Is(err, tc.want) || (tc.want == nil && err != nil) {
			t.Errorf("%s: %v; want %v", tc.name, err, tc.want)
		}
	}
}

// TestSettingsChangedNamesEveryFlag: the error lists every setting that
// differs, in the form its flag takes (layer sizes as 784,30, not JSON's
// [784,30]), so that a message can say all a resume must give.
func TestSettingsChangedNamesEveryFlag(t *testing.T) {
	was := []byte(`{"batch":100,"layers":[784,32,4],"seed":1}`)
	now := []byte(`{"batch":50,"layers":[784,32,3],"seed":1}`)
	err := compareSettings("x.ckpt", was, now)
	var changed *SettingsChangedError
	if !errors.As(err, &changed) {
		t.Fatalf("got %v, want a *SettingsChangedError", err)
	}
	want := []SettingChange{{"batch", "100", "50"}, {"layers", "784,32,4", "784,32,3"}}
	if changed.Flag != "batch" || !slices.Equal(changed.Changes, want) {
		t.Errorf("flag %q, changes %v; want batch first and %v", changed.Flag, changed.Changes, want)
	}
}
