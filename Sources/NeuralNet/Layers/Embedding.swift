/// A lookup table of `count` learned vectors of size `dimension` (`torch.nn.Embedding`).
///
/// `weight` is [count, dimension], initialised N(0, 1) as in PyTorch. The forward pass
/// maps indices of shape S to vectors of shape S + [dimension] (a row gather whose
/// backward scatters gradients back into the rows used). With `paddingIndex`, that row
/// starts at zero and receives no gradient.
public final class Embedding: Module {
    public var isTraining = true
    public var weight: Tensor
    public let paddingIndex: Int32?

    public init(count: Int, dimension: Int, paddingIndex: Int32? = nil, using rng: inout RandomGenerator) throws {
        guard count > 0 && dimension > 0 else {
            throw TensorError("Embedding", "count \(count) and dimension \(dimension) must be positive")
        }
        if let p = paddingIndex, p < 0 || Int(p) >= count {
            throw TensorError("Embedding", "padding index \(p) is out of range 0..<\(count)")
        }
        weight = Tensor.normal([count, dimension], using: &rng).requiringGrad()
        self.paddingIndex = paddingIndex
        if let p = paddingIndex {
            weight.withMutableData { w in
                for j in 0..<dimension { w[Int(p) * dimension + j] = 0 }
            }
        }
    }

    public convenience init(count: Int, dimension: Int, paddingIndex: Int32? = nil) throws {
        var rng = Random.withGenerator { $0.fork() }
        try self.init(count: count, dimension: dimension, paddingIndex: paddingIndex, using: &rng)
    }

    public func callAsFunction(_ indices: Int32Tensor) throws -> Tensor {
        let flat = try Int32Tensor(shape: [indices.count], scalars: indices.scalars)
        var rows = try weight.indexSelect(axis: 0, flat)
        if let p = paddingIndex, indices.scalars.contains(p) {
            // Zero the padding positions: their gradient (and so the row's) is then zero.
            let keep = Tensor(indices.scalars.map { $0 == p ? 0 : 1 })
            rows = try rows * keep.reshaped([indices.count, 1])
        }
        return try rows.reshaped(indices.shape + [weight.shape[1]])
    }
}
