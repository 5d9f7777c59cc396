package mnist

import (
	"fmt"
	"io"
)

// progressLine shows the progress of one download as a single line that is
// redrawn with a carriage return, at most once per percent. A nil
// progressLine, or one with a nil writer, shows nothing.
type progressLine struct {
	w     io.Writer
	name  string
	total int64
	shown int // last percentage shown, -1 before the first
}

// newProgressLine returns a progress line for name, or nil if w is nil.
func newProgressLine(w io.Writer, name string, total int64) *progressLine {
	if w == nil {
		return nil
	}
	return &progressLine{w: w, name: name, total: total, shown: -1}
}

// update shows that done bytes have arrived.
func (p *progressLine) update(done int64) {
	if p == nil || p.total <= 0 {
		return
	}
	percent := int(min(done, p.total) * 100 / p.total)
	if percent == p.shown {
		return
	}
	p.shown = percent
	unit, size := "MB", 1e6
	if p.total < 1e6 {
		unit, size = "kB", 1e3
	}
	fmt.Fprintf(p.w, "\r%s  %.1f / %.1f %s  %3d%%", p.name, float64(done)/size, float64(p.total)/size, unit, percent)
}

// end finishes the line, so that whatever is printed next starts on a new
// one.
func (p *progressLine) end() {
	if p == nil || p.shown < 0 {
		return
	}
	fmt.Fprintln(p.w)
}
