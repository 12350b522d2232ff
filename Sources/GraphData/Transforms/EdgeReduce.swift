/// How the data of several edges merged into one is combined (PyG's `reduce`
/// argument of `coalesce` and `to_undirected`).
public enum EdgeReduce: String, Sendable, Codable, CaseIterable {
    /// Sum of the values (PyG's default `"sum"`, also called `"add"`).
    case sum
    /// Arithmetic mean.
    case mean
    /// Element-wise minimum.
    case min
    /// Element-wise maximum.
    case max

    /// Combines `values` (at least one).
    func combine(_ values: some Collection<Float>) -> Float {
        switch self {
        case .sum: return values.reduce(0, +)
        case .mean: return values.isEmpty ? 0 : values.reduce(0, +) / Float(values.count)
        case .min: return values.min() ?? 0
        case .max: return values.max() ?? 0
        }
    }
}
