package course

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"
)

// A copy must hold no line of a blanked region's code. Blanking removes
// it from the Go files; the docs may quote it too (a derivation naming the
// line that implements each equation), so in files that are not Go the
// quoted code is replaced by a pointer to the exercise.

// solutionLines returns the code lines of the regions in byFile, without
// indentation or comments, each mapped to its exercise, leaving out lines
// that also appear as code in the reference's Go files outside those
// regions (a closing brace, "return dx"): those stay in the copy anyway.
func solutionLines(root string, files []string, byFile map[string][]Region) (map[string]string, error) {
	common := map[string]bool{}
	solutions := map[string]string{}
	for _, p := range files {
		if !strings.HasSuffix(p, ".go") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(p)))
		if err != nil {
			return nil, err
		}
		for i, l := range strings.Split(string(b), "\n") {
			code := codeOf(l)
			if code == "" {
				continue
			}
			n := i + 1
			if k := slices.IndexFunc(byFile[p], func(r Region) bool { return r.Start < n && n < r.End }); k >= 0 {
				solutions[code] = byFile[p][k].Exercise
			} else {
				common[code] = true
			}
		}
	}
	for code := range common {
		delete(solutions, code)
	}
	return solutions, nil
}

// codeOf returns a line of Go without its indentation and its trailing
// comment: "" for a blank or comment line.
func codeOf(line string) string {
	if i := strings.Index(line, "//"); i >= 0 {
		line = line[:i]
	}
	return strings.TrimSpace(line)
}

// scrubText returns the text of a file that is not Go with every solution
// line in it replaced by "… (exercise NAME)". A file that is not UTF-8
// text (a picture) is returned as it is.
func scrubText(b []byte, solutions map[string]string) []byte {
	if len(solutions) == 0 || !utf8.Valid(b) || bytes.IndexByte(b, 0) >= 0 {
		return b
	}
	codes := make([]string, 0, len(solutions))
	for code := range solutions {
		codes = append(codes, code)
	}
	// Longest first, so that a line holding a shorter one goes whole.
	slices.SortFunc(codes, func(a, b string) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return strings.Compare(a, b)
	})
	s := string(b)
	for _, code := range codes {
		s = strings.ReplaceAll(s, code, "… (exercise "+solutions[code]+")")
	}
	return []byte(s)
}
