package mnist

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// testStall is how long the tests' downloads wait for the next byte: long
// enough for any test server that sends.
const testStall = 10 * time.Second

// fakeFile returns a File entry for content, with its real size and
// SHA-256, so that a test server can play a mirror.
func fakeFile(name string, content []byte) File {
	sum := sha256.Sum256(content)
	return File{Name: name, Size: int64(len(content)), SHA256: hex.EncodeToString(sum[:])}
}

var (
	contentA = []byte("the first file's bytes")
	contentB = bytes.Repeat([]byte("second "), 1000)
	fakeA    = fakeFile("a.gz", contentA)
	fakeB    = fakeFile("b.gz", contentB)
	fakes    = []File{fakeA, fakeB}
)

// mirror is a test server that serves the fake files, and counts requests.
type mirror struct {
	*httptest.Server
	requests atomic.Int32
}

// newMirror starts a server whose handler answers for every file; it is
// closed when the test ends.
func newMirror(t *testing.T, handler func(w http.ResponseWriter, r *http.Request, content []byte)) *mirror {
	m := &mirror{}
	m.Server = newMemServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		m.requests.Add(1)
		switch r.URL.Path {
		case "/mnist/a.gz":
			handler(w, r, contentA)
		case "/mnist/b.gz":
			handler(w, r, contentB)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(m.Close)
	return m
}

// base is the mirror's base URL, as in Mirrors.
func (m *mirror) base() string { return m.URL + "/mnist/" }

// serve is a handler that serves the file as it is.
func serve(w http.ResponseWriter, r *http.Request, content []byte) { w.Write(content) }

// dirEntries lists the names in dir.
func dirEntries(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestFetchDownloadsAndVerifies(t *testing.T) {
	good := newMirror(t, serve)
	dir := t.TempDir()
	var progress bytes.Buffer
	results, err := fetchFiles(context.Background(), testClient, dir, fakes, []string{good.base()}, testStall, &progress)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range [][]byte{contentA, contentB} {
		if results[i].Source != good.base()+fakes[i].Name {
			t.Errorf("%s came from %q, want the mirror", fakes[i].Name, results[i].Source)
		}
		if got, _ := os.ReadFile(filepath.Join(dir, fakes[i].Name)); !bytes.Equal(got, want) {
			t.Errorf("%s holds %d bytes, not what the mirror served", fakes[i].Name, len(got))
		}
	}
	if names := dirEntries(t, dir); strings.Join(names, " ") != "a.gz b.gz" {
		t.Errorf("directory holds %v, want only a.gz and b.gz", names)
	}
	if p := progress.String(); !strings.Contains(p, "\rb.gz  7.0 / 7.0 kB  100%\n") {
		t.Errorf("progress %q does not end b.gz at 100%% on its own line", p)
	}

	// A second fetch verifies the files and asks no mirror.
	before := good.requests.Load()
	results, err = fetchFiles(context.Background(), testClient, dir, fakes, []string{good.base()}, testStall, nil)
	if err != nil || results[0].Source != "" || results[1].Source != "" {
		t.Errorf("second fetch: %+v, %v; want both present", results, err)
	}
	if after := good.requests.Load(); after != before {
		t.Errorf("second fetch made %d requests, want none", after-before)
	}
}

func TestFetchFallsBackToTheNextMirror(t *testing.T) {
	down := newMirror(t, func(w http.ResponseWriter, r *http.Request, content []byte) {
		http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
	})
	closed := newMirror(t, serve)
	closed.Close() // nothing listens there any more
	good := newMirror(t, serve)
	dir := t.TempDir()
	results, err := fetchFiles(context.Background(), testClient, dir, fakes, []string{down.base(), closed.base(), good.base()}, testStall, nil)
	if err != nil {
		t.Fatal(err)
	}
	if results[0].Source != good.base()+"a.gz" {
		t.Errorf("a.gz came from %q, want the third mirror", results[0].Source)
	}
	if down.requests.Load() != 2 {
		t.Errorf("the first mirror was asked %d times, want once per file", down.requests.Load())
	}
}

func TestFetchRefusesBadDownloads(t *testing.T) {
	for _, tc := range []struct {
		name    string
		handler func(w http.ResponseWriter, r *http.Request, content []byte)
		want    string // {url} stands for the mirror's base URL, {dir} for the directory
	}{
		{"not found", func(w http.ResponseWriter, r *http.Request, content []byte) {
			http.NotFound(w, r)
		}, "mnist: cannot download a.gz: {url}a.gz: answered 404 Not Found"},
		{"truncated body", func(w http.ResponseWriter, r *http.Request, content []byte) {
			w.Header().Set("Content-Length", strconv.Itoa(len(content)))
			w.Write(content[:10]) // the server closes the connection early
		}, "mnist: cannot download a.gz: {url}a.gz: transfer failed after 10 of 22 bytes: unexpected EOF"},
		{"short body, no length", func(w http.ResponseWriter, r *http.Request, content []byte) {
			w.Write(content[:5])
			w.(http.Flusher).Flush() // chunked: the client cannot know the length
		}, "mnist: cannot download a.gz: {url}a.gz: sent 5 bytes, want 22"},
		{"long body, no length", func(w http.ResponseWriter, r *http.Request, content []byte) {
			w.(http.Flusher).Flush()
			w.Write(content)
			w.Write(bytes.Repeat([]byte("x"), 1<<20))
		}, "mnist: cannot download a.gz: {url}a.gz: sent more than 22 bytes, want 22"},
		{"wrong length announced", func(w http.ResponseWriter, r *http.Request, content []byte) {
			w.Write(append(content, "extra"...))
		}, "mnist: cannot download a.gz: {url}a.gz: announces 27 bytes, want 22"},
		{"checksum mismatch", func(w http.ResponseWriter, r *http.Request, content []byte) {
			w.Write(bytes.ToUpper(content))
		}, "mnist: cannot download a.gz: {url}a.gz: sent a file whose SHA-256 is " + hexSum([]byte("THE FIRST FILE'S BYTES")) + ", want " + fakeA.SHA256},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bad := newMirror(t, tc.handler)
			dir := filepath.Join(t.TempDir(), "new", "mnist")
			_, err := fetchFiles(context.Background(), testClient, dir, fakes, []string{bad.base()}, testStall, nil)
			want := strings.ReplaceAll(tc.want, "{url}", bad.base()) +
				"; to place the files by hand: on a machine with network, download a.gz, b.gz from " + bad.base() + " and copy them into " + dir
			if err == nil || err.Error() != want {
				t.Errorf("got error %v\nwant %q", err, want)
			}
			if !errors.Is(err, ErrDownload) {
				t.Errorf("errors.Is(%v, ErrDownload) is false", err)
			}
			// Nothing is left behind: not the file, not a temporary file,
			// not the directories Fetch created.
			if names := dirEntries(t, filepath.Dir(filepath.Dir(dir))); len(names) != 0 {
				t.Errorf("after the failure the temporary directory holds %v", names)
			}
		})
	}
}

