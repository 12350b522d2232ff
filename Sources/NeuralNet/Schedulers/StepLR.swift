/// Multiplies the learning rate by `gamma` every `stepSize` epochs, like
/// `torch.optim.lr_scheduler.StepLR`: `lr_e = base * gamma^(e / stepSize)` (integer
/// division), applied recursively (`lr *= gamma` when `e` is a multiple of `stepSize`).
public final class StepLR: LRScheduler {
    public let optimizer: any Optimizer
    public let stepSize: Int
    public let gamma: Float
    public private(set) var lastEpoch = 0
    public var lastLR: Double { rate.value }
    private var rate: ScheduledRate

    /// - Throws: `TensorError` when `stepSize < 1`.
    public init(_ optimizer: any Optimizer, stepSize: Int, gamma: Float = 0.1) throws {
        guard stepSize >= 1 else { throw TensorError("StepLR", "step size \(stepSize) must be >= 1") }
        self.optimizer = optimizer
        self.stepSize = stepSize
        self.gamma = gamma
        rate = ScheduledRate(optimizer)
    }

    public func step() {
        lastEpoch += 1
        let lr = rate.current
        rate.set(lastEpoch % stepSize == 0 ? lr * decimalWidened(gamma) : lr)
    }
}
