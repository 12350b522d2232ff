import Foundation
import Testing
import TestSupport
@testable import GraphData

@Suite struct MoleculeDatasetTests {
    @Test func peptidesFromGzipFixture() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("swiftgnn-peptides-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(at: Fixtures.url("molecules/peptides_mini.csv.gz"),
                                         to: dir.appendingPathComponent(PeptidesFunc.csvFile))
        try FileManager.default.copyItem(at: Fixtures.url("molecules/peptides_mini_split.pickle"),
                                         to: dir.appendingPathComponent(PeptidesFunc.splitFile))
        let d = try PeptidesFunc().read(rawDirectory: dir)
        try d.validate()
        #expect(d.name == "Peptides-func" && d.task == .graphMultiLabel && d.numClasses == 10)
        #expect(d.graphs.count == 3 && d.graphSplit == GraphSplit(train: [2, 0], validation: [1], test: []))
        #expect(d.graphs.map(\.numNodes) == [9, 11, 14])
        #expect(d.graphs[0].numEdges == 16)
        #expect(d.numNodeFeatures == 9 && d.numEdgeFeatures == 3)
        guard case .targets(let y) = d.graphs[1].graphLabel else { Issue.record("no label"); return }
        #expect(y.denseValues() == [0, 1, 0, 0, 0, 0, 0, 0, 0, 0])
        // Leucine's alpha carbon: C, CCW, degree 4, charge 0, 1 H, sp3, not aromatic, not in ring.
        #expect(d.graphs[0].nodeFeatures?.row(4) == [5, 2, 4, 5, 1, 0, 2, 0, 0])
    }

    @Test func peptideLabelAndSmilesErrorsNameTheLine() throws {
        let header = ",smiles,peptide_seq,labels,identifier\n"
        let short = header + "0,CC,A,\"[0, 1]\",1\n"
        let e1 = try #require(throws: DataError.self) { try PeptidesFunc.dataset(csv: Data(short.utf8)) }
        #expect(e1.location == "line 2" && e1.message.contains("expected 10"))
        let two = header + "0,CC,A,\"[0, 1, 0, 0, 0, 0, 0, 0, 0, 2]\",1\n"
        #expect(throws: DataError.self) { try PeptidesFunc.dataset(csv: Data(two.utf8)) }
        let badSmiles = header + "0,CC,A,\"[0, 1, 0, 0, 0, 0, 0, 0, 0, 0]\",1\n1,CC(C,B,\"[0, 1, 0, 0, 0, 0, 0, 0, 0, 0]\",2\n"
        let e2 = try #require(throws: DataError.self) { try PeptidesFunc.dataset(csv: Data(badSmiles.utf8)) }
        #expect(e2.file == PeptidesFunc.csvFile && e2.location == "line 3, column 3")
    }

    @Test func splitSeamValidatesIndices() throws {
        let s = try PeptidesFunc.split(train: [0, 2], validation: [1], test: [3], graphCount: 4)
        #expect(s.train == [0, 2] && s.validation == [1] && s.test == [3])
        let range = try #require(throws: DataError.self) {
            try PeptidesFunc.split(train: [0, 4], validation: [], test: [], graphCount: 4)
        }
        #expect(range.location == "array 'train'")
        let dup = try #require(throws: DataError.self) {
            try PeptidesFunc.split(train: [0], validation: [1], test: [0], graphCount: 4)
        }
        #expect(dup.location == "array 'test'")
        let empty = Dataset(name: "Peptides-func", task: .graphMultiLabel, graphs: [], numClasses: 10)
        #expect(throws: DataError.self) { try PeptidesFunc.withSplit(empty, train: [0], validation: [], test: []) }
    }

    @Test func zincAndQM9FromSmallTables() throws {
        let zincCSV = "SMILES,SA,logp,score\nc1ccccc1O,1.5,1.4,0.25\nCC(=O)[O-].[Na+],2,-1,-3.5\n"
        let z = try ZINCMicro().dataset(CSVTable(parsing: Data(zincCSV.utf8)))
        #expect(z.task == .graphRegression && z.numClasses == 1 && z.graphs.map(\.numNodes) == [7, 5])
        guard case .targets(let y) = z.graphs[1].graphLabel else { Issue.record("no label"); return }
        #expect(y.denseValues() == [-3.5])
        let z3 = try ZINCMicro(targets: ["SA", "logp", "score"]).dataset(CSVTable(parsing: Data(zincCSV.utf8)))
        #expect(z3.numClasses == 3)
        #expect(throws: DataError.self) { try ZINCMicro(targets: ["nope"]).dataset(CSVTable(parsing: Data(zincCSV.utf8))) }
        let bad = try #require(throws: DataError.self) {
            try ZINCMicro().dataset(CSVTable(parsing: Data("SMILES,score\nC,x\n".utf8)))
        }
        #expect(bad.location == "line 2")

        let qm9CSV = "mol_id,smiles,A,mu\ngdb_1,C,157.7,0\ngdb_2,N,293.6,1.6256\n"
        let q = try QM9Micro().dataset(CSVTable(parsing: Data(qm9CSV.utf8)))
        #expect(q.numClasses == 2 && q.graphs.map(\.numNodes) == [1, 1] && q.totalEdges == 0)
        guard case .targets(let t) = q.graphs[1].graphLabel else { Issue.record("no label"); return }
        #expect(t.denseValues() == [293.6, 1.6256])
    }

    // Totals computed once with RDKit 2026.09.1 + OGB's smiles2graph by
    // scripts/molecule_features_reference.py.
    @Test(.enabled(if: SharedData.available))
    func zincMicroMatchesRDKitCounts() throws {
        let d = try ZINCMicro().load(root: DataRoot(try #require(SharedData.root)), download: false)
        #expect(d.graphs.count == 1002 && d.totalNodes == 23165 && d.totalEdges == 49820)
    }

    @Test(.enabled(if: SharedData.available))
    func qm9MicroMatchesRDKitCounts() throws {
        let d = try QM9Micro().load(root: DataRoot(try #require(SharedData.root)), download: false)
        #expect(d.graphs.count == 1006 && d.totalNodes == 8808 && d.totalEdges == 18846 && d.numClasses == 19)
    }

    @Test(.enabled(if: SharedData.available))
    func peptidesFuncMatchesRDKitCounts() throws {
        let d = try PeptidesFunc().load(root: DataRoot(try #require(SharedData.root)), download: false)
        #expect(d.graphs.count == 15535 && d.totalNodes == 2344859 && d.totalEdges == 4773974)
        let split = try #require(d.graphSplit)
        let sizes: [Int] = [split.train.count, split.validation.count, split.test.count]
        #expect(sizes == [10873, 2331, 2331])
    }
}
