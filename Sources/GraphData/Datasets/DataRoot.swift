import Crypto
import Foundation
import ZIPFoundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Where datasets live: `<root>/<Name>/raw/<files as published>`.
///
/// The root is, in order: an explicit directory (`--data-dir`), else the
/// `SWIFTGNN_DATA` environment variable, else `~/.cache/swiftgnn`.
public struct DataRoot: Sendable, Equatable {
    public let directory: URL

    public init(_ directory: URL) { self.directory = directory.standardizedFileURL }
    public init(path: String) { self.init(URL(fileURLWithPath: (path as NSString).expandingTildeInPath)) }

    /// The root from `explicit`, else `SWIFTGNN_DATA`, else `~/.cache/swiftgnn`.
    public static func resolve(_ explicit: String? = nil,
                               environment: [String: String] = ProcessInfo.processInfo.environment) -> DataRoot {
        if let explicit, !explicit.isEmpty { return DataRoot(path: explicit) }
        if let env = environment["SWIFTGNN_DATA"], !env.isEmpty { return DataRoot(path: env) }
        let home = environment["HOME"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser
        return DataRoot(home.appendingPathComponent(".cache/swiftgnn"))
    }

    /// `SWIFTGNN_DATA` or `~/.cache/swiftgnn`.
    public static var `default`: DataRoot { resolve() }

    /// `<root>/<folder>/raw`.
    public func rawDirectory(for folder: String) -> URL {
        directory.appendingPathComponent(folder).appendingPathComponent("raw")
    }

    /// Which of the required `files` are missing under `dir` (optional ones too when
    /// `includingOptional`).
    public func missing(_ files: [RemoteFile], in dir: URL, includingOptional: Bool = false) -> [RemoteFile] {
        files.filter {
            (includingOptional || !$0.optional) && !FileManager.default.fileExists(atPath: dir.appendingPathComponent($0.name).path)
        }
    }

    /// Makes sure every file is under `dir`: downloads the missing ones (when
    /// `download`), checks their SHA-256 and moves them in place atomically. Throws a
    /// `.missingInput` error listing the files expected, the directory, and how to
    /// point the data root elsewhere when they cannot be had.
    public func ensure(files: [RemoteFile], in dir: URL, dataset: String, download: Bool) throws {
        let absent = missing(files, in: dir)
        if download {
            // Optional files: fetched when they can be, never an error when they cannot.
            for file in missing(files, in: dir, includingOptional: true) where file.optional {
                try? Downloader.fetch(file, into: dir)
            }
        }
        if absent.isEmpty { return }
        var failures: [String] = []
        if download {
            var unpacked: Set<String> = []
            for file in absent {
                if file.archivePrefix != nil && unpacked.contains(file.url) { continue }
                do {
                    if let prefix = file.archivePrefix {
                        try Downloader.fetchArchive(file, prefix: prefix, into: dir)
                        unpacked.insert(file.url)
                    } else {
                        try Downloader.fetch(file, into: dir)
                    }
                } catch {
                    failures.append("\(file.name) from \(file.url): \(error)")
                }
            }
            if failures.isEmpty, case let still = missing(files, in: dir), !still.isEmpty {
                failures += still.map { "\($0.name): not in the archive \($0.url)" }
            }
            if failures.isEmpty { return }
        }
        let list = absent.map { "  \(dir.appendingPathComponent($0.name).path)" }.joined(separator: "\n")
        var message = "dataset \(dataset) is not in \(directory.path); expected these files:\n\(list)\n"
        if !failures.isEmpty {
            message += "download failed:\n" + failures.map { "  \($0)" }.joined(separator: "\n") + "\n"
        } else {
            message += "downloading was turned off.\n"
        }
        message += "Copy the files there, or point the data root at a directory that has <Name>/raw/ "
            + "with --data-dir DIR or SWIFTGNN_DATA=DIR."
        throw DataError(.missingInput, file: dataset, message)
    }
}

/// Downloads one file to a temporary name next to its destination, verifies its
/// checksum, then renames it in place, so an interrupted download never leaves a
/// partial file under the expected name.
enum Downloader {
    static func fetch(_ file: RemoteFile, into dir: URL) throws {
        try place(try verifiedBytes(file), at: dir.appendingPathComponent(file.name))
    }

