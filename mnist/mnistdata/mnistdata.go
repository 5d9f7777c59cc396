// Package mnistdata holds a copy of MNIST inside the program: the four
// original gzip files, byte for byte as the mirrors serve them, embedded with
// go:embed. With it, a fresh clone trains and tests with no download and no
// network.
//
// It is a package of its own so that only the programs that import it carry
// its 11 MB; package mnist reads it like any folder:
//
//	src := mnist.Source{FS: mnistdata.FS(), Name: "the embedded copy"}
//	train, test, err := src.Load(ctx)
//
// The files' sizes and SHA-256 sums are in mnist.Files, and a test checks
// the copy against them.
//
// MNIST is the work of Yann LeCun, Corinna Cortes and Christopher J. C.
// Burges, and is shared under the Creative Commons Attribution-Share Alike
// 3.0 licence: see Attribution, and the LICENSE file in this folder.
package mnistdata

import (
	"embed"
	"io/fs"
)

//go:embed train-images-idx3-ubyte.gz train-labels-idx1-ubyte.gz t10k-images-idx3-ubyte.gz t10k-labels-idx1-ubyte.gz
var files embed.FS

// FS returns the four MNIST files as a read-only file system, each under
// its original name (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz,
// t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz) at its root.
func FS() fs.FS { return files }

// Attribution names the data set's authors, where it comes from and its
// licence, in a few lines for a program's help and a report.
const Attribution = `MNIST: Yann LeCun, Corinna Cortes and Christopher J. C. Burges,
"The MNIST database of handwritten digits" (http://yann.lecun.com/exdb/mnist/).
Licence: Creative Commons Attribution-Share Alike 3.0
(https://creativecommons.org/licenses/by-sa/3.0/). The four original .gz files
are embedded unchanged in package bottleneck/mnist/mnistdata.`
