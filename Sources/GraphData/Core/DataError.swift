import Foundation

/// An error reading, validating or locating graph data.
///
/// Every message says what was read, where (file and line, byte offset or array name),
/// and what was expected, e.g.
/// `ENZYMES_A.txt, line 12: node id 19581 is out of range 1...19580`.
/// `kind` maps to the CLI's exit codes (see `exitCode`).
public struct DataError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Kind: Sendable, Equatable {
        /// The input exists but is malformed or inconsistent (exit 65).
        case badData
        /// A file or dataset is not there (exit 66).
        case missingInput
        /// Reading or writing failed at the operating-system level (exit 74).
        case io
        /// The caller asked for something invalid, e.g. an unknown dataset name (exit 64).
        case usage
    }

    public let kind: Kind
    /// The file (or dataset) the problem is in, when there is one.
    public let file: String?
    /// Where in it: "line 12", "byte 4096", "array 'labels'", ...
    public let location: String?
    public let message: String

    public init(_ kind: Kind, file: String? = nil, at location: String? = nil, _ message: String) {
        self.kind = kind
        self.file = file
        self.location = location
        self.message = message
    }

    /// A `.badData` error with no file or place (the caller adds the file with `inFile`).
    public init(_ message: String) {
        self.init(.badData, file: nil, at: nil, message)
    }

    /// `file, location: message`, leaving out the parts that are nil.
    public var description: String {
        let place = [file, location].compactMap { $0 }.joined(separator: ", ")
        return place.isEmpty ? message : "\(place): \(message)"
    }

    /// The sysexits code the CLI exits with for this error.
    public var exitCode: Int32 {
        switch kind {
        case .badData: 65
        case .missingInput: 66
        case .io: 74
        case .usage: 64
        }
    }

    /// The same error with `file` set when it had none (readers of in-memory bytes
    /// throw without a file name; the caller that opened the file adds it).
    public func inFile(_ name: String) -> DataError {
        file == nil ? DataError(kind, file: name, at: location, message) : self
    }
}
