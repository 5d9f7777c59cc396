package autoencoder

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"math/rand/v2"

	"bottleneck/internal/atomicfile"
	"bottleneck/internal/filekind"
	"bottleneck/internal/quote"
)

// The model file format, version 1. All integers are little-endian.
//
//	magic    "bottleneck-autoencoder\n" (23 bytes)
//	version  uint32 (1)
//	size     uint64, the length of the whole file in bytes
//	config   uint32 length, then the Config as JSON
//	params   uint32 count, then for each parameter in Params() order:
//	         uint32 name length, name, uint32 rows, uint32 cols,
//	         rows·cols float64 values, row after row
//	checksum uint32 CRC-32 (IEEE) of every byte before it
const (
	fileMagic   = "bottleneck-autoencoder\n"
	fileVersion = 1
	// maxFileSize bounds what Load reads: 1<<31 bytes holds 268 million
	// weights, far more than any network here.
	maxFileSize = 1 << 31
)

// Save writes ae to path in the format above. It writes a temporary file
// and renames it, so a failure never leaves a broken model at path.
func Save(path string, ae *Autoencoder) error {
	data, err := ae.MarshalBinary()
	if err != nil {
		return err
	}
	if err := atomicfile.WriteFile(path, data); err != nil {
		return fmt.Errorf("autoencoder: save: %w", err)
	}
	return nil
}

// MarshalBinary encodes ae in the model file format.
func (ae *Autoencoder) MarshalBinary() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(fileMagic)
	putUint32(&buf, fileVersion)
	sizeAt := buf.Len()
	binary.Write(&buf, binary.LittleEndian, uint64(0)) // filled in below
	cfg, err := json.Marshal(ae.Config)
	if err != nil {
		return nil, fmt.Errorf("autoencoder: save: %w", err)
	}
	putUint32(&buf, len(cfg))
	buf.Write(cfg)
	putUint32(&buf, len(ae.params))
	for _, p := range ae.params {
		putUint32(&buf, len(p.Name))
		buf.WriteString(p.Name)
		r, c := p.Value.Dims()
		putUint32(&buf, r)
		putUint32(&buf, c)
		for i := 0; i < r; i++ {
			for _, v := range p.Value.Row(i) {
				binary.Write(&buf, binary.LittleEndian, math.Float64bits(v))
			}
		}
	}
	binary.LittleEndian.PutUint64(buf.Bytes()[sizeAt:], uint64(buf.Len()+4))
	putUint32(&buf, int(crc32.ChecksumIEEE(buf.Bytes())))
	return buf.Bytes(), nil
}

func putUint32(buf *bytes.Buffer, v int) {
	binary.Write(buf, binary.LittleEndian, uint32(v))
}

// Load reads a model written by Save. It refuses anything that is not a
// regular file before opening it (a named pipe would block, a device never
// end), a file larger than any model, and a file that does not start with
// the magic string, before reading the rest; it reads no more than the
// file's length, and allocates the network only once the file's length is
// known to match what its configuration needs.
func Load(path string) (*Autoencoder, error) {
	f, info, err := filekind.OpenRegular(path)
	if err != nil {
		return nil, fmt.Errorf("autoencoder: load: %w", err)
	}
	defer f.Close()
	fail := func(err error) (*Autoencoder, error) {
		return nil, fmt.Errorf("autoencoder: load %s: %w", path, err)
	}
	size := info.Size()
	if size > maxFileSize {
		return fail(fmt.Errorf("%d bytes, more than a model file holds (at most %d)", size, int64(maxFileSize)))
	}
	data := make([]byte, min(size, int64(len(fileMagic))))
	if _, err := io.ReadFull(f, data); err != nil {
		return fail(err)
	}
	if err := checkMagic(data); err != nil {
		return fail(err)
	}
	data = append(data, make([]byte, size-int64(len(data)))...)
	if _, err := io.ReadFull(f, data[len(fileMagic):]); err != nil {
		return fail(fmt.Errorf("the file changed while it was read: %w", err))
	}
	ae, err := Unmarshal(data)
	if err != nil {
		return fail(err)
	}
	return ae, nil
}

