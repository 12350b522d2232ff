extension Tensor {
    /// A tensor of the given shape filled with `value`.
    public static func full(_ shape: [Int], _ value: Float, requiresGrad: Bool = false) -> Tensor {
        Tensor(shape: shape, storage: TensorStorage(count: Shape.count(shape), repeating: value), requiresGrad: requiresGrad)
    }

    public static func zeros(_ shape: [Int], requiresGrad: Bool = false) -> Tensor {
        full(shape, 0, requiresGrad: requiresGrad)
    }

    public static func ones(_ shape: [Int], requiresGrad: Bool = false) -> Tensor {
        full(shape, 1, requiresGrad: requiresGrad)
    }

    /// Zeros shaped like `other`.
    public static func zeros(like other: Tensor) -> Tensor { zeros(other.shape) }

    /// `[start, start + step, ...)` up to but excluding `end`, like `torch.arange`.
    public static func arange(_ start: Float = 0, _ end: Float, step: Float = 1) throws -> Tensor {
        guard step != 0, (end - start) / step >= 0 else {
            throw TensorError("arange", "step \(step) does not lead from \(start) to \(end)")
        }
        let n = Int(((end - start) / step).rounded(.up))
        let out = Tensor(uninitializedShape: [n])
        for i in 0..<n { out.data[i] = start + Float(i) * step }
        return out
    }

    /// Values uniform in [low, high) from `rng`.
    public static func uniform(_ shape: [Int], low: Float = 0, high: Float = 1, using rng: inout RandomGenerator) -> Tensor {
        let out = Tensor(uninitializedShape: shape)
        rng.fillUniform(out.data, count: out.count, low: low, high: high)
        return out
    }

    /// Values uniform in [low, high) from the global generator.
    public static func uniform(_ shape: [Int], low: Float = 0, high: Float = 1) -> Tensor {
        Random.withGenerator { uniform(shape, low: low, high: high, using: &$0) }
    }

    /// Values from N(mean, std²) from `rng`.
    public static func normal(_ shape: [Int], mean: Float = 0, std: Float = 1, using rng: inout RandomGenerator) -> Tensor {
        let out = Tensor(uninitializedShape: shape)
        rng.fillNormal(out.data, count: out.count, mean: mean, std: std)
        return out
    }

    /// Values from N(mean, std²) from the global generator.
    public static func normal(_ shape: [Int], mean: Float = 0, std: Float = 1) -> Tensor {
        Random.withGenerator { normal(shape, mean: mean, std: std, using: &$0) }
    }

    /// Standard normal values from a fresh generator seeded with `seed` (handy in tests).
    public static func randn(_ shape: [Int], seed: UInt64) -> Tensor {
        var rng = RandomGenerator(seed: seed)
        return normal(shape, using: &rng)
    }
}
