package matrix

// Packing copies a block of an operand into the order in which the
// micro-kernel reads it. Both layouts are "slivers": thin strips of the block
// stored one after another, each strip step by step along k.
//
// A block of op(a), mb×kb, becomes slivers of mr rows. Sliver s holds rows
// s·mr … s·mr+mr−1, column after column:
//
//	ap[s·mr·kb + p·mr + r] = op(a)(ic + s·mr + r, pc + p)
//
// A panel of op(b), kb×nb, becomes slivers of nr columns. Sliver s holds
// columns s·nr … s·nr+nr−1, row after row:
//
//	bp[s·nr·kb + p·nr + j] = op(b)(pc + p, jc + s·nr + j)
//
// The last sliver is padded with zeros when mb (or nb) is not a multiple of
// mr (nr); the zeros add nothing to the tile, and the driver copies back only
// the part of the tile that exists.

// packA packs rows [ic, ic+mb) and columns [pc, pc+kb) of op(a) into ap,
// which holds roundUp(mb, mr)·kb values. op(a) is aᵀ when trans is set.
func packA(mr int, a *Dense, trans bool, ic, mb, pc, kb int, ap []float64) {
	for s := 0; s < mb; s += mr {
		sliver := ap[s*kb : (s+mr)*kb]
		i0, rows := ic+s, min(mr, mb-s)
		if mr == 6 && rows == 6 && !trans { // gemm_pack_fast.go
			interleave6(sliver, a.data[i0*a.stride+pc:], a.stride, kb)
			continue
		}
		if trans {
			// op(a)(i, p) = a(p, i): the sliver's column p is a piece of
			// row pc+p of a, rows side by side in memory.
			for p := 0; p < kb; p++ {
				start := (pc+p)*a.stride + i0
				copy(sliver[p*mr:p*mr+rows], a.data[start:start+rows])
			}
		} else {
			// op(a)(i, p) = a(i, p): walk along each row i of a.
			for r := 0; r < rows; r++ {
				row := a.data[(i0+r)*a.stride+pc : (i0+r)*a.stride+pc+kb]
				for p, v := range row {
					sliver[p*mr+r] = v
				}
			}
		}
		if rows < mr {
			for p := 0; p < kb; p++ {
				clear(sliver[p*mr+rows : p*mr+mr])
			}
		}
	}
}

// packB packs rows [pc, pc+kb) and columns [jc, jc+nb) of op(b) into bp,
// which holds kb·roundUp(nb, nr) values. op(b) is bᵀ when trans is set.
func packB(nr int, b *Dense, trans bool, pc, kb, jc, nb int, bp []float64) {
	if nr == 8 && !trans && nb >= 8 { // gemm_pack_fast.go
		full := nb / 8 * 8
		gatherRows8(bp, b.data[pc*b.stride+jc:], b.stride, kb, full)
		if full < nb {
			packB(nr, b, trans, pc, kb, jc+full, nb-full, bp[full*kb:])
		}
		return
	}
	for s := 0; s < nb; s += nr {
		sliver := bp[s*kb : (s+nr)*kb]
		cols := min(nr, nb-s)
		switch {
		case nr == 8 && cols == 8 && trans: // gemm_pack_fast.go
			interleave8(sliver, b.data[(jc+s)*b.stride+pc:], b.stride, kb)
			continue
		}
		if trans {
			// op(b)(p, j) = b(j, p): walk along row j of b.
			for c := 0; c < cols; c++ {
				j := jc + s + c
				row := b.data[j*b.stride+pc : j*b.stride+pc+kb]
				for p, v := range row {
					sliver[p*nr+c] = v
				}
			}
		} else {
			// op(b)(p, j) = b(p, j): copy a piece of row p of b.
			for p := 0; p < kb; p++ {
				start := (pc+p)*b.stride + jc + s
				copy(sliver[p*nr:p*nr+cols], b.data[start:start+cols])
			}
		}
		if cols < nr {
			for p := 0; p < kb; p++ {
				clear(sliver[p*nr+cols : p*nr+nr])
			}
		}
	}
}
