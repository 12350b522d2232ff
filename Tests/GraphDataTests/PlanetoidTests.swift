import Foundation
import Testing
import TestSupport
@testable import GraphData

/// What scripts/make_pickle_fixtures.py computed with PyG's semantics for the tiny
/// CiteSeer-named fixture.
private struct Expected: Decodable {
    let numNodes: Int
    let numFeatures: Int
    let x: [[Float]]
    let y: [Int32]
    let source: [Int32]
    let target: [Int32]
    let train: [Int32]
    let val: [Int32]
    let test: [Int]
}

/// Per-class counts, and `sum_i (i + 1) * sum(x[i])`, which checks the row order
/// (reference values from numpy with PyG's reordering).
private func fingerprint(_ g: Graph, classes: Int) throws -> (counts: [Int], weighted: Int) {
    let labels = try #require(g.nodeLabels?.classIds)
    var counts = [Int](repeating: 0, count: classes)
    for c in labels { counts[Int(c)] += 1 }
    let x = try #require(g.nodeFeatures)
    var weighted = 0
    for i in 0..<g.numNodes { weighted += (i + 1) * Int(x.row(i).reduce(0, +)) }
    return (counts, weighted)
}

private let fixtureRaw = Fixtures.url("pickle/planetoid/CiteSeer/raw")

private func expected() throws -> Expected {
    try JSONDecoder().decode(Expected.self, from: Data(contentsOf: Fixtures.url("pickle/planetoid/expected.json")))
}

/// A copy of the fixture dataset in a temporary directory, with `edit` applied.
private func editedCopy(_ edit: (URL) throws -> Void) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("planetoid-\(UUID().uuidString)/CiteSeer/raw")
    try FileManager.default.createDirectory(at: dir.deletingLastPathComponent(), withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: fixtureRaw, to: dir)
    try edit(dir)
    return dir
}

@Suite("Planetoid")
struct PlanetoidTests {
    @Test func tinyFixtureMatchesPyGSemantics() throws {
        let e = try expected()
        let d = try Planetoid(name: "citeseer").read(rawDirectory: fixtureRaw)
        try d.validate()
        let g = d.graph
        #expect(g.numNodes == e.numNodes)
        #expect(d.numClasses == 3)
        let x = try #require(g.nodeFeatures)
        #expect(x.isSparse)
        #expect(x.cols == e.numFeatures)
        #expect(x.denseValues() == e.x.flatMap { $0 })
        #expect(g.nodeLabels == .classes(e.y))
        #expect(g.source == e.source)
        #expect(g.target == e.target)
        let s = try #require(g.splits.first)
        #expect(s.trainIndices == e.train)
        #expect(s.validationIndices == e.val)
        #expect(s.testIndices == e.test.sorted().map { Int32($0) })
    }

