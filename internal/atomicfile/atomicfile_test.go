package atomicfile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestWriteReplaces(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.txt")
	if err := WriteFile(path, []byte("one")); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, []byte("two")); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil || string(got) != "two" {
		t.Fatalf("read %q, %v; want \"two\"", got, err)
	}
}

func TestFailedWriteKeepsOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "f.txt")
	if err := WriteFile(path, []byte("good")); err != nil {
		t.Fatal(err)
	}
	err := Write(path, func(w io.Writer) error {
		io.WriteString(w, "half")
		return errors.New("disk on fire")
	})
	if err == nil {
		t.Fatal("Write returned nil for a failing writer")
	}
	got, _ := os.ReadFile(path)
	if string(got) != "good" {
		t.Errorf("file holds %q after a failed write, want \"good\"", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("directory holds %d entries after a failed write, want 1 (no temporary file left)", len(entries))
	}
}

func TestWriteMissingDirectory(t *testing.T) {
	err := WriteFile(filepath.Join(t.TempDir(), "no", "such", "f.txt"), []byte("x"))
	if err == nil {
		t.Fatal("WriteFile into a missing directory returned nil")
	}
}

func TestWriteKeepsMode(t *testing.T) {
	dir := t.TempDir()
	private := filepath.Join(dir, "private")
	if err := os.WriteFile(private, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	os.Chmod(private, 0o600) // whatever the umask
	fresh := filepath.Join(dir, "fresh")
	for _, path := range []string{private, fresh} {
		if err := WriteFile(path, []byte("new")); err != nil {
			t.Fatal(err)
		}
	}
	for path, want := range map[string]os.FileMode{private: 0o600, fresh: 0o644} {
		if runtime.GOOS == "windows" {
			break // Windows has only a read-only bit
		}
		info, err := os.Stat(path)
		if err != nil || info.Mode().Perm() != want {
			t.Errorf("%s: mode %v (%v), want %v", filepath.Base(path), info.Mode().Perm(), err, want)
		}
	}
}

// TestWriteFollowsLinks: a symbolic link is followed, link after link; the
// file it leads to gets the content and the links stay links.
func TestWriteFollowsLinks(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.txt")
	os.WriteFile(real, []byte("old"), 0o644)
	link1, link2 := filepath.Join(dir, "link1"), filepath.Join(dir, "link2")
	dangling, newTarget := filepath.Join(dir, "dangling"), filepath.Join(dir, "sub", "new.txt")
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	if os.Symlink("real.txt", link1) != nil || os.Symlink(link1, link2) != nil || os.Symlink(filepath.Join("sub", "new.txt"), dangling) != nil {
		t.Skip("cannot make symbolic links here")
	}
	if err := WriteFile(link2, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(real); string(b) != "new" {
		t.Errorf("the file at the end of the links holds %q, want \"new\"", b)
	}
	for _, l := range []string{link1, link2} {
		if info, err := os.Lstat(l); err != nil || info.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("%s is no longer a symbolic link", filepath.Base(l))
		}
	}
	if err := WriteFile(dangling, []byte("created")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(newTarget); string(b) != "created" {
		t.Errorf("a link to a name not yet taken: the new file holds %q, want \"created\"", b)
	}
	// A link into a folder that does not exist is refused by Check, before
	// any work, naming where it leads.
	nowhere := filepath.Join(dir, "nowhere")
	os.Symlink(filepath.Join("missing", "new.txt"), nowhere)
	if err := Check(nowhere); err == nil || !strings.Contains(err.Error(), "in a folder that does not exist") {
		t.Errorf("a link into a missing folder: Check says %v", err)
	}
	if err := Check(dangling); err != nil {
		t.Errorf("a link to a name not yet taken in a folder that exists: Check says %v", err)
	}
	loop := filepath.Join(dir, "loop")
	os.Symlink("loop", loop)
	if err := WriteFile(loop, []byte("x")); err == nil || !strings.Contains(err.Error(), "symbolic links in a row") {
		t.Errorf("a link to itself: error %v", err)
	}
}

// TestWriteRefusesNonRegular: a directory, or a link to one, is refused
// and left as it was (the device and pipe cases are in the unix test).
func TestWriteRefusesNonRegular(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "sub")
	os.Mkdir(sub, 0o755)
	paths := []string{sub}
	if link := filepath.Join(dir, "link"); os.Symlink(sub, link) == nil {
		paths = append(paths, link)
	}
	for _, path := range paths {
		err := WriteFile(path, []byte("x"))
		if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), "a directory") {
			t.Errorf("%s: error %v, want one wrapping ErrNotRegular that says it is a directory", path, err)
		}
		if Check(path) == nil {
			t.Errorf("Check(%s) = nil for a directory", path)
		}
		if info, err := os.Stat(sub); err != nil || !info.IsDir() {
			t.Errorf("the directory is gone")
		}
	}
	entries, _ := os.ReadDir(sub)
	if len(entries) != 0 {
		t.Errorf("%d files left in the directory", len(entries))
	}
}

// TestWriteLongName: a name near the file system's limit (255 bytes on
// most) can be written; the temporary name must not add to it.
func TestWriteLongName(t *testing.T) {
	name := strings.Repeat("é", 120) + ".csv" // 244 bytes
	path := filepath.Join(t.TempDir(), name)
	if err := WriteFile(path, []byte("x")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "x" {
		t.Errorf("read %q", b)
	}
}

// TestErrorNamesTheCause: a folder in the path that is a file is called
// what it is, not a missing folder.
func TestErrorNamesTheCause(t *testing.T) {
	dir := t.TempDir()
	afile := filepath.Join(dir, "afile")
	os.WriteFile(afile, []byte("x"), 0o644)
	err := WriteFile(filepath.Join(afile, "x.png"), []byte("x"))
	if err == nil || !strings.Contains(err.Error(), "not a directory") {
		t.Errorf("error %v, want one saying \"not a directory\"", err)
	}
}