// checkMagic returns an error unless data starts with the magic string, or
// is a beginning of it (then the file is truncated).
func checkMagic(data []byte) error {
	if len(data) == 0 {
		return errors.New("empty file: not a bottleneck model file")
	}
	if bytes.HasPrefix(data, []byte(fileMagic)) {
		return nil
	}
	if len(data) < len(fileMagic) && bytes.HasPrefix([]byte(fileMagic), data) {
		return fmt.Errorf("truncated file: %d bytes, shorter than the header", len(data))
	}
	return errors.New("not a bottleneck model file (wrong magic string)")
}

// Sizes in the file format, in bytes.
const (
	headerSize = len(fileMagic) + 4 + 8 // magic, version, size
	sizeAt     = len(fileMagic) + 4     // where the size field is
	uint32Size = 4
	floatSize  = 8
)

// Unmarshal decodes a model in the model file format. Its errors say which
// check failed: not a model file, an unknown version, a truncated file, a
// damaged size field, a checksum mismatch, or content that does not fit its
// configuration. Before allocating the network it checks, with arithmetic
// that cannot overflow, that the data's length is exactly what the
// configuration needs.
func Unmarshal(data []byte) (*Autoencoder, error) {
	if int64(len(data)) > maxFileSize {
		return nil, errors.New("file too large for a model")
	}
	if err := checkMagic(data); err != nil {
		return nil, err
	}
	if len(data) < headerSize+uint32Size {
		return nil, fmt.Errorf("truncated file: %d bytes, shorter than the %d-byte header and checksum", len(data), headerSize+uint32Size)
	}
	r := &reader{data: data[len(fileMagic):]}
	if v := r.uint32(); v != fileVersion {
		return nil, fmt.Errorf("unsupported format version %d (this program reads version %d)", v, fileVersion)
	}
	if err := checkSize(data, r.uint64()); err != nil {
		return nil, err
	}
	body, sum := data[:len(data)-4], binary.LittleEndian.Uint32(data[len(data)-4:])
	if crc32.ChecksumIEEE(body) != sum {
		return nil, errors.New("checksum mismatch: the file is corrupt")
	}
	r.data = r.data[:len(r.data)-4] // the checksum is not content

	var cfg Config
	cfgJSON := r.bytes(r.uint32())
	if r.err != nil {
		return nil, r.err
	}
	if err := json.Unmarshal(cfgJSON, &cfg); err != nil {
		return nil, fmt.Errorf("bad configuration: %w", withoutPrefix(err))
	}
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("bad configuration: %w", withoutPrefix(err))
	}
	// The parameters must fill the rest exactly: their count, then each
	// one's name, shape and values.
	need, ok := paramBytes(cfg, uint64(len(r.data)))
	if !ok {
		return nil, fmt.Errorf("configuration %s needs more bytes of parameters than the file holds (%d)", cfg.Shape(), len(r.data))
	}
	if need != uint64(len(r.data)) {
		return nil, fmt.Errorf("configuration %s needs %d bytes of parameters, the file holds %d", cfg.Shape(), need, len(r.data))
	}
	ae, err := New(cfg, rand.New(rand.NewPCG(0, 0)))
	if err != nil {
		return nil, err
	}
	if n := r.uint32(); n != uint64(len(ae.params)) {
		return nil, fmt.Errorf("%d parameters, but configuration %s has %d", n, cfg.Shape(), len(ae.params))
	}
	for _, p := range ae.params {
		name := string(r.bytes(r.uint32()))
		rows, cols := r.uint32(), r.uint32()
		if r.err != nil {
			return nil, r.err
		}
		wr, wc := p.Value.Dims()
		if name != p.Name || rows != uint64(wr) || cols != uint64(wc) {
			return nil, fmt.Errorf("parameter %q %d×%d, want %q %d×%d", quote.Brief(name), rows, cols, p.Name, wr, wc)
		}
		for i := 0; i < wr; i++ {
			row := p.Value.Row(i)
			for j := range row {
				row[j] = math.Float64frombits(r.uint64())
				if r.err == nil && (math.IsNaN(row[j]) || math.IsInf(row[j], 0)) {
					return nil, fmt.Errorf("parameter %s holds %v at (%d, %d): a model with non-finite weights is useless", p.Name, row[j], i, j)
				}
			}
		}
		if r.err != nil {
			return nil, r.err
		}
	}
	if len(r.data) != 0 {
		return nil, fmt.Errorf("%s after the parameters", unexpectedBytes(len(r.data)))
	}
	return ae, nil
}

