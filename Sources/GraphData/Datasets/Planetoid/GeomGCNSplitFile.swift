import Foundation
import ZIPFoundation

// NOTE(npz): this is a deliberately narrow reader for the geom-gcn split files only
// (an npz holding 1-d `train_mask`, `val_mask`, `test_mask` of dtype |b1, |u1 or
// <i8). The general npz reader is written in IO/Npz on another branch; once it is
// merged, replace the body of `readGeomGCNSplit` with a call to it and delete
// `GeomGCNMask`.

/// Reads `train_mask`, `val_mask` and `test_mask` (each `[numNodes]`, non-zero = set)
/// from a geom-gcn split npz.
func readGeomGCNSplit(_ url: URL, numNodes: Int) throws -> NodeSplit {
    let name = url.lastPathComponent
    guard FileManager.default.fileExists(atPath: url.path) else {
        throw DataError(.missingInput, file: url.path, "geom-gcn split file not found")
    }
    let archive: Archive
    do { archive = try Archive(url: url, accessMode: .read) } catch {
        throw DataError(.badData, file: name, "not a zip (npz) archive: \(error)")
    }
    func mask(_ key: String) throws -> [Bool] {
        guard let entry = archive["\(key).npy"] else {
            throw DataError(.badData, file: name, "no array '\(key)'")
        }
        // A mask of numNodes elements of at most 8 bytes plus a header of at most 64 KiB.
        guard entry.uncompressedSize <= UInt64(numNodes) * 8 + 65_536 else {
            throw DataError(.badData, file: name, at: "array '\(key)'", "\(entry.uncompressedSize) bytes is too large for \(numNodes) nodes")
        }
        var bytes = Data()
        do { _ = try archive.extract(entry) { bytes.append($0) } } catch {
            throw DataError(.badData, file: name, at: "array '\(key)'", "cannot decompress: \(error)")
        }
        do { return try GeomGCNMask.parse([UInt8](bytes), count: numNodes) } catch let e as DataError {
            throw DataError(.badData, file: name, at: "array '\(key)'", e.message)
        }
    }
    return NodeSplit(train: try mask("train_mask"), validation: try mask("val_mask"), test: try mask("test_mask"))
}

/// A 1-d `.npy` mask: magic `\x93NUMPY`, version, header length (2 bytes in v1, 4 in
/// v2/v3), a Python dict literal header, then the elements.
enum GeomGCNMask {
    static func parse(_ b: [UInt8], count: Int) throws -> [Bool] {
        guard b.count >= 10, b[0] == 0x93, Array(b[1..<6]) == Array("NUMPY".utf8) else {
            throw DataError("not a .npy array (bad magic)")
        }
        let major = b[6]
        let (lengthBytes, start): (Int, Int) = major == 1 ? (2, 10) : (4, 12)
        guard major >= 1, major <= 3, b.count >= start else { throw DataError("unsupported .npy version \(major)") }
        var headerLength = 0
        for k in 0..<lengthBytes { headerLength |= Int(b[8 + k]) << (8 * k) }
        guard headerLength <= b.count - start else { throw DataError("truncated .npy header") }
        let header = String(decoding: b[start..<start + headerLength], as: UTF8.self)
        let item: Int
        if header.contains("'|b1'") || header.contains("'|u1'") || header.contains("'<u1'") { item = 1 }
        else if header.contains("'<i8'") { item = 8 }
        else { throw DataError("mask dtype is not |b1, |u1 or <i8 (header \(header))") }
        guard header.contains("'shape': (\(count),)") else {
            throw DataError("mask shape is not (\(count),) (header \(header))")
        }
        let body = start + headerLength
        guard b.count - body == count * item else {
            throw DataError("\(b.count - body) data bytes for \(count) elements of \(item) bytes")
        }
        return (0..<count).map { i in (0..<item).contains { b[body + i * item + $0] != 0 } }
    }
}
