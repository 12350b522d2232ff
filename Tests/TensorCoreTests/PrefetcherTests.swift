import Dispatch
import Foundation
import Synchronization
import Testing
@testable import TensorCore

@Suite struct PrefetcherTests {
    struct Broken: Error, Equatable { let index: Int }

    @Test func handsOutEveryElementInOrderThenNil() throws {
        let items = Prefetcher(count: 50, ahead: 3) { i in Tensor([Float(i), Float(i * i)]) }
        var seen: [[Float]] = []
        while let t = try items.next() { seen.append(t.scalars) }
        #expect(seen == (0..<50).map { [Float($0), Float($0 * $0)] })
        #expect(try items.next() == nil)
    }

    @Test func emptyAndNegativeCountsGiveNothing() throws {
        #expect(try Prefetcher(count: 0) { $0 }.next() == nil)
        #expect(try Prefetcher(count: -2) { $0 }.next() == nil)
    }

    @Test func buildsTheNextElementBeforeItIsAskedFor() throws {
        let builtOne = DispatchSemaphore(value: 0)
        let items = Prefetcher(count: 3) { i in
            if i == 1 { builtOne.signal() }
            return i
        }
        #expect(try items.next() == 0)
        // Element 1 is built without another call to next().
        #expect(builtOne.wait(timeout: .now() + 30) == .success)
        #expect(try items.next() == 1)
        #expect(try items.next() == 2)
    }

    @Test func buildsAtMostAheadElementsBeyondTheCallers() throws {
        let calls = Atomic<Int>(0)
        let builtTwo = DispatchSemaphore(value: 0)
        let items = Prefetcher(count: 10, ahead: 2) { i in
            calls.add(1, ordering: .relaxed)
            if i == 2 { builtTwo.signal() }
            return i
        }
        #expect(try items.next() == 0)
        #expect(builtTwo.wait(timeout: .now() + 30) == .success)
        // Elements 1 and 2 are built; 3 is not queued until the caller asks for 1.
        Thread.sleep(forTimeInterval: 0.1)
        #expect(calls.load(ordering: .relaxed) == 3)
        #expect(try items.next() == 1)
        var rest: [Int] = []
        while let i = try items.next() { rest.append(i) }
        #expect(rest == Array(2..<10))
    }

    @Test func anErrorArrivesAtItsElementAndStopsTheBuilds() throws {
        let calls = Atomic<Int>(0)
        let items = Prefetcher(count: 10, ahead: 4) { i in
            calls.add(1, ordering: .relaxed)
            if i == 2 { throw Broken(index: i) }
            return i
        }
        #expect(try items.next() == 0)
        #expect(try items.next() == 1)
        #expect(throws: Broken(index: 2)) { try items.next() }
        // Elements queued after the failure are not built.
        #expect(calls.load(ordering: .relaxed) == 3)
    }
}
