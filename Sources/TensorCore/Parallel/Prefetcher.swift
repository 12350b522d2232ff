import Dispatch
import Synchronization

/// Hands out `make(0), make(1), …, make(count − 1)` in order, building each on a
/// background thread up to `ahead` elements before the caller asks for it, so that the
/// caller's work on element `i` overlaps the construction of element `i + 1` (a
/// mini-batch's disjoint union, its normalised adjacency and CSR while the previous
/// batch trains).
///
///     let batches = Prefetcher(count: n) { i in try makeBatch(i) }
///     while let batch = try batches.next() { … }
///
/// `make` runs on one serial queue, in index order, one call at a time: it may keep
/// state only it touches. Its results do not depend on when it runs, so a loop gives
/// the same values as building each element inline. An error thrown by `make(i)` is
/// rethrown by the `next()` that would have returned element `i`; later elements are
/// not built. Each element is handed over once and never touched again by the
/// producer, which is why non-`Sendable` values (tensors) may cross threads here.
///
/// Foundation's `OperationQueue` or Swift concurrency would also run the work; this is
/// a queue and a semaphore because the consumer is a synchronous training loop that
/// must block, not suspend, until the next element exists.
public final class Prefetcher<Element> {
    public let count: Int
    private let ahead: Int
    private let make: UncheckedSendable<(Int) throws -> Element>
    private let queue = DispatchQueue(label: "swiftgnn.prefetcher")
    private let built = DispatchSemaphore(value: 0)
    private let ready = Mutex<[Int: UncheckedSendable<Result<Element, any Error>>]>([:])
    private let failed = Atomic<Bool>(false)
    private var nextIndex = 0
    private var scheduled = 0

    /// - Parameters: `count ≥ 0` elements; `ahead ≥ 1` elements built before they are
    ///   asked for (so up to `ahead + 1` are held in memory, with the caller's).
    public init(count: Int, ahead: Int = 1, _ make: @escaping (Int) throws -> Element) {
        self.count = max(0, count)
        self.ahead = max(1, ahead)
        self.make = UncheckedSendable(make)
    }

    /// The next element, waiting for it if it is still being built; nil after the last.
    /// - Throws: what `make` threw for this element.
    public func next() throws -> Element? {
        guard nextIndex < count else { return nil }
        // While the caller works on element i, elements i + 1 ... i + ahead are built.
        schedule(through: nextIndex + ahead)
        let i = nextIndex
        while true {
            if let result = ready.withLock({ $0.removeValue(forKey: i) }) {
                nextIndex += 1
                return try result.value.get()
            }
            built.wait()
        }
    }

    /// Builds element `i` (on the queue) and stores it for `next()`.
    private func build(_ i: Int) {
        let result: Result<Element, any Error>
        if failed.load(ordering: .relaxed) {
            result = .failure(PrefetchCancelled())
        } else {
            result = Result { try make.value(i) }
            if case .failure = result { failed.store(true, ordering: .relaxed) }
        }
        ready.withLock { $0[i] = UncheckedSendable(result) }
        built.signal()
    }

    /// Queues the builds of elements up to index `last` (at most `count − 1`).
    private func schedule(through last: Int) {
        while scheduled <= min(last, count - 1) {
            let i = scheduled
            scheduled += 1
            let task = UncheckedSendable { [self] in build(i) }
            queue.async { task.value() }
        }
    }
}

/// The result of the elements after one whose construction failed (never returned:
/// `next()` throws the first failure before reaching them).
struct PrefetchCancelled: Error {}
