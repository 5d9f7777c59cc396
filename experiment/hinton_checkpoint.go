package experiment

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"sort"
	"strings"

	"bottleneck/internal/atomicfile"
	"bottleneck/internal/filekind"
	"bottleneck/matrix"
)

// The checkpoint file of one starting point of the hinton run, written
// after every epoch. All integers are little-endian.
//
//	magic     "bottleneck-hinton-checkpoint\n"
//	version   uint32 (1)
//	header    uint32 length, then the JSON of checkpointHeader
//	blobs     uint32 count, then for each: uint32 name length, name,
//	          uint64 length, bytes (a matrix: uint32 rows, uint32 cols,
//	          rows·cols float64 values row after row)
//	checksum  the SHA-256 of every byte before it (32 bytes)
const (
	checkpointMagic   = "bottleneck-hinton-checkpoint\n"
	checkpointVersion = 1
)

// The errors of a checkpoint that cannot be resumed, for errors.Is.
var (
	// ErrCheckpointDamaged: the file is not a checkpoint, is cut short,
	// or its checksum does not match.
	ErrCheckpointDamaged = errors.New("damaged checkpoint")
	// ErrCheckpointOther: the checkpoint is of another network or another
	// starting point.
	ErrCheckpointOther = errors.New("checkpoint of another run")
	// ErrCheckpointUnfinished: a run without Resume would overwrite the
	// checkpoint of a starting point that has not finished.
	ErrCheckpointUnfinished = errors.New("holds an unfinished run")
	// ErrCheckpointSettings: the checkpoint was written by a run with other
	// settings; *SettingsChangedError says which.
	ErrCheckpointSettings = errors.New("settings differ from the checkpoint's")
)

// SettingsChangedError is the error for a resume whose settings differ
// from those the checkpoint was written with: Flag names the first that
// differs, as HintonSettings' JSON (and the command's flag) names it.
type SettingsChangedError struct {
	Path, Flag string
	Was, Now   string
	// Changes lists every setting that differs, Flag's first, so that
	// one message can name all that a resume must give.
	Changes []SettingChange
}

// SettingChange is one setting that differs between a checkpoint and a
// resumed run: its flag, and its values as a flag takes them.
type SettingChange struct {
	Flag, Was, Now string
}

// Error names the checkpoint, the flag and both values, and what to do.
func (e *SettingsChangedError) Error() string {
	return fmt.Sprintf("%s was written with -%s %s, not %s: resume with the same settings, or remove it (or give another -checkpoint folder) to start afresh", e.Path, e.Flag, e.Was, e.Now)
}

// Unwrap returns ErrCheckpointSettings.
func (e *SettingsChangedError) Unwrap() error { return ErrCheckpointSettings }

// CheckpointPath returns the file in dir that holds the checkpoint of the
// starting point start.
func CheckpointPath(dir, start string) string {
	return filepath.Join(dir, start+".ckpt")
}

// epochs returns the fine-tuning epochs of the settings h was written
// with, or -1 if they cannot be read (compareSettings then says so).
func (h checkpointHeader) epochs() int {
	var s struct {
		Epochs *int `json:"epochs"`
	}
	if json.Unmarshal(h.Settings, &s) != nil || s.Epochs == nil {
		return -1
	}
	return *s.Epochs
}

// checkpointHeader is the part of a checkpoint that is not a matrix.
type checkpointHeader struct {
	Start    string          `json:"start"`
	Shape    string          `json:"shape"`
	Settings json.RawMessage `json:"settings"` // the HintonSettings that define the run
	State    armProgress     `json:"state"`
}

// checkpoint is a checkpoint file's content.
type checkpoint struct {
	header checkpointHeader
	blobs  map[string][]byte
}

// putMatrix stores m under name.
func (c *checkpoint) putMatrix(name string, m *matrix.Dense) {
	var buf bytes.Buffer
	r, cols := m.Dims()
	binary.Write(&buf, binary.LittleEndian, [2]uint32{uint32(r), uint32(cols)})
	row := make([]byte, 8*cols)
	for i := 0; i < r; i++ {
		for j, v := range m.Row(i) {
			binary.LittleEndian.PutUint64(row[8*j:], math.Float64bits(v))
		}
		buf.Write(row)
	}
	c.blobs[name] = buf.Bytes()
}

// matrix returns the matrix stored under name, checked against the shape
// wanted.
func (c *checkpoint) matrix(name string, rows, cols int) (*matrix.Dense, error) {
	b, ok := c.blobs[name]
	if !ok || len(b) < 8 {
		return nil, fmt.Errorf("%w: no matrix %q", ErrCheckpointDamaged, name)
	}
	r, k := int(binary.LittleEndian.Uint32(b)), int(binary.LittleEndian.Uint32(b[4:]))
	if r != rows || k != cols || len(b) != 8+8*r*k {
		return nil, fmt.Errorf("%w: matrix %q is %d×%d in %d bytes, want %d×%d", ErrCheckpointOther, name, r, k, len(b), rows, cols)
	}
	m := matrix.New(r, k)
	for i := 0; i < r; i++ {
		row := m.Row(i)
		for j := range row {
			row[j] = math.Float64frombits(binary.LittleEndian.Uint64(b[8+8*(i*k+j):]))
		}
	}
	return m, nil
}

