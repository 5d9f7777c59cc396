// Package picture turns rows of a matrix into a picture, one tile per row:
// MNIST digits, their reconstructions beside them, the filters of a
// network's first layer, the principal components of PCA. Anything whose
// rows hold the values of a rows×cols image, row after row, can be drawn.
//
// Grid draws the rows as tiles, a few to a line, with a light-grey gap
// between them; Pairs draws two matrices' rows one above the other
// (originals above their reconstructions); GridOptions says how. Values
// are grey levels, 0 black and 1 white, clamped outside [0, 1]; filters
// and components, whose values have any sign, are drawn with
// PerTileRange, each tile scaled from its own minimum to its maximum.
// SavePNG writes a picture to a file atomically.
package picture
