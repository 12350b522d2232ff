import TensorCore

/// How `randomNodeSplit` assigns nodes, PyG `RandomNodeSplit(split=...)`.
public enum NodeSplitMode: String, Sendable, Codable {
    /// `numVal` and `numTest` random nodes, the rest train (PyG `"train_rest"`).
    case trainRest = "train_rest"
    /// `numTrainPerClass` random nodes of each class for training, `numVal` of the
    /// rest for validation, everything else test (PyG `"test_rest"`).
    case testRest = "test_rest"
    /// As `testRest`, but only `numTest` of the rest for test (PyG `"random"`).
    case random
}

extension Graph {
    /// The graph with `numSplits` fresh random node splits replacing `splits`, as PyG's
    /// `RandomNodeSplit(split, num_splits, num_train_per_class, num_val, num_test)` (same
    /// defaults: train_rest, 20 per class, 500 validation, 1000 test nodes).
    ///
    /// Fractions are of all nodes, rounded half to even like Python's `round`. For
    /// `.testRest` and `.random` each class contributes `min(numTrainPerClass, size)`
    /// training nodes, then validation (and test) nodes are drawn from the remaining
    /// nodes in random order. Deterministic for a given `seed`.
    ///
    /// Throws `.usage` when the sizes do not fit the graph or class labels are needed
    /// but missing.
    public func randomNodeSplit(mode: NodeSplitMode = .trainRest, numSplits: Int = 1,
                                numTrainPerClass: Int = 20,
                                numVal: SplitSize = .count(500), numTest: SplitSize = .count(1000),
                                seed: UInt64) throws -> Graph {
        guard numSplits >= 1 else { throw DataError(.usage, "random node split: numSplits is \(numSplits), expected >= 1") }
        guard numTrainPerClass >= 0 else {
            throw DataError(.usage, "random node split: numTrainPerClass is \(numTrainPerClass), expected >= 0")
        }
        let n = numNodes
        let nVal = try numVal.resolve(of: n, "random node split: numVal", rounding: .toNearestOrEven)
        let nTest = try numTest.resolve(of: n, "random node split: numTest", rounding: .toNearestOrEven)
        var classes: [Int32] = []
        if mode != .trainRest {
            guard let y = nodeLabels?.classIds, y.count == n else {
                throw DataError(.usage, "random node split: mode \(mode.rawValue) needs one class label per node")
            }
            if let bad = y.firstIndex(where: { $0 < 0 }) {
                throw DataError(.badData, "random node split: node \(bad) has negative class \(y[bad])")
            }
            classes = y
        }
        var rng = RandomGenerator(seed: seed)
        var result = self
        result.splits = []
        for _ in 0..<numSplits {
            var train = [Bool](repeating: false, count: n)
            var val = train, test = train
            if mode == .trainRest {
                guard nVal + nTest <= n else {
                    throw DataError(.usage, "random node split: \(nVal) validation + \(nTest) test nodes exceed the \(n) nodes")
                }
                let perm = rng.permutation(n)
                for (k, v) in perm.enumerated() {
                    if k < nVal { val[v] = true } else if k < nVal + nTest { test[v] = true } else { train[v] = true }
                }
            } else {
                let numClasses = Int(classes.max() ?? -1) + 1
                var members = [[Int]](repeating: [], count: numClasses)
                for (v, c) in classes.enumerated() { members[Int(c)].append(v) }
                for idx in members {
                    let perm = rng.permutation(idx.count)
                    for k in perm.prefix(numTrainPerClass) { train[idx[k]] = true }
                }
                let remaining = (0..<n).filter { !train[$0] }
                let need = mode == .random ? nVal + nTest : nVal
                guard need <= remaining.count else {
                    throw DataError(.usage, "random node split: \(need) validation/test nodes requested but only \(remaining.count) nodes are left after training")
                }
                let perm = rng.permutation(remaining.count)
                for (k, p) in perm.enumerated() {
                    let v = remaining[p]
                    if k < nVal { val[v] = true } else if mode == .testRest || k < nVal + nTest { test[v] = true }
                }
            }
            result.splits.append(NodeSplit(train: train, validation: val, test: test))
        }
        return result
    }
}
