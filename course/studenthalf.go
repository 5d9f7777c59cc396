package course

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strings"
)

// studentHalf returns the harness file src, named name, as it goes into a
// student's build: the body of every function of the want half (one named
// want, or ending in Want: what the results must be) replaced by a panic,
// on the same lines, and the imports that only those used made blank. The
// student's process needs only the calls (run); the checks are grade's.
// In the student's binary they would hand its code the answers: with the
// seed, which it can read before the harness does, a want function found
// in its own binary (go:linkname, or runtime.FuncForPC and unsafe) draws
// the same inputs and holds every wanted number, which its checks' failure
// messages print.
func studentHalf(name string, src []byte) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
	if err != nil {
		return nil, fmt.Errorf("course: the harness's %s: %w", name, err)
	}
	type edit struct {
		from, to int
		text     string
	}
	var edits []edit
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Body == nil || (fd.Name.Name != "want" && !strings.HasSuffix(fd.Name.Name, "Want")) {
			continue
		}
		from, to := fset.Position(fd.Body.Lbrace).Offset+1, fset.Position(fd.Body.Rbrace).Offset
		lines := strings.Count(string(src[from:to]), "\n")
		edits = append(edits, edit{from, to, ` panic("probe: the checks are grade's, not in the student's build")` + strings.Repeat("\n", lines)})
	}
	// What the rest of the file still names.
	used := map[string]bool{}
	kept := func(off int) bool {
		for _, e := range edits {
			if off >= e.from && off < e.to {
				return false
			}
		}
		return true
	}
	ast.Inspect(f, func(n ast.Node) bool {
		if se, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := se.X.(*ast.Ident); ok && kept(fset.Position(id.Pos()).Offset) {
				used[id.Name] = true
			}
		}
		return true
	})
	for _, is := range f.Imports {
		local := importName(is)
		if local != "_" && local != "." && !used[local] {
			at := fset.Position(is.Pos()).Offset
			end := fset.Position(is.Path.Pos()).Offset
			edits = append(edits, edit{at, end, "_ "})
		}
	}
	// Apply from the end, so that the offsets before stay right.
	slices.SortFunc(edits, func(a, b edit) int { return a.from - b.from })
	out := slices.Clone(src)
	for i := len(edits) - 1; i >= 0; i-- {
		e := edits[i]
		out = slices.Concat(out[:e.from], []byte(e.text), out[e.to:])
	}
	return out, nil
}
