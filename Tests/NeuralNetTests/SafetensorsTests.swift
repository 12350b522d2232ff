import Foundation
import Testing
import NeuralNet

// Fixtures come from scripts/make_safetensors_fixtures.py (Python -> Swift) and from
// `swiftWrittenFixtureIsCurrent` (Swift -> Python, checked by the same script).

private func fixtureURL(_ name: String) throws -> URL {
    try #require(Bundle.module.url(forResource: name, withExtension: "safetensors", subdirectory: "Fixtures"),
                 "missing fixture \(name).safetensors")
}

private func temporaryDirectory() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("swiftgnn-st-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

/// The tensors of python_written.safetensors (PYTHON_TENSORS in the script), in an
/// insertion order different from the file's, to prove the writer sorts by name.
private func pythonTensors() throws -> StateDict {
    StateDict([
        ("weight", try Tensor(shape: [2, 3], scalars: [1.0, -2.5, 3.25, 0.0, 1e-3, -7.0])),
        ("scalar", Tensor(scalar: 3.75)),
        ("bias", Tensor([0.5, -0.5, 2.0])),
        ("empty", Tensor.zeros([0, 4])),
        ("layers.0.special", Tensor([-0.0, .infinity, -.infinity, Float(bitPattern: 1), .greatestFiniteMagnitude])),
        ("quote\"back\\slash\ttab/ü", try Tensor(shape: [1, 1], scalars: [42])),
    ])
}

/// The tensors of swift_written.safetensors (swift_expected() in the script).
private func swiftTensors() throws -> (StateDict, [String: String]) {
    let cube = try Tensor(shape: [3, 5, 7], scalars: (0..<105).map { Float($0) / 7 - 5 })
    return (StateDict([
        ("encoder.layers.0.weight", cube),
        ("encoder.layers.0.bias", Tensor([-1, 0, 1])),
        ("head.scale", Tensor(scalar: 0.125)),
        ("empty.buffer", Tensor.zeros([2, 0])),
        ("naïve/名前", Tensor([1.5, -1.5])),
    ]), ["format": "pt", "epoch": "3", "note": "written by \"SwiftGNN\"\n"])
}

private func bitsEqual(_ a: Tensor, _ b: Tensor) -> Bool {
    a.shape == b.shape && zip(a.scalars, b.scalars).allSatisfy { $0.bitPattern == $1.bitPattern }
}

@Suite struct SafetensorsTests {
    @Test func readsPythonWrittenFile() throws {
        let (tensors, metadata) = try Safetensors.read(from: try fixtureURL("python_written"))
        #expect(metadata == ["format": "pt"])
        // Header order (the Python writer sorts by name).
        #expect(tensors.keys == ["bias", "empty", "layers.0.special", "quote\"back\\slash\ttab/ü", "scalar", "weight"])
        let expected = try pythonTensors()
        for (name, want) in expected {
            let got = try #require(tensors[name], "missing \(name)")
            #expect(bitsEqual(got, want), "\(name): \(got) vs \(want)")
        }
        #expect(tensors["scalar"]!.shape == [])
        #expect(tensors["empty"]!.shape == [0, 4])
    }

    @Test func writesBytesIdenticalToPython() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("swift.safetensors")
        try Safetensors.write(try pythonTensors(), to: url, metadata: ["format": "pt"])
        let ours = try Data(contentsOf: url)
        let theirs = try Data(contentsOf: try fixtureURL("python_written"))
        #expect(ours == theirs, "Swift wrote \(ours.count) bytes, Python \(theirs.count)")
        // Nothing but the file is left in the directory (the temporary was renamed).
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["swift.safetensors"])
    }

    /// Writes swift_written.safetensors and compares it with the committed fixture that
    /// scripts/make_safetensors_fixtures.py loads in Python. With
    /// SWIFTGNN_UPDATE_FIXTURES=1 it rewrites the committed fixture instead.
    @Test func swiftWrittenFixtureIsCurrent() throws {
        let (tensors, metadata) = try swiftTensors()
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("swift_written.safetensors")
        try Safetensors.write(tensors, to: url, metadata: metadata)
        if ProcessInfo.processInfo.environment["SWIFTGNN_UPDATE_FIXTURES"] == "1" {
            let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("Fixtures/swift_written.safetensors")
            try Safetensors.write(tensors, to: source, metadata: metadata)
        }
        #expect(try Data(contentsOf: url) == Data(contentsOf: try fixtureURL("swift_written")))
        let (back, meta) = try Safetensors.read(from: url)
        #expect(meta == metadata)
        #expect(back.keys == ["empty.buffer", "encoder.layers.0.bias", "encoder.layers.0.weight", "head.scale", "naïve/名前"])
        for (name, want) in tensors { #expect(bitsEqual(back[name]!, want), "\(name)") }
    }

    @Test func roundTripsAndOverwritesAtomically() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("ckpt.safetensors")
        let a = Tensor.randn([4, 7], seed: 1), b = Tensor.randn([3], seed: 2)
        try Safetensors.write(StateDict([("a", a), ("b", b)]), to: url)
        try Safetensors.write(StateDict([("b", b)]), to: url, metadata: ["k": "v"])
        let (back, meta) = try Safetensors.read(from: url)
        #expect(meta == ["k": "v"])
        #expect(back.keys == ["b"])
        #expect(bitsEqual(back["b"]!, b))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["ckpt.safetensors"])
        // The header is padded with spaces to a multiple of 8 bytes.
        let raw = try Data(contentsOf: url)
        let n = raw.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        #expect(n % 8 == 0 && raw.count == 8 + n + 12)
        #expect(raw[8 + n - 1] == UInt8(ascii: " ") || raw[8 + n - 1] == UInt8(ascii: "}"))
    }

    @Test func writeErrors() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let missingDir = dir.appendingPathComponent("no/such/dir/x.safetensors")
        #expect { try Safetensors.write(StateDict([("a", Tensor([1]))]), to: missingDir) } throws: { error in
            (error as? SafetensorsError)?.kind == .io
        }
        #expect { try Safetensors.write(StateDict([("__metadata__", Tensor([1]))]), to: dir.appendingPathComponent("m")) } throws: { error in
            (error as? SafetensorsError)?.kind == .invalidArgument
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test func convertsOtherDTypesToFloat32() throws {
        let (t, _) = try Safetensors.read(from: try fixtureURL("dtypes"))
        #expect(t["f64"]!.scalars == [Float(1.0 / 3.0), -2.5, .infinity])
        #expect(t["f16"]!.scalars.map(\.bitPattern) == [1.0, -0.0, 5.960464477539063e-08, 65504.0, .infinity].map { Float($0).bitPattern })
        #expect(t["bf16"]!.scalars == [1.0, -3.140625, 1.0002555517425873e+30])
        #expect(t["i64"]!.scalars == [-5, 0, 16777216, 7])
        #expect(t["i32"]!.shape == [1, 2] && t["i32"]!.scalars == [-16777216, 123456])
        #expect(t["i16"]!.scalars == [-32768, 32767])
        #expect(t["i8"]!.scalars == [-128, 127])
        #expect(t["u8"]!.scalars == [0, 255])
        #expect(t["bool"]!.scalars == [1, 0, 1])
    }

    @Test func refusesUnconvertibleDTypesByName() throws {
        let url = try fixtureURL("unsupported_dtype")
        #expect { try Safetensors.read(from: url) } throws: { error in
            guard let e = error as? SafetensorsError else { return false }
            return e.kind == .unsupportedDType && e.tensor == "fp8" && e.description.contains("F8_E4M3")
                && e.description.contains("unsupported_dtype.safetensors")
        }
        #expect { try Safetensors.read(from: try fixtureURL("inexact_int")) } throws: { error in
            guard let e = error as? SafetensorsError else { return false }
            return e.kind == .unsupportedDType && e.tensor == "ids" && e.description.contains("16777217")
        }
    }

    // MARK: Malformed files

    /// A file with the given header text (unpadded) and data bytes.
    private func rawFile(_ header: String, data: [UInt8] = [], lengthOverride: UInt64? = nil) -> Data {
        let h = Array(header.utf8)
        var n = lengthOverride ?? UInt64(h.count)
        var out = [UInt8]()
        for _ in 0..<8 { out.append(UInt8(truncatingIfNeeded: n)); n >>= 8 }
        return Data(out + h + data)
    }

    private func readError(_ data: Data) throws -> SafetensorsError? {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("bad.safetensors")
        try data.write(to: url)
        do {
            _ = try Safetensors.read(from: url)
            return nil
        } catch let e as SafetensorsError {
            #expect(e.file.hasSuffix("bad.safetensors"))
            return e
        }
    }

    @Test func rejectsTruncatedFiles() throws {
        let good = try Data(contentsOf: try fixtureURL("python_written"))
        let short = try #require(try readError(good.prefix(5)))
        #expect(short.kind == .truncated && short.byteOffset == 0)
        // Header length beyond the end of the file.
        let header = try #require(try readError(good.prefix(100)))
        #expect(header.kind == .truncated && header.description.contains("beyond the end of the file"))
        // Data cut short: the last tensor by offset ("weight", data [40, 64]) is named.
        let data = try #require(try readError(good.prefix(good.count - 4)))
        #expect(data.kind == .truncated && data.tensor == "weight")
        #expect(data.byteOffset == good.count - 64 + 40)
        // Every prefix fails cleanly.
        for n in 0..<good.count {
            #expect(try readError(good.prefix(n)) != nil, "prefix of \(n) bytes was accepted")
        }
    }

    @Test func rejectsBadHeaders() throws {
        let badJSON = try #require(try readError(rawFile("{\"a\":{\"dtype\":\"F32\",,}}")))
        #expect(badJSON.kind == .invalidHeader && badJSON.byteOffset == 8 + 20)
        #expect(try readError(rawFile("[]"))?.kind == .invalidHeader)
        #expect(try readError(rawFile("{\"__metadata__\":{\"k\":1}}"))?.kind == .invalidHeader)
        #expect(try readError(rawFile("{} x"))?.kind == .invalidHeader)
        #expect(try readError(rawFile("{\"a\":\"\\ud800\"}"))?.kind == .invalidHeader)
        #expect(try readError(rawFile(String(repeating: "[", count: 10_000)))?.kind == .invalidHeader)
        let huge = try #require(try readError(rawFile("{}", lengthOverride: .max)))
        #expect(huge.kind == .invalidHeader && huge.byteOffset == 0)
        let dup = try #require(try readError(rawFile(
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]},\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}}",
            data: [0, 0, 0, 0])))
        #expect(dup.kind == .invalidHeader && dup.tensor == "a")
        // An empty header object is a valid file with no tensors.
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try rawFile("{}").write(to: dir.appendingPathComponent("e.safetensors"))
        #expect(try Safetensors.read(from: dir.appendingPathComponent("e.safetensors")).tensors.count == 0)
        let missing = try #require(try? #require(throws: SafetensorsError.self) {
            try Safetensors.read(from: dir.appendingPathComponent("absent.safetensors"))
        })
        #expect(missing.kind == .io)
    }

    @Test func rejectsBadTensorEntries() throws {
        func entry(_ name: String, _ dtype: String = "F32", _ shape: String = "[1]", _ offsets: String) -> String {
            "\"\(name)\":{\"dtype\":\"\(dtype)\",\"shape\":\(shape),\"data_offsets\":\(offsets)}"
        }
        let eight = [UInt8](repeating: 0, count: 8), twelve = [UInt8](repeating: 0, count: 12)
        let overlap = try #require(try readError(rawFile("{\(entry("a", "F32", "[2]", "[0,8]")),\(entry("b", "F32", "[2]", "[4,12]"))}", data: twelve)))
        #expect(overlap.kind == .invalidTensor && overlap.tensor == "b" && overlap.description.contains("overlap tensor \"a\""))
        let gap = try #require(try readError(rawFile("{\(entry("a", "F32", "[1]", "[0,4]")),\(entry("b", "F32", "[1]", "[8,12]"))}", data: twelve)))
        #expect(gap.kind == .invalidTensor && gap.tensor == "b" && gap.description.contains("covered by no tensor"))
        let trailing = try #require(try readError(rawFile("{\(entry("a", "F32", "[1]", "[0,4]"))}", data: eight)))
        #expect(trailing.kind == .invalidTensor && trailing.description.contains("4 trailing bytes"))
        let size = try #require(try readError(rawFile("{\(entry("w", "F32", "[3]", "[0,8]"))}", data: eight)))
        #expect(size.kind == .invalidTensor && size.tensor == "w" && size.description.contains("needs 12 bytes"))
        let dtype = try #require(try readError(rawFile("{\(entry("w", "X99", "[2]", "[0,8]"))}", data: eight)))
        #expect(dtype.kind == .unsupportedDType && dtype.tensor == "w" && dtype.description.contains("X99"))
        let negative = try #require(try readError(rawFile("{\(entry("w", "F32", "[-2]", "[0,8]"))}", data: eight)))
        #expect(negative.kind == .invalidTensor && negative.tensor == "w")
        let reversed = try #require(try readError(rawFile("{\(entry("w", "F32", "[2]", "[8,0]"))}", data: eight)))
        #expect(reversed.kind == .invalidTensor)
        let overflow = try #require(try readError(rawFile("{\(entry("w", "F32", "[4611686018427387904,4]", "[0,8]"))}", data: eight)))
        #expect(overflow.kind == .invalidTensor)
        let noShape = try #require(try readError(rawFile("{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,8]}}", data: eight)))
        #expect(noShape.kind == .invalidTensor && noShape.description.contains("no \"shape\""))
        let beyond = try #require(try readError(rawFile("{\(entry("w", "F32", "[4]", "[0,16]"))}", data: eight)))
        #expect(beyond.kind == .truncated && beyond.tensor == "w")
    }

    /// Flipping any single header byte either still reads or throws; it never crashes.
    @Test func survivesCorruptedBytes() throws {
        let good = try Data(contentsOf: try fixtureURL("python_written"))
        var failures = 0
        for i in 0..<min(good.count, 200) {
            var bad = good
            bad[i] ^= 0x5A
            if try readError(bad) != nil { failures += 1 }
        }
        #expect(failures > 150)
    }
}

