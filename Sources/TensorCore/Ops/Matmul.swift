extension Tensor {
    /// Matrix product with `torch.matmul` semantics.
    ///
    /// - `[M, K] x [K, N] -> [M, N]`;
    /// - batched: `[..., M, K] x [..., K, N] -> [..., M, N]`, batch axes broadcast;
    /// - a 1-D operand is a vector: `[K] x [K, N] -> [N]`, `[M, K] x [K] -> [M]`.
    ///
    /// Backward: dA = dC · Bᵀ and dB = Aᵀ · dC, summed over broadcast batch axes.
    public func matmul(_ other: Tensor) throws -> Tensor {
        guard rank >= 1 && other.rank >= 1 else {
            throw TensorError("matmul", "both operands need at least one axis, got \(shape) and \(other.shape)")
        }
        // Promote vectors to matrices, multiply, then drop the added axis.
        let a = rank == 1 ? try reshaped([1, shape[0]]) : self
        let b = other.rank == 1 ? try other.reshaped([other.shape[0], 1]) : other
        var result = try Tensor.batchedMatmul(a, b)
        if rank == 1 { result = try result.reshaped(Array(result.shape.dropLast(2)) + [result.shape.last!]) }
        if other.rank == 1 { result = try result.reshaped(Array(result.shape.dropLast())) }
        return result
    }

    private static func batchedMatmul(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let m = a.shape[a.rank - 2], k = a.shape[a.rank - 1]
        let k2 = b.shape[b.rank - 2], n = b.shape[b.rank - 1]
        guard k == k2 else {
            throw TensorError.shapeMismatch("matmul", a.shape, b.shape, "inner dimensions differ")
        }
        let batchA = Array(a.shape.dropLast(2)), batchB = Array(b.shape.dropLast(2))
        let batch = try Shape.broadcast(batchA, batchB, op: "matmul")
        let out = Tensor(uninitializedShape: batch + [m, n])
        let batches = Shape.count(batch)
        let strideA = Shape.broadcastStrides(batchA, to: batch)
        let strideB = Shape.broadcastStrides(batchB, to: batch)
        for t in 0..<batches {
            let (oa, ob) = batchOffsets(t, batch: batch, strideA: strideA, strideB: strideB)
            Kernels.gemm(m: m, n: n, k: k, a: a.data + oa * m * k, lda: k, b: b.data + ob * k * n, ldb: n,
                         c: out.data + t * m * n, ldc: n)
        }
        return out.recorded("matmul", inputs: [a, b]) { g in
            var ga: Tensor? = nil, gb: Tensor? = nil
            if a.requiresGrad {
                let full = Tensor(uninitializedShape: batch + [m, k])
                for t in 0..<batches {
                    let (_, ob) = batchOffsets(t, batch: batch, strideA: strideA, strideB: strideB)
                    Kernels.gemm(transB: true, m: m, n: k, k: n, a: g.data + t * m * n, lda: n,
                                 b: b.data + ob * k * n, ldb: n, c: full.data + t * m * k, ldc: k)
                }
                ga = Kernels.reduceToShape(full, a.shape)
            }
            if b.requiresGrad {
                let full = Tensor(uninitializedShape: batch + [k, n])
                for t in 0..<batches {
                    let (oa, _) = batchOffsets(t, batch: batch, strideA: strideA, strideB: strideB)
                    Kernels.gemm(transA: true, m: k, n: n, k: m, a: a.data + oa * m * k, lda: k,
                                 b: g.data + t * m * n, ldb: n, c: full.data + t * k * n, ldc: n)
                }
                gb = Kernels.reduceToShape(full, b.shape)
            }
            return [ga, gb]
        }
    }

    /// Offsets (in matrices) of batch `t` in each operand, given broadcast strides.
    private static func batchOffsets(_ t: Int, batch: [Int], strideA: [Int], strideB: [Int]) -> (Int, Int) {
        var rem = t, oa = 0, ob = 0
        for axis in stride(from: batch.count - 1, through: 0, by: -1) {
            let idx = rem % batch[axis]
            rem /= batch[axis]
            oa += idx * strideA[axis]
            ob += idx * strideB[axis]
        }
        return (oa, ob)
    }
}
