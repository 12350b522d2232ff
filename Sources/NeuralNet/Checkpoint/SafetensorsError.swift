/// Why a safetensors file could not be read or written: which file, which tensor (if
/// one is to blame), where (a byte offset from the start of the file), and what was
/// expected.
///
/// `description` reads like
/// `model.safetensors: tensor "fc.weight" at byte 57: shape [4, 3] of F32 needs 48 bytes, data_offsets [0, 40] hold 40`.
public struct SafetensorsError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Kind: Sendable, Equatable {
        /// The file could not be opened, read, written or renamed.
        case io
        /// The file ends before its 8-byte length prefix, its header, or a tensor's data.
        case truncated
        /// The header is not valid JSON or not the safetensors layout.
        case invalidHeader
        /// A tensor entry is malformed: missing fields, shape and byte length disagree,
        /// data offsets out of range, overlapping or leaving gaps.
        case invalidTensor
        /// A tensor's dtype is unknown or cannot be converted to Float32.
        case unsupportedDType
        /// A tensor or metadata cannot be written (e.g. the reserved name `__metadata__`).
        case invalidArgument
    }

    public let kind: Kind
    /// The path of the file.
    public let file: String
    /// The tensor concerned, if any.
    public let tensor: String?
    /// Offset in bytes from the start of the file, if the problem has a location.
    public let byteOffset: Int?
    public let message: String

    public init(_ kind: Kind, file: String, tensor: String? = nil, byteOffset: Int? = nil, _ message: String) {
        self.kind = kind
        self.file = file
        self.tensor = tensor
        self.byteOffset = byteOffset
        self.message = message
    }

    public var description: String {
        var location: [String] = []
        if let tensor { location.append("tensor \"\(tensor)\"") }
        if let byteOffset { location.append("at byte \(byteOffset)") }
        return file + ": " + (location.isEmpty ? "" : location.joined(separator: " ") + ": ") + message
    }
}
