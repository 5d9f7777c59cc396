package mnist

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"bottleneck/internal/atomicfile"
	"bottleneck/internal/filekind"
)

// FetchResult says what Fetch found or did for one of the four files.
type FetchResult struct {
	Name   string // the file's name in the directory: "train-images-idx3-ubyte.gz", or without ".gz" if only the decompressed file is there
	Path   string // where the file is
	Source string // the URL it was downloaded from, or "" if it was already there
}

// Fetch makes sure the four MNIST files are in dir, each checked by size and
// SHA-256 against the table in Files.
//
// A file already present (compressed, or else decompressed) is verified and
// kept; if it does not match, Fetch returns an error and touches nothing. A
// missing file is downloaded from mirrors (base URLs ending in "/"), tried in
// order: it is streamed into a temporary file in dir, its size and SHA-256 are
// checked, and only then is it renamed into place. A failed download leaves
// nothing behind, not even dir if Fetch created it and it is still empty
// (files downloaded and verified before the failure stay), and its error
// lists what each mirror answered and how to put the files in place by hand.
//
// progress, if not nil, receives a line per download that is redrawn with
// "\r" as the bytes arrive: meant for a terminal. Cancelling ctx stops a
// download. A mirror that sends no byte for StallTimeout, before its answer
// or in the middle of a file, is given up (an error wrapping ErrStalled)
// and the next one is tried.
func Fetch(ctx context.Context, dir string, mirrors []string, progress io.Writer) ([]FetchResult, error) {
	return FetchWithTimeout(ctx, dir, mirrors, StallTimeout, progress)
}

// StallTimeout is how long Fetch waits for the next byte from a mirror.
const StallTimeout = 30 * time.Second

// ErrStalled is wrapped by the error for a mirror that stopped sending.
var ErrStalled = errors.New("the server stalled")

// ErrDownload is what errors.Is finds in the error of a file that no
// mirror delivered (as opposed to a file on disk that is wrong, or a
// cancelled download).
var ErrDownload = errors.New("mnist: no mirror delivered the file")

// FetchWithTimeout is Fetch with another time to wait for the next byte
// than StallTimeout; stall must be positive.
func FetchWithTimeout(ctx context.Context, dir string, mirrors []string, stall time.Duration, progress io.Writer) ([]FetchResult, error) {
	client := &http.Client{Transport: newTransport(stall)}
	return fetchFiles(ctx, client, dir, Files, mirrors, stall, progress)
}

// fetchFiles is Fetch for any list of files, so that tests can serve small
// files of their own.
func fetchFiles(ctx context.Context, client *http.Client, dir string, files []File, mirrors []string, stall time.Duration, progress io.Writer) ([]FetchResult, error) {
	results := make([]FetchResult, len(files))
	var missing []int
	for i, f := range files {
		name, err := verifyPresent(dir, f)
		if errors.Is(err, fs.ErrNotExist) {
			missing = append(missing, i)
			continue
		}
		if err != nil {
			return nil, err
		}
		results[i] = FetchResult{Name: name, Path: filepath.Join(dir, name)}
	}
	if len(missing) == 0 {
		return results, nil
	}

	created := missingDirs(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("mnist: cannot create the data directory: %w", err)
	}
	for _, i := range missing {
		f := files[i]
		path := filepath.Join(dir, f.Name)
		source, err := download(ctx, client, mirrors, f, path, stall, progress)
		if err != nil {
			removeEmpty(created)
			return nil, withHelp(err, dir, files, mirrors)
		}
		results[i] = FetchResult{Name: f.Name, Path: path, Source: source}
	}
	return results, nil
}

// verifyPresent checks f in dir: the .gz file if it is there, else the
// decompressed one. It returns the name of the file it checked, or an error
// that wraps fs.ErrNotExist if neither is there.
func verifyPresent(dir string, f File) (string, error) {
	err := verifyFile(filepath.Join(dir, f.Name), f.Size, f.SHA256)
	if !errors.Is(err, fs.ErrNotExist) {
		return f.Name, err
	}
	err = verifyFile(filepath.Join(dir, f.RawName()), f.RawSize, f.RawSHA256)
	return f.RawName(), err
}

