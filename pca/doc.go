// Package pca holds principal component analysis written out by hand, and
// the tools that compare what a linear autoencoder learns with it.
//
// Fit takes an n×in data matrix, one sample per row, and finds the mean, the
// covariance Σ = (1/n)·Σᵢ (xᵢ−μ)ᵀ(xᵢ−μ) and its eigen-decomposition with
// EigenSym, a symmetric eigensolver written in this package (Householder
// reduction to tridiagonal form, then the implicit QL algorithm). The
// components are the eigenvectors, stored one per ROW of an in×in matrix in
// descending order of variance — the same layout as the samples, and as a
// decoder's weight matrix, whose rows are directions in pixel space.
//
// With the components come the explained-variance ratio and its running sum,
// the choice of k by count or by fraction (ComponentsFor), Project,
// Reconstruct and the reconstruction error, and PCA and ZCA whitening.
//
// To compare two subspaces of the input space, each given by the rows of a matrix, there
// are PrincipalAngles (via RowBasis and SVD, a one-sided Jacobi singular
// value decomposition also written here), SubspaceDistance and AxisAlignment;
// to compare single directions, Cos2 (every pair of rows) and PairCos2 (row
// i with row i).
//
// A decoder's weights W₁′ (k×in) are described by the directions they
// stretch most, SingularDirections; those that weight decay has not
// switched off (LiveDims, LiveS2) span the subspace the decoder uses, and
// LiveAngles measures it against the top components. RegularizedS2 is what
// theory says each squared singular value becomes under weight decay.
//
// FitLinearAutoencoder trains the linear autoencoder x ↦ x·W₁·W₁′ by exact,
// full-batch gradient descent on the covariance: docs/pca.md explains why
// the covariance is all the data it needs, and why its answer is PCA's.
// SafeLearningRate gives a learning rate at which that descent is stable
// for any weight decay. FitContext is Fit that stops when its context is
// cancelled.
//
// Bad input from outside the program — no rows, NaN, k larger than the number of inputs — is an
// error. Calling a function with matrices of the wrong shape for each other
// is a programming mistake and panics, as in package matrix.
package pca
