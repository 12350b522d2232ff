import Foundation
import Testing
import TestSupport
@testable import GraphData

/// Fixtures from scripts/make_pickle_fixtures.py.
private func fixture(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: Fixtures.url("pickle/\(name)")))
}

private func load(_ name: String) throws -> PickleValue {
    try Unpickler.load(contentsOf: Fixtures.url("pickle/\(name)"))
}

/// The DataError thrown by `body`, or nil when it does not throw one.
private func dataError(_ body: () throws -> Void) -> DataError? {
    do { try body() } catch let e as DataError { return e } catch { return nil }
    return nil
}

private func pickle(_ parts: [Any]) -> [UInt8] {
    var out: [UInt8] = []
    for p in parts {
        if let s = p as? String { out += Array(s.utf8) } else if let b = p as? [UInt8] { out += b } else if let b = p as? UInt8 { out.append(b) } else if let i = p as? Int { out.append(UInt8(i)) }
    }
    return out
}

@Suite("Pickle")
struct PickleTests {
    // MARK: numpy arrays

    @Test func float32ArrayFromPython2AndPython3Pickles() throws {
        for name in ["array_f4_py2.pkl", "array_f4_py3.pkl"] {
            let a = try PickledArray(try load(name))
            #expect(a.kind == .float && a.itemSize == 4 && a.littleEndian)
            #expect(a.shape == [2, 3])
            #expect(!a.fortranOrder)
            #expect(a.floats() == [1.5, 0, -2, 0.25, 3, 0])
            #expect(throws: DataError.self) { try a.ints() }   // wrong dtype for integers
            #expect(try a.denseMatrix() == .dense(rows: 2, cols: 3, values: [1.5, 0, -2, 0.25, 3, 0]))
        }
    }

    @Test func fortranOrderInt64ArrayComesOutRowMajor() throws {
        let a = try PickledArray(try load("array_i8_fortran.pkl"))
        #expect(a.fortranOrder)
        #expect(a.dtypeName == "<i8")
        #expect(try a.int64s() == [1, -2, 3, 4, 5, -(1 << 40)])
        #expect(throws: DataError.self) { try a.int32s() }   // -2^40 does not fit
    }

    @Test func bigEndianInt32Array() throws {
        let a = try PickledArray(try load("array_i4_bigendian.pkl"))
        #expect(!a.littleEndian)
        #expect(try a.int32s() == [1, -1, 65536])
    }

    @Test func arrayWithTooFewBytesForItsShapeIsAnError() throws {
        let v = try load("array_bad_length.pkl")
        let e = dataError { _ = try PickledArray(v) }
        #expect(e?.message.contains("12 bytes") == true)
        #expect(e?.message.contains("[4]") == true)
    }

    @Test func unsupportedDtypeIsAnError() {
        let dtype = PickleValue.object(PickleObject(callable: .dtype, arguments: [.bytes(Array("c8".utf8)), .bool(false), .bool(true)]))
        let array = PickleValue.object(PickleObject(
            callable: .numpyReconstruct, arguments: [.global(.ndarray), .tuple([.int(0)]), .bytes([98])],
            state: .tuple([.int(1), .tuple([.int(1)]), dtype, .bool(false), .bytes(Array(repeating: 0, count: 8))])))
        let e = dataError { _ = try PickledArray(array) }
        #expect(e?.message.contains("'c8'") == true)
        #expect(dataError { _ = try PickledArray(.list([])) } != nil)
    }

    // MARK: scipy CSR, dicts

    @Test func csrWithUnsortedDuplicateColumnsIsSortedAndSummed() throws {
        let m = try FeatureMatrix(pickled: try load("csr_unsorted_py2.pkl"))
        #expect(m == .sparse(rows: 3, cols: 4, rowPtr: [0, 2, 2, 4], colIdx: [0, 2, 1, 3], values: [2, 4, 4, 5]))
        try m.validate("csr")
    }

    @Test func csrFromPython3Pickle() throws {
        let m = try FeatureMatrix(pickled: try load("csr_py3.pkl"))
        #expect(m.isSparse)
        #expect(m.rows == 2 && m.cols == 3)
        #expect(m.denseValues() == [1.5, 0, -2, 0.25, 3, 0])
    }

    @Test func defaultdictOfLists() throws {
        let d = try load("graph_defaultdict_py2.pkl").intListDict()
        #expect(d.map(\.key) == [0, 2, 5])
        #expect(d.map(\.values) == [[1, 2], [0, 300, 70000], []])
    }

