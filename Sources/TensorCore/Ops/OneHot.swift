extension Tensor {
    /// One-hot encoding: `out[..., c] = labels[...] == c ? 1 : 0`, shape
    /// `labels.shape + [classes]`. `torch.nn.functional.one_hot(labels, classes).float()`.
    ///
    /// Not differentiable (the result has no history).
    /// - Throws: `TensorError` if `classes < 1` or a label lies outside `0..<classes`.
    public static func oneHot(_ labels: Int32Tensor, classes: Int) throws -> Tensor {
        guard classes >= 1 else { throw TensorError("oneHot", "classes must be at least 1, got \(classes)") }
        try labels.validate(below: classes, op: "oneHot", what: "label")
        let out = Tensor.zeros(labels.shape + [classes])
        let dst = out.data
        labels.withUnsafeBufferPointer { buffer in
            guard let lp = buffer.baseAddress else { return }
            Parallel.forEach(count: buffer.count, grain: Swift.max(1, Kernels.elementwiseGrain / classes)) { r in
                for i in r { dst[i * classes + Int(lp[i])] = 1 }
            }
        }
        return out
    }
}
