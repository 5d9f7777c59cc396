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
	"os"

	"bottleneck/internal/atomicfile"
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

// Load reads a model written by Save.
func Load(path string) (*Autoencoder, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("autoencoder: load: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("autoencoder: load %s: %w", path, err)
	}
	ae, err := Unmarshal(data)
	if err != nil {
		return nil, fmt.Errorf("autoencoder: load %s: %w", path, err)
	}
	return ae, nil
}

// Unmarshal decodes a model in the model file format. Its errors say which
// check failed: not a model file, an unknown version, a truncated file, a
// checksum mismatch, or content that does not fit its configuration.
func Unmarshal(data []byte) (*Autoencoder, error) {
	if len(data) > maxFileSize {
		return nil, errors.New("file too large for a model")
	}
	if len(data) == 0 {
		return nil, errors.New("empty file: not a bottleneck model file")
	}
	if !bytes.HasPrefix(data, []byte(fileMagic)) {
		if len(data) < len(fileMagic) && bytes.HasPrefix([]byte(fileMagic), data) {
			return nil, fmt.Errorf("truncated file: %d bytes, shorter than the header", len(data))
		}
		return nil, errors.New("not a bottleneck model file (wrong magic string)")
	}
	const headerSize = len(fileMagic) + 4 + 8
	if len(data) < headerSize {
		return nil, fmt.Errorf("truncated file: %d bytes, shorter than the %d-byte header", len(data), headerSize)
	}
	r := &reader{data: data[len(fileMagic):]}
	if v := r.uint32(); v != fileVersion {
		return nil, fmt.Errorf("unsupported format version %d (this program reads version %d)", v, fileVersion)
	}
	if size := r.uint64(); size > uint64(len(data)) {
		return nil, fmt.Errorf("truncated file: %d bytes of the %d the header announces", len(data), size)
	} else if size < uint64(len(data)) {
		return nil, fmt.Errorf("%d unexpected bytes after the end of the model", uint64(len(data))-size)
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
	if weights := weightCount(cfg); weights > uint64(len(data))/8 {
		return nil, fmt.Errorf("configuration %s needs %d weights, more than the file holds", cfg.Shape(), weights)
	}
	ae, err := New(cfg, rand.New(rand.NewPCG(0, 0)))
	if err != nil {
		return nil, err
	}
	if n := r.uint32(); r.err == nil && n != len(ae.params) {
		return nil, fmt.Errorf("%d parameters, but configuration %s has %d", n, cfg.Shape(), len(ae.params))
	}
	for _, p := range ae.params {
		name := string(r.bytes(r.uint32()))
		rows, cols := r.uint32(), r.uint32()
		if r.err != nil {
			return nil, r.err
		}
		wr, wc := p.Value.Dims()
		if name != p.Name || rows != wr || cols != wc {
			return nil, fmt.Errorf("parameter %q %d×%d, want %q %d×%d", name, rows, cols, p.Name, wr, wc)
		}
		for i := 0; i < rows; i++ {
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
		return nil, fmt.Errorf("%d unexpected bytes after the parameters", len(r.data))
	}
	return ae, nil
}

// weightCount returns how many numbers the network of cfg holds, to refuse
// a configuration that claims more than the file can contain before
// allocating it.
func weightCount(cfg Config) uint64 {
	var n uint64
	for i := 0; i+1 < len(cfg.Layers); i++ {
		a, b := uint64(cfg.Layers[i]), uint64(cfg.Layers[i+1])
		n += a*b + a + b
		if !cfg.Tied {
			n += a * b
		}
	}
	return n
}

// reader reads little-endian numbers from a byte slice and remembers the
// first error: running out of data.
type reader struct {
	data []byte
	err  error
}

func (r *reader) bytes(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n > len(r.data) {
		r.err = errors.New("malformed content: a length points past the end of the parameters")
		return nil
	}
	b := r.data[:n]
	r.data = r.data[n:]
	return b
}

func (r *reader) uint32() int {
	b := r.bytes(4)
	if b == nil {
		return 0
	}
	return int(binary.LittleEndian.Uint32(b))
}

func (r *reader) uint64() uint64 {
	b := r.bytes(8)
	if b == nil {
		return 0
	}
	return binary.LittleEndian.Uint64(b)
}
