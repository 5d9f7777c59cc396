package course

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// ModulePath is the path of the module this package makes and grades
// copies of.
const ModulePath = "bottleneck"

// NotCopyError says that a folder is not this module, or a copy of it.
type NotCopyError struct {
	Dir    string
	Reason string
}

func (e *NotCopyError) Error() string {
	return fmt.Sprintf("course: %s is not a copy of module %s: %s", e.Dir, ModulePath, e.Reason)
}

// checkModule returns a *NotCopyError unless dir holds a go.mod for
// ModulePath.
func checkModule(dir string) error {
	f, err := os.Open(filepath.Join(dir, "go.mod"))
	if errors.Is(err, fs.ErrNotExist) {
		return &NotCopyError{Dir: dir, Reason: "it has no go.mod"}
	}
	if err != nil {
		return &NotCopyError{Dir: dir, Reason: err.Error()}
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 2 && fields[0] == "module" {
			if p := strings.Trim(fields[1], `"`); p != ModulePath {
				return &NotCopyError{Dir: dir, Reason: fmt.Sprintf("its go.mod is for module %s", p)}
			}
			return nil
		}
	}
	return &NotCopyError{Dir: dir, Reason: "its go.mod has no module line"}
}

// instructorOnly lists the paths, from the module root, that a student copy
// leaves out: the wrong answers the graders are tested with, which are the
// solutions with one mistake each.
var instructorOnly = []string{"course/testdata/wrong"}

// moduleFiles returns the slash-separated paths, from root, of the regular
// files that make up the module at root, sorted. In a git work tree these
// are the files git knows of (tracked, or untracked and not ignored);
// elsewhere every file. Either way it leaves out .git, nested modules,
// the stamp, the instructor-only files, and the folder skip (the copy being
// written, when it lies inside root; "" for none).
func moduleFiles(root, skip string) ([]string, error) {
	list, err := gitFiles(root)
	if err != nil {
		list, err = walkFiles(root)
		if err != nil {
			return nil, err
		}
	}
	nested := map[string]bool{} // folder → holds a go.mod of its own
	isNested := func(dir string) bool {
		for d := dir; d != "." && d != "/" && d != ""; d = path.Dir(d) {
			v, ok := nested[d]
			if !ok {
				_, err := os.Stat(filepath.Join(root, filepath.FromSlash(d), "go.mod"))
				v = err == nil
				nested[d] = v
			}
			if v {
				return true
			}
		}
		return false
	}
	var skipRel string
	if skip != "" {
		if rel, err := filepath.Rel(root, skip); err == nil && filepath.IsLocal(rel) {
			skipRel = filepath.ToSlash(rel)
		}
	}
	var files []string
	for _, p := range list {
		switch {
		case p == StampFile, under(p, ".git"), skipRel != "" && under(p, skipRel), isNested(path.Dir(p)):
			continue
		case slices.ContainsFunc(instructorOnly, func(dir string) bool { return under(p, dir) }):
			continue
		}
		info, err := os.Lstat(filepath.Join(root, filepath.FromSlash(p)))
		if err != nil || !info.Mode().IsRegular() {
			continue // deleted since git last saw it, or a link: not copied
		}
		files = append(files, p)
	}
	slices.Sort(files)
	return files, nil
}

// under reports whether the slash-separated path p is dir or inside it.
func under(p, dir string) bool {
	return p == dir || strings.HasPrefix(p, dir+"/")
}

// gitFiles lists the files of the git work tree at root, or returns an
// error if root is not in one (or git is missing).
func gitFiles(root string) ([]string, error) {
	out, err := runGit(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	if err != nil {
		return nil, err
	}
	var files []string
	for _, p := range strings.Split(out, "\x00") {
		if p != "" && !slices.Contains(files, p) {
			files = append(files, p)
		}
	}
	return files, nil
}

// walkFiles lists every regular file under root.
func walkFiles(root string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".git" {
			return filepath.SkipDir
		}
		if d.Type().IsRegular() {
			rel, err := filepath.Rel(root, p)
			if err != nil {
				return err
			}
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("course: listing %s: %w", root, err)
	}
	return files, nil
}

// runGit runs git in dir and returns its output, with a short time limit.
func runGit(dir string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	if err := cmd.Run(); err != nil {
		return "", err
	}
	return stdout.String(), nil
}

// treeHash returns the SHA-256, in hex, of the list of the files' own
// SHA-256 sums and paths ("sum  path" lines, as sha256sum prints them, in
// the order given).
func treeHash(root string, files []string) (string, error) {
	h := sha256.New()
	for _, p := range files {
		b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(p)))
		if err != nil {
			return "", fmt.Errorf("course: %w", err)
		}
		sum := sha256.Sum256(b)
		fmt.Fprintf(h, "%x  %s\n", sum, p)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// FindRoot returns the root of the module ModulePath that dir lies in:
// dir itself or the nearest folder above it with a go.mod, which must be
// for ModulePath. It returns a *NotCopyError if there is none.
func FindRoot(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("course: %w", err)
	}
	for d := abs; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			if err := checkModule(d); err != nil {
				return "", err
			}
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", &NotCopyError{Dir: abs, Reason: "neither it nor a folder above it has a go.mod"}
		}
	}
}
