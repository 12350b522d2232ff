/// Shape arithmetic shared by all ops: element counts, strides, axis normalisation and
/// NumPy broadcasting.
public enum Shape {
    /// Number of elements of a shape (1 for a scalar `[]`).
    @inlinable public static func count(_ shape: [Int]) -> Int {
        var n = 1
        for d in shape { n *= d }
        return n
    }

    /// Row-major strides in elements: the last axis has stride 1.
    public static func strides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var s = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[i] = s
            s *= shape[i]
        }
        return strides
    }

    /// Maps a possibly negative axis into `0..<rank`, or throws naming the op.
    public static func normalizeAxis(_ axis: Int, rank: Int, op: String) throws -> Int {
        let a = axis < 0 ? axis + rank : axis
        guard a >= 0 && a < max(rank, 1) else {
            throw TensorError(op, "axis \(axis) is out of range for a tensor of rank \(rank)")
        }
        return a
    }

    /// The NumPy broadcast of two shapes: align on the right, each pair of sizes must be
    /// equal or one of them 1.
    public static func broadcast(_ a: [Int], _ b: [Int], op: String) throws -> [Int] {
        let rank = max(a.count, b.count)
        var out = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            if da == db || db == 1 {
                out[i] = da
            } else if da == 1 {
                out[i] = db
            } else {
                throw TensorError.shapeMismatch(op, a, b, "shapes cannot be broadcast together")
            }
        }
        return out
    }

    /// Whether `shape` with its leading 1s dropped equals the trailing axes of `target`
    /// (`[1, H, C]` and `[N, H, C]`, `[F]` and `[N, F]`): broadcasting it repeats one
    /// contiguous block.
    public static func isTrailingBlock(_ shape: [Int], of target: [Int]) -> Bool {
        let core = shape.drop { $0 == 1 }
        return core.count <= target.count && target.suffix(core.count).elementsEqual(core)
    }

    /// Strides that read a tensor of `shape` as if it had `target` shape (broadcast
    /// axes get stride 0). `shape` must broadcast to `target`.
    public static func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
        let own = strides(shape)
        let offset = target.count - shape.count
        var out = [Int](repeating: 0, count: target.count)
        for i in 0..<shape.count where shape[i] != 1 {
            out[i + offset] = own[i]
        }
        return out
    }
}
