/// The result of `Propagation.attention`.
public struct AttentionResult {
    /// `Σ_j α_ji,h · v_j,h` for every destination `i`, `[N_dst, H·C]` (heads side by side).
    public let output: Tensor
    /// The softmax-normalised coefficients `α` `[E, H]` in CSR order, before dropout.
    public let coefficients: Tensor
    /// The coefficients the output was computed with (after attention dropout; the same
    /// tensor as `coefficients` when dropout is off), `[E, H]` in CSR order.
    public let applied: Tensor
}

extension Propagation {
    /// Attention message passing, fused: per-head scores on the edges, a softmax over
    /// each destination's incoming edges, then one sparse-dense product per head with
    /// the coefficients as the sparse values:
    ///
    ///     e_ji,h = score(j -> i, h)                        (see `AttentionLogits`)
    ///     α_ji,h = exp(e_ji,h) / Σ_{k ∈ N(i)} exp(e_ki,h)  (segment softmax by destination)
    ///     α'     = dropout(α)                              (optional, on the coefficients)
    ///     out_i,h = Σ_{j ∈ N(i)} α'_ji,h · v_j,h           (SpMM per head, values α'_·,h)
    ///
    /// Shapes: `a` `N_dst x N_src` (the incoming CSR: row `i` lists the sources of the
    /// edges into `i`), `values` `[N_src, H·C]`, scores `[E, H]` → output `[N_dst, H·C]`.
    /// A destination with no incoming edge receives 0.
    ///
    /// Memory: O(E·H + N·H·C); no `[E, C]` message tensor is built (GAT's scores are two
    /// gathered scalars per edge and head, dot-product scores one SDDMM per head).
    ///
    /// Backward: every step is a recorded op. The SpMM gives `dv_h = A_hᵀ · dOut_h` (the
    /// same kernel on the cached transpose) and `dα_ji,h = ⟨dOut_i,h, v_j,h⟩` (SDDMM); the
    /// softmax `de = α ⊙ (dα − Σ_row dα ⊙ α)`; the scores scatter back to their per-node
    /// terms (index-add), the SDDMM to query and key.
    ///
    /// - Parameters:
    ///   - a: the structure, usually `graph.incoming.matrix`.
    ///   - logits: how the scores are formed.
    ///   - values: the features messages carry, `[N_src, H·C]`.
    ///   - heads: `H`.
    ///   - dropout: applied to the coefficients when given (it acts only in training mode).
    /// - Throws: `TensorError` when a shape does not match the structure.
    public static func attention(_ a: CSRMatrix, logits: AttentionLogits, values: Tensor, heads: Int,
                                 dropout: Dropout? = nil) throws -> AttentionResult {
        guard heads >= 1 else { throw TensorError("attention", "heads must be at least 1, got \(heads)") }
        let scores = try logits.scores(a, heads: heads)
        let alpha = try Sparse.segmentSoftmax(scores, a)
        let applied = try dropout.map { try $0(alpha) } ?? alpha
        let out = try attentionAggregate(a, coefficients: applied, values: values, heads: heads)
        return AttentionResult(output: out, coefficients: alpha, applied: applied)
    }

    /// `out_i,h = Σ_{k ∈ row i} α_k,h · v_{col_k},h`: one multi-head SpMM
    /// (`Sparse.spmmHeads`) with the coefficients as values. `coefficients` `[E, H]` in CSR order, `values`
    /// `[N_src, H·C]` → `[N_dst, H·C]`.
    public static func attentionAggregate(_ a: CSRMatrix, coefficients: Tensor, values: Tensor, heads: Int) throws -> Tensor {
        let op = "attention"
        guard coefficients.shape == [a.nnz, heads] else {
            throw TensorError(op, "coefficients have shape \(coefficients.shape), expected [\(a.nnz), \(heads)]")
        }
        guard values.rank == 2, values.shape[0] == a.cols, values.shape[1] % heads == 0 else {
            throw TensorError(op, "values have shape \(values.shape), expected [\(a.cols), H·C] with H = \(heads)")
        }
        if heads == 1 { return try Sparse.spmm(a, values, values: coefficients.reshaped([a.nnz])) }
        return try Sparse.spmmHeads(a, values, values: coefficients)
    }
}

extension Adjacency {
    /// A per-edge tensor `[E, ...]` in edge order, put in this adjacency's CSR order
    /// (recorded: gradients return to edge order).
    public func toCSROrder(_ perEdge: Tensor) throws -> Tensor {
        try perEdge.indexSelect(axis: 0, Int32Tensor(edgeOrder))
    }

    /// A per-entry tensor `[E, ...]` in CSR order, put back in edge order (recorded).
    public func toEdgeOrder(_ perEntry: Tensor) throws -> Tensor {
        var inverse = [Int32](repeating: 0, count: edgeOrder.count)
        for (k, e) in edgeOrder.enumerated() { inverse[Int(e)] = Int32(k) }
        return try perEntry.indexSelect(axis: 0, Int32Tensor(inverse))
    }
}
