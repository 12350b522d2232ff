import Dispatch
import Testing
@testable import TensorCore

/// `WorkerPool`, the threads behind `Parallel.forEach`: every chunk runs exactly once,
/// job after job, also when loops nest and when several threads call at once.
@Suite struct WorkerPoolTests {
    /// Runs `jobs` jobs of 2...7 chunks; each chunk adds 1 to its own slot, and after
    /// each job every slot must hold exactly 1.
    static func runJobs(_ jobs: Int, seed: Int) -> Int {
        let slots = UnsafeMutablePointer<Int>.allocate(capacity: 8)
        defer { slots.deallocate() }
        var wrong = 0
        for job in 0..<jobs {
            let chunks = 2 + (job * 7 + seed) % 6
            slots.initialize(repeating: 0, count: 8)
            WorkerPool.shared.run(chunks: chunks) { chunk in slots[chunk] += 1 }
            for chunk in 0..<8 where slots[chunk] != (chunk < chunks ? 1 : 0) { wrong += 1 }
        }
        return wrong
    }

    @Test func everyChunkRunsExactlyOnce() {
        #expect(Self.runJobs(5000, seed: 0) == 0)
    }

    @Test func concurrentCallersEachGetTheirChunks() {
        let pointer = UnsafeMutablePointer<Int>.allocate(capacity: 4)
        defer { pointer.deallocate() }
        let wrong = UncheckedSendable(pointer)
        DispatchQueue.concurrentPerform(iterations: 4) { caller in
            wrong.value[caller] = Self.runJobs(1000, seed: caller)
        }
        #expect((0..<4).map { pointer[$0] } == [0, 0, 0, 0])
    }

    @Test func nestedLoopsRunInline() {
        let cells = UnsafeMutablePointer<Int>.allocate(capacity: 6 * 5)
        defer { cells.deallocate() }
        cells.initialize(repeating: 0, count: 30)
        WorkerPool.shared.run(chunks: 6) { outer in
            WorkerPool.shared.run(chunks: 5) { inner in cells[outer * 5 + inner] += 1 }
        }
        #expect((0..<30).allSatisfy { cells[$0] == 1 })
    }

    /// With the process's thread count (the machine's cores unless `SWIFTGNN_THREADS`).
    @Test func parallelForEachCoversEachIndexOnce() {
        let count = 10_007
        let hits = UnsafeMutablePointer<Int>.allocate(capacity: count)
        defer { hits.deallocate() }
        hits.initialize(repeating: 0, count: count)
        // A prefix cost: index i costs i % 5.
        var prefix = [0]
        for i in 0..<count { prefix.append(prefix[i] + i % 5) }
        prefix.withUnsafeBufferPointer { p in
            for _ in 0..<50 {
                Parallel.forEach(count: count, grain: 100) { r in for i in r { hits[i] += 1 } }
                Parallel.forEach(count: count, prefixCost: p.baseAddress!, grain: 100) { r in for i in r { hits[i] += 1 } }
            }
        }
        #expect((0..<count).allSatisfy { hits[$0] == 100 })
    }
}
