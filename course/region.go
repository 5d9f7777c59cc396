package course

import (
	"go/ast"
	"go/token"
	"slices"
)

// A region is blanked by replacing its statements with a panic. For the
// copy to compile and pass go vet, the region must be whole statements of
// one block and run to the end of that block (nothing may follow a panic),
// and the variables that only the removed statements read must still be
// used somewhere. This file finds both from the syntax tree.

// regionScope is where a region sits in its file.
type regionScope struct {
	fn ast.Node // the outermost function declaration around the region
	// declared lists, in order, the variables declared before the region
	// in the blocks around it (and in the headers of the statements
	// around it, such as a range loop's key and value): the ones the
	// region's code can see.
	declared []string
}

// findScope checks the shape of region r in the parsed file f and returns
// its scope, or a *MarkError wrapping ErrRegionShape.
func findScope(fset *token.FileSet, f *ast.File, r Region) (*regionScope, error) {
	line := func(p token.Pos) int { return fset.Position(p).Line }
	fail := func(format string, a ...any) error {
		return markErrorf(r.File, r.Start, r.Exercise, ErrRegionShape, format, a...)
	}
	// path: the nodes from the file down to the innermost block holding
	// both marks strictly between its braces.
	var stack, path []ast.Node
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		if line(n.Pos()) > r.Start || line(n.End()) < r.End {
			return false // cannot hold both marks; not pushed, so no pop
		}
		stack = append(stack, n)
		if b, ok := n.(*ast.BlockStmt); ok && line(b.Lbrace) < r.Start && r.End < line(b.Rbrace) {
			path = slices.Clone(stack)
		}
		return true
	})
	if path == nil {
		return nil, fail("the marks are not inside a function body")
	}
	scope := &regionScope{}
	for _, n := range path {
		if _, ok := n.(*ast.FuncDecl); ok {
			scope.fn = n
			break
		}
		if _, ok := n.(*ast.FuncLit); ok && scope.fn == nil {
			scope.fn = n
		}
	}
	if scope.fn == nil {
		return nil, fail("the marks are not inside a function body")
	}
	block := path[len(path)-1].(*ast.BlockStmt)
	for _, s := range block.List {
		first, last := line(s.Pos()), line(s.End())
		switch {
		case first <= r.Start && r.Start <= last:
			return nil, fail("the start mark is inside a statement (lines %d–%d); put both marks between whole statements of one block", first, last)
		case first <= r.End && r.End <= last:
			return nil, fail("the end mark (line %d) is inside a statement (lines %d–%d); put both marks between whole statements of one block", r.End, first, last)
		case first > r.End:
			return nil, fail("a statement follows the end mark (line %d) in its block: a region must run to the end of its block, since the copy puts a panic there and nothing may follow a panic", first)
		}
	}
	// Variables declared before the region in the blocks around it, and
	// in the headers of the statements around it.
	for i, n := range path {
		var next ast.Node // the child of n on the way to the region
		if i+1 < len(path) {
			next = path[i+1]
		}
		var list []ast.Stmt
		switch n := n.(type) {
		case *ast.BlockStmt:
			list = n.List
		case *ast.CaseClause:
			list = n.Body
		case *ast.CommClause:
			list = n.Body
		case *ast.ForStmt:
			scope.declared = append(scope.declared, defined(n.Init)...)
		case *ast.IfStmt:
			scope.declared = append(scope.declared, defined(n.Init)...)
		case *ast.SwitchStmt:
			scope.declared = append(scope.declared, defined(n.Init)...)
		case *ast.TypeSwitchStmt:
			scope.declared = append(scope.declared, defined(n.Init)...)
			scope.declared = append(scope.declared, defined(n.Assign)...)
		case *ast.RangeStmt:
			if n.Tok == token.DEFINE {
				scope.declared = append(scope.declared, identNames(n.Key, n.Value)...)
			}
		}
		for _, s := range list {
			if next != nil && s == next || line(s.Pos()) > r.Start {
				break
			}
			scope.declared = append(scope.declared, defined(s)...)
		}
	}
	return scope, nil
}

// defined returns the names of the variables a statement declares at its
// own level: x and y in "x, y := f()" and "var x, y int".
func defined(s ast.Stmt) []string {
	switch s := s.(type) {
	case *ast.AssignStmt:
		if s.Tok == token.DEFINE {
			return identNames(s.Lhs...)
		}
	case *ast.DeclStmt:
		var names []string
		if g, ok := s.Decl.(*ast.GenDecl); ok && g.Tok == token.VAR {
			for _, spec := range g.Specs {
				for _, id := range spec.(*ast.ValueSpec).Names {
					names = append(names, id.Name)
				}
			}
		}
		return names
	}
	return nil
}

// identNames returns the names of the expressions that are plain
// identifiers other than _.
func identNames(es ...ast.Expr) []string {
	var names []string
	for _, e := range es {
		if id, ok := e.(*ast.Ident); ok && id.Name != "_" {
			names = append(names, id.Name)
		}
	}
	return names
}

// readNames counts, by name, the identifiers that are read in n, leaving
// out the subtrees for which skip is true. An identifier counts as read
// unless it is being declared or assigned to, is the name after a dot, a
// key in a composite literal, or a label. The rules err on the side of "not
// read": a variable wrongly thought unread only costs a harmless "_ = x".
func readNames(n ast.Node, skip func(ast.Node) bool) map[string]int {
	reads := map[string]int{}
	notRead := map[*ast.Ident]bool{}
	mark := func(es ...ast.Expr) {
		for _, e := range es {
			if id, ok := e.(*ast.Ident); ok {
				notRead[id] = true
			}
		}
	}
	ast.Inspect(n, func(n ast.Node) bool {
		if n == nil || skip(n) {
			return false
		}
		switch n := n.(type) {
		case *ast.AssignStmt:
			mark(n.Lhs...)
		case *ast.IncDecStmt:
			mark(n.X)
		case *ast.RangeStmt:
			mark(n.Key, n.Value)
		case *ast.SelectorExpr:
			mark(n.Sel)
		case *ast.KeyValueExpr:
			mark(n.Key)
		case *ast.ValueSpec:
			for _, id := range n.Names {
				notRead[id] = true
			}
		case *ast.Field:
			for _, id := range n.Names {
				notRead[id] = true
			}
		case *ast.TypeSpec:
			notRead[n.Name] = true
		case *ast.LabeledStmt:
			notRead[n.Label] = true
		case *ast.BranchStmt:
			if n.Label != nil {
				notRead[n.Label] = true
			}
		case *ast.Ident:
			if !notRead[n] {
				reads[n.Name]++
			}
		}
		return true
	})
	return reads
}

// packagesUsed returns the names X of every selector X.Sel in n outside the
// subtrees for which skip is true: the imported packages n refers to (and
// some variables, which do no harm).
func packagesUsed(n ast.Node, skip func(ast.Node) bool) map[string]bool {
	used := map[string]bool{}
	ast.Inspect(n, func(n ast.Node) bool {
		if n == nil || skip(n) {
			return false
		}
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok {
				used[id.Name] = true
			}
		}
		return true
	})
	return used
}
