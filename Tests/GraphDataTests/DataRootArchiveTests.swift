import Foundation
import Testing
import ZIPFoundation
@testable import GraphData

/// Datasets published as ZIP archives (the TU collection): a download unpacks the
/// members under the archive's folder into the raw directory.
@Suite struct DataRootArchiveTests {
    /// A ZIP at `url` holding `members` (path -> text).
    func zip(_ members: [(String, String)], at url: URL) throws {
        let archive = try Archive(url: url, accessMode: .create)
        for (path, text) in members {
            let bytes = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count),
                                 compressionMethod: .deflate, provider: { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            })
        }
    }

    func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("swiftgnn-archive-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func tuArchiveIsUnpackedWithItsOptionalFiles() throws {
        let tmp = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let toy = Fixtures.url("tu/TOY")
        let names = try FileManager.default.contentsOfDirectory(atPath: toy.path).sorted()
        let members = try names.map { ("TOY/\($0)", try String(contentsOf: toy.appendingPathComponent($0), encoding: .utf8)) }
        let archive = tmp.appendingPathComponent("TOY.zip")
        try zip(members + [("README.md", "outside the prefix")], at: archive)

        let root = DataRoot(tmp.appendingPathComponent("root"))
        let dir = root.rawDirectory(for: "TOY")
        let files = ["A", "graph_indicator"].map {
            RemoteFile("TOY_\($0).txt", url: archive.absoluteString, archivePrefix: "TOY/")
        }
        try root.ensure(files: files, in: dir, dataset: "TOY", download: true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == names)
        let fromArchive = try TUDataset(name: "TOY").read(rawDirectory: dir)
        let fromFixture = try TUDataset(name: "TOY").read(rawDirectory: toy)
        #expect(fromArchive.graphs.map(\.source) == fromFixture.graphs.map(\.source))
        #expect(fromArchive.graphs.map(\.nodeFeatures) == fromFixture.graphs.map(\.nodeFeatures))
    }

    @Test func memberMissingFromArchiveAndEscapingPathsAreErrors() throws {
        let tmp = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let archive = tmp.appendingPathComponent("X.zip")
        try zip([("X/X_A.txt", "1, 2\n")], at: archive)
        let root = DataRoot(tmp.appendingPathComponent("root"))
        let files = ["A", "graph_indicator"].map { RemoteFile("X_\($0).txt", url: archive.absoluteString, archivePrefix: "X/") }
        let e = try #require(throws: DataError.self) {
            try root.ensure(files: files, in: root.rawDirectory(for: "X"), dataset: "X", download: true)
        }
        #expect(e.kind == .missingInput && e.message.contains("X_graph_indicator.txt: not in the archive"))

        let evil = tmp.appendingPathComponent("E.zip")
        try zip([("E/../../escape.txt", "x")], at: evil)
        let bad = try #require(throws: DataError.self) {
            try root.ensure(files: [RemoteFile("E_A.txt", url: evil.absoluteString, archivePrefix: "E/")],
                            in: root.rawDirectory(for: "E"), dataset: "E", download: true)
        }
        #expect(bad.message.contains("outside the dataset folder"))
        #expect(!FileManager.default.fileExists(atPath: tmp.appendingPathComponent("escape.txt").path))
    }
}
