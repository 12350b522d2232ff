import Foundation
import ZIPFoundation

/// Reads a numpy `.npz` archive: a ZIP file whose members `<name>.npy` are `.npy`
/// arrays, stored (`np.savez`) or deflated (`np.savez_compressed`).
///
/// Returns the arrays by name without the `.npy` suffix, as `np.load(path)[name]`.
/// Members whose names do not end in `.npy` are skipped (numpy would return them as
/// raw bytes). Errors are `DataError`s naming the file, the member and the byte offset
/// inside the member.
///
/// `members`, when given, limits reading to those names: numpy reads members lazily,
/// so an archive whose unused members are pickled objects loads fine there, and here.
public func readNpz(_ url: URL, members: Set<String>? = nil) throws -> [String: NpyArray] {
    let file = url.lastPathComponent
    guard FileManager.default.fileExists(atPath: url.path) else {
        throw DataError(.missingInput, file: url.path, "no such file")
    }
    let archive: Archive
    do { archive = try Archive(url: url, accessMode: .read) } catch {
        throw DataError(.badData, file: file, "not a readable ZIP archive (an .npz file is a ZIP of .npy members): \(error)")
    }
    let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
    return try NpzReader.read(archive, file: file, archiveSize: size, members: members)
}

/// Reads `.npz` bytes already in memory; `name` is used as the file name in errors.
///
/// The bytes go through a temporary file: ZIPFoundation's in-memory archive traps
/// (instead of throwing) on some damaged archives whose offsets point outside the
/// data, while its file-backed archive reads them safely.
public func readNpz(data: Data, name: String, members: Set<String>? = nil) throws -> [String: NpyArray] {
    let temporary = FileManager.default.temporaryDirectory
        .appendingPathComponent("swiftgnn-npz-\(UUID().uuidString).npz")
    do { try data.write(to: temporary) } catch {
        throw DataError(.io, file: temporary.path, "could not write a temporary copy of \(name): \(error.localizedDescription)")
    }
    defer { try? FileManager.default.removeItem(at: temporary) }
    do {
        return try readNpz(temporary, members: members)
    } catch let e as DataError where e.file == temporary.lastPathComponent || e.file == temporary.path {
        throw DataError(e.kind, file: name, at: e.location, e.message)
    }
}

enum NpzReader {
    /// Deflate cannot expand data by more than about 1032:1; a member claiming more
    /// is damaged (or a ZIP bomb) and is refused before anything is allocated.
    static let maxDeflateRatio: UInt64 = 1100

    static func read(_ archive: Archive, file: String, archiveSize: Int?,
                     members: Set<String>?) throws -> [String: NpyArray] {
        var arrays: [String: NpyArray] = [:]
        for entry in archive where entry.type == .file {
            let path = entry.path
            guard path.hasSuffix(".npy") else { continue }
            let name = String(path.dropLast(4))
            if let members, !members.contains(name) { continue }
            let bytes = try extract(entry, from: archive, file: file, member: name, archiveSize: archiveSize)
            do {
                arrays[name] = try NpyArray.parse(data: bytes, name: name)
            } catch let e as DataError {
                throw e.inFile(file)
            }
        }
        return arrays
    }

    /// The uncompressed bytes of one member, checking its declared sizes first.
    static func extract(_ entry: Entry, from archive: Archive, file: String, member: String,
                        archiveSize: Int?) throws -> Data {
        let declared = entry.uncompressedSize
        let compressed = entry.compressedSize
        let at = "member '\(member).npy'"
        if let archiveSize, compressed > UInt64(archiveSize) {
            throw DataError(.badData, file: file, at: at,
                            "compressed size \(compressed) exceeds the archive size \(archiveSize); the file is truncated or damaged")
        }
        if entry.isCompressed ? declared / maxDeflateRatio > compressed : declared != compressed {
            throw DataError(.badData, file: file, at: at,
                            "declared uncompressed size \(declared) does not fit its compressed size \(compressed)")
        }
        guard declared <= UInt64(Int.max) else {
            throw DataError(.badData, file: file, at: at, "declared size \(declared) is too large")
        }
        var data = Data()
        data.reserveCapacity(Int(declared))
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                guard UInt64(data.count + chunk.count) <= declared else {
                    throw DataError(.badData, file: file, at: at,
                                    "member inflates past its declared size of \(declared) bytes")
                }
                data.append(chunk)
            }
        } catch let e as DataError {
            throw e
        } catch {
            throw DataError(.badData, file: file, at: at,
                            "cannot extract (truncated or damaged archive, after \(data.count) of \(declared) bytes): \(error)")
        }
        guard UInt64(data.count) == declared else {
            throw DataError(.badData, file: file, at: at,
                            "member is \(data.count) bytes, its ZIP entry declares \(declared); the archive is truncated")
        }
        return data
    }
}
