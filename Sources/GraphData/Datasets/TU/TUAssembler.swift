/// Turns parsed TU files into graphs with PyG's `read_tu_data` semantics (see
/// `TUDataset` for the rules). Checks every count and id against the others and names
/// the file and line of the first inconsistency.
struct TUAssembler {
    let files: TUFiles
    let name: String
    let useNodeAttributes: Bool
    let useEdgeAttributes: Bool

    /// Largest one-hot width accepted for one label column (a corrupt label such as
    /// 10^12 must not become a 10^12-column allocation).
    static let maxOneHotWidth = 1 << 20
    /// Largest feature matrix (values) built for the whole dataset.
    static let maxFeatureValues = 1 << 31

    private func file(_ part: String) -> String { "\(name)_\(part).txt" }

    func dataset() throws -> Dataset {
        let numNodes = files.graphIndicator.rows
        guard numNodes <= Int(Int32.max), files.a.rows <= Int(Int32.max) else {
            throw DataError(.badData, file: file("graph_indicator"), "\(numNodes) nodes / \(files.a.rows) edges exceed Int32 ids")
        }
        // Graph of each node (0-based) and node ranges per graph.
        let indicator = files.graphIndicator.values
        var numGraphs = 0
        var previous = 1
        for (i, g) in indicator.enumerated() {
            guard g >= 1, g <= numNodes else {
                throw DataError(.badData, file: file("graph_indicator"), at: "line \(i + 1)",
                                "graph id \(g), expected 1...\(numNodes) (at most one graph per node)")
            }
            guard g >= previous else {
                throw DataError(.badData, file: file("graph_indicator"), at: "line \(i + 1)",
                                "graph id \(g) after \(previous), expected non-decreasing ids (each graph's nodes contiguous)")
            }
            previous = g
            numGraphs = g
        }
        var nodePtr = [Int](repeating: 0, count: numGraphs + 1)
        for g in indicator { nodePtr[g] += 1 }
        for k in 0..<numGraphs { nodePtr[k + 1] += nodePtr[k] }

        let nodeFeatures = try nodeFeatureMatrix(numNodes: numNodes)
        let edges = try edgeList(numNodes: numNodes, indicator: indicator)
        let (targets, task, numClasses) = try graphTargets(numGraphs: numGraphs)

        var graphs: [Graph] = []
        graphs.reserveCapacity(numGraphs)
        var e = 0
        for k in 0..<numGraphs {
            let lo = nodePtr[k], hi = nodePtr[k + 1]
            let e0 = e
            while e < edges.source.count && Int(edges.source[e]) < hi { e += 1 }
            let offset = Int32(lo)
            var g = try Graph(numNodes: hi - lo,
                              source: edges.source[e0..<e].map { $0 - offset },
                              target: edges.target[e0..<e].map { $0 - offset })
            if let (cols, values) = nodeFeatures {
                g.nodeFeatures = .dense(rows: hi - lo, cols: cols, values: Array(values[lo * cols..<hi * cols]))
            }
            if let (cols, values) = edges.features {
                g.edgeFeatures = .dense(rows: e - e0, cols: cols, values: Array(values[e0 * cols..<e * cols]))
            }
            g.graphLabel = targets?[k]
            graphs.append(g)
        }
        return Dataset(name: name, task: task, graphs: graphs, numClasses: numClasses)
    }

    // MARK: - Nodes

    /// `[N, F]` row-major: attribute columns (when used) then label one-hots; nil when
    /// no columns.
    private func nodeFeatureMatrix(numNodes: Int) throws -> (Int, [Float])? {
        var blocks: [(Int, [Float])] = []
        if let attributes = files.nodeAttributes {
            guard attributes.rows == numNodes else {
                throw DataError(.badData, file: file("node_attributes"), at: "line \(Swift.min(attributes.rows, numNodes) + 1)",
                                "\(attributes.rows) lines, expected \(numNodes) (one per node, as in \(file("graph_indicator")))")
            }
            if useNodeAttributes { blocks.append((attributes.cols, attributes.values)) }
        }
        if let labels = files.nodeLabels {
            guard labels.rows == numNodes else {
                throw DataError(.badData, file: file("node_labels"), at: "line \(Swift.min(labels.rows, numNodes) + 1)",
                                "\(labels.rows) lines, expected \(numNodes) (one per node, as in \(file("graph_indicator")))")
            }
            blocks.append(try oneHot(labels, file: file("node_labels")))
        }
        return try concatenate(blocks, rows: numNodes)
    }

