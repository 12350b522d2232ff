#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Foundation
import Synchronization

/// The threads behind `Parallel.forEach`: persistent workers that, after a job, keep
/// polling for the next one for `spinNanoseconds` before they sleep.
///
/// Why not `DispatchQueue.concurrentPerform`: it wakes its worker through a futex on
/// every call, and a training step makes hundreds of small parallel calls. On this
/// project's 2-vCPU machines that wake-up was 12% of gin_enzymes' 2-thread profile, and
/// two threads ran slower than one (bench/PROFILE.md). A worker that is still polling
/// when the next call comes picks it up in well under a microsecond.
///
/// One job runs at a time. Its chunks are claimed through one atomic word holding the
/// job's chunk count and its next unclaimed chunk, so a claim always reads the count
/// of the job it claims from; the caller claims chunks too and returns when all are
/// done. A call made while a job is running (a nested parallel loop, or another
/// thread's) runs its chunks one after another on its own thread: the same chunks, so
/// the same results.
final class WorkerPool: @unchecked Sendable {
    static let shared = WorkerPool()

    /// How long an idle worker polls before it sleeps.
    static let spinNanoseconds: UInt64 = 100_000

    /// Chunk count (bits 20...39) and next unclaimed chunk (bits 0...19) of the job.
    private let state = Atomic<UInt64>(0)
    /// Chunks of the current job not yet finished.
    private let unfinished = Atomic<Int>(0)
    /// Whether a job is running (callers that find one run their chunks inline).
    private let busy = Atomic<Bool>(false)
    /// Workers asleep or about to sleep on `wakeUp`.
    private let sleepers = Atomic<Int>(0)
    /// The current job's body; written only while no chunk of it can be claimed.
    private var body: UncheckedSendable<(Int) -> Void>?

    private let workersLock = Mutex<Int>(0)
    /// Heap-allocated: a pthread mutex or condition must not move, and `&property` on a
    /// class property does not promise a stable address.
    private let sleepMutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let wakeUp = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    private static let countShift: UInt64 = 20
    private static let fieldMask: UInt64 = (1 << 20) - 1
    /// Most chunks one job may have (claims that find the job taken also advance the
    /// index, at most once per worker, so it stays below 2²⁰).
    static let maxChunks = Int(fieldMask) / 2

    private init() {
        sleepMutex.initialize(to: pthread_mutex_t())
        wakeUp.initialize(to: pthread_cond_t())
        pthread_mutex_init(sleepMutex, nil)
        pthread_cond_init(wakeUp, nil)
    }

    /// Runs `body(chunk)` for every chunk in `0..<chunks` (each exactly once) on the
    /// caller and up to `chunks − 1` workers; returns when all have finished.
    func run(chunks: Int, _ body: (Int) -> Void) {
        guard chunks > 1, chunks <= Self.maxChunks,
              busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            for chunk in 0..<chunks { body(chunk) }
            return
        }
        ensureWorkers(chunks - 1)
        withoutActuallyEscaping(body) { body in
            self.body = UncheckedSendable(body)
            unfinished.store(chunks, ordering: .relaxed)
            state.store(UInt64(chunks) << Self.countShift, ordering: .sequentiallyConsistent)
            if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
                pthread_mutex_lock(sleepMutex)
                pthread_cond_broadcast(wakeUp)
                pthread_mutex_unlock(sleepMutex)
            }
            while claimAndRun() {}
            var polls = 0
            while unfinished.load(ordering: .acquiring) > 0 {
                polls += 1
                if polls & 1023 == 0 { sched_yield() }
            }
            self.body = nil
        }
        busy.store(false, ordering: .releasing)
    }

    /// Claims the next chunk of the current job and runs it; false when none is left.
    private func claimAndRun() -> Bool {
        let current = state.load(ordering: .acquiring)
        guard Self.index(current) < Self.count(current) else { return false }
        let claimed = state.wrappingAdd(1, ordering: .acquiringAndReleasing).oldValue
        let chunk = Self.index(claimed)
        guard chunk < Self.count(claimed) else { return false }
        // The job cannot end (nor its body change) before this chunk is marked finished.
        body!.value(chunk)
        unfinished.subtract(1, ordering: .releasing)
        return true
    }

    private static func index(_ word: UInt64) -> Int { Int(word & fieldMask) }
    private static func count(_ word: UInt64) -> Int { Int(word >> countShift & fieldMask) }

    private func hasWork() -> Bool {
        let word = state.load(ordering: .sequentiallyConsistent)
        return Self.index(word) < Self.count(word)
    }

    private func ensureWorkers(_ wanted: Int) {
        workersLock.withLock { started in
            while started < wanted {
                started += 1
                let thread = Thread { [unowned self] in self.workerLoop() }
                thread.stackSize = 8 << 20
                thread.name = "swiftgnn-worker-\(started)"
                thread.start()
            }
        }
    }

    private func workerLoop() {
        while true {
            if claimAndRun() { continue }
            let start = DispatchTime.now().uptimeNanoseconds
            var found = false
            while DispatchTime.now().uptimeNanoseconds - start < Self.spinNanoseconds {
                if hasWork() { found = true; break }
            }
            if found { continue }
            pthread_mutex_lock(sleepMutex)
            sleepers.add(1, ordering: .sequentiallyConsistent)
            while !hasWork() { pthread_cond_wait(wakeUp, sleepMutex) }
            sleepers.subtract(1, ordering: .sequentiallyConsistent)
            pthread_mutex_unlock(sleepMutex)
        }
    }
}