// marshal encodes c in the format above.
func (c *checkpoint) marshal() ([]byte, error) {
	head, err := json.Marshal(c.header)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.WriteString(checkpointMagic)
	le := binary.LittleEndian
	binary.Write(&buf, le, uint32(checkpointVersion))
	binary.Write(&buf, le, uint32(len(head)))
	buf.Write(head)
	names := make([]string, 0, len(c.blobs))
	for n := range c.blobs {
		names = append(names, n)
	}
	sort.Strings(names)
	binary.Write(&buf, le, uint32(len(names)))
	for _, n := range names {
		binary.Write(&buf, le, uint32(len(n)))
		buf.WriteString(n)
		binary.Write(&buf, le, uint64(len(c.blobs[n])))
		buf.Write(c.blobs[n])
	}
	sum := sha256.Sum256(buf.Bytes())
	buf.Write(sum[:])
	return buf.Bytes(), nil
}

// save writes c to path atomically: an interrupted write leaves the
// checkpoint that was there before.
func (c *checkpoint) save(path string) error {
	data, err := c.marshal()
	if err != nil {
		return err
	}
	if err := atomicfile.WriteFile(path, data); err != nil {
		return fmt.Errorf("experiment: writing checkpoint: %w", err)
	}
	return nil
}

// unmarshalCheckpoint decodes a checkpoint, checking its checksum first.
func unmarshalCheckpoint(data []byte) (*checkpoint, error) {
	damaged := func(what string) error { return fmt.Errorf("%w: %s", ErrCheckpointDamaged, what) }
	if len(data) < len(checkpointMagic)+8+sha256.Size || string(data[:len(checkpointMagic)]) != checkpointMagic {
		return nil, damaged("not a hinton checkpoint (no magic line)")
	}
	body, sum := data[:len(data)-sha256.Size], data[len(data)-sha256.Size:]
	if got := sha256.Sum256(body); !bytes.Equal(got[:], sum) {
		return nil, damaged("checksum mismatch (the file was changed or cut short)")
	}
	r := &byteReader{b: body[len(checkpointMagic):]}
	if v := r.uint32(); v != checkpointVersion {
		return nil, damaged(fmt.Sprintf("version %d, this program reads %d", v, checkpointVersion))
	}
	c := &checkpoint{blobs: map[string][]byte{}}
	if err := json.Unmarshal(r.bytes(uint64(r.uint32())), &c.header); err != nil && r.err == nil {
		return nil, damaged("header: " + err.Error())
	}
	for n := r.uint32(); n > 0 && r.err == nil; n-- {
		name := string(r.bytes(uint64(r.uint32())))
		c.blobs[name] = r.bytes(r.uint64())
	}
	if r.err != nil || len(r.b) != 0 {
		return nil, damaged("its contents do not add up")
	}
	return c, nil
}

// maxCheckpointSize bounds the checkpoint files loadCheckpoint reads: the
// paper's net with its optimizer state takes 68 MB, and CheckMemory keeps
// any net far below this.
const maxCheckpointSize = 1 << 33

// loadCheckpoint reads the checkpoint at path; a missing file is
// os.ErrNotExist, wrapped. Anything but a regular file (a named pipe would
// block for good, /dev/zero never end) and a file larger than any
// checkpoint are refused before they are read.
func loadCheckpoint(path string) (*checkpoint, error) {
	f, info, err := filekind.OpenRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info.Size() > maxCheckpointSize {
		return nil, fmt.Errorf("%s: %w: %d bytes, more than a checkpoint holds", path, ErrCheckpointDamaged, info.Size())
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, err
	}
	c, err := unmarshalCheckpoint(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return c, nil
}

// byteReader reads little-endian numbers and byte strings from b, noting
// the first read past its end in err.
type byteReader struct {
	b   []byte
	err error
}

func (r *byteReader) bytes(n uint64) []byte {
	if r.err != nil || n > uint64(len(r.b)) {
		r.err = ErrCheckpointDamaged
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *byteReader) uint32() uint32 {
	b := r.bytes(4)
	if b == nil {
		return 0
	}
	return binary.LittleEndian.Uint32(b)
}

func (r *byteReader) uint64() uint64 {
	b := r.bytes(8)
	if b == nil {
		return 0
	}
	return binary.LittleEndian.Uint64(b)
}

// compareSettings returns a *SettingsChangedError naming the first setting
// (in the order of the JSON's keys) whose value differs between was and
// now, both HintonSettings as JSON, or nil.
func compareSettings(path string, was, now json.RawMessage) error {
	var a, b map[string]json.RawMessage
	if json.Unmarshal(was, &a) != nil || json.Unmarshal(now, &b) != nil {
		return fmt.Errorf("%s: %w: its settings cannot be read", path, ErrCheckpointDamaged)
	}
	keys := make([]string, 0, len(b))
	for k := range b {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var changes []SettingChange
	for _, k := range keys {
		if !bytes.Equal(a[k], b[k]) {
			w := flagValue(a[k])
			if w == "" {
				w = "(none)"
			}
			changes = append(changes, SettingChange{Flag: k, Was: w, Now: flagValue(b[k])})
		}
	}
	if len(changes) == 0 {
		return nil
	}
	c := changes[0]
	return &SettingsChangedError{Path: path, Flag: c.Flag, Was: c.Was, Now: c.Now, Changes: changes}
}

// flagValue writes a setting's JSON value as its flag takes it: a list of
// layer sizes [784,30] as 784,30.
func flagValue(v json.RawMessage) string {
	return strings.TrimSuffix(strings.TrimPrefix(string(v), "["), "]")
}

// CheckpointSetting returns the value of the setting named flag (as the
// command's flag names it) that the checkpoint at path was written with,
// as the flag takes it.
func CheckpointSetting(path, flag string) (string, error) {
	c, err := loadCheckpoint(path)
	if err != nil {
		return "", err
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(c.header.Settings, &m) != nil {
		return "", fmt.Errorf("%s: %w: its settings cannot be read", path, ErrCheckpointDamaged)
	}
	return flagValue(m[flag]), nil
}
