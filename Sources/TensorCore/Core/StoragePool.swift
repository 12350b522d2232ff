import Foundation
import Synchronization

/// Recycles large tensor buffers by exact size.
///
/// A training loop allocates the same large buffers every step. Fresh large allocations
/// come from `mmap` and pay a page fault per 4 KiB on first touch: measured on a 16M-element
/// add, 22 of 27 ms went to faulting in the new output. Freed buffers of at least
/// `minimumBytes` are kept here (up to `capacityBytes` in total, oldest size dropped
/// first when full) and handed back to the next request of the same size.
///
/// `SWIFTGNN_POOL_MB` sets the capacity (default 512, 0 disables).
enum StoragePool {
    static let minimumBytes = 256 << 10

    static let capacityBytes: Int = {
        if let text = ProcessInfo.processInfo.environment["SWIFTGNN_POOL_MB"], let mb = Int(text), mb >= 0 {
            return mb << 20
        }
        return 512 << 20
    }()

    private struct State {
        var free: [Int: [Int]] = [:]     // byte count -> addresses
        var order: [Int] = []            // byte counts in the order they were returned
        var cachedBytes = 0
    }

    private static let state = Mutex(State())

    static func allocate(bytes: Int) -> UnsafeMutableRawPointer {
        if bytes >= minimumBytes && capacityBytes > 0 {
            let address = state.withLock { s -> Int? in
                guard var list = s.free[bytes], let a = list.popLast() else { return nil }
                s.free[bytes] = list.isEmpty ? nil : list
                s.cachedBytes -= bytes
                if let i = s.order.lastIndex(of: bytes) { s.order.remove(at: i) }
                return a
            }
            if let address, let p = UnsafeMutableRawPointer(bitPattern: address) { return p }
        }
        return UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
    }

    static func release(_ p: UnsafeMutableRawPointer, bytes: Int) {
        guard bytes >= minimumBytes && bytes <= capacityBytes else {
            p.deallocate()
            return
        }
        var evicted: [Int] = []
        state.withLock { s in
            while s.cachedBytes + bytes > capacityBytes, !s.order.isEmpty {
                let size = s.order.removeFirst()
                if var list = s.free[size], let a = list.popLast() {
                    s.free[size] = list.isEmpty ? nil : list
                    s.cachedBytes -= size
                    evicted.append(a)
                }
            }
            s.free[bytes, default: []].append(Int(bitPattern: p))
            s.order.append(bytes)
            s.cachedBytes += bytes
        }
        for a in evicted { UnsafeMutableRawPointer(bitPattern: a)?.deallocate() }
    }
}
