package main

import (
	"bytes"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"bottleneck/mnist"
)

// No test here downloads anything: fetch only reaches the network for files
// that are missing, and every case below has the files it needs, or fails
// before it would download. The downloads themselves are tested in package
// mnist against local test servers.

func TestFetchVerifiesRealFiles(t *testing.T) {
	data := embeddedDir(t)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"fetch", "-data", data}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr.String())
	}
	want := "train-images-idx3-ubyte.gz  present, size and SHA-256 verified\n" +
		"train-labels-idx1-ubyte.gz  present, size and SHA-256 verified\n" +
		"t10k-images-idx3-ubyte.gz   present, size and SHA-256 verified\n" +
		"t10k-labels-idx1-ubyte.gz   present, size and SHA-256 verified\n" +
		"MNIST is ready in " + data + "\n"
	if stdout.String() != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", stdout.String(), want)
	}
}

func TestFetchErrors(t *testing.T) {
	dir := t.TempDir()
	// A file that is not the real one: fetch refuses it before it would
	// download anything.
	if err := os.WriteFile(filepath.Join(dir, mnist.TrainImages.Name), []byte("oops"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"stray argument", []string{"fetch", "now"}, 2,
			`bottleneck fetch: unexpected argument "now" (run "bottleneck fetch -h" for the flags)`},
		{"unknown flag", []string{"fetch", "-dir", dir}, 2,
			`bottleneck fetch: flag provided but not defined: -dir (run "bottleneck fetch -h" for the flags)`},
		{"corrupt file present", []string{"fetch", "-data", dir}, 1,
			"bottleneck fetch: mnist: " + filepath.Join(dir, mnist.TrainImages.Name) + " is not the MNIST file: it has 4 bytes, want 9912422; delete it and run fetch again"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tc.args, &stdout, &stderr)
			if code != tc.code || stderr.String() != tc.want+"\n" {
				t.Errorf("exit %d, stderr %q\nwant exit %d, %q", code, stderr.String(), tc.code, tc.want)
			}
		})
	}
	if names, _ := os.ReadDir(dir); len(names) != 1 {
		t.Errorf("fetch left %d files in the directory, want the 1 that was there", len(names))
	}
}

// TestFetchNoMirrorSaysBuiltIn: a download no mirror delivers (here a
// port nothing listens on, or no network at all) ends in one line that
// says why in a few words and that no command needs the files.
func TestFetchNoMirrorSaysBuiltIn(t *testing.T) {
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	code := run([]string{"fetch", "-data", dir, "-mirrors", "http://127.0.0.1:1/"}, &stdout, &stderr)
	msg := stderr.String()
	if code != 1 || strings.Count(msg, "\n") != 1 || !strings.Contains(msg, "http://127.0.0.1:1/train-images-idx3-ubyte.gz: cannot connect: ") ||
		!strings.HasSuffix(msg, "; no command needs this download: they all read the copy of MNIST built into the program (the same four files are in the repository, under mnist/mnistdata)\n") {
		t.Errorf("exit %d, stderr %q; want 1 and one line naming the mirror, the cause and the built-in copy", code, msg)
	}
	if names, _ := os.ReadDir(dir); len(names) != 0 {
		t.Errorf("fetch left %d files behind", len(names))
	}
}

func TestProgressOnlyOnATerminal(t *testing.T) {
	var buf bytes.Buffer
	if isTerminal(&buf) {
		t.Error("a bytes.Buffer counts as a terminal")
	}
	f, err := os.Create(filepath.Join(t.TempDir(), "log"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if isTerminal(f) {
		t.Error("a regular file counts as a terminal")
	}
	if !strings.Contains(fetchDescription, mnist.Mirrors[0]) || !strings.Contains(fetchDescription, mnist.Mirrors[1]) {
		t.Error("fetch -h does not list the mirrors that fetch uses")
	}
}

// stallingMirror is a test server that answers every MNIST file with its
// real length, sends three bytes and then nothing until the client gives
// up.
func stallingMirror(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, f := range mnist.Files {
			if strings.HasSuffix(r.URL.Path, "/"+f.Name) {
				w.Header().Set("Content-Length", strconv.FormatInt(f.Size, 10))
			}
		}
		w.Write([]byte{0x1f, 0x8b, 8})
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	}))
	t.Cleanup(srv.Close)
	// The command runs in a process of its own, so it can reach the test
	// server only over loopback. A machine cut off from every network
	// (unshare -n) has loopback down: the download tests of package mnist,
	// which run in-process on an in-memory network, cover fetch there.
	conn, err := net.DialTimeout("tcp", srv.Listener.Addr().String(), 5*time.Second)
	if err != nil {
		t.Skipf("no loopback network here (%v): this test runs fetch against a server on 127.0.0.1", err)
	}
	conn.Close()
	return srv
}

// TestFetchStalledServer: a server that stops in the middle of a file is
// given up after -timeout, in one line that says so, and nothing is left
// behind; fetch used to hang until killed.
func TestFetchStalledServer(t *testing.T) {
	srv := stallingMirror(t)
	dir := filepath.Join(t.TempDir(), "mnist")
	code, _, stderr := runBinary(t, "fetch", "-data", dir, "-mirrors", srv.URL+"/mnist", "-timeout", "200ms")
	want := "the server stalled: no byte for 200ms after 3 of 9912422 bytes"
	if code != 1 || !strings.Contains(stderr, want) || strings.Count(stderr, "\n") != 1 {
		t.Errorf("exit %d, stderr %q; want 1 and %q", code, stderr, want)
	}
	if _, err := os.Stat(dir); err == nil {
		t.Errorf("the failed fetch left %s behind", dir)
	}
	for _, tc := range []struct{ args, want string }{
		{"-mirrors ftp://example.org/", `-mirrors: "ftp://example.org/" is not an http or https URL`},
		{"-timeout 0s", "-timeout 0s: must be positive"},
		{"-timeout soon", `invalid value "soon" for flag -timeout`},
	} {
		code, _, stderr := runBinary(t, append([]string{"fetch", "-data", dir}, strings.Fields(tc.args)...)...)
		if code != 2 || !strings.Contains(stderr, tc.want) {
			t.Errorf("fetch %s: exit %d, stderr %q; want 2 and %q", tc.args, code, stderr, tc.want)
		}
	}
}
