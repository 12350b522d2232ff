/// The error every tensor op throws for bad arguments: which op, and what was wrong,
/// with the shapes involved, e.g. `matmul: inner dimensions differ: [2, 3] x [4, 5]`.
public struct TensorError: Error, CustomStringConvertible, Equatable, Sendable {
    public let op: String
    public let message: String

    public init(_ op: String, _ message: String) {
        self.op = op
        self.message = message
    }

    public var description: String { "\(op): \(message)" }
}

extension TensorError {
    static func shapeMismatch(_ op: String, _ a: [Int], _ b: [Int], _ what: String = "shapes do not match") -> TensorError {
        TensorError(op, "\(what): \(a) and \(b)")
    }
}
