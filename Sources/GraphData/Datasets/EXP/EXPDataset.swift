import Foundation

/// EXP (Abboud et al., "The Surprising Power of Graph Neural Networks with Random Node
/// Initialization", IJCAI 2021): 600 pairs of 1-WL-indistinguishable planar graphs
/// encoding SAT / UNSAT formulas, 1200 graphs, 2 classes.
///
/// `GRAPHSAT.txt` uses the GIN authors' text format, whitespace separated:
/// ```
/// G                          number of graphs
/// n y                        per graph: node count, graph label
/// t d v_1 ... v_d            n lines: node label t, degree d, 0-based neighbours
/// ```
/// As the GNN-RNI loader does (`one_hot(x[:, 0], num_classes=2)`), node features are
/// the one-hot of the node label over 2 values, `[n, 2]`; the label must be 0 or 1.
/// Graph labels are class ids as written. Edges are the neighbour lists made
/// undirected (each `j -> v` also as `v -> j`), duplicates merged, sorted by
/// (source, target); the published lists are already symmetric without self loops,
/// so this keeps them as written: 58 442 nodes and 145 060 directed edges in all.
public struct EXPDataset: DatasetSource {
    public let name = "EXP"

    /// The published file in the GNN-RNI repository.
    public static let url = "https://raw.githubusercontent.com/ralphabb/GNN-RNI/main/Data/EXP/raw/GRAPHSAT.txt"
    public static let sha256 = "16f24a5ad96400b2d53eb5cd2843fb2006e50ed67821f6c4abe5ae23100bf899"

    public init() {}

    public var rawFiles: [RemoteFile] {
        [RemoteFile("GRAPHSAT.txt", url: EXPDataset.url, sha256: EXPDataset.sha256)]
    }

    public func read(rawDirectory: URL) throws -> Dataset {
        let url = rawDirectory.appendingPathComponent("GRAPHSAT.txt")
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw DataError(.missingInput, file: url.path, "cannot read: \(error.localizedDescription)")
        }
        let graphs = try EXPDataset.parse([UInt8](data), file: "GRAPHSAT.txt")
        let numClasses = graphs.reduce(0) { Swift.max($0, $1.graphLabel?.numClasses ?? 0) }
        return Dataset(name: name, task: .graphClassification, graphs: graphs, numClasses: numClasses)
    }

    /// Graphs from the bytes of a GIN-format file (`file` names it in errors).
    static func parse(_ bytes: [UInt8], file: String) throws -> [Graph] {
        var lines = IntegerLines(bytes: bytes, file: file)
        guard let header = try lines.next() else {
            throw DataError(.badData, file: file, at: "line 1", "empty file, expected the number of graphs")
        }
        guard header.values.count == 1, let count = header.values.first, count >= 0 else {
            throw DataError(.badData, file: file, at: "line \(header.line)", "expected one non-negative graph count")
        }
        var graphs: [Graph] = []
        graphs.reserveCapacity(Swift.min(count, bytes.count / 4))
        for k in 0..<count {
            guard let head = try lines.next() else {
                throw DataError(.badData, file: file, at: "line \(lines.line + 1)",
                                "file ends after \(k) graphs, expected \(count)")
            }
            guard head.values.count == 2, head.values[0] >= 0, head.values[1] >= 0, head.values[1] <= Int(Int32.max) else {
                throw DataError(.badData, file: file, at: "line \(head.line)",
                                "expected 'nodeCount label' (two non-negative integers) for graph \(k)")
            }
            let n = head.values[0]
            guard n <= bytes.count else {  // each node needs a line of its own
                throw DataError(.badData, file: file, at: "line \(head.line)",
                                "node count \(n) cannot fit in the rest of the file")
            }
            var features = [Float](repeating: 0, count: 2 * n)
            var pairs: [(Int32, Int32)] = []
            for j in 0..<n {
                guard let row = try lines.next() else {
                    throw DataError(.badData, file: file, at: "line \(lines.line + 1)",
                                    "file ends at node \(j) of graph \(k), expected \(n) node lines")
                }
                let v = row.values
                guard v.count >= 2, v[0] == 0 || v[0] == 1 else {
                    throw DataError(.badData, file: file, at: "line \(row.line)",
                                    "expected 'label degree neighbours...' with label 0 or 1")
                }
                guard v[1] == v.count - 2 else {
                    throw DataError(.badData, file: file, at: "line \(row.line)",
                                    "degree \(v[1]) but \(v.count - 2) neighbours listed")
                }
                features[2 * j + v[0]] = 1
                for u in v.dropFirst(2) {
                    guard u >= 0, u < n else {
                        throw DataError(.badData, file: file, at: "line \(row.line)",
                                        "neighbour \(u) is out of range 0..<\(n) (graph \(k))")
                    }
                    pairs.append((Int32(j), Int32(u)))
                    pairs.append((Int32(u), Int32(j)))
                }
            }
            pairs.sort { $0 < $1 }
            var source: [Int32] = [], target: [Int32] = []
            var previous: (Int32, Int32)? = nil
            for p in pairs where previous.map({ $0 != p }) ?? true {
                source.append(p.0); target.append(p.1)
                previous = p
            }
            var g = try Graph(numNodes: n, source: source, target: target)
            g.nodeFeatures = .dense(rows: n, cols: 2, values: features)
            g.graphLabel = .classes([Int32(head.values[1])])
            graphs.append(g)
        }
        if let extra = try lines.next() {
            throw DataError(.badData, file: file, at: "line \(extra.line)", "unexpected data after \(count) graphs")
        }
        return graphs
    }
}

/// Non-blank lines of whitespace-separated integers, with their 1-based line numbers.
struct IntegerLines {
    let bytes: [UInt8]
    let file: String
    private var position = 0
    /// The last line number read.
    private(set) var line = 0

    init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    mutating func next() throws -> (line: Int, values: [Int])? {
        try bytes.withUnsafeBufferPointer { p in
            while position < p.count {
                line += 1
                var end = position
                while end < p.count && p[end] != 0x0A { end += 1 }
                defer { position = end + 1 }
                var values: [Int] = []
                var t = position
                while t < end {
                    while t < end && NumberTableParser.isBlank(p[t]) { t += 1 }
                    if t == end { break }
                    var u = t
                    while u < end && !NumberTableParser.isBlank(p[u]) { u += 1 }
                    guard let v = NumberTableParser.parseInteger(p, t..<u) else {
                        let text = String(decoding: UnsafeBufferPointer(rebasing: p[t..<Swift.min(u, t + 40)]), as: UTF8.self)
                        throw DataError(.badData, file: file, at: "line \(line)", "'\(text)' is not an integer")
                    }
                    values.append(v)
                    t = u
                }
                if !values.isEmpty { return (line, values) }
            }
            return nil
        }
    }
}
