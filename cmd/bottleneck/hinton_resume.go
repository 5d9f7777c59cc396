package main

// What hinton checks of its checkpoint folder before training, and what
// it says when a resume is refused.

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"bottleneck/experiment"
	"bottleneck/internal/filekind"
	"bottleneck/internal/quote"
)

// checkCheckpointFolder checks, before any long work, that a checkpoint
// can be written in dir for every start: the folder (or, when it does not
// exist yet, the nearest folder above it, where it will be made) takes a
// new file, and no start's checkpoint path is taken by something that
// cannot be written as a file (a folder, a pipe, a dangling link, a file
// that refuses writing). Otherwise a run would fail only when its first
// epoch ended, after the starts before it had trained. It makes nothing:
// a refused run leaves no folder behind.
func checkCheckpointFolder(dir string, starts []string) error {
	existing := dir
	for {
		info, err := os.Stat(existing)
		if err == nil && info.IsDir() {
			break
		}
		if err == nil { // a file where a folder must be
			return usagef("-checkpoint %s: cannot create the folder (%s is %s): give another -checkpoint folder", quote.Brief(dir), quote.Brief(existing), filekind.Describe(info.Mode()))
		}
		if errors.Is(err, os.ErrPermission) || filepath.Dir(existing) == existing {
			return usagef("-checkpoint %s: cannot create the folder (%v): give another -checkpoint folder", quote.Brief(dir), errors.Unwrap(err))
		}
		existing = filepath.Dir(existing) // not there (or under a file): look further up
	}
	f, err := os.CreateTemp(existing, ".write-test-*")
	if err != nil {
		return usagef("-checkpoint %s: cannot write there (%v): give another -checkpoint folder", quote.Brief(dir), errors.Unwrap(err))
	}
	f.Close()
	os.Remove(f.Name())
	for _, st := range starts {
		path := experiment.CheckpointPath(dir, st)
		link, err := os.Lstat(path)
		if err != nil {
			continue // none yet: the folder takes new files
		}
		info, err := os.Stat(path)
		switch {
		case err != nil:
			return usagef("%s is %s to nothing that can be written (%v): remove it, or give another -checkpoint folder", quote.Printable(path), filekind.Describe(link.Mode()), errors.Unwrap(err))
		case !info.Mode().IsRegular():
			return usagef("%s is %s, not a checkpoint file: remove it, or give another -checkpoint folder", quote.Printable(path), filekind.Describe(info.Mode()))
		}
		w, err := os.OpenFile(path, os.O_WRONLY, 0) // opened, not truncated
		if err != nil {
			return usagef("%s cannot be written (%v): remove it, or give another -checkpoint folder", quote.Printable(path), errors.Unwrap(err))
		}
		w.Close()
	}
	return nil
}

// anyCheckpoint reports whether dir holds the checkpoint of any of starts.
func anyCheckpoint(dir string, starts []string) bool {
	for _, st := range starts {
		if _, err := os.Stat(experiment.CheckpointPath(dir, st)); err == nil {
			return true
		}
	}
	return false
}

// resumeHint says what resumes a checkpoint whose settings differ from the
// command's in changes: every flag, with the checkpoint's value, and where
// -quick made the difference, that it did. (Only the values given resume
// it for sure: adding or dropping -quick changes four settings and -map.)
func resumeHint(fs *flagSet, quick bool, changes []experiment.SettingChange) string {
	var give []string
	quickValues := len(changes) > 0 // the -quick side of every change is -quick's value, the flag left unset
	for _, c := range changes {
		give = append(give, "-"+c.Flag+" "+c.Was)
		side := c.Was
		if quick {
			side = c.Now
		}
		if v, ok := hintonQuickValues[c.Flag]; !ok || isSet(fs, c.Flag) || side != fmt.Sprint(v) {
			quickValues = false
		}
	}
	hint := "give " + strings.Join(give, " ") + " to resume it"
	switch {
	case quickValues && quick:
		hint += "; -quick set the values it replaces"
	case quickValues:
		hint += ": the values of a -quick run"
	}
	return hint
}

// mixedCheckpoints returns a message if the checkpoints of the starts in
// s.CheckpointDir were written with different values of the setting flag,
// so that no one command resumes them all; or "".
func mixedCheckpoints(s experiment.HintonSettings, flag string) string {
	var found []string
	values := map[string]bool{}
	for _, st := range s.Starts {
		path := experiment.CheckpointPath(s.CheckpointDir, st)
		v, err := experiment.CheckpointSetting(path, flag)
		if err != nil {
			continue
		}
		values[v] = true
		found = append(found, fmt.Sprintf("%s.ckpt -%s %s", st, flag, v))
	}
	if len(values) < 2 {
		return ""
	}
	return fmt.Sprintf("the checkpoints in %s come from different runs (%s): resume them one at a time with -starts, or remove the ones you no longer want", quote.Printable(s.CheckpointDir), strings.Join(found, ", "))
}
