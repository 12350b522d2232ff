import Foundation

/// Reader of the geom-gcn raw layout (Pei et al., "Geom-GCN", ICLR 2020), shared by
/// `WebKB` and `WikipediaNetwork`:
///
/// - `out1_node_feature_label.txt`: a header line, then `id<TAB>f1,f2,...,fF<TAB>label`
///   per node; ids are `0..<N`, each once (rows are placed by id; PyG takes file
///   order, which is the same in the published files);
/// - `out1_graph_edges.txt`: a header line, then `source<TAB>target` per edge; edges
///   are kept directed as given and coalesced (sorted, duplicates dropped), as PyG;
/// - `<name>_split_0.6_0.2_<k>.npz`, k = 0..<10: `train_mask`, `val_mask`,
///   `test_mask` `[N]` (uint8) -> ten `NodeSplit`s.
enum GeomGCNReader {
    static let featureFile = "out1_node_feature_label.txt"
    static let edgeFile = "out1_graph_edges.txt"
    static let splitCount = 10
    static let repository = "https://raw.githubusercontent.com/graphdml-uiuc-jlu/geom-gcn/master"

    static func splitFile(_ stem: String, _ k: Int) -> String { "\(stem)_split_0.6_0.2_\(k).npz" }

    /// The raw files of geom-gcn dataset `stem` ("cornell") in `folder` ("Cornell"),
    /// with their canonical URLs (as PyG downloads them) and checksums when known.
    static func rawFiles(stem: String, folder: String, featuresOptional: Bool = false) -> [RemoteFile] {
        func file(_ name: String, _ url: String, optional: Bool = false) -> RemoteFile {
            RemoteFile(name, url: url, sha256: GeomGCNChecksums.sha256["\(folder)/\(name)"], optional: optional)
        }
        return [file(featureFile, "\(repository)/new_data/\(stem)/\(featureFile)", optional: featuresOptional),
                file(edgeFile, "\(repository)/new_data/\(stem)/\(edgeFile)")]
            + (0..<splitCount).map { file(splitFile(stem, $0), "\(repository)/splits/\(splitFile(stem, $0))") }
    }

    /// The dataset; without the feature file (allowed when it is optional), the graph
    /// has topology and splits only, its node count taken from the split masks.
    static func read(rawDirectory dir: URL, stem: String, name: String) throws -> Dataset {
        let featureURL = dir.appendingPathComponent(featureFile)
        guard FileManager.default.fileExists(atPath: featureURL.path) else {
            return try readTopology(rawDirectory: dir, stem: stem, name: name)
        }
        let (features, labels) = try readNodes(featureURL)
        let n = labels.count
        let (source, target) = try readEdges(dir.appendingPathComponent(edgeFile), numNodes: n)
        var g = try Graph(numNodes: n, source: source, target: target).coalesced()
        g.nodeFeatures = features
        g.nodeLabels = .classes(labels)
        g.splits = try (0..<splitCount).map { k in
            try readSplit(dir.appendingPathComponent(splitFile(stem, k)), numNodes: n)
        }
        return Dataset(name: name, task: .nodeClassification, graphs: [g], numClasses: g.nodeLabels?.numClasses ?? 0)
    }

    /// The non-blank lines after the header, with their 1-based line numbers.
    static func lines(_ url: URL) throws -> [(number: Int, text: Substring)] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw DataError(.missingInput, file: url.path, "cannot read: \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DataError(.badData, file: url.lastPathComponent, "is not UTF-8 text")
        }
        var out: [(Int, Substring)] = []
        for (k, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where k > 0 {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            out.append((k + 1, line))
        }
        return out
    }

