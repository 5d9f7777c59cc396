package nn

// Linears returns the network's *Linear layers in the order they run,
// leaving out activations and any other kind of layer (TiedLinear
// included): what code that copies weights into a network layer by layer
// needs, such as the unrolling of a stack of RBMs.
func (net *Network) Linears() []*Linear {
	var ls []*Linear
	for _, l := range net.Layers {
		if lin, ok := l.(*Linear); ok {
			ls = append(ls, lin)
		}
	}
	return ls
}