private final class TinyNet: Module {
    var isTraining = true
    var weight = Tensor.randn([3, 2], seed: 5)
    var bias = Tensor.randn([3], seed: 6)
    @Buffer var runningMean = Tensor.randn([3], seed: 7)
}

@Suite struct ModuleCheckpointTests {
    @Test func saveAndLoadModule() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("tiny.safetensors")
        let a = TinyNet()
        try a.save(to: url, metadata: ["format": "pt"])
        let b = TinyNet()
        b.weight.withMutableData { $0.update(repeating: 0) }
        b.runningMean.withMutableData { $0.update(repeating: 0) }
        try b.load(from: url)
        #expect(b.weight.scalars == a.weight.scalars)
        #expect(b.bias.scalars == a.bias.scalars)
        #expect(b.runningMean.scalars == a.runningMean.scalars)
    }

    @Test func loadReportsNameShapeAndDTypeMismatches() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("other.safetensors")
        try Safetensors.write(StateDict([("weight", Tensor.zeros([2, 2])), ("bias", Tensor.zeros([3])), ("extra", Tensor.zeros([1]))]), to: url)
        let net = TinyNet()
        let before = net.weight.scalars
        #expect { try net.load(from: url) } throws: { error in
            guard let e = error as? StateDictError else { return false }
            let text = e.description
            return text.contains("running_mean") && text.contains("extra") && text.contains("weight: checkpoint has shape [2, 2]")
        }
        #expect(net.weight.scalars == before)
        // Non-strict still refuses a shape mismatch.
        #expect(throws: StateDictError.self) { try net.load(from: url, strict: false) }
        // An unconvertible dtype is reported by name, with the other problems, and nothing is loaded.
        #expect { try net.load(from: try fixtureURL("unsupported_dtype")) } throws: { error in
            guard let e = error as? StateDictError else { return false }
            return e.problems.contains { $0.hasPrefix("fp8:") && $0.contains("F8_E4M3") } && e.description.contains("missing keys")
        }
        #expect(net.weight.scalars == before)
    }
}
