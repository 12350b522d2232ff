/// An n-dimensional array of integer indices (node ids, edge endpoints, class labels).
///
/// Index tensors carry no gradient, so they are plain values with copy-on-write arrays.
/// Ops that consume indices take `Int32Tensor` (half the memory traffic of Int64 in
/// sparse kernels); `Int64Tensor` is the interchange type of PyTorch (`torch.long`) and
/// of safetensors `I64`, and converts with a range check.
public struct IndexTensor<Scalar: FixedWidthInteger & SignedInteger & Sendable>: Sendable, Equatable, CustomStringConvertible {
    public let shape: [Int]
    public private(set) var scalars: [Scalar]

    public init(shape: [Int], scalars: [Scalar]) throws {
        guard shape.allSatisfy({ $0 >= 0 }), Shape.count(shape) == scalars.count else {
            throw TensorError("IndexTensor(shape:scalars:)", "\(scalars.count) values do not fill shape \(shape)")
        }
        self.shape = shape
        self.scalars = scalars
    }

    /// A 1-D index tensor.
    public init(_ scalars: [Scalar]) {
        self.shape = [scalars.count]
        self.scalars = scalars
    }

    /// Converts integers of another width, throwing if a value does not fit.
    public init<Other>(_ other: IndexTensor<Other>) throws {
        var out = [Scalar]()
        out.reserveCapacity(other.count)
        for v in other.scalars {
            guard let x = Scalar(exactly: v) else {
                throw TensorError("IndexTensor conversion", "value \(v) does not fit in \(Scalar.self)")
            }
            out.append(x)
        }
        self.shape = other.shape
        self.scalars = out
    }

    public var rank: Int { shape.count }
    public var count: Int { scalars.count }

    public subscript(i: Int) -> Scalar { scalars[i] }

    /// Throws unless every value lies in `0..<bound`, naming the op and the first offender.
    public func validate(below bound: Int, op: String, what: String = "index") throws {
        for (i, v) in scalars.enumerated() where v < 0 || Int(v) >= bound {
            throw TensorError(op, "\(what) \(v) at position \(i) is out of range 0..<\(bound)")
        }
    }

    /// Runs `body` with a pointer to the values.
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Scalar>) throws -> R) rethrows -> R {
        try scalars.withUnsafeBufferPointer(body)
    }

    /// The indices as a Float tensor (for metrics and plotting).
    public func asFloat() -> Tensor {
        try! Tensor(shape: shape, scalars: scalars.map { Float($0) })
    }

    public var description: String {
        "IndexTensor<\(Scalar.self)>(shape: \(shape), \(count <= 16 ? "\(scalars)" : "\(Array(scalars.prefix(8)))...")"
    }
}

public typealias Int32Tensor = IndexTensor<Int32>
public typealias Int64Tensor = IndexTensor<Int64>
