import Foundation

/// The result of a multi-seed (and, for graph tasks, multi-fold) experiment: what
/// `swiftgnn train --json` prints and `summary.json` holds. Keys are snake_case.
///
/// `test_mean` / `test_std` are the mean and population standard deviation over runs of
/// the test score at each run's best validation epoch (in percent for accuracy, as the
/// papers report; ROC-AUC as a fraction).
public struct ExperimentSummary: Codable, Sendable {
    public var dataset: String
    public var model: String
    public var task: TrainingTask
    public var seeds: Int
    public var folds: Int
    public var metric: String
    public var testMean: Double
    public var testStd: Double
    public var valMean: Double
    /// Maximum epochs per run.
    public var epochs: Int
    /// Median over all runs and epochs of one epoch's training step, ms.
    public var epochTimeMsMedian: Double
    /// Trainable scalars of the model.
    public var parameters: Int
    /// How the data was split.
    public var split: String
    public var hyperparameters: Hyperparameters
    /// Each run's scores (per-epoch curves go to the epoch log).
    public var runs: [RunScore]
    /// The "plus/minus" of Karhadkar et al.'s and Black et al.'s tables: `2 · test_std / √T`
    /// over the T runs (a 95 % interval of the mean). Set by the hold-out protocol.
    public var testPlusMinus: Double? = nil
    /// Mean over runs of the test score at each run's best-validation epoch, when the
    /// protocol reports another epoch (`SeedRun.testAtBestValidation`).
    public var testMeanAtBestValidation: Double? = nil
    /// Its "plus/minus", `2 · std / √T`.
    public var testPlusMinusAtBestValidation: Double? = nil

    /// One run's scores at its best validation epoch.
    public struct RunScore: Codable, Sendable {
        public var seed: UInt64
        public var fold: Int?
        public var bestEpoch: Int
        public var epochsRun: Int
        public var train: Double
        public var validation: Double
        public var test: Double
        public var bestValidationEpoch: Int?
        public var testAtBestValidation: Double?
    }

    /// Summarises `runs`; `scale` multiplies the scores (100 for accuracy in percent).
    public init(dataset: String, model: String, task: TrainingTask, seeds: Int, folds: Int, epochs: Int,
                parameters: Int, split: String, hyperparameters: Hyperparameters, runs: [SeedRun]) {
        let scale: Double = task.metric == "accuracy" ? 100 : 1
        let test = SeedSummary(runs.map { $0.test * scale })
        let val = SeedSummary(runs.map { $0.validation * scale })
        self.dataset = dataset
        self.model = model
        self.task = task
        self.seeds = seeds
        self.folds = folds
        self.metric = task.metric
        self.testMean = test.mean
        self.testStd = test.std
        self.valMean = val.mean
        self.epochs = epochs
        self.epochTimeMsMedian = Bench.median(runs.flatMap(\.epochTimesMs))
        self.parameters = parameters
        self.split = split
        self.hyperparameters = hyperparameters
        self.runs = runs.map {
            RunScore(seed: $0.seed, fold: $0.fold, bestEpoch: $0.bestEpoch, epochsRun: $0.epochsRun, train: $0.train,
                     validation: $0.validation, test: $0.test, bestValidationEpoch: $0.bestValidationEpoch,
                     testAtBestValidation: $0.testAtBestValidation)
        }
        let atBest = runs.compactMap { $0.testAtBestValidation.map { $0 * scale } }
        if !atBest.isEmpty && atBest.count == runs.count {
            let s = SeedSummary(atBest)
            testMeanAtBestValidation = s.mean
            testPlusMinusAtBestValidation = 2 * s.std / Double(atBest.count).squareRoot()
        }
    }

    /// Sets `testPlusMinus` to `2 · test_std / √T`, T the number of runs.
    public mutating func addPlusMinus() {
        testPlusMinus = runs.isEmpty ? nil : 2 * testStd / Double(runs.count).squareRoot()
    }

    /// One line for people: `GCN on Cora: test accuracy 81.50 ± 0.60 (10 seeds), ...`.
    public var headline: String {
        let digits = metric == "accuracy" ? 2 : 4
        let runsText = folds > 1 ? "\(seeds) seed(s) x \(folds) folds" : "\(seeds) seed(s)"
        return "\(model) on \(dataset): test \(metric) \(format(testMean, digits)) ± \(format(testStd, digits)) "
            + "(\(runsText)), validation \(format(valMean, digits)), median epoch \(format(epochTimeMsMedian, 2)) ms, "
            + "\(parameters) parameters"
            + (testPlusMinus.map { ", plus/minus (2 std/sqrt(T)) \(format($0, digits))" } ?? "")
            + (testMeanAtBestValidation.map { ", test at best-validation epoch \(format($0, digits))" } ?? "")
    }

    private func format(_ v: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", v) }
}