func TestFetchListsEveryMirror(t *testing.T) {
	notFound := newMirror(t, func(w http.ResponseWriter, r *http.Request, content []byte) { http.NotFound(w, r) })
	forbidden := newMirror(t, func(w http.ResponseWriter, r *http.Request, content []byte) {
		http.Error(w, "no", http.StatusForbidden)
	})
	dir := t.TempDir()
	_, err := fetchFiles(context.Background(), testClient, dir, fakes, []string{notFound.base(), forbidden.base()}, testStall, nil)
	want := "mnist: cannot download a.gz: " + notFound.base() + "a.gz: answered 404 Not Found; " + forbidden.base() + "a.gz: answered 403 Forbidden; to place the files by hand"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("got error %v\nwant it to start with %q", err, want)
	}
}

func TestFetchStopsWhenCancelled(t *testing.T) {
	started := make(chan struct{})
	slow := newMirror(t, func(w http.ResponseWriter, r *http.Request, content []byte) {
		w.Header().Set("Content-Length", strconv.Itoa(len(content)))
		w.Write(content[:3])
		w.(http.Flusher).Flush()
		close(started)
		<-r.Context().Done() // a server that never sends the rest
	})
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-started
		cancel()
	}()
	dir := t.TempDir()
	_, err := fetchFiles(ctx, testClient, dir, fakes[:1], []string{slow.base()}, testStall, nil)
	want := "mnist: download of a.gz stopped: context canceled"
	if err == nil || err.Error() != want || !errors.Is(err, context.Canceled) {
		t.Errorf("got error %v, want %q", err, want)
	}
	if names := dirEntries(t, dir); len(names) != 0 {
		t.Errorf("after the cancelled download the directory holds %v", names)
	}
}

