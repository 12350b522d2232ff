import Foundation
import Testing
@testable import GraphData

@Suite struct DataRootTests {
    func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("swiftgnn-dataroot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func resolvesExplicitThenEnvironmentThenHome() {
        #expect(DataRoot.resolve("/tmp/a", environment: ["SWIFTGNN_DATA": "/tmp/b"]).directory.path == "/tmp/a")
        #expect(DataRoot.resolve(nil, environment: ["SWIFTGNN_DATA": "/tmp/b"]).directory.path == "/tmp/b")
        #expect(DataRoot.resolve(nil, environment: ["HOME": "/home/u"]).directory.path == "/home/u/.cache/swiftgnn")
    }

    @Test func downloadsVerifiesAndPlacesFiles() throws {
        let tmp = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let published = tmp.appendingPathComponent("published.txt")
        try Data("hello\n".utf8).write(to: published)
        // sha256("hello\n")
        let sum = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"
        let root = DataRoot(tmp.appendingPathComponent("root"))
        let dir = root.rawDirectory(for: "Toy")
        try root.ensure(files: [RemoteFile("sub/a.txt", url: published.absoluteString, sha256: sum)],
                        in: dir, dataset: "Toy", download: true)
        #expect(try String(contentsOf: dir.appendingPathComponent("sub/a.txt"), encoding: .utf8) == "hello\n")
        // No temporary files are left behind.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("sub").path)
        #expect(leftovers == ["a.txt"])
    }

    @Test func checksumMismatchLeavesNoFile() throws {
        let tmp = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let published = tmp.appendingPathComponent("published.txt")
        try Data("tampered\n".utf8).write(to: published)
        let root = DataRoot(tmp.appendingPathComponent("root"))
        let dir = root.rawDirectory(for: "Toy")
        let file = RemoteFile("a.txt", url: published.absoluteString, sha256: String(repeating: "0", count: 64))
        do {
            try root.ensure(files: [file], in: dir, dataset: "Toy", download: true)
            Issue.record("expected a checksum error")
        } catch let error as DataError {
            #expect(error.kind == .missingInput)
            #expect(error.description.contains("checksum mismatch"))
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("a.txt").path))
    }

    @Test func offlineErrorNamesFilesDirectoryAndRemedy() throws {
        let tmp = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let root = DataRoot(tmp)
        let dir = root.rawDirectory(for: "Toy")
        do {
            try root.ensure(files: [RemoteFile("x.bin", url: "https://example.invalid/x.bin")],
                            in: dir, dataset: "Toy", download: false)
            Issue.record("expected a missing-input error")
        } catch let error as DataError {
            #expect(error.kind == .missingInput)
            #expect(error.exitCode == 66)
            #expect(error.description.contains(dir.appendingPathComponent("x.bin").path))
            #expect(error.description.contains("--data-dir"))
            #expect(error.description.contains("SWIFTGNN_DATA"))
        }
    }
}
