/// How the unnormalised attention score `e_ji,h` of each edge `j -> i` and head `h` is
/// formed, for `Propagation.attention`. Per-edge tensors are in the order of the
/// incoming CSR (grouped by destination), `H` is the number of heads.
///
/// The two structured forms never build an `[E, H·C]` tensor:
/// - `additive` (GAT) gathers two per-node scalars per head;
/// - `dotProduct` (Transformer) runs one SDDMM per head.
public enum AttentionLogits {
    /// GAT's `e_ji,h = LeakyReLU(s_j,h + t_i,h + ε_ji,h)`:
    /// - `source` `[N_src, H]`: `s_j,h = a_src,h · (W x_j)_h`;
    /// - `target` `[N_dst, H]`: `t_i,h = a_dst,h · (W x_i)_h`, or nil for none;
    /// - `edge` `[E, H]` in CSR order: `ε_ji,h = a_edge,h · (W_e e_ji)_h`, or nil;
    /// - `negativeSlope`: LeakyReLU slope (PyG default 0.2).
    case additive(source: Tensor, target: Tensor?, edge: Tensor?, negativeSlope: Float)
    /// Scaled dot product `e_ji,h = scale · (⟨q_i,h, k_j,h⟩ + ε_ji,h)` with `query`
    /// `[N_dst, H·C]` and `key` `[N_src, H·C]` (heads side by side, `C` features each),
    /// one SDDMM per head; `edge` `[E, H]` in CSR order is `ε` (TransformerConv's
    /// `⟨q_i,h, (W_e e_ji)_h⟩`), or nil.
    case dotProduct(query: Tensor, key: Tensor, edge: Tensor?, scale: Float)
    /// Scores computed per edge by the caller, `[E, H]` in CSR order (GATv2, whose
    /// nonlinearity sits inside the dot product).
    case perEdge(Tensor)
}

extension AttentionLogits {
    /// The scores `[E, H]` in CSR order of `a` (rows = destinations, cols = sources).
    ///
    /// Backward through recorded ops: `indexSelect` (gradients scattered back to the
    /// per-node terms by a deterministic index-add), `leakyRelu`, `sddmm`.
    func scores(_ a: CSRMatrix, heads: Int) throws -> Tensor {
        let op = "attention"
        let e = a.nnz
        switch self {
        case let .additive(source, target, edge, negativeSlope):
            guard source.shape == [a.cols, heads] else {
                throw TensorError(op, "source terms have shape \(source.shape), expected [\(a.cols), \(heads)]")
            }
            var s = try source.indexSelect(axis: 0, Int32Tensor(a.colIdx))
            if let target {
                guard target.shape == [a.rows, heads] else {
                    throw TensorError(op, "target terms have shape \(target.shape), expected [\(a.rows), \(heads)]")
                }
                s = try s + target.indexSelect(axis: 0, Int32Tensor(a.rowIndices))
            }
            if let edge {
                guard edge.shape == [e, heads] else {
                    throw TensorError(op, "edge terms have shape \(edge.shape), expected [\(e), \(heads)]")
                }
                s = try s + edge
            }
            return s.leakyRelu(negativeSlope: negativeSlope)
        case let .dotProduct(query, key, edge, scale):
            guard query.rank == 2, key.rank == 2, query.shape[0] == a.rows, key.shape[0] == a.cols,
                  query.shape[1] == key.shape[1], query.shape[1] % heads == 0 else {
                throw TensorError(op, "query \(query.shape) and key \(key.shape) do not fit [\(a.rows), H·C] and [\(a.cols), H·C] with H = \(heads)")
            }
            let c = query.shape[1] / heads
            var perHead: [Tensor] = []
            for h in 0..<heads {
                let q = heads == 1 ? query : try query.slice(axis: 1, range: h * c..<(h + 1) * c)
                let k = heads == 1 ? key : try key.slice(axis: 1, range: h * c..<(h + 1) * c)
                perHead.append(try Sparse.sddmm(a, q, k))
            }
            var s = heads == 1 ? try perHead[0].reshaped([e, 1]) : try Tensor.stack(perHead, axis: 1)
            if let edge {
                guard edge.shape == [e, heads] else {
                    throw TensorError(op, "edge terms have shape \(edge.shape), expected [\(e), \(heads)]")
                }
                s = try s + edge
            }
            return scale == 1 ? s : s * scale
        case let .perEdge(s):
            guard s.shape == [e, heads] else {
                throw TensorError(op, "scores have shape \(s.shape), expected [\(e), \(heads)]")
            }
            return s
        }
    }
}
