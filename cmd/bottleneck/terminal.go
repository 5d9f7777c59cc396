package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// isTerminal reports whether w is a terminal, where a progress line that
// redraws itself makes sense (train's bar, fetch's download); in a file, a
// pipe or a test it would only be noise.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// progressBar draws a one-line bar that rewrites itself with \r, at most
// ten times a second.
type progressBar struct {
	w    io.Writer
	last time.Time
}

func (p *progressBar) draw(done, total int, text string) {
	if time.Since(p.last) < 100*time.Millisecond && done < total {
		return
	}
	p.last = time.Now()
	const width = 30
	filled := width * done / max(total, 1)
	fmt.Fprintf(p.w, "\r[%s%s] %3d%% %s\033[K", strings.Repeat("=", filled), strings.Repeat(" ", width-filled), 100*done/max(total, 1), text)
}

// clear removes the bar, so that the next line starts clean.
func (p *progressBar) clear() {
	fmt.Fprint(p.w, "\r\033[K")
}
