import Testing
import NeuralNet

// Expected sequences were printed by torch.optim.lr_scheduler (torch 2.15) on an SGD
// optimizer: the learning rate at construction, then after each step().

private func sgd(_ lr: Float) throws -> SGD {
    try SGD([Tensor([0], requiresGrad: true)], lr: lr)
}

/// The learning rates at construction and after each of `steps` steps.
private func sequence(_ scheduler: any LRScheduler, steps: Int) -> [Double] {
    var out = [scheduler.lastLR]
    for _ in 0..<steps {
        scheduler.step()
        out.append(scheduler.lastLR)
    }
    return out
}

@Suite struct SchedulerTests {
    @Test func stepLR() throws {
        let opt = try sgd(0.1)
        let s = try StepLR(opt, stepSize: 3, gamma: 0.5)
        #expect(sequence(s, steps: 10) == [0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.0125, 0.0125])
        #expect(opt.learningRate == 0.0125 && s.lastEpoch == 10)
        #expect(throws: TensorError.self) { try StepLR(opt, stepSize: 0) }
    }

    @Test func multiStepLR() throws {
        let opt = try sgd(1.0)
        let s = MultiStepLR(opt, milestones: [2, 5, 5, 8], gamma: 0.1)
        #expect(sequence(s, steps: 10) == [1.0, 1.0, 0.1, 0.1, 0.1, 0.0010000000000000002, 0.0010000000000000002,
                                           0.0010000000000000002, 0.00010000000000000003, 0.00010000000000000003,
                                           0.00010000000000000003])
        #expect(opt.learningRate == Float(0.00010000000000000003))
    }

    @Test func exponentialLR() throws {
        let opt = try sgd(0.05)
        let s = ExponentialLR(opt, gamma: 0.9)
        #expect(sequence(s, steps: 10) == [0.05, 0.045000000000000005, 0.04050000000000001, 0.03645000000000001,
                                           0.03280500000000001, 0.02952450000000001, 0.02657205000000001,
                                           0.02391484500000001, 0.021523360500000012, 0.01937102445000001,
                                           0.01743392200500001])
    }

    @Test func cosineAnnealingLR() throws {
        let opt = try sgd(0.1)
        let s = try CosineAnnealingLR(opt, tMax: 5, etaMin: 0.001)
        // Past tMax the schedule rises again, as in PyTorch.
        #expect(sequence(s, steps: 14) == [0.1, 0.0905463412215599, 0.06579634122155989, 0.035203658778440096,
                                           0.010453658778440105, 0.001, 0.010453658778440102, 0.03520365877844012,
                                           0.06579634122155993, 0.09054634122155995, 0.10000000000000005,
                                           0.09054634122155998, 0.06579634122155995, 0.03520365877844014,
                                           0.010453658778440116])
        let s2 = try CosineAnnealingLR(try sgd(1.0), tMax: 3)
        #expect(sequence(s2, steps: 8) == [1.0, 0.75, 0.2500000000000001, 0.0, 0.24999999999999994,
                                           0.7500000000000004, 1.0000000000000004, 0.7500000000000006, 0.2500000000000005])
        #expect(throws: TensorError.self) { try CosineAnnealingLR(opt, tMax: 0) }
    }

    /// Against torch LambdaLR with Hugging Face's cosine-with-min-lr warm-up lambda (up to
    /// last-bit differences from the different but equivalent arithmetic).
    @Test func cosineWithWarmup() throws {
        let opt = try sgd(0.1)
        let s = try CosineWithWarmup(opt, warmupSteps: 3, totalSteps: 10, minLR: 0.01)
        #expect(opt.learningRate == 0)
        let torch = [0.0, 0.03333333333333333, 0.06666666666666667, 0.1, 0.09554359905560886, 0.08305704108364302,
                     0.06501344202803415, 0.04498655797196586, 0.026942958916356997, 0.014456400944391146,
                     0.010000000000000002, 0.010000000000000002, 0.010000000000000002]
        let got = sequence(s, steps: 12)
        #expect(zip(got, torch).allSatisfy { abs($0 - $1) <= 1e-15 }, "\(got)")
        let s0 = try CosineWithWarmup(try sgd(2.0), warmupSteps: 0, totalSteps: 4)
        let got0 = sequence(s0, steps: 6)
        let torch0 = [2.0, 1.7071067811865475, 1.0, 0.29289321881345254, 0.0, 0.0, 0.0]
        #expect(zip(got0, torch0).allSatisfy { abs($0 - $1) <= 1e-15 }, "\(got0)")
        #expect(throws: TensorError.self) { try CosineWithWarmup(opt, warmupSteps: 5, totalSteps: 4) }
    }

    @Test func reduceLROnPlateauMinRel() throws {
        let opt = try sgd(1.0)
        let s = try ReduceLROnPlateau(opt, factor: 0.5, patience: 2, threshold: 0.1, cooldown: 1, minLR: 0.1)
        let metrics: [Double] = [10, 9, 9.5, 9.2, 9.1] + Array(repeating: 8, count: 17)
        var got = [s.lastLR]
        for m in metrics {
            s.step(metric: m)
            got.append(s.lastLR)
        }
        #expect(got == [1.0, 1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.25, 0.125, 0.125, 0.125,
                        0.125, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1])
        #expect(opt.learningRate == 0.1)
    }

    @Test func reduceLROnPlateauMaxAbs() throws {
        let opt = try sgd(0.01)
        let s = try ReduceLROnPlateau(opt, mode: .max, factor: 0.3, patience: 1, threshold: 0.05, thresholdMode: .abs)
        var got = [s.lastLR]
        for m: Double in [0.5, 0.6, 0.61, 0.6, 0.7, 0.7, 0.7, 0.69, 0.8, 0.8, 0.8] {
            s.step(metric: m)
            got.append(s.lastLR)
        }
        #expect(got == [0.01, 0.01, 0.01, 0.01, 0.003, 0.003, 0.003, 0.0009, 0.0009, 0.0009, 0.0009, 0.00027])
    }

    @Test func reduceLROnPlateauDefaults() throws {
        let opt = try sgd(0.1)
        let s = try ReduceLROnPlateau(opt)
        var got = [s.lastLR]
        for _ in 0..<25 {
            s.step(metric: Float(1))
            got.append(s.lastLR)
        }
        let a = 0.010000000000000002, b = 0.0010000000000000002
        #expect(got == Array(repeating: 0.1, count: 12) + Array(repeating: a, count: 11) + [b, b, b])
        #expect(throws: TensorError.self) { try ReduceLROnPlateau(opt, factor: 1) }
    }

    /// A learning rate changed from outside is picked up, as PyTorch's chainable
    /// schedulers read `group["lr"]`.
    @Test func followsExternalChanges() throws {
        let opt = try sgd(1.0)
        let s = ExponentialLR(opt, gamma: 0.5)
        s.step()
        opt.learningRate = 4
        s.step()
        #expect(s.lastLR == 2 && opt.learningRate == 2)
    }
}
