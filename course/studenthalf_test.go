package course

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"strings"
	"testing"
)

// TestStudentHalf: every file of the harness, as it goes into a student's
// build, parses, keeps its lines where they were (so that a compile error
// names the line of the real file), and has no want function with a body
// but the panic.
func TestStudentHalf(t *testing.T) {
	names, err := fs.Glob(probeFiles, "probe/*.go")
	if err != nil || len(names) == 0 {
		t.Fatalf("the harness's files: %v %v", names, err)
	}
	wants := 0
	for _, name := range names {
		src, err := probeFiles.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		out, err := studentHalf(name, src)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Count(out, []byte("\n")) != bytes.Count(src, []byte("\n")) {
			t.Errorf("%s: %d lines, want %d", name, bytes.Count(out, []byte("\n")), bytes.Count(src, []byte("\n")))
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, out, 0)
		if err != nil {
			t.Fatalf("%s does not parse: %v", name, err)
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || (fd.Name.Name != "want" && !strings.HasSuffix(fd.Name.Name, "Want")) {
				continue
			}
			wants++
			if len(fd.Body.List) != 1 || !strings.Contains(string(out[fd.Body.Pos():fd.Body.End()]), "not in the student's build") {
				t.Errorf("%s: %s keeps its body", name, fd.Name.Name)
			}
		}
	}
	if wants < len(Graders())-4 { // three penalties share one want method; the losses, one function
		t.Errorf("%d want functions blanked, fewer than the graders", wants)
	}
}

// TestGradeStudentBuildHasNoChecks grades a copy whose code looks for the
// harness's want function of linear-forward in its own binary
// (runtime.FuncForPC, then a func value of its entry, through unsafe) and
// says through its panic whether calling it gave checks: with the seed,
// read from standard input before the harness reads it, such a function
// holds every number the checks want, which a forger prints and passes
// with (39 of 45 exercises, none solved, before this build left them
// out).
func TestGradeStudentBuildHasNoChecks(t *testing.T) {
	root := reference(t)
	dir := copyOf(t, root, "linear-forward")
	writeFile(t, dir, "nn/zz_find.go", `package nn

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"unsafe"
)

type check struct {
	Label string
	Judge func([]float64) string
}

func tryWant() (msg string) {
	pcs := make([]uintptr, 1)
	runtime.Callers(1, pcs)
	for d := uintptr(0); d < 32<<20; d += 4 {
		for _, pc := range []uintptr{pcs[0] + d, pcs[0] - d} {
			f := runtime.FuncForPC(pc)
			if f == nil || f.Name() != "bottleneck/course/probe.linearForwardWant" {
				continue
			}
			entry := f.Entry()
			p := unsafe.Pointer(&entry)
			want := *(*func(*rand.Rand) []check)(unsafe.Pointer(&p))
			defer func() {
				if v := recover(); v != nil {
					msg = fmt.Sprint("want panicked: ", v)
				}
			}()
			return fmt.Sprintf("want gave %d checks", len(want(rand.New(rand.NewPCG(1, 2)))))
		}
	}
	return "no want function"
}
`)
	fill(t, root, dir, "linear-forward", "_ = y\npanic(tryWant())")
	got := oneExercise(t, dir, "linear-forward", DefaultLimits())
	if !strings.Contains(got.Message, "panic: ") || strings.Contains(got.Message, "want gave") {
		t.Errorf("%q, want the panic, and no checks from the student's build", got.Message)
	}
	t.Log(got.Message)
}