// TestFetchGivesUpOnAStalledServer: a mirror that stops sending in the
// middle of a file is given up after the stall time, with an error that
// says so, and the next mirror is tried; it used to hang until killed.
func TestFetchGivesUpOnAStalledServer(t *testing.T) {
	stalled := newMirror(t, func(w http.ResponseWriter, r *http.Request, content []byte) {
		w.Header().Set("Content-Length", strconv.Itoa(len(content)))
		w.Write(content[:3])
		w.(http.Flusher).Flush()
		<-r.Context().Done() // sends nothing more until the client gives up
	})
	dir := t.TempDir()
	_, err := fetchFiles(context.Background(), testClient, dir, fakes[:1], []string{stalled.base()}, 100*time.Millisecond, nil)
	if !errors.Is(err, ErrStalled) || !strings.Contains(err.Error(), "no byte for 100ms after 3 of 22 bytes") {
		t.Errorf("got error %v, want one wrapping ErrStalled that says how far the download got", err)
	}
	if names := dirEntries(t, dir); len(names) != 0 {
		t.Errorf("after the stalled download the directory holds %v", names)
	}
	good := newMirror(t, serve)
	results, err := fetchFiles(context.Background(), testClient, dir, fakes[:1], []string{stalled.base(), good.base()}, 100*time.Millisecond, nil)
	if err != nil || results[0].Source != good.base()+"a.gz" {
		t.Errorf("with a good mirror after the stalled one: %+v, %v", results, err)
	}
}

func TestFetchVerifiesFilesPresent(t *testing.T) {
	never := newMirror(t, serve)
	for _, tc := range []struct {
		name    string
		content []byte
		want    string
	}{
		{"good file", contentA, ""},
		{"wrong size", contentA[:4], "mnist: {dir}/a.gz is not the MNIST file: it has 4 bytes, want 22; delete it and run fetch again"},
		{"wrong content", bytes.ToUpper(contentA), "mnist: {dir}/a.gz is not the MNIST file: its SHA-256 is " + hexSum(bytes.ToUpper(contentA)) + ", want " + fakeA.SHA256 + "; delete it and run fetch again"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeTestFile(t, dir, "a.gz", tc.content)
			results, err := fetchFiles(context.Background(), testClient, dir, fakes[:1], []string{never.base()}, testStall, nil)
			want := strings.ReplaceAll(tc.want, "{dir}", dir)
			if tc.want == "" && (err != nil || results[0].Source != "") {
				t.Errorf("got %+v, %v; want the file present and verified", results, err)
			}
			if tc.want != "" && (err == nil || err.Error() != want) {
				t.Errorf("got error %v\nwant %q", err, want)
			}
			if got, _ := os.ReadFile(filepath.Join(dir, "a.gz")); !bytes.Equal(got, tc.content) {
				t.Error("Fetch changed a file that was present")
			}
		})
	}
	if never.requests.Load() != 0 {
		t.Errorf("files present made %d requests, want none", never.requests.Load())
	}
}

func TestFetchAcceptsDecompressedFiles(t *testing.T) {
	// Only the decompressed form is present: it is checked against the raw
	// size and SHA-256.
	raw := []byte("decompressed bytes")
	f := fakeA
	f.RawSize, f.RawSHA256 = int64(len(raw)), hexSum(raw)
	dir := t.TempDir()
	writeTestFile(t, dir, "a", raw)
	results, err := fetchFiles(context.Background(), testClient, dir, []File{f}, nil, testStall, nil)
	if err != nil || results[0].Name != "a" || results[0].Source != "" {
		t.Errorf("got %+v, %v; want a present and verified", results, err)
	}
}

// hexSum is the SHA-256 of b in hex.
func hexSum(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// TestReason: a mirror that cannot be reached is named with the short
// cause, not the resolver's and the socket's addresses; any other error is
// given whole.
func TestReason(t *testing.T) {
	unreachable := &url.Error{Op: "Get", URL: "https://example.org/a.gz", Err: &net.OpError{
		Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "dial udp 10.255.255.53:53: connect: network is unreachable", Name: "example.org", Server: "10.255.255.53:53"}}}
	refused := &url.Error{Op: "Get", URL: "https://example.org/a.gz", Err: &net.OpError{
		Op: "dial", Net: "tcp", Addr: &net.TCPAddr{IP: net.IPv4(192, 0, 2, 1), Port: 443}, Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}}
	for _, tt := range []struct {
		err  error
		want string
	}{
		{unreachable, "cannot look up example.org (is there a network?)"},
		{&net.DNSError{Err: "no such host", Name: "nowhere.example", IsNotFound: true}, "no such host nowhere.example"},
		{refused, "cannot connect: " + syscall.ECONNREFUSED.Error()},
		{errors.New("answered 404 Not Found"), "answered 404 Not Found"},
	} {
		if got := reason(tt.err); got != tt.want {
			t.Errorf("reason(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}