// verifyFile checks the size and SHA-256 of the file at path, which must
// be a regular file (a named pipe would block, a device never end).
func verifyFile(path string, size int64, sum string) error {
	file, _, err := filekind.OpenRegular(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return err
		}
		return fmt.Errorf("mnist: %w", err)
	}
	defer file.Close()
	h := sha256.New()
	n, err := io.Copy(h, io.LimitReader(file, size+1))
	if err != nil {
		return fmt.Errorf("mnist: reading %s: %w", path, err)
	}
	if n != size {
		return fmt.Errorf("mnist: %s is not the MNIST file: it has %s bytes, want %d; delete it and run fetch again", path, sizeString(n, size), size)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != sum {
		return fmt.Errorf("mnist: %s is not the MNIST file: its SHA-256 is %s, want %s; delete it and run fetch again", path, got, sum)
	}
	return nil
}

// sizeString prints n, or "more than size" when n is size+1 (the file was
// read only up to one byte past the expected size).
func sizeString(n, size int64) string {
	if n > size {
		return fmt.Sprintf("more than %d", size)
	}
	return fmt.Sprint(n)
}

// newTransport returns the default HTTP transport (with its proxy settings)
// that gives up on a server that accepts the connection but sends no
// answer for stall.
func newTransport(stall time.Duration) *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.ResponseHeaderTimeout = stall
	return t
}

// download tries each mirror in turn for f and returns the URL that worked.
// If none did, the error lists what each one answered.
func download(ctx context.Context, client *http.Client, mirrors []string, f File, path string, stall time.Duration, progress io.Writer) (string, error) {
	if len(mirrors) == 0 {
		return "", fmt.Errorf("mnist: cannot download %s: no mirrors to try", f.Name)
	}
	failed := &downloadError{name: f.Name}
	for _, base := range mirrors {
		source := base + f.Name
		err := downloadFrom(ctx, client, source, f, path, stall, progress)
		if err == nil {
			return source, nil
		}
		if ctx.Err() != nil {
			return "", fmt.Errorf("mnist: download of %s stopped: %w", f.Name, ctx.Err())
		}
		failed.sources = append(failed.sources, source)
		failed.errs = append(failed.errs, err)
	}
	return "", failed
}

// downloadError lists what each mirror answered for a file that could not
// be downloaded; errors.Is and errors.As see each answer.
type downloadError struct {
	name    string
	sources []string
	errs    []error
}

func (e *downloadError) Error() string {
	var answers []string
	for i, err := range e.errs {
		answers = append(answers, e.sources[i]+": "+reason(err))
	}
	return fmt.Sprintf("mnist: cannot download %s: %s", e.name, strings.Join(answers, "; "))
}

// reason says why a mirror failed. A failure below HTTP is said briefly —
// the host that could not be looked up, or the cause of a connection that
// failed — without the resolver's and the socket's addresses, which make
// an offline machine's message three lines long and help nobody.
func reason(err error) string {
	var dns *net.DNSError
	if errors.As(err, &dns) {
		if dns.IsNotFound {
			return "no such host " + dns.Name
		}
		return "cannot look up " + dns.Name + " (is there a network?)"
	}
	var op *net.OpError
	if errors.As(err, &op) && op.Err != nil {
		cause := op.Err
		var sys *os.SyscallError
		if errors.As(cause, &sys) {
			cause = sys.Err
		}
		return "cannot connect: " + cause.Error()
	}
	return err.Error()
}

func (e *downloadError) Unwrap() []error { return e.errs }

// Is reports target == ErrDownload.
func (e *downloadError) Is(target error) bool { return target == ErrDownload }

