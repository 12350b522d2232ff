import TensorCore

/// K-fold cross-validation splits that keep each class's share in every fold, with
/// the semantics of scikit-learn's `StratifiedKFold(n_splits=folds, shuffle=True)`:
///
/// 1. Classes are the distinct label values in sorted order.
/// 2. How many items of each class go to each test fold is fixed the way sklearn does
///    it: the labels sorted by class are dealt round-robin to the folds (item `r` of
///    the sorted list to fold `r mod k`), and fold `f` receives as many items of class
///    `c` as it was dealt. Every class's per-fold counts thus differ by at most 1, and
///    so do the fold sizes.
/// 3. Within each class, which items go to which fold is a seeded random shuffle
///    (`RandomGenerator(seed:)`; sklearn's numpy permutation is not reproduced).
///
/// Fold `f`'s test set is the items assigned to it, its training set all others; both
/// are sorted ascending.
///
/// ```swift
/// let cv = try StratifiedKFold(labels: [0, 0, 1, 1, 1, 0], folds: 3, seed: 0)
/// for fold in cv.folds { fold.train; fold.test }
/// ```
public struct StratifiedKFold: Sendable {
    public struct Fold: Sendable, Equatable {
        public let train: [Int]
        public let test: [Int]
    }

    /// One entry per fold.
    public let folds: [Fold]
    /// The test fold of each item, `[labels.count]`.
    public let assignment: [Int]

    /// Throws a `.usage` error when `folds < 2` or there are fewer items than folds.
    public init<L: BinaryInteger>(labels: [L], folds k: Int, seed: UInt64) throws {
        guard k >= 2 else { throw DataError(.usage, "stratified k-fold: \(k) folds, expected at least 2") }
        guard labels.count >= k else {
            throw DataError(.usage, "stratified k-fold: \(labels.count) items cannot fill \(k) folds")
        }
        let classes = Array(Set(labels)).sorted()
        var classIndex: [L: Int] = [:]
        for (c, v) in classes.enumerated() { classIndex[v] = c }
        let encoded = labels.map { classIndex[$0] ?? 0 }
        var counts = [Int](repeating: 0, count: classes.count)
        for c in encoded { counts[c] += 1 }

        // allocation[f][c]: items of class c in test fold f (sklearn's round-robin deal
        // of the class-sorted labels).
        var allocation = [[Int]](repeating: [Int](repeating: 0, count: classes.count), count: k)
        var r = 0
        for c in classes.indices {
            for _ in 0..<counts[c] {
                allocation[r % k][c] += 1
                r += 1
            }
        }
        var rng = RandomGenerator(seed: seed)
        var assignment = [Int](repeating: 0, count: labels.count)
        for c in classes.indices {
            var foldsForClass: [Int] = []
            for f in 0..<k { foldsForClass.append(contentsOf: repeatElement(f, count: allocation[f][c])) }
            let perm = rng.permutation(foldsForClass.count)
            var next = 0
            for (i, e) in encoded.enumerated() where e == c {
                assignment[i] = foldsForClass[perm[next]]
                next += 1
            }
        }
        self.assignment = assignment
        self.folds = (0..<k).map { f in
            Fold(train: assignment.indices.filter { assignment[$0] != f },
                 test: assignment.indices.filter { assignment[$0] == f })
        }
    }

    /// Folds over the class labels of a graph-classification dataset.
    public init(dataset: Dataset, folds k: Int, seed: UInt64) throws {
        let labels = try dataset.graphs.enumerated().map { (i, g) -> Int32 in
            guard let c = g.graphLabel?.classIds, c.count == 1 else {
                throw DataError(.usage, file: dataset.name, at: "graph \(i)", "stratified k-fold needs one class label per graph")
            }
            return c[0]
        }
        try self.init(labels: labels, folds: k, seed: seed)
    }
}
