import Foundation

/// Linear warm-up followed by cosine decay to `minLR`, the schedule of Hugging Face's
/// `get_cosine_with_min_lr_schedule_with_warmup` (half a cosine), usually stepped once
/// per iteration. With `base` the optimizer's learning rate at construction and `e`
/// the number of steps taken (`lastEpoch`):
/// ```
/// lr_e = base * e / warmupSteps                                   for e < warmupSteps
/// lr_e = minLR + (base - minLR) * (1 + cos(pi * p)) / 2,
///        p = (e - warmupSteps) / max(1, totalSteps - warmupSteps)  for warmupSteps <= e < totalSteps
/// lr_e = minLR                                                    for e >= totalSteps
/// ```
/// So construction sets the learning rate to 0 when `warmupSteps > 0` (the first
/// optimizer step uses lr 0, as in Hugging Face), it reaches `base` at `e = warmupSteps`,
/// and stays at `minLR` after `totalSteps` (Hugging Face would let the cosine rise again).
/// Computed in closed form from `base`, so it does not chain with other schedulers.
public final class CosineWithWarmup: LRScheduler {
    public let optimizer: any Optimizer
    public let warmupSteps: Int
    public let totalSteps: Int
    public let minLR: Float
    public private(set) var lastEpoch = 0
    public var lastLR: Double { rate.value }
    private var rate: ScheduledRate
    private let baseLR: Double

    /// - Throws: `TensorError` unless `0 <= warmupSteps <= totalSteps`, `totalSteps >= 1`
    ///   and `minLR >= 0`.
    public init(_ optimizer: any Optimizer, warmupSteps: Int, totalSteps: Int, minLR: Float = 0) throws {
        guard warmupSteps >= 0, totalSteps >= 1, warmupSteps <= totalSteps else {
            throw TensorError("CosineWithWarmup", "need 0 <= warmupSteps <= totalSteps and totalSteps >= 1, got warmupSteps \(warmupSteps), totalSteps \(totalSteps)")
        }
        guard minLR >= 0 else { throw TensorError("CosineWithWarmup", "minLR \(minLR) must be >= 0") }
        self.optimizer = optimizer
        self.warmupSteps = warmupSteps
        self.totalSteps = totalSteps
        self.minLR = minLR
        rate = ScheduledRate(optimizer)
        baseLR = rate.value
        rate.set(learningRate(at: 0))
    }

    /// The closed-form learning rate after `e` steps.
    public func learningRate(at e: Int) -> Double {
        let minLR = decimalWidened(minLR)
        if e < warmupSteps { return baseLR * Double(e) / Double(warmupSteps) }
        if e >= totalSteps { return minLR }
        let progress = Double(e - warmupSteps) / Double(max(1, totalSteps - warmupSteps))
        return minLR + (baseLR - minLR) * 0.5 * (1 + cos(Double.pi * progress))
    }

    public func step() {
        lastEpoch += 1
        rate.set(learningRate(at: lastEpoch))
    }
}