    @Test func protocol4IndexSplit() throws {
        let s = try readIndexSplitPickle(Fixtures.url("pickle/split_protocol4.pkl"))
        #expect(s == GraphSplit(train: [4, 0, 2], validation: [1], test: [3, 5]))
        let e = dataError { _ = try readIndexSplitPickle(Fixtures.url("pickle/graph_defaultdict_py2.pkl")) }
        #expect(e?.file == "graph_defaultdict_py2.pkl")
    }

    // MARK: opcodes

    @Test func scalarOpcodes() throws {
        #expect(try Unpickler.load(pickle([0x80, 2, 0x8A, 2, 0xFF, 0x7F, "."])) == .int(32767))
        #expect(try Unpickler.load(pickle([0x8A, 1, 0xFF, "."])) == .int(-1))
        #expect(try Unpickler.load(pickle([0x8A, 0, "."])) == .int(0))
        #expect(try Unpickler.load(pickle([0x8A, 9, [0, 0, 0, 0, 0, 0, 0, 0x80] as [UInt8], 0xFF, "."])) == .int(Int.min))
        #expect(dataError { _ = try Unpickler.load(pickle([0x8A, 9, [0, 0, 0, 0, 0, 0, 0, 0, 1] as [UInt8], "."])) } != nil)
        #expect(try Unpickler.load(pickle(["J", [0xFE, 0xFF, 0xFF, 0xFF] as [UInt8], "."])) == .int(-2))
        #expect(try Unpickler.load(pickle(["M", [0x01, 0x02] as [UInt8], "."])) == .int(513))
        #expect(try Unpickler.load(pickle(["G", [0x3F, 0xF8, 0, 0, 0, 0, 0, 0] as [UInt8], "."])) == .float(1.5))
        #expect(try Unpickler.load(pickle(["X", [2, 0, 0, 0] as [UInt8], "hi", "."])) == .string("hi"))
        #expect(try Unpickler.load(pickle([0x88, 0x89, "N", 0x87, "."])) == .tuple([.bool(true), .bool(false), .none]))
    }

    @Test func containersAndMemoShareReferences() throws {
        // d = {}; l = [d]; d['k'] = 1; result (l, d): BINGET sees the later SETITEM.
        let bytes = pickle([0x80, 2, "}", "q", 0, "]", "q", 1, "h", 0, "a",
                            "h", 0, 0x8C, 1, "k", "K", 1, "s", 0x30])
        // the last byte above is POP, which is not supported: check that first
        let e = dataError { _ = try Unpickler.load(bytes + pickle(["."]), file: "m.pkl") }
        #expect(e?.message.contains("POP") == true)
        let ok = pickle([0x80, 2, "}", "q", 0, "]", "q", 1, "h", 0, "a", "h", 0, 0x8C, 1, "k", "K", 1, "s",
                         0x86, "."])
        let item = PickleValue.dict([PickleDictItem(key: .string("k"), value: .int(1))])
        #expect(try Unpickler.load(ok) == .tuple([.list([item]), item]))
        let dict = pickle(["(", 0x8C, 1, "a", "K", 1, 0x8C, 1, "b", "]", "(", "K", 2, "K", 3, "e", "d", "."])
        let v = try Unpickler.load(dict)
        #expect(v.value(forKey: "a") == .int(1))
        #expect(v.value(forKey: "b") == .list([.int(2), .int(3)]))
    }

    // MARK: malformed input

    @Test func unknownOpcodeNamesFileOffsetAndByte() {
        let e = dataError { _ = try Unpickler.load([0x80, 2, 0xFF], file: "bad.pkl") }
        #expect(e?.file == "bad.pkl")
        #expect(e?.location == "byte 2")
        #expect(e?.message.contains("0xff") == true)
        let inst = dataError { _ = try Unpickler.load(pickle([0x80, 2, "i", "os\nsystem\n"])) }
        #expect(inst?.message.contains("INST") == true)
    }

    @Test func disallowedGlobalsAreRejected() {
        let e = dataError { _ = try Unpickler.load(pickle([0x80, 2, "cos\nsystem\n", "X", [2, 0, 0, 0] as [UInt8], "ls", 0x85, "R", "."]), file: "evil.pkl") }
        #expect(e?.message.contains("os.system") == true)
        #expect(e?.location == "byte 2")
        let stack = dataError { _ = try Unpickler.load(pickle([0x80, 4, 0x8C, 5, "posix", 0x8C, 6, "system", 0x93, "."])) }
        #expect(stack?.message.contains("posix.system") == true)
    }