    @Test func fullAndRandomSplits() throws {
        let full = try Planetoid(name: "CiteSeer", split: .full).read(rawDirectory: fixtureRaw).graph.splits[0]
        let pub = try Planetoid(name: "CiteSeer").read(rawDirectory: fixtureRaw).graph.splits[0]
        #expect(full.validation == pub.validation && full.test == pub.test)
        for i in 0..<full.train.count {
            #expect(full.train[i] == !(pub.validation[i] || pub.test[i]))
        }
        let r1 = try Planetoid(name: "CiteSeer", split: .random(perClass: 1, validation: 2, test: 3, seed: 5))
            .read(rawDirectory: fixtureRaw).graph
        let r2 = try Planetoid(name: "CiteSeer", split: .random(perClass: 1, validation: 2, test: 3, seed: 5))
            .read(rawDirectory: fixtureRaw).graph
        let s = r1.splits[0]
        #expect(s == r2.splits[0])
        #expect(s.counts.train == 3 && s.counts.validation == 2 && s.counts.test == 3)
        let labels = try #require(r1.nodeLabels?.classIds)
        #expect(Set(s.trainIndices.map { labels[Int($0)] }) == [0, 1, 2])
        for i in 0..<r1.numNodes { #expect([s.train[i], s.validation[i], s.test[i]].filter { $0 }.count <= 1) }
    }

    @Test func invalidArguments() {
        #expect(throws: DataError.self) { try Planetoid(name: "Pubmeds") }
        #expect(throws: DataError.self) { try Planetoid(name: "Cora", split: .geomGCN(10)) }
        #expect(throws: DataError.self) { try Planetoid(name: "Cora", split: .random(perClass: -1)) }
    }

    @Test func rawFilesAndCatalog() throws {
        let cora = try Planetoid(name: "Cora")
        #expect(cora.rawFiles.count == 8)
        #expect(cora.rawFiles.allSatisfy { $0.sha256?.count == 64 })
        #expect(cora.rawFiles[0].url == "https://github.com/kimiyoung/planetoid/raw/master/data/ind.cora.x")
        let pubmed = try Planetoid(.pubMed)
        #expect(pubmed.rawFiles.map(\.name).contains("ind.pubmed.test.index"))
        let geom = try Planetoid(.citeSeer, split: .geomGCN(3))
        #expect(geom.rawFiles.last?.name == "../geom-gcn-splits/citeseer_split_0.6_0.2_3.npz")
        #expect(DatasetCatalog.planetoidEntries.map(\.name) == ["Cora", "CiteSeer", "PubMed"])
    }

    @Test func malformedFilesAreErrorsNamingTheFile() throws {
        let truncated = try editedCopy { dir in
            let f = dir.appendingPathComponent("ind.citeseer.allx")
            let d = try Data(contentsOf: f)
            try d.prefix(d.count - 20).write(to: f)
        }
        let e1 = #expect(throws: DataError.self) { try Planetoid(name: "CiteSeer").read(rawDirectory: truncated) }
        #expect(e1?.file == "ind.citeseer.allx")

        let badIndex = try editedCopy { dir in
            try Data("8\n6\nten\n".utf8).write(to: dir.appendingPathComponent("ind.citeseer.test.index"))
        }
        let e2 = #expect(throws: DataError.self) { try Planetoid(name: "CiteSeer").read(rawDirectory: badIndex) }
        #expect(e2?.location == "line 3")

        let wrongCount = try editedCopy { dir in
            try Data("8\n6\n".utf8).write(to: dir.appendingPathComponent("ind.citeseer.test.index"))
        }
        let e3 = #expect(throws: DataError.self) { try Planetoid(name: "CiteSeer").read(rawDirectory: wrongCount) }
        #expect(e3?.file == "ind.citeseer.tx")

        let farIndex = try editedCopy { dir in
            try Data("8\n6\n1000000000\n".utf8).write(to: dir.appendingPathComponent("ind.citeseer.test.index"))
        }
        #expect(throws: DataError.self) { try Planetoid(name: "CiteSeer").read(rawDirectory: farIndex) }

        let missing = try editedCopy { dir in
            try FileManager.default.removeItem(at: dir.appendingPathComponent("ind.citeseer.graph"))
        }
        let e4 = #expect(throws: DataError.self) { try Planetoid(name: "CiteSeer").read(rawDirectory: missing) }
        #expect(e4?.kind == .missingInput)
    }

    // MARK: real data

    @Test(.enabled(if: SharedData.available)) func cora() throws {
        let root = DataRoot(try #require(SharedData.root))
        let d = try Planetoid(name: "Cora").load(root: root, download: false)
        let g = d.graph
        #expect(g.numNodes == 2708)
        #expect(d.numNodeFeatures == 1433)
        #expect(d.numClasses == 7)
        #expect(g.nodeLabels?.numClasses == 7)
        #expect(g.numEdges == 10556)
        #expect(g.nodeFeatures?.isSparse == true)
        #expect(g.nodeFeatures?.nonZeroCount == 49216)
        let c = g.splits[0].counts
        #expect(c.train == 140 && c.validation == 500 && c.test == 1000)
        // Symmetric, no self loops.
        let edges = Set(zip(g.source, g.target).map { [$0, $1] })
        #expect(edges.allSatisfy { edges.contains([$0[1], $0[0]]) && $0[0] != $0[1] })
        let f = try fingerprint(g, classes: 7)
        #expect(f.counts == [351, 217, 418, 818, 426, 298, 180])
        #expect(f.weighted == 66_253_924)
    }

    @Test(.enabled(if: SharedData.available)) func citeSeer() throws {
        let root = DataRoot(try #require(SharedData.root))
        let d = try Planetoid(name: "CiteSeer").load(root: root, download: false)
        let g = d.graph
        #expect(g.numNodes == 3327)
        #expect(d.numNodeFeatures == 3703)
        #expect(d.numClasses == 6)
        #expect(g.numEdges == 9104)
        let c = g.splits[0].counts
        #expect(c.train == 120 && c.validation == 500 && c.test == 1000)
        // The 15 isolated test ids missing from tx have zero features.
        let x = try #require(g.nodeFeatures)
        let zeroRows = (0..<g.numNodes).filter { x.row($0).allSatisfy { $0 == 0 } }
        #expect(zeroRows.count == 15)
        let f = try fingerprint(g, classes: 6)
        #expect(f.counts == [264, 590, 668, 701, 596, 508])
        #expect(f.weighted == 174_813_859)
    }

    @Test(.enabled(if: SharedData.available)) func geomGCNSplits() throws {
        let root = DataRoot(try #require(SharedData.root))
        let cora = try Planetoid(name: "Cora", split: .geomGCN(0)).load(root: root, download: false).graph.splits[0]
        #expect(cora.counts.train == 1192 && cora.counts.validation == 796 && cora.counts.test == 497)
        let citeseer = try Planetoid(name: "CiteSeer", split: .geomGCN(0)).load(root: root, download: false).graph.splits[0]
        #expect(citeseer.counts.train == 1596 && citeseer.counts.validation == 1065 && citeseer.counts.test == 666)
    }
}
