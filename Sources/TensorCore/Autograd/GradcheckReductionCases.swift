extension GradcheckSuite {
    /// Gradient checks for the reduction ops: every op, over an axis (first, last,
    /// negative, with and without keepDims) and over the whole tensor. Max/min and the
    /// infinity norm use few values per reduction and a small `eps`, so the perturbation
    /// never changes which element is the extreme; p = 1 keeps away from the kink at 0.
    static var reductionCases: [GradcheckCase] {
        [
            GradcheckCase("sum", shapes: [[3, 4]]) { $0[0].sum() },
            GradcheckCase("sum axis 0", shapes: [[3, 4]]) { try $0[0].sum(axis: 0) },
            GradcheckCase("sum axis -1 keepDims", shapes: [[2, 3, 4]]) { try $0[0].sum(axis: -1, keepDims: true) },
            GradcheckCase("sum axis 1 of rank 3", shapes: [[2, 3, 4]]) { try $0[0].sum(axis: 1) },
            GradcheckCase("sum axes [0, 2]", shapes: [[2, 3, 4]]) { try $0[0].sum(axes: [0, 2]) },
            GradcheckCase("sum axes [1, 2] keepDims", shapes: [[2, 3, 4]]) { try $0[0].sum(axes: [1, 2], keepDims: true) },
            GradcheckCase("mean", shapes: [[3, 4]]) { $0[0].mean() },
            GradcheckCase("mean axis 1", shapes: [[3, 4]]) { try $0[0].mean(axis: 1) },
            GradcheckCase("mean axis 0 keepDims", shapes: [[3, 4]]) { try $0[0].mean(axis: 0, keepDims: true) },
            GradcheckCase("mean axes [0, -1]", shapes: [[2, 3, 4]]) { try $0[0].mean(axes: [0, -1]) },
            GradcheckCase("max axis 1", shapes: [[3, 4]], eps: 1e-3) { try $0[0].max(axis: 1).values },
            GradcheckCase("max axis 0 keepDims", shapes: [[3, 4]], eps: 1e-3) { try $0[0].max(axis: 0, keepDims: true).values },
            GradcheckCase("min axis -1", shapes: [[2, 3, 4]], eps: 1e-3) { try $0[0].min(axis: -1).values },
            GradcheckCase("min axis 1 of rank 3", shapes: [[2, 3, 4]], eps: 1e-3) { try $0[0].min(axis: 1).values },
            GradcheckCase("max whole", shapes: [[3, 4]], eps: 1e-3) { $0[0].max() },
            GradcheckCase("min whole", shapes: [[3, 4]], eps: 1e-3) { $0[0].min() },
            GradcheckCase("logsumexp axis 1", shapes: [[3, 4]], low: -3, high: 3, eps: 1e-3) { try $0[0].logsumexp(axis: 1) },
            GradcheckCase("logsumexp axis 0 keepDims", shapes: [[3, 4]], low: -3, high: 3, eps: 1e-3) {
                try $0[0].logsumexp(axis: 0, keepDims: true)
            },
            GradcheckCase("variance axis 1 correction 1", shapes: [[3, 4]], eps: 1e-3) { try $0[0].variance(axis: 1) },
            GradcheckCase("variance axis 0 correction 0", shapes: [[3, 4]], eps: 1e-3) { try $0[0].variance(axis: 0, correction: 0) },
            GradcheckCase("variance whole correction 1", shapes: [[3, 4]], eps: 1e-3) { $0[0].variance() },
            GradcheckCase("variance whole correction 0", shapes: [[3, 4]], eps: 1e-3) { $0[0].variance(correction: 0) },
            GradcheckCase("std axis -1 correction 1", shapes: [[2, 3, 4]], eps: 1e-3) { try $0[0].std(axis: -1) },
            GradcheckCase("std axis 0 correction 0 keepDims", shapes: [[3, 4]], eps: 1e-3) {
                try $0[0].std(axis: 0, correction: 0, keepDims: true)
            },
            GradcheckCase("std whole correction 1", shapes: [[3, 4]], eps: 1e-3) { $0[0].std() },
            GradcheckCase("std whole correction 0", shapes: [[3, 4]], eps: 1e-3) { $0[0].std(correction: 0) },
            GradcheckCase("norm p=1", shapes: [[3, 4]], awayFromZero: 0.1, eps: 1e-3) { $0[0].norm(p: 1) },
            GradcheckCase("norm p=1 axis 1", shapes: [[3, 4]], awayFromZero: 0.1, eps: 1e-3) { try $0[0].norm(p: 1, axis: 1) },
            GradcheckCase("norm p=2", shapes: [[3, 4]], eps: 1e-3) { $0[0].norm() },
            GradcheckCase("norm p=2 axis 0", shapes: [[3, 4]], eps: 1e-3) { try $0[0].norm(axis: 0) },
            GradcheckCase("norm p=2 axis -1 keepDims", shapes: [[2, 3, 4]], eps: 1e-3) { try $0[0].norm(axis: -1, keepDims: true) },
            GradcheckCase("norm p=3", shapes: [[3, 4]], eps: 1e-3) { $0[0].norm(p: 3) },
            GradcheckCase("norm p=3 axis 1", shapes: [[3, 4]], eps: 1e-3) { try $0[0].norm(p: 3, axis: 1) },
            GradcheckCase("norm p=0.5 axis 1", shapes: [[3, 4]], awayFromZero: 0.1, eps: 1e-3) { try $0[0].norm(p: 0.5, axis: 1) },
            GradcheckCase("norm p=inf", shapes: [[3, 4]], eps: 1e-3) { $0[0].norm(p: .infinity) },
            GradcheckCase("norm p=inf axis 1", shapes: [[3, 4]], eps: 1e-3) { try $0[0].norm(p: .infinity, axis: 1) },
            GradcheckCase("norm p=-inf axis 0", shapes: [[3, 4]], eps: 1e-3) { try $0[0].norm(p: -.infinity, axis: 0) },
            GradcheckCase("softmax axis -1", shapes: [[3, 4]], low: -2, high: 2, eps: 1e-3) { try $0[0].softmax() },
            GradcheckCase("softmax axis 0", shapes: [[3, 4]], low: -2, high: 2, eps: 1e-3) { try $0[0].softmax(axis: 0) },
            GradcheckCase("softmax axis 1 of rank 3", shapes: [[2, 3, 4]], low: -2, high: 2, eps: 1e-3) { try $0[0].softmax(axis: 1) },
            GradcheckCase("logSoftmax axis -1", shapes: [[3, 4]], low: -2, high: 2, eps: 1e-3) { try $0[0].logSoftmax() },
            GradcheckCase("logSoftmax axis 0", shapes: [[3, 4]], low: -2, high: 2, eps: 1e-3) { try $0[0].logSoftmax(axis: 0) },
            // Rows of 37: the contiguous-row path with its 16-lane sums and scalar tail.
            GradcheckCase("softmax axis -1, rows of 37", shapes: [[2, 37]], low: -2, high: 2, eps: 1e-3) { try $0[0].softmax() },
            GradcheckCase("logSoftmax axis -1, rows of 37", shapes: [[2, 37]], low: -2, high: 2, eps: 1e-3) { try $0[0].logSoftmax() },
        ]
    }
}
