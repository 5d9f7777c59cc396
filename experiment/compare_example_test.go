package experiment_test

import (
	"fmt"

	"bottleneck/experiment"
	"bottleneck/matrix"
)

// A decoder whose rows are the top two components in the other order,
// stretched: it spans their plane exactly, so every principal angle is 0,
// while each row lies along the other component (cos² 0). Its right
// singular vectors are the components again, in order, with s² = 9 and 4.
func ExampleDescribeDecoder() {
	top := matrix.NewFromSlice(2, 3, []float64{
		1, 0, 0,
		0, 1, 0,
	})
	decoder := matrix.NewFromSlice(2, 3, []float64{
		0, 2, 0,
		3, 0, 0,
	})
	d, err := experiment.DescribeDecoder(decoder, top)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d live directions, largest angle %.1f°\n", d.LiveDims, *d.MaxAngleDeg)
	fmt.Printf("cos² of row i with component i: %.1f\n", d.RowCos2)
	fmt.Printf("cos² of singular vector i with component i: %.1f, s² %.1f\n", d.SVDCos2, d.S2)
	// Output:
	// 2 live directions, largest angle 0.0°
	// cos² of row i with component i: [0.0 0.0]
	// cos² of singular vector i with component i: [1.0 1.0], s² [9.0 4.0]
}
