package mnist

import (
	"encoding/binary"
	"fmt"
	"io"
)

// WriteImages writes n images of rows×cols pixels to w as an uncompressed
// IDX images file (magic 0x00000803), the format ReadImages reads. pixels
// holds the images one after another, each row by row, so len(pixels) must
// be n·rows·cols. Every dimension must be at least 1, an image at most
// MaxImagePixels and the data at most MaxDataBytes, so that whatever
// WriteImages writes, ReadImages reads back.
func WriteImages(w io.Writer, pixels []byte, n, rows, cols int) error {
	dims := []int{n, rows, cols}
	if err := checkWriteDims(dims, len(pixels)); err != nil {
		return err
	}
	if rows*cols > MaxImagePixels {
		return fmt.Errorf("mnist: write: %w", imageSizeError(rows, cols))
	}
	return writeIDX(w, imagesMagic, dims, pixels)
}

// WriteLabels writes labels to w as an uncompressed IDX labels file (magic
// 0x00000801), the format ReadLabels reads. Every label must be a digit 0–9
// and there must be at least one.
func WriteLabels(w io.Writer, labels []uint8) error {
	dims := []int{len(labels)}
	if err := checkWriteDims(dims, len(labels)); err != nil {
		return err
	}
	for i, l := range labels {
		if l > 9 {
			return fmt.Errorf("mnist: WriteLabels: label %d at index %d is not a digit 0–9", l, i)
		}
	}
	return writeIDX(w, labelsMagic, dims, labels)
}

// checkWriteDims refuses dimensions that ReadImages or ReadLabels would
// refuse, and data whose length does not match them.
func checkWriteDims(dims []int, length int) error {
	for _, d := range dims {
		if d < 1 || int64(d) > 1<<32-1 {
			return fmt.Errorf("mnist: write: dimensions %s: each must be between 1 and 2³²−1", formatDims(dims))
		}
	}
	size, err := dataSize(dims)
	if err != nil {
		return fmt.Errorf("mnist: write: %w", err)
	}
	if size != length {
		return fmt.Errorf("mnist: write: dimensions %s need %d bytes, got %d", formatDims(dims), size, length)
	}
	return nil
}

// writeIDX writes the magic number, the dimensions and the data.
func writeIDX(w io.Writer, magic uint32, dims []int, data []byte) error {
	header := binary.BigEndian.AppendUint32(nil, magic)
	for _, d := range dims {
		header = binary.BigEndian.AppendUint32(header, uint32(d))
	}
	if _, err := w.Write(header); err != nil {
		return fmt.Errorf("mnist: writing IDX header: %w", err)
	}
	if _, err := w.Write(data); err != nil {
		return fmt.Errorf("mnist: writing IDX data: %w", err)
	}
	return nil
}
