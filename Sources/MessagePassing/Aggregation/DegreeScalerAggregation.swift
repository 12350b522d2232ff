import Foundation
import TensorCore

/// How `DegreeScalerAggregation` rescales an aggregation by the in-degree `d` of the
/// node (PNA's scalers), with `δ_lin`, `δ_log` the average of `d` and of `log(d + 1)` over
/// the training graphs' nodes.
public enum DegreeScaler: Sendable, Equatable {
    /// `1`.
    case identity
    /// `log(d + 1) / δ_log`.
    case amplification
    /// `δ_log / log(max(d, 1) + 1)`.
    case attenuation
    /// `d / δ_lin`.
    case linear
    /// `δ_lin / max(d, 1)`.
    case inverseLinear
}

/// An aggregation combined with degree scalers (PyG `DegreeScalerAggregation`, the
/// aggregation of `PNAConv`):
///
///     out_i = ‖_{s ∈ scalers} s(d_i) · aggr(X_i)        (scalers concatenated in order)
///
/// where `aggr` is usually a `MultiAggregation` and `d_i` the number of messages node i
/// receives. The averages come from a degree histogram (`deg[k]` = number of training
/// nodes with in-degree k): `δ_lin = Σ k·deg[k] / Σ deg[k]`,
/// `δ_log = Σ log(k + 1)·deg[k] / Σ deg[k]`.
///
/// - State (PyG names): `avg_deg_lin`, `avg_deg_log`, shape `[1]` — buffers, or
///   parameters with `trainNorm`; `aggr.*` the inner aggregation's state.
/// - Shapes: messages `[E, F]` → `[N, |scalers| · F_aggr]`.
public final class DegreeScalerAggregation: Aggregation, CustomReflectable {
    public var isTraining = true
    public var aggr: any Aggregation
    public let scalers: [DegreeScaler]
    /// `δ_lin`, `δ_log` from the histogram.
    public let initialAvgDegLin: Float
    public let initialAvgDegLog: Float
    /// With `trainNorm`, the learnable averages; else nil.
    public var trainableAvgDegLin: Tensor?
    public var trainableAvgDegLog: Tensor?
    @Buffer public var fixedAvgDegLin: Tensor
    @Buffer public var fixedAvgDegLog: Tensor

    /// - Throws: `TensorError` for no scaler, or a histogram without a node or with a
    ///   negative count.
    public init(aggregation: any Aggregation, scalers: [DegreeScaler], degreeHistogram deg: [Int],
                trainNorm: Bool = false) throws {
        guard !scalers.isEmpty else { throw TensorError("DegreeScalerAggregation", "needs at least one scaler") }
        guard deg.allSatisfy({ $0 >= 0 }), deg.reduce(0, +) > 0 else {
            throw TensorError("DegreeScalerAggregation", "degree histogram \(deg) must count at least one node, none negative")
        }
        let n = Double(deg.reduce(0, +))
        var lin = 0.0, log = 0.0
        for (k, count) in deg.enumerated() {
            lin += Double(k) * Double(count)
            log += Foundation.log(Double(k) + 1) * Double(count)
        }
        aggr = aggregation
        self.scalers = scalers
        initialAvgDegLin = Float(lin / n)
        initialAvgDegLog = Float(log / n)
        fixedAvgDegLin = Tensor.full([1], initialAvgDegLin)
        fixedAvgDegLog = Tensor.full([1], initialAvgDegLog)
        if trainNorm {
            trainableAvgDegLin = Tensor.full([1], initialAvgDegLin).requiringGrad()
            trainableAvgDegLog = Tensor.full([1], initialAvgDegLog).requiringGrad()
        }
    }

    /// `δ_lin` and `δ_log` as used in the forward pass.
    public var avgDegLin: Tensor { trainableAvgDegLin ?? fixedAvgDegLin }
    public var avgDegLog: Tensor { trainableAvgDegLog ?? fixedAvgDegLog }

    public func aggregate(_ messages: Tensor, _ adjacency: CSRMatrix) throws -> Tensor {
        let out = try aggr.aggregate(messages, adjacency)
        let degree = adjacency.rowCounts.map(Double.init)
        let n = adjacency.rows
        func column(_ f: (Double) -> Double) throws -> Tensor {
            try Tensor(degree.map { Float(f($0)) }).reshaped([n, 1])
        }
        var outs: [Tensor] = []
        for scaler in scalers {
            switch scaler {
            case .identity: outs.append(out)
            case .amplification: outs.append(try out * (column { Foundation.log($0 + 1) } / avgDegLog))
            case .attenuation: outs.append(try out * (column { 1 / Foundation.log(Swift.max($0, 1) + 1) } * avgDegLog))
            case .linear: outs.append(try out * (column { $0 } / avgDegLin))
            case .inverseLinear: outs.append(try out * (column { 1 / Swift.max($0, 1) } * avgDegLin))
            }
        }
        return outs.count == 1 ? outs[0] : try Tensor.concat(outs, axis: 1)
    }

    /// State-dict children as PyG: `aggr`, `avg_deg_lin`, `avg_deg_log` (parameters with
    /// `trainNorm`, else buffers).
    public var customMirror: Mirror {
        let lin: Any = trainableAvgDegLin.map { $0 as Any } ?? _fixedAvgDegLin
        let log: Any = trainableAvgDegLog.map { $0 as Any } ?? _fixedAvgDegLog
        return Mirror(self, children: [(label: String?.some("aggr"), value: aggr as Any), (label: "avg_deg_lin", value: lin),
                                       (label: "avg_deg_log", value: log)], displayStyle: .class)
    }
}
