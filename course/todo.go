package course

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// A Blank is a region of a copy that still holds the panic Assign put
// there: work left to do.
type Blank struct {
	Exercise string
	File     string // slash-separated path from the module root
	Line     int    // the line of the panic, from 1
	// Points is what the exercise is worth, by the graders' table, on the
	// exercise's first blank region; 0 on the others.
	Points int
	Hint   string // the exercise's hint for this region
}

// Todo returns the blank regions of the copy (or any module) at dir, in
// the order of the exercises and their regions: a student's list of what
// is left to do.
func Todo(dir string) ([]Blank, error) {
	exercises, err := FindExercises(dir)
	if err != nil {
		return nil, err
	}
	var out []Blank
	lines := map[string][]string{} // file → its lines, read once
	for _, e := range exercises {
		first := true
		for _, r := range e.Regions {
			if lines[r.File] == nil {
				b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(r.File)))
				if err != nil {
					return nil, fmt.Errorf("course: %w", err)
				}
				lines[r.File] = strings.Split(string(b), "\n")
			}
			stub := "panic(" + strconv.Quote(NotImplemented(r.Exercise)) + ")"
			for i := r.Start; i < r.End-1; i++ { // lines Start+1 to End−1
				if strings.TrimSpace(lines[r.File][i]) != stub {
					continue
				}
				b := Blank{Exercise: e.Name, File: r.File, Line: i + 1, Hint: r.Hint}
				if hint, ok := strings.CutPrefix(strings.TrimSpace(lines[r.File][r.Start]), "// TODO: "); ok {
					b.Hint = hint // a copy's mark has no hint: it is on the line after
				}
				if first {
					if g, ok := graderFor(e.Name); ok {
						b.Points = g.Points
					}
					first = false
				}
				out = append(out, b)
				break
			}
		}
	}
	return out, nil
}