    /// Each column shifted to start at 0 and one-hot encoded with `max + 1` columns,
    /// the encodings side by side: `[rows, sum of widths]`.
    private func oneHot(_ table: NumberTable<Int>, file: String) throws -> (Int, [Float]) {
        guard table.rows > 0 else { return (0, []) }
        var mins: [Int] = [], widths: [Int] = []
        for c in 0..<table.cols {
            let column = table.column(c)
            let lo = column.min() ?? 0, hi = column.max() ?? 0
            let (span, overflow) = hi.subtractingReportingOverflow(lo)
            guard !overflow, span < TUAssembler.maxOneHotWidth else {
                throw DataError(.badData, file: file, at: "column \(c + 1)",
                                "labels range over \(lo)...\(hi), expected fewer than \(TUAssembler.maxOneHotWidth) distinct values")
            }
            mins.append(lo)
            widths.append(span + 1)
        }
        let total = widths.reduce(0, +)
        let (size, overflow) = table.rows.multipliedReportingOverflow(by: total)
        guard !overflow, size <= TUAssembler.maxFeatureValues else {
            throw DataError(.badData, file: file, "one-hot encoding of \(table.rows) x \(total) is too large")
        }
        var out = [Float](repeating: 0, count: size)
        for r in 0..<table.rows {
            var base = r * total
            for c in 0..<table.cols {
                out[base + table.values[r * table.cols + c] - mins[c]] = 1
                base += widths[c]
            }
        }
        return (total, out)
    }

    /// Blocks of `rows` rows placed side by side; nil when they have no columns.
    private func concatenate(_ blocks: [(Int, [Float])], rows: Int) throws -> (Int, [Float])? {
        let blocks = blocks.filter { $0.0 > 0 }
        if blocks.isEmpty { return nil }
        if blocks.count == 1 { return blocks[0] }
        let cols = blocks.reduce(0) { $0 + $1.0 }
        let (size, overflow) = rows.multipliedReportingOverflow(by: cols)
        guard !overflow, size <= TUAssembler.maxFeatureValues else {
            throw DataError(.badData, file: name, "feature matrix of \(rows) x \(cols) is too large")
        }
        var out = [Float]()
        out.reserveCapacity(size)
        for r in 0..<rows {
            for (c, values) in blocks { out.append(contentsOf: values[r * c..<(r + 1) * c]) }
        }
        return (cols, out)
    }

    // MARK: - Edges

    struct Edges {
        var source: [Int32]
        var target: [Int32]
        var features: (Int, [Float])?
    }