// checkSize compares the size field of data with its real length and, when
// they differ, uses the checksum to tell what is wrong: a damaged size
// field (the rest checks out once the field says the real length), bytes
// appended after a whole model, a truncated file, or a corrupt one.
func checkSize(data []byte, size uint64) error {
	n := uint64(len(data))
	if size == n {
		return nil
	}
	sum := binary.LittleEndian.Uint32(data[n-4:])
	fixed := append([]byte(nil), data[:n-4]...)
	binary.LittleEndian.PutUint64(fixed[sizeAt:], n)
	switch {
	case crc32.ChecksumIEEE(fixed) == sum:
		return fmt.Errorf("damaged size field: it says %d bytes, the file has %d and is otherwise intact", size, n)
	case size < n && size >= uint64(headerSize+uint32Size) &&
		crc32.ChecksumIEEE(data[:size-4]) == binary.LittleEndian.Uint32(data[size-4:size]):
		return fmt.Errorf("%s after the end of the model", unexpectedBytes(int(n-size)))
	case size > n:
		return fmt.Errorf("truncated file: %d bytes of the %d the header announces", n, size)
	}
	return fmt.Errorf("checksum mismatch: the file is corrupt (its size field says %d bytes, it has %d)", size, n)
}

// unexpectedBytes says "1 unexpected byte" or "n unexpected bytes".
func unexpectedBytes(n int) string {
	if n == 1 {
		return "1 unexpected byte"
	}
	return fmt.Sprintf("%d unexpected bytes", n)
}

// paramBytes returns the number of bytes the parameters of the network cfg
// describes take in the file (the count, then each parameter's name, shape
// and values), as Params names and shapes them. The sum stops, with ok
// false, as soon as it passes limit, so that it cannot overflow whatever
// the configuration claims.
func paramBytes(cfg Config, limit uint64) (n uint64, ok bool) {
	n = uint32Size
	add := func(name string, rows, cols int) bool {
		// rows, cols ≤ 1<<24 (Validate), so one term is below 2⁵², and n
		// is at most limit ≤ 2³¹ before it is added: no overflow.
		n += uint64(uint32Size+len(name)+2*uint32Size) + floatSize*uint64(rows)*uint64(cols)
		return n <= limit
	}
	depth := len(cfg.Layers) - 1
	for k := 1; k <= depth; k++ { // encoder: Wk is in×out, bk 1×out
		in, out := cfg.Layers[k-1], cfg.Layers[k]
		if !add(fmt.Sprint("W", k), in, out) || !add(fmt.Sprint("b", k), 1, out) {
			return n, false
		}
	}
	for k := depth; k >= 1; k-- { // decoder: Wk′ is out×in (tied: shared), bk′ 1×in
		in, out := cfg.Layers[k-1], cfg.Layers[k]
		if !cfg.Tied && !add(fmt.Sprint("W", k, "′"), out, in) {
			return n, false
		}
		if !add(fmt.Sprint("b", k, "′"), 1, in) {
			return n, false
		}
	}
	return n, true
}

// reader reads little-endian numbers from a byte slice and remembers the
// first error: running out of data.
type reader struct {
	data []byte
	err  error
}

func (r *reader) bytes(n uint64) []byte {
	if r.err != nil {
		return nil
	}
	if n > uint64(len(r.data)) {
		r.err = errors.New("malformed content: a length points past the end of the parameters")
		return nil
	}
	b := r.data[:n]
	r.data = r.data[n:]
	return b
}

func (r *reader) uint32() uint64 {
	b := r.bytes(4)
	if b == nil {
		return 0
	}
	return uint64(binary.LittleEndian.Uint32(b))
}

func (r *reader) uint64() uint64 {
	b := r.bytes(8)
	if b == nil {
		return 0
	}
	return binary.LittleEndian.Uint64(b)
}
