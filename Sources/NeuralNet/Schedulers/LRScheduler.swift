/// A learning-rate schedule driving an optimizer's `learningRate`, like
/// `torch.optim.lr_scheduler.LRScheduler`.
///
/// Call `step()` once per epoch (or per iteration, for per-iteration schedules) after
/// `optimizer.step()`. Creating a scheduler performs PyTorch's initial step: the base
/// learning rate is the optimizer's current one and the schedule starts at epoch 0.
/// Learning rates are computed in Double from the previous value exactly as PyTorch's
/// chainable (recursive) formulas do, so the sequence matches PyTorch's to the last bit
/// before it is rounded to the optimizer's Float.
public protocol LRScheduler: AnyObject {
    /// Advances the schedule by one epoch and sets the optimizer's learning rate.
    func step()
    /// The learning rate set by the latest step (`get_last_lr()[0]`), in Double.
    var lastLR: Double { get }
    /// Epochs stepped since construction (`last_epoch`).
    var lastEpoch: Int { get }
}

/// The optimizer's learning rate as PyTorch's `group["lr"]` (a Python float): the
/// Double this scheduler last set while the optimizer still holds it, else the
/// optimizer's own value (someone else changed it, e.g. a second scheduler).
struct ScheduledRate {
    let optimizer: any Optimizer
    private(set) var value: Double

    init(_ optimizer: any Optimizer) {
        self.optimizer = optimizer
        value = decimalWidened(optimizer.learningRate)
    }

    var current: Double {
        Float(value) == optimizer.learningRate ? value : decimalWidened(optimizer.learningRate)
    }

    mutating func set(_ lr: Double) {
        value = lr
        optimizer.learningRate = Float(lr)
    }
}
