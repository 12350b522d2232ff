/// An n-dimensional array of Float32 values, contiguous and row-major, that records the
/// ops applied to it for reverse-mode differentiation.
///
/// `Tensor` is a reference type: the autograd tape links tensors to the ops that made
/// them, and gradients accumulate into `grad`. Values are immutable through the public
/// op API (every op returns a new tensor); only optimizers and initialisers write in
/// place, through `withMutableData`, on leaves that do not need a recorded history.
///
/// ```swift
/// let w = Tensor.randn([3, 2], seed: 1).requiringGrad()
/// let y = try (x.matmul(w)).relu().sum()
/// try y.backward()
/// print(w.grad!)
/// ```
public final class Tensor: CustomStringConvertible {
    /// Sizes of each axis; `[]` for a scalar.
    public let shape: [Int]
    /// The element buffer (shared only by `reshaped` views).
    public let storage: TensorStorage
    /// Whether gradients flow to (and accumulate in) this tensor.
    public var requiresGrad: Bool
    /// Accumulated gradient, same shape as the tensor, after `backward()`.
    public var grad: Tensor?
    /// The recorded op that produced this tensor, or nil for a leaf.
    public internal(set) var gradNode: GradNode?

    /// Wraps existing storage. `storage.count` must equal the shape's element count.
    public init(shape: [Int], storage: TensorStorage, requiresGrad: Bool = false) {
        precondition(Shape.count(shape) == storage.count,
                     "storage of \(storage.count) elements does not fit shape \(shape)")
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in \(shape)")
        self.shape = shape
        self.storage = storage
        self.requiresGrad = requiresGrad
    }

    /// A tensor with uninitialised values: the caller must write every element.
    public convenience init(uninitializedShape shape: [Int]) {
        self.init(shape: shape, storage: TensorStorage(uninitializedCount: Shape.count(shape)))
    }

    /// A tensor from row-major values; throws if the count does not match the shape.
    public convenience init(shape: [Int], scalars: [Float], requiresGrad: Bool = false) throws {
        guard scalars.count == Shape.count(shape), shape.allSatisfy({ $0 >= 0 }) else {
            throw TensorError("Tensor(shape:scalars:)", "\(scalars.count) values do not fill shape \(shape)")
        }
        let storage = TensorStorage(uninitializedCount: scalars.count)
        scalars.withUnsafeBufferPointer { src in
            if let base = src.baseAddress { storage.pointer.initialize(from: base, count: scalars.count) }
        }
        self.init(shape: shape, storage: storage, requiresGrad: requiresGrad)
    }

    /// A 1-D tensor of the given values.
    public convenience init(_ scalars: [Float], requiresGrad: Bool = false) {
        try! self.init(shape: [scalars.count], scalars: scalars, requiresGrad: requiresGrad)
    }

    /// A rank-0 tensor holding one value.
    public convenience init(scalar: Float, requiresGrad: Bool = false) {
        try! self.init(shape: [], scalars: [scalar], requiresGrad: requiresGrad)
    }

    // MARK: Inspection

    public var rank: Int { shape.count }
    public var count: Int { storage.count }
    /// Pointer to the first element (valid while the tensor is alive).
    public var data: UnsafeMutablePointer<Float> { storage.pointer }
    public var scalars: [Float] { Array(storage.buffer) }
    /// True when no recorded op produced this tensor.
    public var isLeaf: Bool { gradNode == nil }

    /// The single value of a one-element tensor.
    public func item() throws -> Float {
        guard count == 1 else { throw TensorError("item", "tensor of shape \(shape) has \(count) elements, expected 1") }
        return storage.pointer[0]
    }

    /// Element at a multi-index (bounds-checked; for tests and inspection, not hot loops).
    public subscript(_ index: Int...) -> Float {
        precondition(index.count == rank, "index \(index) has rank \(index.count), tensor has rank \(rank)")
        var offset = 0
        for (axis, stride) in Shape.strides(shape).enumerated() {
            let i = index[axis]
            precondition(i >= 0 && i < shape[axis], "index \(index) is out of range for shape \(shape)")
            offset += i * stride
        }
        return storage.pointer[offset]
    }

    /// Runs `body` on the mutable values. Only for tensors outside a recorded history
    /// (parameters being updated, fresh outputs being filled).
    public func withMutableData<R>(_ body: (UnsafeMutableBufferPointer<Float>) throws -> R) rethrows -> R {
        try body(storage.buffer)
    }

    /// Marks this tensor as a leaf whose gradient is wanted; returns self.
    @discardableResult
    public func requiringGrad(_ flag: Bool = true) -> Tensor {
        requiresGrad = flag
        return self
    }

    /// A tensor sharing this one's values with no history (gradients stop here).
    public func detach() -> Tensor {
        Tensor(shape: shape, storage: storage)
    }

    /// A deep copy of the values with no history.
    public func copy() -> Tensor {
        let out = Tensor(uninitializedShape: shape)
        out.data.update(from: data, count: count)
        return out
    }

    public var description: String {
        let values = count <= 16 ? scalars.map { "\($0)" }.joined(separator: ", ")
                                 : scalars.prefix(8).map { "\($0)" }.joined(separator: ", ") + ", ..."
        return "Tensor(shape: \(shape), [\(values)]\(requiresGrad ? ", requiresGrad" : ""))"
    }
}
