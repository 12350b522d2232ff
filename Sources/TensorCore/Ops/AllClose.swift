extension Tensor {
    /// Whether every pair of values satisfies `|self - other| <= atol + rtol * |other|`,
    /// as `torch.allclose(self, other, rtol, atol)` (NaN is never close; equal infinities
    /// are). Tensors of different shapes are not close (no broadcasting).
    ///
    /// For tests and checks; not differentiable.
    public func allClose(_ other: Tensor, rtol: Float = 1e-5, atol: Float = 1e-8) -> Bool {
        guard shape == other.shape else { return false }
        let a = data, b = other.data
        for i in 0..<count {
            let x = a[i], y = b[i]
            if x == y { continue }
            guard x.isFinite && y.isFinite, Swift.abs(x - y) <= atol + rtol * Swift.abs(y) else { return false }
        }
        return true
    }
}
