// Package mnist reads the MNIST handwritten digits and downloads them
// safely.
//
// MNIST comes as four files in the IDX format (see ReadImages): 60,000
// training and 10,000 test images of 28×28 grey pixels, each with a label
// 0–9. Load reads the four files from a directory, compressed (.gz) or not,
// and returns each split as a Dataset: an n×784 matrix with one image per
// row, pixels scaled to [0, 1], plus the labels.
//
// The files come from outside the program, so every reader here treats them
// as hostile: a header never makes the reader allocate more than the data
// that really follows, a gzip stream cannot expand beyond what its header
// announced, and every problem is an error that starts with "mnist:" and
// names the file. Fetch downloads missing files from the mirrors and checks
// their size and SHA-256 before they are put in place.
//
// An image is stored row by row (row-major); the lecture flattens an M×N
// image "by column concatenation" (column-major) instead. ColumnMajor gives
// that order; a fully connected network does not care which one it gets, as
// long as every image uses the same one.
//
// Package picture draws the images, as it draws anything that comes in
// rows of a matrix: digits, reconstructions, filters, components.
package mnist