    @Test func memoErrors() {
        let e = dataError { _ = try Unpickler.load(pickle([0x80, 2, "h", 5, "."])) }
        #expect(e?.message.contains("memo entry 5") == true)
        #expect(dataError { _ = try Unpickler.load(pickle(["j", [0xFF, 0xFF, 0xFF, 0xFF] as [UInt8], "."])) } != nil)
        #expect(dataError { _ = try Unpickler.load(pickle(["q", 0, "."])) } != nil)   // BINPUT on an empty stack
    }

    @Test func lengthsBeyondTheDataAreErrors() {
        #expect(dataError { _ = try Unpickler.load(pickle(["X", [0xFF, 0xFF, 0xFF, 0xFF] as [UInt8], "ab."])) }?.message.contains("exceeds") == true)
        #expect(dataError { _ = try Unpickler.load(pickle(["T", [0xFF, 0xFF, 0xFF, 0xFF] as [UInt8], "ab."])) }?.message.contains("negative") == true)
        #expect(dataError { _ = try Unpickler.load(pickle([0x95, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF] as [UInt8], "N."])) } != nil)
        #expect(dataError { _ = try Unpickler.load(pickle(["X", [1, 0, 0, 0] as [UInt8], 0xFF, "."])) }?.message.contains("UTF-8") == true)
    }

    @Test func stackAndStructureErrors() {
        #expect(dataError { _ = try Unpickler.load(pickle([0x80, 2, 0x85, "."])) }?.message.contains("underflow") == true)
        #expect(dataError { _ = try Unpickler.load(pickle(["t", "."])) }?.message.contains("MARK") == true)
        #expect(dataError { _ = try Unpickler.load(pickle(["(", "K", 1, "d", "."])) }?.message.contains("odd") == true)
        #expect(dataError { _ = try Unpickler.load(pickle(["K", 1, "K", 2, "a", "."])) } != nil)   // APPEND to an int
        #expect(dataError { _ = try Unpickler.load(pickle(["]", "N", "b", "."])) } != nil)        // BUILD on a list
        #expect(dataError { _ = try Unpickler.load(pickle(["K", 1, ")", "R", "."])) } != nil)     // call an int
        // l = []; l.append(l)
        #expect(dataError { _ = try Unpickler.load(pickle(["]", "q", 0, "h", 0, "a", "."])) }?.message.contains("itself") == true)
        let deep = pickle([")"]) + [UInt8](repeating: 0x85, count: 500) + pickle(["."])
        #expect(dataError { _ = try Unpickler.load(deep) }?.message.contains("deeper") == true)
        #expect(dataError { _ = try Unpickler.load([]) }?.message.contains("truncated") == true)
    }

    @Test func everyTruncationThrowsAndNeverCrashes() throws {
        for name in ["csr_unsorted_py2.pkl", "split_protocol4.pkl", "graph_defaultdict_py2.pkl"] {
            let bytes = try fixture(name)
            for n in 0..<bytes.count {
                let e = dataError { _ = try Unpickler.load(Array(bytes[..<n]), file: name) }
                #expect(e?.file == name, "prefix of \(n) bytes of \(name)")
            }
        }
    }

    @Test func corruptedBytesNeverCrash() throws {
        // Set every byte of a few pickles to a few values: reading and decoding either
        // succeed or throw a DataError.
        let decoders: [(String, (PickleValue) throws -> Void)] = [
            ("csr_unsorted_py2.pkl", { try FeatureMatrix(pickled: $0).validate("csr") }),
            ("array_i8_fortran.pkl", { _ = try PickledArray($0).int64s() }),
            ("graph_defaultdict_py2.pkl", { _ = try $0.intListDict() }),
            ("split_protocol4.pkl", { v in _ = try ["train", "val", "test"].map { try v.value(forKey: $0)?.integerList() } }),
        ]
        for (name, decode) in decoders {
            let bytes = try fixture(name)
            var failures = 0
            for i in 0..<bytes.count {
                for v: UInt8 in [0x00, 0x7F, 0xFF, bytes[i] &+ 1] {
                    var b = bytes
                    b[i] = v
                    do { try decode(try Unpickler.load(b)) } catch is DataError { failures += 1 }
                }
            }
            #expect(failures > 0, "\(name)")
        }
    }

    // MARK: real data

    @Test(.enabled(if: SharedData.available)) func peptidesSplitPickle() throws {
        let url = try #require(SharedData.root).appendingPathComponent("Peptides-func/raw/splits_random_stratified_peptide.pickle")
        let s = try readIndexSplitPickle(url)
        #expect(s.train.count == 10873)
        #expect(s.validation.count == 2331)
        #expect(s.test.count == 2331)
        let all = Set(s.train + s.validation + s.test)
        #expect(all.count == 15535)
        #expect(all.min() == 0 && all.max() == 15534)
    }
}
