import Foundation
import Synchronization

/// Parallel loops for CPU kernels.
///
/// Work is split into at most `threadCount` contiguous chunks, each no smaller than the
/// grain, and the split depends only on (count, grain, threadCount): a kernel that
/// writes each output element from exactly one chunk is deterministic for a given
/// thread count. Below one grain the body runs inline on the caller's thread. Chunks
/// run on `WorkerPool`'s threads and the caller's.
public enum Parallel {
    private static let configuredThreads = Atomic<Int>(defaultThreadCount())

    /// Threads used by parallel kernels: `SWIFTGNN_THREADS` if set, else the number of
    /// active processors. Set it to 1 for single-threaded runs.
    public static var threadCount: Int {
        get { configuredThreads.load(ordering: .relaxed) }
        set { configuredThreads.store(max(1, newValue), ordering: .relaxed) }
    }

    private static func defaultThreadCount() -> Int {
        if let text = ProcessInfo.processInfo.environment["SWIFTGNN_THREADS"], let n = Int(text), n > 0 {
            return n
        }
        return max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Calls `body` on disjoint chunks covering `0..<count`, in parallel when the work
    /// exceeds one grain. `grain` is the smallest chunk worth a thread, in iterations.
    public static func forEach(count: Int, grain: Int, _ body: (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let chunks = min(threadCount, max(1, count / max(grain, 1)))
        if chunks <= 1 {
            body(0..<count)
            return
        }
        WorkerPool.shared.run(chunks: chunks) { chunk in
            body(count * chunk / chunks..<count * (chunk + 1) / chunks)
        }
    }

    /// Like `forEach`, but splits `0..<count` so each chunk holds about the same total
    /// `cost`; `prefixCost[i]` is the cost of items `0..<i` (e.g. a CSR row pointer, so
    /// each thread gets a similar number of non-zeros). `prefixCost` has count + 1 entries.
    public static func forEach(count: Int, prefixCost: UnsafePointer<Int>, grain: Int, _ body: (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let total = prefixCost[count] - prefixCost[0] + count
        let chunks = min(threadCount, max(1, total / max(grain, 1)))
        if chunks <= 1 {
            body(0..<count)
            return
        }
        // Boundaries by binary search on prefixCost + index (rows with no cost still count 1).
        var bounds = [Int](repeating: 0, count: chunks + 1)
        bounds[chunks] = count
        for c in 1..<chunks {
            let target = total * c / chunks
            var lo = bounds[c - 1], hi = count
            while lo < hi {
                let mid = (lo + hi) / 2
                if prefixCost[mid] - prefixCost[0] + mid < target { lo = mid + 1 } else { hi = mid }
            }
            bounds[c] = lo
        }
        bounds.withUnsafeBufferPointer { b in
            WorkerPool.shared.run(chunks: chunks) { chunk in
                if b[chunk] < b[chunk + 1] { body(b[chunk]..<b[chunk + 1]) }
            }
        }
    }
}

/// Carries a value into a `@Sendable` closure when the caller guarantees the accesses
/// are race-free (kernels write disjoint ranges of their output).
public struct UncheckedSendable<Value>: @unchecked Sendable {
    public let value: Value
    public init(_ value: Value) { self.value = value }
}
