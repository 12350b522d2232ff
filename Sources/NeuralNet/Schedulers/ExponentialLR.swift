/// Multiplies the learning rate by `gamma` every epoch, like
/// `torch.optim.lr_scheduler.ExponentialLR`: `lr_e = base * gamma^e`, applied
/// recursively.
public final class ExponentialLR: LRScheduler {
    public let optimizer: any Optimizer
    public let gamma: Float
    public private(set) var lastEpoch = 0
    public var lastLR: Double { rate.value }
    private var rate: ScheduledRate

    public init(_ optimizer: any Optimizer, gamma: Float) {
        self.optimizer = optimizer
        self.gamma = gamma
        rate = ScheduledRate(optimizer)
    }

    public func step() {
        lastEpoch += 1
        rate.set(rate.current * decimalWidened(gamma))
    }
}
