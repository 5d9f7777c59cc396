package course_test

import (
	"fmt"
	"os"

	"bottleneck/course"
)

func ExampleParseMarks() {
	src := `package p

// Square returns x².
func Square(x float64) float64 {
	// exercise square (2 points): multiply x by itself
	return x * x
	// end exercise square
}
`
	regions, err := course.ParseMarks("p/square.go", []byte(src))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range regions {
		fmt.Printf("%s, %d points, lines %d–%d of %s: %s\n", r.Exercise, r.Points, r.Start+1, r.End-1, r.File, r.Hint)
	}
	// Output:
	// square, 2 points, lines 6–6 of p/square.go: multiply x by itself
}

func ExampleParseMarks_mistake() {
	src := "package p\n\nfunc F() {\n\t// exercise square (2 points)\n}\n"
	_, err := course.ParseMarks("p/f.go", []byte(src))
	fmt.Println(err)
	// Output:
	// course: p/f.go:4: unbalanced exercise marks: exercise square has no "// end exercise square"
}

func ExampleResult_WriteTable() {
	res := &course.Result{
		Exercises: []course.ExerciseResult{
			{Name: "linear-forward", Points: 2, MaxPoints: 2, Passed: true},
			{Name: "adam", Points: 0, MaxPoints: 3, Message: "panic: " + course.NotImplemented("adam")},
		},
		Points: 2, MaxPoints: 5,
	}
	res.WriteTable(os.Stdout)
	// Output:
	// exercise        points   of  first failure
	// linear-forward       2    2
	// adam                 0    3  panic: exercise adam: not implemented
	// total                2    5
}
