import Foundation

/// An error from a metric, an experiment helper or a report writer.
///
/// Messages say which function failed, what it was given and what it expected, e.g.
/// `rocAUC: y_true holds only one class (all 0); ROC-AUC needs both`.
public struct TrainingError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Kind: Sendable, Equatable {
        /// Inputs of the wrong length, shape or range (a caller's mistake).
        case invalidInput
        /// The inputs are well formed but the quantity is undefined for them, e.g. an
        /// empty set or ROC-AUC of a single class.
        case undefined
        /// Reading or writing a file or directory failed.
        case io
    }

    public let kind: Kind
    /// The function or component that raised it (`accuracy`, `EpochLog`, ...).
    public let source: String
    public let message: String

    public init(_ kind: Kind, _ source: String, _ message: String) {
        self.kind = kind
        self.source = source
        self.message = message
    }

    public var description: String { "\(source): \(message)" }
}
