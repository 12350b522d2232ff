/// A contiguous, 64-byte aligned buffer of Float32 values owned by one or more tensors.
///
/// Tensors never share storage except through `reshaped` views, and ops always write
/// fresh storage, so autograd never sees a value change under it. In-place writes are
/// reserved for optimizers, initialisers and kernels filling their own output.
public final class TensorStorage: @unchecked Sendable {
    public let count: Int
    public let pointer: UnsafeMutablePointer<Float>

    /// Uninitialised storage for `count` floats: the caller must write every element.
    public init(uninitializedCount count: Int) {
        precondition(count >= 0, "negative element count")
        self.count = count
        let raw = StoragePool.allocate(bytes: max(count, 1) * 4)
        pointer = raw.bindMemory(to: Float.self, capacity: max(count, 1))
    }

    /// Storage with every element set to `value`.
    public convenience init(count: Int, repeating value: Float) {
        self.init(uninitializedCount: count)
        pointer.initialize(repeating: value, count: count)
    }

    deinit { StoragePool.release(UnsafeMutableRawPointer(pointer), bytes: max(count, 1) * 4) }

    public var buffer: UnsafeMutableBufferPointer<Float> {
        UnsafeMutableBufferPointer(start: pointer, count: count)
    }
}
