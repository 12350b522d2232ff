import Foundation
import Synchronization

/// Recycles large tensor buffers by size class.
///
/// A training loop allocates the same large buffers every step. Fresh large allocations
/// come from `mmap` and pay a page fault per 4 KiB on first touch: measured on a 16M-element
/// add, 22 of 27 ms went to faulting in the new output. Freed buffers of at least
/// `minimumBytes` are kept here (up to `capacityBytes` in total, the least recently
/// returned dropped first when full) and handed back to the next request of the same
/// size class.
///
/// Size classes: a request of `b` bytes is rounded up to the next `m · 2^k` with
/// `m ∈ {4, 5, 6, 7}` (steps of at most 25%, `classBytes`). Mini-batches of graphs have a
/// different node count every step, so exact sizes almost never repeat; with classes the
/// buffers of one step serve the next. The rounded-up tail of a fresh buffer is never
/// written, so its pages are never faulted in and cost no resident memory.
///
/// `SWIFTGNN_POOL_MB` sets the capacity (default 256, 0 disables).
enum StoragePool {
    static let minimumBytes = 256 << 10

    static let capacityBytes: Int = {
        if let text = ProcessInfo.processInfo.environment["SWIFTGNN_POOL_MB"], let mb = Int(text), mb >= 0 {
            return mb << 20
        }
        return 256 << 20
    }()

    /// The size class of a request of `bytes` (≥ `minimumBytes`): the smallest
    /// `m · 2^k ≥ bytes` with `m ∈ {4, 5, 6, 7}`.
    static func classBytes(_ bytes: Int) -> Int {
        let shift = (Int.bitWidth - 1 - bytes.leadingZeroBitCount) - 2   // bytes < 8 · 2^shift
        let step = 1 << shift
        return (bytes + step - 1) / step * step
    }

    private struct State {
        var free: [Int: [Int]] = [:]     // class bytes -> addresses
        var order: [Int] = []            // class bytes in the order they were returned
        var cachedBytes = 0
    }

    private static let state = Mutex(State())

    /// A buffer of at least `bytes` bytes, 64-byte aligned; give it back with `release`
    /// and the same `bytes`.
    static func allocate(bytes: Int) -> UnsafeMutableRawPointer {
        guard bytes >= minimumBytes && capacityBytes > 0 else {
            return UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
        }
        let size = classBytes(bytes)
        let address = state.withLock { s -> Int? in
            guard var list = s.free[size], let a = list.popLast() else { return nil }
            s.free[size] = list.isEmpty ? nil : list
            s.cachedBytes -= size
            if let i = s.order.lastIndex(of: size) { s.order.remove(at: i) }
            return a
        }
        if let address, let p = UnsafeMutableRawPointer(bitPattern: address) { return p }
        return UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64)
    }

    static func release(_ p: UnsafeMutableRawPointer, bytes: Int) {
        guard bytes >= minimumBytes && capacityBytes > 0 else {
            p.deallocate()
            return
        }
        let size = classBytes(bytes)
        guard size <= capacityBytes else {
            p.deallocate()
            return
        }
        var evicted: [Int] = []
        state.withLock { s in
            while s.cachedBytes + size > capacityBytes, !s.order.isEmpty {
                let oldest = s.order.removeFirst()
                if var list = s.free[oldest], let a = list.popLast() {
                    s.free[oldest] = list.isEmpty ? nil : list
                    s.cachedBytes -= oldest
                    evicted.append(a)
                }
            }
            s.free[size, default: []].append(Int(bitPattern: p))
            s.order.append(size)
            s.cachedBytes += size
        }
        for a in evicted { UnsafeMutableRawPointer(bitPattern: a)?.deallocate() }
    }
}
