import Foundation

/// Multiplies the learning rate by `gamma` at each milestone epoch, like
/// `torch.optim.lr_scheduler.MultiStepLR`: `lr_e = base * gamma^(milestones <= e)`. A
/// milestone listed n times multiplies by `gamma^n`.
public final class MultiStepLR: LRScheduler {
    public let optimizer: any Optimizer
    public let milestones: [Int]
    public let gamma: Float
    public private(set) var lastEpoch = 0
    public var lastLR: Double { rate.value }
    private var rate: ScheduledRate
    private let counts: [Int: Int]

    public init(_ optimizer: any Optimizer, milestones: [Int], gamma: Float = 0.1) {
        self.optimizer = optimizer
        self.milestones = milestones.sorted()
        self.gamma = gamma
        counts = milestones.reduce(into: [:]) { $0[$1, default: 0] += 1 }
        rate = ScheduledRate(optimizer)
    }

    public func step() {
        lastEpoch += 1
        let lr = rate.current
        if let n = counts[lastEpoch] {
            rate.set(lr * pow(decimalWidened(gamma), Double(n)))
        } else {
            rate.set(lr)
        }
    }
}
