/// How graph classification splits, trains and reports.
public enum GraphClassificationProtocol: String, Codable, Sendable, CaseIterable {
    /// Xu et al. (2019): stratified k-fold cross-validation, the epoch of best mean
    /// held-out accuracy (`GraphClassification`).
    case kfold
    /// Karhadkar et al.'s FoSR code, used by Black et al. (2023, Table 1): random
    /// 80/10/10 splits per trial, validation-goal early stopping, the last epoch reported
    /// (`GraphClassificationHoldout`).
    case holdout
}

extension Hyperparameters {
    /// The published hyperparameters of `model` for `task` under `protocol`. For
    /// `.holdout` those of the FoSR code's `run_graph_classification.py` (whatever the
    /// model): 4 hidden layers of 64 units plus the output layer (5 convolutions), ReLU,
    /// dropout 0.5 after every hidden layer, none on the input, Adam lr 1e-3 without
    /// weight decay, batch 64, up to 1 000 000 epochs with patience 100 under
    /// `ThresholdStopping`. Otherwise `published(model:task:dataset:)`.
    public static func published(model: ModelKind, task: TrainingTask, dataset: String,
                                 protocol gcProtocol: GraphClassificationProtocol) -> Hyperparameters {
        guard task == .graphClassification, gcProtocol == .holdout else {
            return published(model: model, task: task, dataset: dataset)
        }
        return Hyperparameters(hidden: 64, layers: 5, dropout: 0.5, inputDropout: 0, learningRate: 1e-3, weightDecay: 0,
                               epochs: 1_000_000, patience: 100, batchSize: 64, normalizeFeatures: false)
    }
}
