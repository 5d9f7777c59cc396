package sandbox_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"bottleneck/internal/sandbox"
)

// TestCommandBadSpec: a Spec whose folder or program is not what it must
// be gets an error from Command, not a run.
func TestCommandBadSpec(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name      string
		dir, path string
	}{
		{"relative folder", "some/folder", file},
		{"the root", "/", file},
		{"missing folder", filepath.Join(dir, "missing"), file},
		{"folder is a file", file, file},
		{"missing program", dir, filepath.Join(dir, "missing")},
		{"program is a folder", dir, dir},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := sandbox.Command(context.Background(), sandbox.Spec{Dir: tc.dir, Path: tc.path, Unisolated: true})
			if err == nil {
				t.Errorf("Command(Dir %q, Path %q) = %+v, want an error", tc.dir, tc.path, c)
			}
		})
	}
}

// TestIsolationString: the words a grader prints for each kind of run.
func TestIsolationString(t *testing.T) {
	for _, tc := range []struct {
		iso  sandbox.Isolation
		want string
	}{
		{sandbox.Isolation{Isolated: true}, "isolated"},
		{sandbox.Isolation{Reason: "no namespaces on darwin"}, "unisolated: no namespaces on darwin"},
	} {
		if got := tc.iso.String(); got != tc.want {
			t.Errorf("%#v.String() = %q, want %q", tc.iso, got, tc.want)
		}
	}
}
