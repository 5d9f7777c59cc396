package course

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
)

// Building the harness into a copy: the test binary of one package, with
// course/probe as this program carries it.

// build compiles a test binary of package pkg of the copy that runs the
// harness of the graders gs (package course/probe, as this program
// carries it) in place of the copy's own tests. It returns the binary, or
// "" and why it did not compile, and whether that was the time limit; an
// error only if ctx ended.
func (g *grading) build(pkg string, gs []Grader) (bin, msg string, timedOut bool, err error) {
	g.builds++
	work := filepath.Join(g.tmp, fmt.Sprintf("build%d", g.builds))
	if err := os.Mkdir(work, 0o755); err != nil {
		return "", "", false, fmt.Errorf("course: %w", err)
	}
	overlayFile, err := writeOverlay(work, g.dir, pkg, gs)
	if err != nil {
		return "", "", false, err
	}
	bin = filepath.Join(work, "graders.test")
	var out bytes.Buffer
	err = run(g.ctx, g.limits.Build, g.dir, &limitedBuffer{buf: &out, max: 1 << 20}, "go", "test", "-c", "-o", bin,
		"-vet=off", "-trimpath", "-ldflags=-s -w", "-overlay", overlayFile, "./"+pkg)
	if e := g.ctx.Err(); e != nil {
		return "", "", false, fmt.Errorf("course: grading stopped: %w", e)
	}
	switch {
	case errors.Is(err, errTimedOut):
		return "", fmt.Sprintf("does not compile: the build took longer than %v", g.limits.Build), true, nil
	case err != nil:
		// The harness's files are named as they are in the module, not
		// by where the overlay keeps them.
		msg = strings.ReplaceAll(firstCompileError(out.String()), filepath.Join(work, "probe_"), probeDir+"/")
		msg = strings.ReplaceAll(msg, filepath.Join(work, probeMainFile), pkg+"/"+probeMainFile)
		return "", "does not compile: " + msg, false, nil
	}
	return bin, "", false, nil
}

// probeMain is the test file put into the graded package: its TestMain
// runs the harness instead of any test.
const probeMain = `package %s_test

import (
	"os"
	"testing"

	"bottleneck/course/probe"
)

func TestMain(m *testing.M) { os.Exit(probe.Run(os.Stdin, os.Stdout)) }
`

// probeMainFile is the name of probeMain in the graded package's folder.
const probeMainFile = "zz_bottleneck_probe_test.go"

// writeOverlay writes, into the folder work, the files of the graders gs
// and an overlay for go build's -overlay that puts them into the copy at
// root: in the folder of package pkg, probeMain in place of the test files
// there; in course/probe, the harness's files as this program carries
// them in place of everything the copy has there. It returns the
// overlay's path.
func writeOverlay(work, root, pkg string, gs []Grader) (string, error) {
	replace := map[string]string{}
	pkgDir := filepath.Join(root, filepath.FromSlash(pkg))
	own, err := filepath.Glob(filepath.Join(pkgDir, "*_test.go"))
	if err != nil {
		return "", fmt.Errorf("course: %w", err)
	}
	for _, f := range own {
		replace[f] = "" // the copy's own tests do not count
	}
	mainFile := filepath.Join(work, probeMainFile)
	if err := os.WriteFile(mainFile, fmt.Appendf(nil, probeMain, path.Base(pkg)), 0o644); err != nil {
		return "", fmt.Errorf("course: %w", err)
	}
	replace[filepath.Join(pkgDir, probeMainFile)] = mainFile

	harness := filepath.Join(root, filepath.FromSlash(probeDir))
	if entries, err := os.ReadDir(harness); err == nil {
		for _, e := range entries {
			replace[filepath.Join(harness, e.Name())] = "" // whatever the copy has there does not count
		}
	}
	src, err := probeSources(gs)
	if err != nil {
		return "", err
	}
	for name, b := range src {
		if b, err = studentHalf(name, b); err != nil {
			return "", err
		}
		backing := filepath.Join(work, "probe_"+name)
		if err := os.WriteFile(backing, b, 0o644); err != nil {
			return "", fmt.Errorf("course: %w", err)
		}
		replace[filepath.Join(harness, name)] = backing
	}
	overlay, err := json.Marshal(map[string]any{"Replace": replace})
	if err != nil {
		return "", fmt.Errorf("course: %w", err)
	}
	overlayFile := filepath.Join(work, "overlay.json")
	if err := os.WriteFile(overlayFile, overlay, 0o644); err != nil {
		return "", fmt.Errorf("course: %w", err)
	}
	return overlayFile, nil
}

// compileError matches a line of a compiler's error: "file.go:12:3: ...".
var compileError = regexp.MustCompile(`^\S+\.go:[0-9]+(:[0-9]+)?: `)

// firstCompileError returns the first compiler error in the go command's
// output, or its last line that is not a "# package" heading.
func firstCompileError(out string) string {
	var last string
	for _, l := range strings.Split(out, "\n") {
		l = strings.TrimSpace(l)
		if compileError.MatchString(l) {
			return l
		}
		if l != "" && !strings.HasPrefix(l, "#") {
			last = l
		}
	}
	if last == "" {
		return "the go command failed and said nothing"
	}
	return last
}
