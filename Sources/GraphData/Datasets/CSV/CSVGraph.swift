import Foundation

/// A graph read from CSV files: an edge list, and optionally a node table with
/// features and labels.
///
/// - Edge file: a header, then one row per edge with a source and a target column
///   (`source`, `target` unless told) and optionally a weight column.
/// - Node file (optional): a header, then one row per node with an id column (`id`),
///   an optional label column (`label`) and feature columns (every other column unless
///   `featureColumns` names them). Features must be numbers.
///
/// Node ids are arbitrary strings. With a node file, node `i` is the `i`-th row and
/// every edge endpoint must be one of its ids; without one, nodes are numbered in order
/// of first appearance in the edge file. Labels that are all non-negative integers are
/// used as class ids; otherwise the distinct label strings, sorted, become classes
/// `0..<C`. `undirected: true` adds the reverse of every edge and coalesces, summing the
/// weights of repeated edges (PyG's `to_undirected`); otherwise rows are kept as given.
///
/// ```swift
/// let ds = try CSVGraph(edges: URL(fileURLWithPath: "edges.csv"),
///                       nodes: URL(fileURLWithPath: "nodes.csv"), undirected: true).load()
/// ds.graph.numNodes
/// ```
public struct CSVGraph: Sendable {
    public var edges: URL
    public var nodes: URL?
    public var sourceColumn: String
    public var targetColumn: String
    /// Column of scalar edge weights, or nil for none.
    public var weightColumn: String?
    public var idColumn: String
    /// Column of node labels; when nil or absent from the node file, no labels.
    public var labelColumn: String?
    /// Feature columns of the node file; nil means every column except id and label.
    public var featureColumns: [String]?
    public var undirected: Bool
    public var separator: Character

    public init(edges: URL, nodes: URL? = nil,
                sourceColumn: String = "source", targetColumn: String = "target",
                weightColumn: String? = nil, idColumn: String = "id", labelColumn: String? = "label",
                featureColumns: [String]? = nil, undirected: Bool = false, separator: Character = ",") {
        self.edges = edges
        self.nodes = nodes
        self.sourceColumn = sourceColumn
        self.targetColumn = targetColumn
        self.weightColumn = weightColumn
        self.idColumn = idColumn
        self.labelColumn = labelColumn
        self.featureColumns = featureColumns
        self.undirected = undirected
        self.separator = separator
    }

    /// Reads the files into a one-graph node-classification dataset named after the
    /// edge file.
    public func load() throws -> Dataset {
        let edgeName = edges.lastPathComponent
        let edgeTable = try CSVTable(contentsOf: edges, separator: separator)
        var ids: [String: Int32] = [:]
        var nodeOrder: [String] = []
        var features: FeatureMatrix?
        var labels: Labels?
        var numClasses = 0

        if let nodes {
            let nodeName = nodes.lastPathComponent
            let table = try CSVTable(contentsOf: nodes, separator: separator)
            let idIndex = try table.columnIndex(idColumn, file: nodeName)
            for (r, row) in table.rows.enumerated() {
                let id = row[idIndex]
                guard ids[id] == nil else {
                    throw DataError(.badData, file: nodeName, at: "line \(table.lineNumbers[r])",
                                    "node id '\(id)' appears twice")
                }
                ids[id] = Int32(nodeOrder.count)
                nodeOrder.append(id)
            }
            let labelIndex = labelColumn.flatMap { table.header.firstIndex(of: $0) }
            if let labelIndex {
                (labels, numClasses) = Self.classLabels(table.rows.map { $0[labelIndex] })
            }
            let names = featureColumns ?? table.header.enumerated()
                .filter { $0.offset != idIndex && $0.offset != labelIndex }.map(\.element)
            if !names.isEmpty {
                let columns = try names.map { try table.columnIndex($0, file: nodeName) }
                var values = [Float]()
                values.reserveCapacity(table.rows.count * columns.count)
                for (r, row) in table.rows.enumerated() {
                    for (c, k) in columns.enumerated() {
                        guard let v = Float(row[k].trimmingCharacters(in: .whitespaces)) else {
                            throw DataError(.badData, file: nodeName, at: "line \(table.lineNumbers[r])",
                                            "column '\(names[c])': '\(row[k])' is not a number")
                        }
                        values.append(v)
                    }
                }
                features = try .dense(table.rows.count, columns.count, values)
            }
        }

        let s = try edgeTable.columnIndex(sourceColumn, file: edgeName)
        let t = try edgeTable.columnIndex(targetColumn, file: edgeName)
        let w = try weightColumn.map { try edgeTable.columnIndex($0, file: edgeName) }
        var source = [Int32](), target = [Int32](), weight = [Float]()
        source.reserveCapacity(edgeTable.rows.count)
        target.reserveCapacity(edgeTable.rows.count)
        for (r, row) in edgeTable.rows.enumerated() {
            var ends = [Int32]()
            for k in [s, t] {
                let key = row[k].trimmingCharacters(in: .whitespaces)
                if let id = ids[key] {
                    ends.append(id)
                } else if nodes == nil {
                    let id = Int32(nodeOrder.count)
                    ids[key] = id
                    nodeOrder.append(key)
                    ends.append(id)
                } else {
                    throw DataError(.badData, file: edgeName, at: "line \(edgeTable.lineNumbers[r])",
                                    "node '\(key)' is not in \(nodes?.lastPathComponent ?? "the node file")")
                }
            }
            source.append(ends[0])
            target.append(ends[1])
            if let w {
                guard let v = Float(row[w].trimmingCharacters(in: .whitespaces)) else {
                    throw DataError(.badData, file: edgeName, at: "line \(edgeTable.lineNumbers[r])",
                                    "column '\(weightColumn ?? "")': '\(row[w])' is not a number")
                }
                weight.append(v)
            }
        }

        var graph = try Graph(numNodes: nodeOrder.count, source: source, target: target)
        if w != nil { graph.edgeWeight = weight }
        if undirected { graph = try graph.toUndirected() }
        graph.nodeFeatures = features
        graph.nodeLabels = labels
        let name = edges.deletingPathExtension().lastPathComponent
        return Dataset(name: name, task: .nodeClassification, graphs: [graph], numClasses: numClasses)
    }

    /// Integer labels as they are when all are non-negative integers; otherwise the
    /// sorted distinct strings numbered `0..<C`.
    static func classLabels(_ raw: [String]) -> (Labels, Int) {
        let trimmed = raw.map { $0.trimmingCharacters(in: .whitespaces) }
        let ints = trimmed.compactMap { Int32($0) }
        if ints.count == trimmed.count, ints.allSatisfy({ $0 >= 0 }) {
            return (.classes(ints), Int(ints.max().map { $0 + 1 } ?? 0))
        }
        let names = Array(Set(trimmed)).sorted()
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, Int32($0)) })
        return (.classes(trimmed.map { index[$0] ?? 0 }), names.count)
    }
}
