//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestOutputsThatAreNotFiles: an -out that names a device, a named pipe or
// a link to one is refused before any work, with exit status 2, and left as
// it was; it used to be replaced by a regular file (as root, /dev/null
// itself). A folder whose summary.json is a named pipe is refused too.
func TestOutputsThatAreNotFiles(t *testing.T) {
	data := t.TempDir()
	writeTinyMNIST(t, data, 20)
	tmp := t.TempDir()
	fifo := filepath.Join(tmp, "codes.csv")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	pngFifo := filepath.Join(tmp, "d.png")
	syscall.Mkfifo(pngFifo, 0o644)
	nullLink := filepath.Join(tmp, "null.png")
	os.Symlink("/dev/null", nullLink)
	outDir := filepath.Join(tmp, "run")
	os.Mkdir(outDir, 0o755)
	syscall.Mkfifo(filepath.Join(outDir, "summary.json"), 0o644)
	model := filepath.Join(t.TempDir(), "m")
	if code, _, stderr := runBinary(t, trainArgs(data, model)...); code != 0 {
		t.Fatalf("train: exit %d: %s", code, stderr)
	}
	model = filepath.Join(model, "autoencoder.model")

	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"show", "-data", data, "-n", "2", "-out", "/dev/null"}, 2, "cannot write /dev/null: it is a character device, not a regular file"},
		{[]string{"show", "-data", data, "-n", "2", "-out", pngFifo}, 2, "it is a named pipe (FIFO), not a regular file"},
		{[]string{"show", "-data", data, "-n", "2", "-out", nullLink}, 2, "it is a symbolic link to /dev/null, which is a character device"},
		{[]string{"encode", "-model", model, "-data", data, "-out", fifo}, 2, "it is a named pipe (FIFO), not a regular file"},
		{trainArgs(data, outDir), 1, "summary.json: it is a named pipe (FIFO), not a regular file (choose another -out)"},
	} {
		code, stdout, stderr := runBinary(t, tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.want) || stdout != "" {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tc.args, code, stderr, tc.code, tc.want)
		}
	}
	for _, p := range []string{fifo, pngFifo, filepath.Join(outDir, "summary.json")} {
		if info, err := os.Lstat(p); err != nil || info.Mode()&os.ModeNamedPipe == 0 {
			t.Errorf("%s is no longer a named pipe", p)
		}
	}
	if info, err := os.Lstat(nullLink); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Error("the link to /dev/null was replaced")
	}
	if info, err := os.Stat("/dev/null"); err != nil || info.Mode()&os.ModeCharDevice == 0 {
		t.Error("/dev/null is no longer a device")
	}
}

// TestOutputsKeepModeAndLinks: an existing output keeps its permission
// bits, and an -out that is a symbolic link to a file writes that file and
// stays a link.
func TestOutputsKeepModeAndLinks(t *testing.T) {
	data := t.TempDir()
	writeTinyMNIST(t, data, 20)
	tmp := t.TempDir()
	private := filepath.Join(tmp, "private.png")
	os.WriteFile(private, []byte("old"), 0o600)
	os.Chmod(private, 0o600)
	real := filepath.Join(t.TempDir(), "real.png")
	link := filepath.Join(tmp, "link.png")
	os.Symlink(real, link)
	out := filepath.Join(tmp, "run")
	if code, _, stderr := runBinary(t, trainArgs(data, out)...); code != 0 {
		t.Fatalf("train: exit %d: %s", code, stderr)
	}
	os.Chmod(filepath.Join(out, "autoencoder.model"), 0o640)

	for _, args := range [][]string{
		{"show", "-data", data, "-n", "2", "-out", private},
		{"show", "-data", data, "-n", "2", "-out", link},
		trainArgs(data, out),
	} {
		if code, _, stderr := runBinary(t, args...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
	}
	for path, want := range map[string]os.FileMode{private: 0o600, filepath.Join(out, "autoencoder.model"): 0o640} {
		if info, err := os.Stat(path); err != nil || info.Mode().Perm() != want {
			t.Errorf("%s: mode %v, want %v kept", path, info.Mode().Perm(), want)
		}
	}
	if b, _ := os.ReadFile(private); string(b) == "old" {
		t.Error("the private file was not rewritten")
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Error("the -out link was replaced by a file")
	}
	if info, err := os.Stat(real); err != nil || info.Size() == 0 {
		t.Errorf("the file the link leads to was not written: %v", err)
	}
}

// TestLongOutName: an -out name near the system's limit of 255 bytes works;
// the temporary name used to add characters and fail.
func TestLongOutName(t *testing.T) {
	data := t.TempDir()
	writeTinyMNIST(t, data, 20)
	out := filepath.Join(t.TempDir(), strings.Repeat("d", 250)+".png")
	if code, _, stderr := runBinary(t, "show", "-data", data, "-n", "2", "-out", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(out); err != nil {
		t.Error(err)
	}
}

// TestOutToStdoutPipe: -out /dev/stdout, when standard output is a pipe,
// is refused as the pipe it is (it used to be called a missing folder).
func TestOutToStdoutPipe(t *testing.T) {
	data := t.TempDir()
	writeTinyMNIST(t, data, 20)
	code, _, stderr := runBinary(t, "show", "-data", data, "-n", "2", "-out", "/dev/stdout")
	if want := "cannot write /dev/stdout: it is a named pipe (FIFO), not a regular file"; code != 2 || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr, want)
	}
}
