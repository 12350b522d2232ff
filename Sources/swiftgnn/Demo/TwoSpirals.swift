import SwiftGNN

/// The two-spirals classification problem (Lang and Witbrock, 1988): two interleaved
/// spirals of `turns` turns, one per class, with Gaussian noise of standard deviation
/// `noise` (in units of the spirals' outer radius, 1).
///
/// Point k of class c: t = √u · turns · 2π with u uniform, r = t / (turns · 2π),
/// (x, y) = r · (cos(t + cπ), sin(t + cπ)) + noise.
struct TwoSpirals {
    let features: Tensor      // [n, 2]
    let labels: Int32Tensor   // [n], 0 or 1

    init(pointsPerClass: Int, turns: Float = 1.75, noise: Float = 0.02, using rng: inout RandomGenerator) {
        var xy: [Float] = []
        var labels: [Int32] = []
        let span = turns * 2 * Float.pi
        var jitter = [Float](repeating: 0, count: 2)
        for c in 0..<2 {
            for _ in 0..<pointsPerClass {
                let t = rng.nextUnitFloat().squareRoot() * span
                let r = t / span
                let angle = t + Float(c) * Float.pi
                jitter.withUnsafeMutableBufferPointer { rng.fillNormal($0.baseAddress!, count: 2, std: noise) }
                xy += [r * cosf(angle) + jitter[0], r * sinf(angle) + jitter[1]]
                labels.append(Int32(c))
            }
        }
        features = try! Tensor(shape: [labels.count, 2], scalars: xy)
        self.labels = Int32Tensor(labels)
    }

    /// Rows `indices` of the data set.
    func subset(_ indices: [Int]) -> TwoSpirals {
        TwoSpirals(features: try! Tensor(shape: [indices.count, 2], scalars: indices.flatMap { [features[$0, 0], features[$0, 1]] }),
                   labels: Int32Tensor(indices.map { labels[$0] }))
    }

    private init(features: Tensor, labels: Int32Tensor) {
        self.features = features
        self.labels = labels
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
