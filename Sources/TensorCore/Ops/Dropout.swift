/// The keep/drop pattern of one dropout call: one bit per element, 64 to a word, so the
/// backward pass of a 2708 x 1433 input holds 485 KB instead of a 15.5 MB Float mask.
final class DropoutMask {
    let count: Int
    let words: UnsafeMutablePointer<UInt64>

    init(count: Int, keep: Double, using rng: inout RandomGenerator) {
        self.count = count
        let wordCount = max(1, (count + 63) / 64)
        words = UnsafeMutablePointer<UInt64>.allocate(capacity: wordCount)
        Kernels.bernoulliWords(words, words: wordCount, keep: keep, using: &rng)
    }

    deinit { words.deallocate() }

    /// `x ⊙ mask · scale` as a new tensor shaped like `x`.
    func apply(_ x: Tensor, scale: Float) -> Tensor {
        let out = Tensor(uninitializedShape: x.shape)
        Kernels.applyBitMask(x.data, out.data, count: count, mask: words, scale: scale)
        return out
    }
}

extension Tensor {
    /// Inverted dropout, like `torch.nn.functional.dropout(x, p, training)`: each element
    /// is zeroed with probability `p` and the kept ones are scaled by `1/(1 − p)`, so the
    /// expected value is unchanged. Returns `self` itself when `training` is false, `p` is
    /// 0 or the tensor is empty; `p == 1` gives all zeros (`x · 0`, as PyTorch computes it).
    ///
    /// The mask comes from `rng` and depends only on its state: 64 keep bits per group of
    /// draws (one draw per 64 elements when `p = 0.5`, at most 24; `1 − p` is resolved to
    /// 2⁻²⁴, the resolution of a uniform Float). It is stored as bits for backward.
    ///
    /// - Throws: `TensorError` unless `0 ≤ p ≤ 1` (checked even when not training, as in
    ///   PyTorch).
    ///
    /// Backward: `g ⊙ mask / (1 − p)`, the same mask as the forward pass.
    public func dropout(p: Float, training: Bool = true, using rng: inout RandomGenerator) throws -> Tensor {
        try dropout(p: p, training: training) { n, keep in DropoutMask(count: n, keep: keep, using: &rng) }
    }

    /// Inverted dropout drawing its mask from the global generator (`Random.seed(_:)`
    /// makes it reproducible); see `dropout(p:training:using:)`. The generator is locked
    /// only while the mask bits are drawn.
    public func dropout(p: Float, training: Bool = true) throws -> Tensor {
        try dropout(p: p, training: training) { n, keep in
            Random.withGenerator { DropoutMask(count: n, keep: keep, using: &$0) }
        }
    }

    private func dropout(p: Float, training: Bool, mask makeMask: (Int, Double) -> DropoutMask) throws -> Tensor {
        guard p >= 0 && p <= 1 else {
            throw TensorError("dropout", "probability has to be between 0 and 1, got \(p)")
        }
        guard training, p > 0, count > 0 else { return self }
        if p == 1 {
            return Kernels.map(self) { $0 * 0 }.recorded("dropout", inputs: [self]) { g in
                [Kernels.map(g) { $0 * 0 }]
            }
        }
        let keep = 1 - Double(p)
        let scale = 1 / Float(keep)
        let mask = makeMask(count, keep)
        return mask.apply(self, scale: scale).recorded("dropout", inputs: [self]) { g in
            [mask.apply(g, scale: scale)]
        }
    }
}