    /// 0-based global edges without self loops, sorted by (source, target), duplicates
    /// merged with their feature rows summed (PyG `remove_self_loops` + `coalesce`).
    private func edgeList(numNodes: Int, indicator: [Int]) throws -> Edges {
        let a = files.a
        let numEdges = a.rows
        var blocks: [(Int, [Float])] = []
        if let attributes = files.edgeAttributes {
            guard attributes.rows == numEdges else {
                throw DataError(.badData, file: file("edge_attributes"), at: "line \(Swift.min(attributes.rows, numEdges) + 1)",
                                "\(attributes.rows) lines, expected \(numEdges) (one per edge, as in \(file("A")))")
            }
            if useEdgeAttributes { blocks.append((attributes.cols, attributes.values)) }
        }
        if let labels = files.edgeLabels {
            guard labels.rows == numEdges else {
                throw DataError(.badData, file: file("edge_labels"), at: "line \(Swift.min(labels.rows, numEdges) + 1)",
                                "\(labels.rows) lines, expected \(numEdges) (one per edge, as in \(file("A")))")
            }
            blocks.append(try oneHot(labels, file: file("edge_labels")))
        }
        let features = try concatenate(blocks, rows: numEdges)

        // Validate ids and drop self loops.
        var src = [Int32](), dst = [Int32](), orig = [Int32]()
        src.reserveCapacity(numEdges); dst.reserveCapacity(numEdges); orig.reserveCapacity(numEdges)
        for e in 0..<numEdges {
            let i = a.values[2 * e], j = a.values[2 * e + 1]
            for v in [i, j] where v < 1 || v > numNodes {
                throw DataError(.badData, file: file("A"), at: "line \(e + 1)",
                                "node id \(v) is out of range 1...\(numNodes) (nodes in \(file("graph_indicator")))")
            }
            guard indicator[i - 1] == indicator[j - 1] else {
                throw DataError(.badData, file: file("A"), at: "line \(e + 1)",
                                "edge \(i), \(j) joins graph \(indicator[i - 1]) to graph \(indicator[j - 1]), expected both ends in one graph")
            }
            if i == j { continue }
            src.append(Int32(i - 1)); dst.append(Int32(j - 1)); orig.append(Int32(e))
        }
        // Sort by (source, target) and merge duplicates, summing their feature rows:
        // `Graph.coalesced`, PyG's `coalesce(reduce="sum")`.
        var graph = try Graph(numNodes: numNodes, source: src, target: dst)
        if let (cols, values) = features {
            var kept = [Float]()
            kept.reserveCapacity(orig.count * cols)
            for e in orig { kept.append(contentsOf: values[Int(e) * cols..<(Int(e) + 1) * cols]) }
            graph.edgeFeatures = .dense(rows: orig.count, cols: cols, values: kept)
        }
        let merged = try graph.coalesced(reduce: .sum)
        return Edges(source: merged.source, target: merged.target,
                     features: features.map { ($0.0, merged.edgeFeatures?.denseValues() ?? []) })
    }

    // MARK: - Graph targets

    /// One label per graph: regression targets from `_graph_attributes`, else classes
    /// from `_graph_labels` remapped to `0..<C`; nil when neither file exists.
    private func graphTargets(numGraphs: Int) throws -> ([Labels]?, TaskKind, Int) {
        if let attributes = files.graphAttributes {
            guard attributes.rows == numGraphs else {
                throw DataError(.badData, file: file("graph_attributes"), at: "line \(Swift.min(attributes.rows, numGraphs) + 1)",
                                "\(attributes.rows) lines, expected \(numGraphs) (one per graph in \(file("graph_indicator")))")
            }
            let c = attributes.cols
            let rows = (0..<numGraphs).map {
                Labels.targets(.dense(rows: 1, cols: c, values: Array(attributes.values[$0 * c..<($0 + 1) * c])))
            }
            return (rows, .graphRegression, c)
        }
        if let labels = files.graphLabels {
            guard labels.rows == numGraphs else {
                throw DataError(.badData, file: file("graph_labels"), at: "line \(Swift.min(labels.rows, numGraphs) + 1)",
                                "\(labels.rows) lines, expected \(numGraphs) (one per graph in \(file("graph_indicator")))")
            }
            guard labels.cols == 1 else {
                throw DataError(.badData, file: file("graph_labels"), at: "line 1", "\(labels.cols) values, expected 1 label")
            }
            let distinct = Array(Set(labels.values)).sorted()
            var index: [Int: Int32] = [:]
            for (k, v) in distinct.enumerated() { index[v] = Int32(k) }
            let rows = labels.values.map { Labels.classes([index[$0] ?? 0]) }
            return (rows, .graphClassification, distinct.count)
        }
        return (nil, .graphClassification, 0)
    }
}