    /// Downloads the archive `file.url`, checks its checksum, and places every member
    /// under `prefix` into `dir` (each one atomically, prefix removed). Member paths
    /// that would leave `dir` (`..`, absolute) are refused.
    static func fetchArchive(_ file: RemoteFile, prefix: String, into dir: URL) throws {
        let data = try verifiedBytes(file)
        let temporary = FileManager.default.temporaryDirectory
            .appendingPathComponent("swiftgnn-archive-\(UUID().uuidString).zip")
        try data.write(to: temporary)
        defer { try? FileManager.default.removeItem(at: temporary) }
        let archive: Archive
        do { archive = try Archive(url: temporary, accessMode: .read) } catch {
            throw DataError(.badData, file: file.url, "not a readable ZIP archive: \(error)")
        }
        for entry in archive where entry.type == .file && entry.path.hasPrefix(prefix) {
            let relative = String(entry.path.dropFirst(prefix.count))
            let parts = relative.split(separator: "/")
            guard !relative.isEmpty, !relative.hasPrefix("/"), !parts.contains("..") else {
                throw DataError(.badData, file: file.url, at: "member '\(entry.path)'", "refusing a path outside the dataset folder")
            }
            var bytes = Data()
            do { _ = try archive.extract(entry, consumer: { bytes.append($0) }) } catch {
                throw DataError(.badData, file: file.url, at: "member '\(entry.path)'", "cannot extract: \(error)")
            }
            try place(bytes, at: dir.appendingPathComponent(relative))
        }
    }

    /// The bytes of `file.url`, after checking them against `file.sha256` when given.
    static func verifiedBytes(_ file: RemoteFile) throws -> Data {
        guard let url = URL(string: file.url) else { throw DataError(.usage, "invalid URL \(file.url)") }
        let data = try get(url)
        if let expected = file.sha256 {
            let actual = sha256Hex(data)
            guard actual == expected.lowercased() else {
                throw DataError(.badData, file: file.name,
                                "checksum mismatch: SHA-256 \(actual), expected \(expected)")
            }
        }
        return data
    }

    /// Writes `data` to a temporary name beside `destination`, then renames it in place.
    static func place(_ data: Data, at destination: URL) throws {
        try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(),
                                                withIntermediateDirectories: true)
        let temporary = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString).part")
        do {
            try data.write(to: temporary)
            if FileManager.default.fileExists(atPath: destination.path) {
                _ = try FileManager.default.replaceItemAt(destination, withItemAt: temporary)
            } else {
                try FileManager.default.moveItem(at: temporary, to: destination)
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw DataError(.io, file: destination.path, "could not write: \(error.localizedDescription)")
        }
    }

    /// Lower-case hex SHA-256 of `data`.
    static func sha256Hex(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// The bytes at `url` (file, http or https), synchronously, with a 60 s timeout.
    static func get(_ url: URL) throws -> Data {
        if url.isFileURL {
            do { return try Data(contentsOf: url) } catch {
                throw DataError(.missingInput, file: url.path, "cannot read: \(error.localizedDescription)")
            }
        }
        final class Box: @unchecked Sendable { var result: Result<Data, Error>? }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        var request = URLRequest(url: url)
        request.timeoutInterval = 60
        let task = URLSession.shared.dataTask(with: request) { data, response, error in
            if let error {
                box.result = .failure(error)
            } else if let http = response as? HTTPURLResponse, !(200..<300).contains(http.statusCode) {
                box.result = .failure(DataError(.io, "HTTP \(http.statusCode)"))
            } else {
                box.result = .success(data ?? Data())
            }
            done.signal()
        }
        task.resume()
        done.wait()
        return try box.result!.get()
    }
}