// downloadFrom downloads f from source into path, atomically, and checks its
// size and SHA-256 before the file is renamed into place. It gives up when
// no byte has arrived for stall.
func downloadFrom(ctx context.Context, client *http.Client, source string, f File, path string, stall time.Duration, progress io.Writer) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, source, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			return ue.Err // the URL is already in the message
		}
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("answered %s", resp.Status)
	}
	if resp.ContentLength >= 0 && resp.ContentLength != f.Size {
		return fmt.Errorf("announces %d bytes, want %d", resp.ContentLength, f.Size)
	}
	body := newStallReader(resp.Body, stall, func() { cancel(ErrStalled) })
	var copyErr error
	err = atomicfile.Write(path, func(w io.Writer) error {
		copyErr = copyVerified(w, body, f, newProgressLine(progress, f.Name, f.Size))
		body.stop()
		return copyErr
	})
	if copyErr != nil && errors.Is(context.Cause(ctx), ErrStalled) {
		return fmt.Errorf("%w: no byte for %v after %d of %d bytes", ErrStalled, stall, body.n, f.Size)
	}
	if copyErr != nil {
		return copyErr
	}
	return err
}

// stallReader reads from r and calls stalled when no byte has arrived for
// the given time; stop ends the watch.
type stallReader struct {
	r     io.Reader
	timer *time.Timer
	wait  time.Duration
	n     int64 // bytes read so far
}

func newStallReader(r io.Reader, wait time.Duration, stalled func()) *stallReader {
	return &stallReader{r: r, wait: wait, timer: time.AfterFunc(wait, stalled)}
}

func (s *stallReader) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if n > 0 {
		s.n += int64(n)
		s.timer.Reset(s.wait)
	}
	return n, err
}

func (s *stallReader) stop() { s.timer.Stop() }

// copyVerified copies body to w, at most f.Size+1 bytes, and checks the size
// and the SHA-256 of what came.
func copyVerified(w io.Writer, body io.Reader, f File, p *progressLine) error {
	defer p.end()
	h := sha256.New()
	buf := make([]byte, 64<<10)
	limited := io.LimitReader(body, f.Size+1)
	var n int64
	for {
		k, err := limited.Read(buf)
		if k > 0 {
			h.Write(buf[:k])
			if _, werr := w.Write(buf[:k]); werr != nil {
				return werr
			}
			n += int64(k)
			p.update(n)
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("transfer failed after %d of %d bytes: %w", n, f.Size, err)
		}
	}
	if n != f.Size {
		return fmt.Errorf("sent %s bytes, want %d", sizeString(n, f.Size), f.Size)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != f.SHA256 {
		return fmt.Errorf("sent a file whose SHA-256 is %s, want %s", got, f.SHA256)
	}
	return nil
}

// withHelp adds to a download error how to put the files in place by hand;
// a cancelled download needs no such advice.
func withHelp(err error, dir string, files []File, mirrors []string) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	var names []string
	for _, f := range files {
		names = append(names, f.Name)
	}
	from := "one of the mirrors in mnist.Mirrors"
	if len(mirrors) > 0 {
		from = mirrors[0]
	}
	return fmt.Errorf("%w; to place the files by hand: on a machine with network, download %s from %s and copy them into %s", err, strings.Join(names, ", "), from, dir)
}

// missingDirs returns dir and those of its parents that do not exist yet,
// deepest first: the directories MkdirAll is about to create.
func missingDirs(dir string) []string {
	var dirs []string
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil || !errors.Is(err, fs.ErrNotExist) {
			return dirs
		}
		dirs = append(dirs, d)
		if filepath.Dir(d) == d {
			return dirs
		}
	}
}

// removeEmpty removes the directories in dirs, deepest first, as long as
// they are empty.
func removeEmpty(dirs []string) {
	for _, d := range dirs {
		if os.Remove(d) != nil {
			return
		}
	}
}
