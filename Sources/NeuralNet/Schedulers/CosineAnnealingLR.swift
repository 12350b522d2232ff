import Foundation

/// Cosine annealing from the base learning rate to `etaMin` over `tMax` epochs, like
/// `torch.optim.lr_scheduler.CosineAnnealingLR` (no restarts).
///
/// The closed form is `lr_e = etaMin + (base - etaMin) (1 + cos(pi e / tMax)) / 2`;
/// like PyTorch the value is updated recursively,
/// `lr_e = etaMin + (lr_{e-1} - etaMin) (1 + cos(pi e / T)) / (1 + cos(pi (e-1) / T))`,
/// with PyTorch's special case at `e = tMax + 1 (mod 2 tMax)`, so the sequence follows
/// PyTorch's bit for bit, including past `tMax`, where the schedule rises again.
public final class CosineAnnealingLR: LRScheduler {
    public let optimizer: any Optimizer
    public let tMax: Int
    public let etaMin: Float
    public private(set) var lastEpoch = 0
    public var lastLR: Double { rate.value }
    private var rate: ScheduledRate
    private let baseLR: Double

    /// - Throws: `TensorError` when `tMax < 1`.
    public init(_ optimizer: any Optimizer, tMax: Int, etaMin: Float = 0) throws {
        guard tMax >= 1 else { throw TensorError("CosineAnnealingLR", "tMax \(tMax) must be >= 1") }
        self.optimizer = optimizer
        self.tMax = tMax
        self.etaMin = etaMin
        rate = ScheduledRate(optimizer)
        baseLR = rate.value
    }

    public func step() {
        lastEpoch += 1
        let lr = rate.current
        let e = Double(lastEpoch), t = Double(tMax), etaMin = decimalWidened(etaMin)
        if (lastEpoch - 1 - tMax) % (2 * tMax) == 0 {
            rate.set(lr + (baseLR - etaMin) * (1 - cos(Double.pi / t)) / 2)
        } else {
            rate.set((1 + cos(Double.pi * e / t)) / (1 + cos(Double.pi * (e - 1) / t)) * (lr - etaMin) + etaMin)
        }
    }
}
