import Foundation
import Testing
import TestSupport
@testable import GraphData

@Suite struct BatchStratifiedKFoldTests {
    /// Checks the partition and the per-class balance of every fold.
    func check(_ labels: [Int], folds k: Int, seed: UInt64) throws {
        let cv = try StratifiedKFold(labels: labels, folds: k, seed: seed)
        #expect(cv.folds.count == k)
        // Test folds partition the items; train is the complement.
        let tests = cv.folds.flatMap(\.test)
        #expect(tests.sorted() == Array(labels.indices))
        for fold in cv.folds {
            #expect(Set(fold.train).isDisjoint(with: fold.test))
            #expect(fold.train.count + fold.test.count == labels.count)
            #expect(fold.train == fold.train.sorted() && fold.test == fold.test.sorted())
        }
        // Per-class counts within 1 of the ideal count / k, and fold sizes within 1.
        for c in Set(labels) {
            let total = labels.filter { $0 == c }.count
            let ideal = Double(total) / Double(k)
            for fold in cv.folds {
                let n = fold.test.filter { labels[$0] == c }.count
                #expect(abs(Double(n) - ideal) < 1, "class \(c): \(n) in a fold, ideal \(ideal)")
            }
        }
        let sizes = cv.folds.map(\.test.count)
        #expect((sizes.max() ?? 0) - (sizes.min() ?? 0) <= 1)
    }

    @Test func balancedAndPartitioning() throws {
        try check([0, 0, 1, 1, 1, 0], folds: 3, seed: 0)
        let skewed = (0..<97).map { $0 % 10 == 0 ? 2 : ($0 % 3 == 0 ? -5 : 7) }
        for seed: UInt64 in [0, 1, 42] { try check(skewed, folds: 10, seed: seed) }
        try check(Array(repeating: 4, count: 23), folds: 5, seed: 3)
    }

    @Test func sklearnAllocationExample() throws {
        // sklearn: y = [0]*5 + [1]*3, n_splits=3 -> sorted y dealt round-robin gives
        // test folds of class counts (2,1), (2,1), (1,1).
        let labels = [0, 0, 0, 0, 0, 1, 1, 1]
        let cv = try StratifiedKFold(labels: labels, folds: 3, seed: 9)
        let perFold = cv.folds.map { f in [0, 1].map { c in f.test.filter { labels[$0] == c }.count } }
        #expect(perFold == [[2, 1], [2, 1], [1, 1]])
    }

    @Test func seededShuffle() throws {
        let labels = (0..<60).map { $0 % 3 }
        let a = try StratifiedKFold(labels: labels, folds: 5, seed: 1)
        let b = try StratifiedKFold(labels: labels, folds: 5, seed: 1)
        let c = try StratifiedKFold(labels: labels, folds: 5, seed: 2)
        #expect(a.assignment == b.assignment)
        #expect(a.assignment != c.assignment)
    }

    @Test func invalidArgumentsThrow() {
        #expect(throws: DataError.self) { try StratifiedKFold(labels: [0, 1, 0], folds: 1, seed: 0) }
        #expect(throws: DataError.self) { try StratifiedKFold(labels: [0, 1], folds: 3, seed: 0) }
    }

    @Test(.enabled(if: SharedData.available)) func mutagTenFolds() throws {
        let root = try #require(SharedData.root)
        let mutag = try TUDataset(name: "MUTAG").load(root: DataRoot(root), download: false)
        let cv = try StratifiedKFold(dataset: mutag, folds: 10, seed: 0)
        // 125 / 63 graphs: every test fold holds 12-13 of class 1 and 6-7 of class 0.
        for fold in cv.folds {
            let ones = fold.test.filter { mutag.graphs[$0].graphLabel == .classes([1]) }.count
            #expect((12...13).contains(ones))
            #expect((6...7).contains(fold.test.count - ones))
        }
        let batches = Array(try GraphLoader(mutag, indices: cv.folds[0].train, batchSize: 32, shuffle: true, seed: 0))
        #expect(batches.reduce(0) { $0 + $1.numGraphs } == cv.folds[0].train.count)
        #expect(batches[0].graph.nodeFeatures?.cols == 7)
    }
}
