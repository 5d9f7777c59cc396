package course

import (
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// NotImplemented returns the message of the panic that stands for the code
// of exercise name in a student copy.
func NotImplemented(name string) string {
	return "exercise " + name + ": not implemented"
}

// blankedExercises returns the exercises of which some region, in the
// module at root, holds the panic that blankFile puts in a copy, and where
// the first such region starts ("nn/linear.go:40"): a module with one is a
// student copy, whatever its files say.
func blankedExercises(root string, exercises []Exercise) ([]string, string, error) {
	var names []string
	var first string
	lines := map[string][]string{} // file → its lines, read once
	for _, e := range exercises {
		for _, r := range e.Regions {
			if lines[r.File] == nil {
				b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(r.File)))
				if err != nil {
					return nil, "", fmt.Errorf("course: %w", err)
				}
				lines[r.File] = strings.Split(string(b), "\n")
			}
			stub := "panic(" + strconv.Quote(NotImplemented(r.Exercise)) + ")"
			code := lines[r.File][r.Start : r.End-1] // lines Start+1 to End−1
			if !slices.ContainsFunc(code, func(l string) bool { return strings.TrimSpace(l) == stub }) {
				continue
			}
			if !slices.Contains(names, e.Name) {
				names = append(names, e.Name)
			}
			if first == "" {
				first = fmt.Sprintf("%s:%d", r.File, r.Start)
			}
		}
	}
	return names, first, nil
}

// blankFile returns the Go source src of one file (path from the module
// root) with the given regions blanked, each replaced by
//
//	// exercise NAME (N points)
//	// TODO: the hint
//	_ = x // (only if x was read by the removed code alone)
//	panic("exercise NAME: not implemented")
//	// end exercise NAME
//
// Imports that only the removed code used are left out, with a line saying
// so in the regions that used them. The result is gofmt-formatted.
func blankFile(path string, src []byte, regions []Region) ([]byte, error) {
	if len(regions) == 0 {
		return src, nil
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, src, parser.SkipObjectResolution)
	if err != nil {
		return nil, fmt.Errorf("course: %w", err)
	}
	line := func(p token.Pos) int { return fset.Position(p).Line }
	removed := func(n ast.Node) bool { // is n inside a region being blanked?
		for _, r := range regions {
			if r.Start < line(n.Pos()) && line(n.End()) < r.End {
				return true
			}
		}
		return false
	}

	keep := make([][]string, len(regions)) // per region: variables to keep used
	for i, r := range regions {
		scope, err := findScope(fset, f, r)
		if err != nil {
			return nil, err
		}
		reads := readNames(scope.fn, removed)
		for _, name := range scope.declared {
			if reads[name] == 0 && !slices.Contains(keep[i], name) {
				keep[i] = append(keep[i], name)
			}
		}
	}

	used := packagesUsed(f, removed)
	dropLine := map[int]bool{} // lines of import specs to leave out
	for _, spec := range f.Imports {
		name := importName(spec)
		if name == "_" || name == "." || used[name] {
			continue
		}
		first, last := line(spec.Pos()), line(spec.End())
		if first != last || !importAlone(f, spec, fset) {
			return nil, fmt.Errorf("course: %s:%d: cannot leave out import %s, which shares its line; put it on a line of its own", path, first, spec.Path.Value)
		}
		dropLine[first] = true
	}

	// notes[i]: the left-out imports that region i's removed code used.
	notes := make([][]string, len(regions))
	for i, r := range regions {
		inside := packagesUsed(f, func(n ast.Node) bool { return line(n.End()) <= r.Start || line(n.Pos()) >= r.End })
		for _, spec := range f.Imports {
			if dropLine[line(spec.Pos())] && inside[importName(spec)] {
				notes[i] = append(notes[i], spec.Path.Value)
			}
		}
	}

	lines := strings.Split(string(src), "\n")
	var out []string
	next := 0 // the next region, in order of lines
	for i := 0; i < len(lines); i++ {
		n := i + 1
		if next < len(regions) && n == regions[next].Start {
			r := regions[next]
			out = append(out, blankedRegion(r, keep[next], notes[next])...)
			i = r.End - 1 // skip to the end mark, which is kept
			out = append(out, lines[i])
			next++
			continue
		}
		if dropLine[n] {
			continue
		}
		out = append(out, lines[i])
	}
	formatted, err := format.Source([]byte(strings.Join(out, "\n")))
	if err != nil {
		return nil, fmt.Errorf("course: %s: the blanked file does not parse: %w", path, err)
	}
	return formatted, nil
}

// blankedRegion returns the lines that stand for region r in a copy, up to
// and without its end mark: keep are the variables to keep used, dropped
// the imports left out that the region's code used.
func blankedRegion(r Region, keep []string, dropped []string) []string {
	in := r.Indent
	var out []string
	if r.Continued() {
		out = append(out, in+"// exercise "+r.Exercise+" (continued)")
	} else {
		out = append(out, in+"// exercise "+r.Exercise+" ("+pointsText(r.Points)+")")
	}
	if r.Hint != "" {
		out = append(out, in+"// TODO: "+r.Hint)
	}
	if len(dropped) > 0 {
		out = append(out, in+"// This copy leaves out the import of "+strings.Join(dropped, " and ")+", which only the removed code used.")
	}
	if len(keep) > 0 {
		blanks := strings.Repeat("_, ", len(keep)-1) + "_"
		out = append(out, in+blanks+" = "+strings.Join(keep, ", ")+" // declared above for your code; delete this line")
	}
	out = append(out, in+"panic("+strconv.Quote(NotImplemented(r.Exercise))+")")
	return out
}

// pointsText returns "1 point" or "n points".
func pointsText(n int) string {
	if n == 1 {
		return "1 point"
	}
	return strconv.Itoa(n) + " points"
}

// majorVersion matches the last element of an import path such as
// "math/rand/v2", which is not the package's name.
var majorVersion = regexp.MustCompile(`^v[0-9]+$`)

// importName returns the name a file refers to an imported package by: its
// explicit name, or the last element of its path that is not a major
// version.
func importName(spec *ast.ImportSpec) string {
	if spec.Name != nil {
		return spec.Name.Name
	}
	path, _ := strconv.Unquote(spec.Path.Value)
	parts := strings.Split(path, "/")
	name := parts[len(parts)-1]
	if len(parts) > 1 && majorVersion.MatchString(name) {
		name = parts[len(parts)-2]
	}
	return name
}

// importAlone reports whether spec is alone on its line, either in a
// parenthesised import block or as a one-line import declaration, so that
// leaving out its line leaves valid Go.
func importAlone(f *ast.File, spec *ast.ImportSpec, fset *token.FileSet) bool {
	line := func(p token.Pos) int { return fset.Position(p).Line }
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.IMPORT || !slices.Contains(g.Specs, ast.Spec(spec)) {
			continue
		}
		if !g.Lparen.IsValid() {
			return line(g.Pos()) == line(g.End())
		}
		for _, other := range g.Specs {
			if other != spec && line(other.Pos()) == line(spec.Pos()) {
				return false
			}
		}
		return line(g.Lparen) != line(spec.Pos()) && line(g.Rparen) != line(spec.Pos())
	}
	return false
}
