package mnist

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
)

// The download tests run their mirrors on an in-memory network: each test
// server listens on a memListener, and testClient dials it through
// net.Pipe. So the tests need no network interface at all, not even
// loopback, and pass on a machine cut off from every network (unshare -n),
// as the rest of the tests do.

// memListeners maps an address to the memListener that listens there.
var memListeners sync.Map

// memCount numbers the addresses.
var memCount atomic.Int64

// errRefused is what dialling an address with no listener gives.
var errRefused = errors.New("connection refused")

// memAddr is an address on the in-memory network, such as "mirror-3:80".
type memAddr string

func (a memAddr) Network() string { return "mem" }
func (a memAddr) String() string  { return string(a) }

// memListener is a net.Listener whose connections come from memDial.
type memListener struct {
	addr   memAddr
	conns  chan net.Conn
	closed chan struct{}
	once   sync.Once
}

// newMemListener listens on a new address of the in-memory network.
func newMemListener() *memListener {
	l := &memListener{
		addr:   memAddr(fmt.Sprintf("mirror-%d:80", memCount.Add(1))),
		conns:  make(chan net.Conn),
		closed: make(chan struct{}),
	}
	memListeners.Store(string(l.addr), l)
	return l
}

func (l *memListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.closed:
		return nil, net.ErrClosed
	}
}

func (l *memListener) Close() error {
	l.once.Do(func() {
		memListeners.Delete(string(l.addr))
		close(l.closed)
	})
	return nil
}

func (l *memListener) Addr() net.Addr { return l.addr }

// memDial connects to the memListener at addr.
func memDial(ctx context.Context, network, addr string) (net.Conn, error) {
	v, ok := memListeners.Load(addr)
	if !ok {
		return nil, &net.OpError{Op: "dial", Net: network, Err: errRefused}
	}
	l := v.(*memListener)
	client, server := net.Pipe()
	select {
	case l.conns <- server:
		return client, nil
	case <-l.closed:
		return nil, &net.OpError{Op: "dial", Net: network, Err: errRefused}
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// testClient is the HTTP client of the download tests: it reaches the
// in-memory network only.
var testClient = &http.Client{Transport: &http.Transport{DialContext: memDial}}

// newMemServer starts an HTTP server with handler h on the in-memory
// network. Its URL is "http://mirror-N:80".
func newMemServer(h http.Handler) *httptest.Server {
	s := &httptest.Server{Listener: newMemListener(), Config: &http.Server{Handler: h}}
	s.Start()
	return s
}
