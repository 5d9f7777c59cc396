package course

import (
	"fmt"
	"io/fs"
	"path/filepath"
)

// checkPlainFiles returns a *NotCopyError if the copy at dir, or anything
// in it, is not a plain file or folder. assign writes only those. A
// symbolic link would have the build read code from outside the copy: the
// instructor's reference, or the copy of another student in the same class
// folder, whose points it would then get. A named pipe would stall the
// build until its time limit. The .git folder is not looked into.
func checkPlainFiles(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return &NotCopyError{Dir: dir, Reason: err.Error()}
		}
		switch {
		case d.Type().IsRegular():
			return nil
		case d.IsDir():
			if d.Name() == ".git" && p != dir {
				return filepath.SkipDir
			}
			return nil
		}
		what := "a symbolic link"
		switch {
		case d.Type()&fs.ModeNamedPipe != 0:
			what = "a named pipe"
		case d.Type()&fs.ModeSymlink == 0:
			what = "neither a file nor a folder"
		}
		if p == dir {
			return &NotCopyError{Dir: dir, Reason: fmt.Sprintf("the folder is %s; grade the folder itself", what)}
		}
		rel, _ := filepath.Rel(dir, p)
		return &NotCopyError{Dir: dir, Reason: fmt.Sprintf("%s is %s, which a copy made by assign never holds", filepath.ToSlash(rel), what)}
	})
}
