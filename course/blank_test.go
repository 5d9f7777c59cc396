package course

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// blankFixture is a package whose regions need every kind of help to
// compile once blanked: results, variables read only by the removed code
// (declared before it, by a range clause, in an enclosing function),
// imports used only by it, and a statement after the region's block.
const blankFixture = `package p

import (
	"fmt"
	"math"
	"strings"
)

// Results has a region ending a function with results.
func Results(x float64) (float64, error) {
	y := 2 * x
	// exercise results (2 points): return y squared
	return y * y, nil
	// end exercise results
}

// Loop has a region ending a loop body, with code after the loop.
func Loop(xs []float64) float64 {
	sum := 0.0
	scale := 3.0
	for i, x := range xs {
		// exercise loop (1 point): add scale·x·i to sum
		sum += scale * x * float64(i)
		// end exercise loop
	}
	return sum
}

// Imports uses math and strings in its region only.
func Imports(x float64) string {
	// exercise imports (1 point)
	return strings.Repeat("a", int(math.Sqrt(x)))
	// end exercise imports
}

// Closure has a region in a function literal that reads a variable of
// the function around it.
func Closure() func() string {
	name := "p"
	return func() string {
		// exercise closure (1 point)
		return fmt.Sprint(name)
		// end exercise closure
	}
}

// Kept uses fmt outside any region.
func Kept() string { return fmt.Sprint(1) }
`

func TestBlankFile(t *testing.T) {
	regions, err := ParseMarks("p/p.go", []byte(blankFixture))
	if err != nil {
		t.Fatal(err)
	}
	got, err := blankFile("p/p.go", []byte(blankFixture), regions)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"\ty := 2 * x\n\t// exercise results (2 points)\n\t// TODO: return y squared\n\t_ = y // declared above for your code; delete this line\n\tpanic(\"exercise results: not implemented\")\n\t// end exercise results\n}",
		"\t\t_, _, _ = scale, i, x // declared above",
		"\t// This copy leaves out the import of \"math\" and \"strings\", which only the removed code used.\n",
		"\t\t_ = name // declared above",
		"\t\"fmt\"\n)",
	} {
		if !strings.Contains(string(got), want) {
			t.Errorf("the blanked file lacks\n%s\nIt is:\n%s", want, got)
		}
	}
	for _, gone := range []string{"y * y", "sum += scale", `"math"` + "\n", "strings.Repeat", "fmt.Sprint(name)"} {
		if strings.Contains(string(got), gone) {
			t.Errorf("the blanked file still holds %q:\n%s", gone, got)
		}
	}
}

// TestBlankedFixtureBuilds writes a copy of a module holding blankFixture
// and checks that it passes go vet (which builds it).
func TestBlankedFixtureBuilds(t *testing.T) {
	from := writeModule(t, map[string]string{"p/p.go": blankFixture})
	out := filepath.Join(t.TempDir(), "copy")
	if _, err := Assign(AssignOptions{From: from, Out: out}); err != nil {
		t.Fatal(err)
	}
	if err := CheckCopy(context.Background(), out, DefaultLimits()); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(out, "p", "p.go"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(string(b), "not implemented") != 4 {
		t.Errorf("the copy has %d panics, want 4:\n%s", strings.Count(string(b), "not implemented"), b)
	}

	// Without the line that keeps y used, the copy would not build, and
	// CheckCopy says so.
	broken := strings.Replace(string(b), "_ = y //", "// _ = y //", 1)
	if err := os.WriteFile(filepath.Join(out, "p", "p.go"), []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	var cb *CopyBrokenError
	if err := CheckCopy(context.Background(), out, DefaultLimits()); !errors.As(err, &cb) || !strings.Contains(cb.Output, "declared and not used") {
		t.Errorf("CheckCopy of a copy with an unused variable: got %v, want a *CopyBrokenError about it", err)
	}
}
