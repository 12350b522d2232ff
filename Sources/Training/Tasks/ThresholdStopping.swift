/// The stopping rule of Karhadkar et al.'s FoSR code (`experiments/graph_classification.py`,
/// `stopping_criterion="validation"`), which Black et al. (2023) reuse:
///
///     if score > goal:  counter = 0;  goal = score · threshold      (a new best)
///     else:             counter += 1
///     stop when counter > patience
///
/// `goal` starts at 0 and `threshold` is 1.01, so after a new best the next epoch must
/// beat it by 1 % (relative) to count as another. With patience 100 the run stops on the
/// 101st epoch in a row without such a gain.
///
/// The rule also remembers the epoch of the highest score seen (the first on ties), so a
/// trainer can report that epoch beside the last one.
public struct ThresholdStopping: Sendable, Equatable {
    public let patience: Int
    public let threshold: Double
    /// The score the next epoch must exceed.
    public private(set) var goal: Double = 0
    /// Epochs since the last new best.
    public private(set) var counter = 0
    /// Epochs seen.
    public private(set) var epochs = 0
    /// 1-based epoch of the highest score so far (first on ties), 0 before any.
    public private(set) var bestEpoch = 0
    public private(set) var bestScore = -Double.infinity

    /// - Throws: `.invalidInput` for a negative patience or a threshold below 1 or not finite.
    public init(patience: Int = 100, threshold: Double = 1.01) throws {
        guard patience >= 0 else { throw TrainingError(.invalidInput, "stopping rule", "patience is \(patience), expected >= 0") }
        guard threshold >= 1, threshold.isFinite else {
            throw TrainingError(.invalidInput, "stopping rule", "threshold is \(threshold), expected a finite value >= 1")
        }
        self.patience = patience
        self.threshold = threshold
    }

    /// Records one epoch's score; returns true when training should stop after it.
    public mutating func update(_ score: Double) -> Bool {
        epochs += 1
        if score > bestScore { bestScore = score; bestEpoch = epochs }
        if score > goal {
            counter = 0
            goal = score * threshold
        } else {
            counter += 1
        }
        return counter > patience
    }
}
