extension Tensor {
    /// The same values viewed with another shape of equal element count. One axis may be
    /// -1 and is inferred. Shares storage (no copy); the gradient is reshaped back.
    public func reshaped(_ newShape: [Int]) throws -> Tensor {
        var target = newShape
        if let inferred = newShape.firstIndex(of: -1) {
            let known = newShape.enumerated().filter { $0.offset != inferred }.map(\.element)
            let rest = Shape.count(known)
            guard newShape.filter({ $0 == -1 }).count == 1, rest > 0, count % rest == 0 else {
                throw TensorError("reshape", "cannot infer -1 in \(newShape) for \(count) elements")
            }
            target[inferred] = count / rest
        }
        guard target.allSatisfy({ $0 >= 0 }), Shape.count(target) == count else {
            throw TensorError("reshape", "shape \(newShape) does not hold the \(count) elements of \(shape)")
        }
        if target == shape { return self }
        let source = shape
        return Tensor(shape: target, storage: storage).recorded("reshape", inputs: [self]) { g in
            [Tensor(shape: source, storage: g.storage)]
        }
    }

    /// Flattens axes `start...end` into one.
    public func flattened(from start: Int = 0, to end: Int = -1) throws -> Tensor {
        guard rank > 0 else { return try reshaped([1]) }
        let s = try Shape.normalizeAxis(start, rank: rank, op: "flatten")
        let e = try Shape.normalizeAxis(end, rank: rank, op: "flatten")
        guard s <= e else { throw TensorError("flatten", "start axis \(start) is after end axis \(end)") }
        let merged = Shape.count(Array(shape[s...e]))
        return try reshaped(Array(shape[..<s]) + [merged] + Array(shape[(e + 1)...]))
    }
}
