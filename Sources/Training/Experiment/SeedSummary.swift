import Foundation

/// The spread of one metric over repeated runs (seeds or folds), reported as
/// `mean ± std` the way papers and PyG's benchmark scripts do.
///
/// `std` is the **population** standard deviation, `sqrt((1/n) * sum_i (x_i - mean)^2)`,
/// numpy's `np.std` default (`ddof=0`) and what most GNN papers report; it is 0 for a
/// single run. (`torch.std` and `statistics.stdev` divide by `n - 1` instead.) Both are
/// computed in Double with a two-pass sum. An empty list gives NaN for both.
public struct SeedSummary: Codable, Sendable, Equatable {
    public let values: [Double]
    public let mean: Double
    /// Population standard deviation (ddof = 0).
    public let std: Double

    public init(_ values: [Double]) {
        self.values = values
        guard !values.isEmpty else {
            mean = .nan
            std = .nan
            return
        }
        let n = Double(values.count)
        let m = values.reduce(0, +) / n
        mean = m
        std = (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / n).squareRoot()
    }

    /// `"81.50 ± 0.60"`: mean and std multiplied by `scale` (100 turns a fraction into a
    /// percentage) with `digits` digits after the decimal point; `"nan ± nan"` without runs.
    public func formatted(scale: Double = 1, digits: Int = 2) -> String {
        let d = Swift.min(Swift.max(digits, 0), 17)
        return SeedSummary.fixed(mean * scale, d) + " ± " + SeedSummary.fixed(std * scale, d)
    }

    static func fixed(_ x: Double, _ digits: Int) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
        return String(format: "%.\(digits)f", x)
    }

    /// `values` are the source of truth when decoding: mean and std are recomputed, so a
    /// hand-edited file cannot hold an inconsistent summary.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try container.decode([Double].self, forKey: .values))
    }

    private enum CodingKeys: String, CodingKey { case values, mean, std }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(values, forKey: .values)
        // JSON has no NaN: an empty summary is written as its (empty) values alone.
        if mean.isFinite { try container.encode(mean, forKey: .mean) }
        if std.isFinite { try container.encode(std, forKey: .std) }
    }
}
