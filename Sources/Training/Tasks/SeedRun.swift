/// The outcome of one training run (one seed, one fold).
public struct SeedRun: Codable, Sendable {
    public var seed: UInt64
    /// Cross-validation fold, nil outside k-fold runs.
    public var fold: Int?
    /// Epoch (1-based) whose validation score was the best; the reported scores and the
    /// kept weights are that epoch's.
    public var bestEpoch: Int
    /// Epochs actually run (fewer than the maximum after early stopping).
    public var epochsRun: Int
    public var train: Double
    public var validation: Double
    public var test: Double
    /// Wall time of each epoch's training step (forward, backward, optimizer), ms.
    public var epochTimesMs: [Double]
    /// Training loss per epoch.
    public var losses: [Double]
    /// Protocols that report another epoch than the best-validation one (the hold-out
    /// protocol reports the last): the epoch (1-based) of the highest validation score.
    public var bestValidationEpoch: Int? = nil
    /// The test score at `bestValidationEpoch`.
    public var testAtBestValidation: Double? = nil

    public init(seed: UInt64, fold: Int? = nil, bestEpoch: Int, epochsRun: Int, train: Double, validation: Double,
                test: Double, epochTimesMs: [Double], losses: [Double]) {
        self.seed = seed
        self.fold = fold
        self.bestEpoch = bestEpoch
        self.epochsRun = epochsRun
        self.train = train
        self.validation = validation
        self.test = test
        self.epochTimesMs = epochTimesMs
        self.losses = losses
    }
}