    static func readNodes(_ url: URL) throws -> (FeatureMatrix, [Int32]) {
        let file = url.lastPathComponent
        let rows = try lines(url)
        let n = rows.count
        var features: [[Float]?] = Array(repeating: nil, count: n)
        var labels = [Int32](repeating: 0, count: n)
        var width: Int?
        for (number, line) in rows {
            func fail(_ message: String) -> DataError { DataError(.badData, file: file, at: "line \(number)", message) }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 3 else {
                throw fail("\(fields.count) tab-separated fields, expected 3 (id, features, label)")
            }
            guard let id = Int(fields[0].trimmingCharacters(in: .whitespaces)), id >= 0, id < n else {
                throw fail("node id '\(fields[0])' is not an integer in 0..<\(n) (\(n) node lines)")
            }
            guard features[id] == nil else { throw fail("node id \(id) appears twice") }
            var row: [Float] = []
            for (j, v) in fields[1].split(separator: ",", omittingEmptySubsequences: false).enumerated() {
                guard let x = Float(v.trimmingCharacters(in: .whitespaces)) else {
                    throw fail("feature \(j) '\(v)' is not a number")
                }
                row.append(x)
            }
            if let width, row.count != width {
                throw fail("\(row.count) features, expected \(width) as on the first node line")
            }
            width = row.count
            guard let y = Int32(fields[2].trimmingCharacters(in: .whitespaces)), y >= 0 else {
                throw fail("label '\(fields[2])' is not a non-negative integer")
            }
            features[id] = row
            labels[id] = y
        }
        let cols = width ?? 0
        var values = [Float]()
        values.reserveCapacity(n * cols)
        // Every id in 0..<n was seen exactly once (n lines, no repeats, all in range).
        for row in features { values.append(contentsOf: row ?? []) }
        return (.dense(rows: n, cols: cols, values: values), labels)
    }

    static func readEdges(_ url: URL, numNodes n: Int) throws -> ([Int32], [Int32]) {
        let file = url.lastPathComponent
        var source = [Int32](), target = [Int32]()
        for (number, line) in try lines(url) {
            let fields = line.split(whereSeparator: { $0 == "\t" || $0 == " " })
            guard fields.count == 2, let s = Int32(fields[0]), let t = Int32(fields[1]) else {
                throw DataError(.badData, file: file, at: "line \(number)",
                                "'\(line)' is not two tab-separated node ids")
            }
            guard s >= 0, Int(s) < n, t >= 0, Int(t) < n else {
                throw DataError(.badData, file: file, at: "line \(number)",
                                "edge \(s) -> \(t) has a node id outside 0..<\(n) (nodes of \(featureFile))")
            }
            source.append(s)
            target.append(t)
        }
        return (source, target)
    }

    /// Topology and splits of a dataset whose feature file is absent: `N` is the
    /// length of the first split's masks.
    static func readTopology(rawDirectory dir: URL, stem: String, name: String) throws -> Dataset {
        let first = try NpzArrays(url: dir.appendingPathComponent(splitFile(stem, 0)), members: ["train_mask"])
        let n = try first.array("train_mask", dims: 1).count
        let (source, target) = try readEdges(dir.appendingPathComponent(edgeFile), numNodes: n)
        var g = try Graph(numNodes: n, source: source, target: target).coalesced()
        g.splits = try (0..<splitCount).map { k in
            try readSplit(dir.appendingPathComponent(splitFile(stem, k)), numNodes: n)
        }
        return Dataset(name: name, task: .nodeClassification, graphs: [g], numClasses: 0)
    }

    static func readSplit(_ url: URL, numNodes n: Int) throws -> NodeSplit {
        let f = try NpzArrays(url: url, members: ["train_mask", "val_mask", "test_mask"])
        var masks: [[Bool]] = []
        for key in ["train_mask", "val_mask", "test_mask"] {
            let m = try f.array(key, dims: 1)
            guard m.count == n else { throw f.fail(key, "has \(m.count) entries for \(n) nodes") }
            masks.append(m.bools())
        }
        return NodeSplit(train: masks[0], validation: masks[1], test: masks[2])
    }
}
