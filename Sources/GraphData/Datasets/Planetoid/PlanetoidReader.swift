import Foundation

/// A Planetoid graph as read from its raw files, before a split is chosen.
struct PlanetoidData: Sendable {
    /// Nodes, features (`[N, F]`, sparse), labels and edges; no splits yet.
    var graph: Graph
    /// Rows of `ind.<name>.y`: the public training nodes are `0..<numTrain`.
    var numTrain: Int
    /// `test.index` in file order.
    var testIndex: [Int]
    /// Width of the one-hot label rows.
    var numClasses: Int
}

/// Reads the Planetoid files the way PyG's `read_planetoid_data` does:
///
/// 1. `tx`/`ty` rows belong to the test ids of `test.index`, in file order. They are
///    scattered into a block covering `min...max` of those ids, with zero rows for ids
///    that are missing (CiteSeer has 15 isolated nodes not in `tx`; for Cora and PubMed
///    the ids are consecutive and this step changes nothing).
/// 2. `x = [allx; tx_ext]`, `y = argmax([ally; ty_ext], axis 1)` (an all-zero row,
///    e.g. a padded one, gets class 0, as `torch.max` gives the first maximum), and
///    then `x[test_index] = x[sorted(test_index)]` (the same for `y`), the GCN
///    authors' reordering.
/// 3. Edges: every `key -> value` of the `defaultdict` graph; self loops are removed,
///    then the list is coalesced (sorted by source then target, duplicates dropped), as
///    `remove_self_loops` and `coalesce` do. The published graphs are symmetric, so
///    the result is too (Cora 10556 edges, CiteSeer 9104).
struct PlanetoidReader {
    let dataset: Planetoid.Name

    func read(_ dir: URL) throws -> PlanetoidData {
        let p = dataset.prefix
        func url(_ ext: String) -> URL { dir.appendingPathComponent("ind.\(p).\(ext)") }
        func matrix(_ ext: String) throws -> FeatureMatrix {
            let name = "ind.\(p).\(ext)"
            do {
                let m = try FeatureMatrix(pickled: try Unpickler.load(contentsOf: url(ext)))
                try m.validate(ext)
                return m
            } catch let e as DataError { throw e.inFile(name) }
        }
        let x = try matrix("x"), tx = try matrix("tx"), allx = try matrix("allx")
        let y = try matrix("y"), ty = try matrix("ty"), ally = try matrix("ally")
        let graphName = "ind.\(p).graph"
        let adjacency: [(key: Int, values: [Int])]
        do { adjacency = try Unpickler.load(contentsOf: url("graph")).intListDict() } catch let e as DataError {
            throw e.inFile(graphName)
        }
        let testIndex = try Self.readIndex(url("test.index"))

        func check(_ ok: Bool, _ file: String, _ message: String) throws {
            if !ok { throw DataError(.badData, file: "ind.\(p).\(file)", message) }
        }
        try check(x.rows == y.rows, "y", "\(y.rows) label rows for \(x.rows) rows of ind.\(p).x")
        try check(ally.rows == allx.rows, "ally", "\(ally.rows) label rows for \(allx.rows) rows of ind.\(p).allx")
        try check(ty.rows == tx.rows, "ty", "\(ty.rows) label rows for \(tx.rows) rows of ind.\(p).tx")
        try check(tx.rows == testIndex.count, "tx", "\(tx.rows) rows for \(testIndex.count) test ids in ind.\(p).test.index")
        try check(tx.cols == allx.cols && x.cols == allx.cols, "tx", "feature widths differ: x \(x.cols), tx \(tx.cols), allx \(allx.cols)")
        try check(ty.cols == ally.cols && y.cols == ally.cols, "ty", "label widths differ: y \(y.cols), ty \(ty.cols), ally \(ally.cols)")
        try check(y.rows <= allx.rows, "y", "\(y.rows) training rows but only \(allx.rows) rows in allx")

        // 1. Scatter tx/ty into the block min...max of the test ids.
        let sorted = testIndex.sorted()
        guard let low = sorted.first, let high = sorted.last else {
            throw DataError(.badData, file: "ind.\(p).test.index", "no test ids")
        }
        for k in 1..<sorted.count where sorted[k] == sorted[k - 1] {
            throw DataError(.badData, file: "ind.\(p).test.index", "test id \(sorted[k]) appears twice")
        }
        // Bounded by the graph's key count, so a bad id cannot ask for a huge block.
        let span = high - low + 1
        try check(span <= adjacency.count + tx.rows, "test.index",
                  "test ids \(low)...\(high) span more nodes than the graph has (\(adjacency.count))")
        var blockSource = [Int?](repeating: nil, count: span)
        for (i, id) in sorted.enumerated() { blockSource[id - low] = i }
        let numNodes = allx.rows + span

        // 2. x = [allx; tx_ext] with x[test_index] = x[sorted(test_index)].
        var order = Array(0..<numNodes)
        for (i, id) in testIndex.enumerated() {
            guard id >= 0, id < numNodes, sorted[i] < numNodes else {
                throw DataError(.badData, file: "ind.\(p).test.index", at: "line \(i + 1)",
                                "test id \(id) is outside the \(numNodes) nodes of allx and tx")
            }
            order[id] = sorted[i]
        }
        // Stacked row r comes from allx (r < allx.rows) or tx (blockSource), or is zero.
        func stackedSource(_ r: Int) -> (fromTest: Bool, row: Int?) {
            r < allx.rows ? (false, r) : (true, blockSource[r - allx.rows])
        }
        let features = Self.gather(order.map(stackedSource), top: allx, bottom: tx)
        let labelRows = Self.gather(order.map(stackedSource), top: ally, bottom: ty)
        let labels = (0..<numNodes).map { Int32(Self.argmax(labelRows.row($0))) }

        // 3. Edges.
        var pairs: [(Int32, Int32)] = []
        for (key, values) in adjacency {
            for v in values {
                guard key >= 0, key < numNodes, v >= 0, v < numNodes else {
                    throw DataError(.badData, file: graphName,
                                    "edge \(key) -> \(v) is outside the \(numNodes) nodes")
                }
                if key != v { pairs.append((Int32(key), Int32(v))) }
            }
        }
        pairs.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var source: [Int32] = [], target: [Int32] = []
        for (k, e) in pairs.enumerated() where k == 0 || pairs[k - 1] != e {
            source.append(e.0)
            target.append(e.1)
        }
        var graph = try Graph(numNodes: numNodes, source: source, target: target)
        graph.nodeFeatures = features
        graph.nodeLabels = .classes(labels)
        return PlanetoidData(graph: graph, numTrain: y.rows, testIndex: testIndex, numClasses: ally.cols)
    }

