package course

import (
	"strings"
	"testing"
)

// TestBlankKeepsOnlyVisibleVariables: the line that keeps variables used
// in a blanked region names exactly the variables the region can see and
// only its removed code read. Naming one more breaks the copy just as
// naming one fewer does: a variable whose own declaration holds the region
// (f := func() { region }) is not yet in scope inside it ("undefined: f"),
// and a local constant or type is not a variable at all (a type in
// "_ = T" does not compile).
func TestBlankKeepsOnlyVisibleVariables(t *testing.T) {
	for _, c := range []struct {
		name, body string
		want       []string // the lines keeping variables used, in order
	}{
		{
			name: "closure assigned with :=",
			body: `func Assigned() func() int {
	base := 1
	f := func() int {
		// exercise assigned (1 point)
		return base
		// end exercise assigned
	}
	return f
}`,
			want: []string{"\t\t_ = base // declared above"},
		},
		{
			// f is read only by the second region's removed code, so it
			// must be kept used there, and only there: inside its own
			// initializer it is not yet in scope.
			name: "closure assigned with :=, read by a later region",
			body: `func Two() int {
	base := 1
	f := func() int {
		// exercise inner (1 point)
		return base
		// end exercise inner
	}
	// exercise outer (1 point)
	return f()
	// end exercise outer
}`,
			want: []string{"\t\t_ = base // declared above", "\t_, _ = base, f // declared above"},
		},
		{
			name: "closure assigned with var",
			body: `func Declared() func() int {
	base := 1
	var f = func() int {
		// exercise declared (1 point)
		return base
		// end exercise declared
	}
	return f
}`,
			want: []string{"\t\t_ = base // declared above"},
		},
		{
			name: "local const and type",
			body: `func Local() int {
	const c = 2
	type pair struct{ a, b int }
	var v, w = pair{1, 2}, 3
	// exercise local (1 point)
	return v.a * c * w
	// end exercise local
}`,
			want: []string{"\t_, _ = v, w // declared above"},
		},
	} {
		src := "package p\n\n" + c.body + "\n"
		regions, err := ParseMarks("p/p.go", []byte(src))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		got, err := blankFile("p/p.go", []byte(src), regions)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		var keep []string
		for _, l := range strings.Split(string(got), "\n") {
			if strings.Contains(l, "// declared above") {
				keep = append(keep, l)
			}
		}
		ok := len(keep) == len(c.want)
		for i := 0; ok && i < len(keep); i++ {
			ok = strings.HasPrefix(keep[i], c.want[i])
		}
		if !ok {
			t.Errorf("%s: the lines keeping variables used are %q, want %q; the blanked file is:\n%s", c.name, keep, c.want, got)
		}
	}
}
