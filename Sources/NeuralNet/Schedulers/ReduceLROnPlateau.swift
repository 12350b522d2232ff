/// Reduces the learning rate when a metric stops improving, like
/// `torch.optim.lr_scheduler.ReduceLROnPlateau`.
///
/// Each `step(metric:)` compares the metric with the best seen so far: it improves when
/// it is below `best * (1 - threshold)` (mode `.min`, threshold mode `.rel`), below
/// `best - threshold` (`.min`, `.abs`), above `best * (1 + threshold)` (`.max`, `.rel`)
/// or above `best + threshold` (`.max`, `.abs`). After more than `patience` epochs
/// without improvement the learning rate becomes `max(lr * factor, minLR)` (ignored if
/// that changes it by no more than `eps`) and `cooldown` epochs follow in which bad
/// epochs are not counted.
public final class ReduceLROnPlateau {
    public enum Mode: Sendable { case min, max }
    public enum ThresholdMode: Sendable { case rel, abs }

    public let optimizer: any Optimizer
    public let mode: Mode
    public let factor: Float
    public let patience: Int
    public let threshold: Float
    public let thresholdMode: ThresholdMode
    public let cooldown: Int
    public let minLR: Float
    public let eps: Float
    /// Best metric so far (starts at +inf for `.min`, -inf for `.max`).
    public private(set) var best: Double
    public private(set) var numBadEpochs = 0
    public private(set) var cooldownCounter = 0
    public private(set) var lastEpoch = 0
    public var lastLR: Double { rate.value }
    private var rate: ScheduledRate

    /// - Throws: `TensorError` when `factor >= 1` or `patience`, `cooldown`, `threshold`
    ///   or `minLR` is negative.
    public init(_ optimizer: any Optimizer, mode: Mode = .min, factor: Float = 0.1, patience: Int = 10,
                threshold: Float = 1e-4, thresholdMode: ThresholdMode = .rel, cooldown: Int = 0,
                minLR: Float = 0, eps: Float = 1e-8) throws {
        guard factor < 1 else { throw TensorError("ReduceLROnPlateau", "factor \(factor) must be < 1") }
        guard patience >= 0, cooldown >= 0, threshold >= 0, minLR >= 0 else {
            throw TensorError("ReduceLROnPlateau", "patience (\(patience)), cooldown (\(cooldown)), threshold (\(threshold)) and minLR (\(minLR)) must be >= 0")
        }
        self.optimizer = optimizer
        self.mode = mode
        self.factor = factor
        self.patience = patience
        self.threshold = threshold
        self.thresholdMode = thresholdMode
        self.cooldown = cooldown
        self.minLR = minLR
        self.eps = eps
        best = mode == .min ? .infinity : -.infinity
        rate = ScheduledRate(optimizer)
    }

    private func isBetter(_ a: Double, than best: Double) -> Bool {
        let th = decimalWidened(threshold)
        switch (mode, thresholdMode) {
        case (.min, .rel): return a < best * (1 - th)
        case (.min, .abs): return a < best - th
        case (.max, .rel): return a > best * (th + 1)
        case (.max, .abs): return a > best + th
        }
    }

    /// Records the metric of one epoch and reduces the learning rate if it plateaued.
    public func step(metric: Double) {
        lastEpoch += 1
        if isBetter(metric, than: best) {
            best = metric
            numBadEpochs = 0
        } else {
            numBadEpochs += 1
        }
        if cooldownCounter > 0 {
            cooldownCounter -= 1
            numBadEpochs = 0
        }
        if numBadEpochs > patience {
            let old = rate.current
            let new = Swift.max(old * decimalWidened(factor), decimalWidened(minLR))
            if old - new > decimalWidened(eps) { rate.set(new) }
            cooldownCounter = cooldown
            numBadEpochs = 0
        }
    }

    /// The schedule's counters (the learning rate itself lives in the optimizer's state).
    public struct State: Codable, Sendable, Equatable {
        public var best: Double
        public var numBadEpochs: Int
        public var cooldownCounter: Int
        public var lastEpoch: Int
    }

    /// The counters to checkpoint; `restore(_:)` puts them back.
    public var state: State {
        State(best: best, numBadEpochs: numBadEpochs, cooldownCounter: cooldownCounter, lastEpoch: lastEpoch)
    }

    /// Restores counters saved from `state` (after the optimizer's own state, which holds
    /// the current learning rate).
    public func restore(_ state: State) {
        best = state.best
        numBadEpochs = state.numBadEpochs
        cooldownCounter = state.cooldownCounter
        lastEpoch = state.lastEpoch
        rate = ScheduledRate(optimizer)
    }

    /// Float convenience for `step(metric:)` (a loss from `item()`); widened exactly.
    public func step(metric: Float) { step(metric: Double(metric)) }
}