    /// Rows picked from `top` (`fromTest == false`) or `bottom`, or zero rows (`row == nil`),
    /// sparse when both inputs are.
    static func gather(_ sources: [(fromTest: Bool, row: Int?)], top: FeatureMatrix, bottom: FeatureMatrix) -> FeatureMatrix {
        let cols = top.cols
        if case .sparse(_, _, let tp, let tc, let tv) = top, case .sparse(_, _, let bp, let bc, let bv) = bottom {
            var ptr = [0], idx = [Int32](), val = [Float]()
            for s in sources {
                if let r = s.row {
                    let (p, c, v) = s.fromTest ? (bp, bc, bv) : (tp, tc, tv)
                    idx.append(contentsOf: c[p[r]..<p[r + 1]])
                    val.append(contentsOf: v[p[r]..<p[r + 1]])
                }
                ptr.append(idx.count)
            }
            return .sparse(rows: sources.count, cols: cols, rowPtr: ptr, colIdx: idx, values: val)
        }
        var out = [Float]()
        out.reserveCapacity(sources.count * cols)
        for s in sources {
            if let r = s.row {
                out.append(contentsOf: (s.fromTest ? bottom : top).row(r))
            } else {
                out.append(contentsOf: repeatElement(0, count: cols))
            }
        }
        return .dense(rows: sources.count, cols: cols, values: out)
    }

    /// Index of the first maximum (0 for an empty or all-zero row).
    static func argmax(_ row: [Float]) -> Int {
        var best = 0
        for (i, v) in row.enumerated() where v > row[best] { best = i }
        return best
    }

    /// `ind.<name>.test.index`: one non-negative integer per line.
    static func readIndex(_ url: URL) throws -> [Int] {
        let name = url.lastPathComponent
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw DataError(FileManager.default.fileExists(atPath: url.path) ? .io : .missingInput,
                            file: name, "cannot read: \(error.localizedDescription)")
        }
        var out: [Int] = []
        for (n, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.isEmpty { continue }
            guard let v = Int(t), v >= 0 else {
                throw DataError(.badData, file: name, at: "line \(n + 1)", "'\(t)' is not a node id")
            }
            out.append(v)
        }
        return out
    }
}
