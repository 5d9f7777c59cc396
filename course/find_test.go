package course

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// writeModule writes a module named like this one (ModulePath) with the
// given files, path → content, into a new temporary folder, and returns
// the folder.
func writeModule(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files["go.mod"] = "module " + ModulePath + "\n\ngo 1.24\n"
	for p, content := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestFindExercises(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"a/a.go": `package a

func F() int {
	// exercise second (continued): the rest
	return 2
	// end exercise second
}
`,
		"b/b.go": `package b

func G() int {
	// exercise first (2 points): one
	return 1
	// end exercise first
}

func H() int {
	// exercise second (3 points): two
	return 2
	// end exercise second
}
`,
		"b/b_test.go":        "package b\n\n// exercise ignored (1 point)\n",
		"c/testdata/c.go":    "package c\n\n// exercise ignored (1 point)\n",
		"nested/go.mod":      "module other\n",
		"nested/n.go":        "package n\n\n// exercise ignored (1 point)\n",
		"d/prose.go":         "package d\n\n// This exercise is not marked.\n",
		"e/not_go_source.md": "// exercise ignored (1 point)\n",
	})
	got, err := FindExercises(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range got {
		names = append(names, e.Name)
	}
	// Neither has a grader, so they come in the order of their files.
	if !slices.Equal(names, []string{"second", "first"}) {
		t.Fatalf("got exercises %v, want [second first]", names)
	}
	second := got[0]
	if second.Points != 3 || len(second.Regions) != 2 || second.Hint() != "two" || !slices.Equal(second.Files(), []string{"a/a.go", "b/b.go"}) {
		t.Errorf("got %+v (files %v, hint %q), want 3 points, two regions in a/a.go and b/b.go, hint \"two\"", second, second.Files(), second.Hint())
	}
}

func TestFindExercisesMistakes(t *testing.T) {
	for _, c := range []struct {
		name  string
		files map[string]string
		kind  error
	}{
		{"points twice", map[string]string{
			"a/a.go": "package a\n\nfunc F() {\n\t// exercise x (1 point)\n\t// end exercise x\n}\n",
			"b/b.go": "package b\n\nfunc G() {\n\t// exercise x (2 points)\n\t// end exercise x\n}\n",
		}, ErrDuplicateMark},
		{"only continued", map[string]string{
			"a/a.go": "package a\n\nfunc F() {\n\t// exercise x (continued)\n\t// end exercise x\n}\n",
		}, ErrUnbalancedMark},
		{"code after the end mark", map[string]string{
			"a/a.go": "package a\n\nfunc F() int {\n\t// exercise x (1 point)\n\tx := 1\n\t// end exercise x\n\treturn x\n}\n",
		}, ErrRegionShape},
		{"marks in different blocks", map[string]string{
			"a/a.go": "package a\n\nfunc F(b bool) {\n\t// exercise x (1 point)\n\tif b {\n\t\t// end exercise x\n\t}\n}\n",
		}, ErrRegionShape},
		{"outside a function", map[string]string{
			"a/a.go": "package a\n\n// exercise x (1 point)\nvar v = 1\n\n// end exercise x\n",
		}, ErrRegionShape},
		{"inside an expression", map[string]string{
			"a/a.go": "package a\n\nfunc F() []int {\n\treturn []int{\n\t\t// exercise x (1 point)\n\t\t1,\n\t\t// end exercise x\n\t}\n}\n",
		}, ErrRegionShape},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := FindExercises(writeModule(t, c.files))
			if !errors.Is(err, c.kind) {
				t.Fatalf("got %v, want an error of kind %v", err, c.kind)
			}
			var me *MarkError
			if !errors.As(err, &me) || me.Name != "x" {
				t.Errorf("got %#v, want a *MarkError naming exercise x", me)
			}
		})
	}
}

func TestFindExercisesNotAModule(t *testing.T) {
	for name, files := range map[string]map[string]string{
		"no go.mod":    {"a.go": "package a\n"},
		"other module": {"go.mod": "module example.com/other\n"},
	} {
		dir := t.TempDir()
		for p, content := range files {
			if err := os.WriteFile(filepath.Join(dir, p), []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		var nc *NotCopyError
		if _, err := FindExercises(dir); !errors.As(err, &nc) {
			t.Errorf("%s: got %v, want a *NotCopyError", name, err)
		}
	}
}

func TestFindRoot(t *testing.T) {
	dir := writeModule(t, map[string]string{"a/b/c.go": "package b\n"})
	for _, from := range []string{dir, filepath.Join(dir, "a", "b")} {
		if got, err := FindRoot(from); err != nil || got != dir {
			t.Errorf("FindRoot(%s) = %s, %v; want %s", from, got, err, dir)
		}
	}
	other := t.TempDir()
	writeFile(t, other, "go.mod", "module example.com/other\n")
	writeFile(t, other, "sub/x.go", "package sub\n")
	var nc *NotCopyError
	if _, err := FindRoot(filepath.Join(other, "sub")); !errors.As(err, &nc) {
		t.Errorf("FindRoot inside another module: got %v, want a *NotCopyError", err)
	}
}
