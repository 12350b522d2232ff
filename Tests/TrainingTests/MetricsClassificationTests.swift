import Foundation
import Testing
import TensorCore
@testable import Training

private struct ClassificationFixture: Decodable {
    struct Case: Decodable {
        let target: [Int32], predicted: [Int32], mask: [Bool]
        let accuracy: Double, accuracy_masked: Double
        let f1_micro: Double, f1_macro: Double, f1_micro_masked: Double, f1_macro_masked: Double
        let labels: [Int32], f1_micro_labels: Double, f1_macro_labels: Double
        let per_class_labels: [Int32], per_class_f1: [Double]
    }
    struct LogitCase: Decodable {
        let shape: [Int], logits: [Float], target: [Int32], argmax: [Int32]
        let accuracy: Double, f1_macro: Double
    }
    let cases: [Case]
    let logit_cases: [LogitCase]
}

@Suite("Metrics: accuracy and F1 against scikit-learn")
struct MetricsClassificationTests {
    @Test func goldenAccuracyAndF1() throws {
        let fixture = try loadMetricFixture("classification", as: ClassificationFixture.self)
        #expect(fixture.cases.count == 8)
        for c in fixture.cases {
            let p = c.predicted, y = c.target
            #expect(close(try Metrics.accuracy(predicted: p, target: y), c.accuracy))
            #expect(close(try Metrics.accuracy(predicted: p, target: y, mask: c.mask), c.accuracy_masked))
            #expect(close(try Metrics.f1Score(predicted: p, target: y, average: .micro), c.f1_micro))
            #expect(close(try Metrics.f1Score(predicted: p, target: y, average: .macro), c.f1_macro))
            #expect(close(try Metrics.f1Score(predicted: p, target: y, average: .micro, mask: c.mask), c.f1_micro_masked))
            #expect(close(try Metrics.f1Score(predicted: p, target: y, average: .macro, mask: c.mask), c.f1_macro_masked))
            #expect(close(try Metrics.f1Score(predicted: p, target: y, average: .micro, labels: c.labels), c.f1_micro_labels))
            #expect(close(try Metrics.f1Score(predicted: p, target: y, average: .macro, labels: c.labels), c.f1_macro_labels))
            let perClass = try Metrics.perClassF1(predicted: p, target: y)
            #expect(perClass.labels == c.per_class_labels)
            #expect(perClass.f1.count == c.per_class_f1.count)
            for (a, b) in zip(perClass.f1, c.per_class_f1) { #expect(close(a, b)) }
        }
    }

    @Test func goldenLogits() throws {
        let fixture = try loadMetricFixture("classification", as: ClassificationFixture.self)
        for c in fixture.logit_cases {
            let logits = try Tensor(shape: c.shape, scalars: c.logits)
            #expect(try Metrics.argmax(logits: logits) == c.argmax)
            #expect(close(try Metrics.accuracy(logits: logits, target: c.target), c.accuracy))
            #expect(close(try Metrics.f1Score(logits: logits, target: c.target, average: .macro), c.f1_macro))
        }
    }

    @Test func absentClassesAreNotScored() throws {
        // Classes 0 and 2 appear; 1 appears in neither: macro over {0, 2} only.
        let y: [Int32] = [0, 0, 2, 2], p: [Int32] = [0, 2, 2, 2]
        // F1_0 = 2/(2+0+1) = 2/3, F1_2 = 4/(4+1+0) = 4/5.
        #expect(close(try Metrics.f1Score(predicted: p, target: y, average: .macro), (2.0 / 3 + 0.8) / 2))
        // Naming class 1 explicitly counts it as 0 (zero_division = 0).
        #expect(close(try Metrics.f1Score(predicted: p, target: y, average: .macro, labels: [0, 1, 2]),
                      (2.0 / 3 + 0.8) / 3))
        #expect(close(try Metrics.f1Score(predicted: p, target: y, average: .micro), 0.75))
    }

    @Test func argmaxTiesAndNaN() throws {
        let logits = try Tensor(shape: [3, 3], scalars: [1, 3, 3, .nan, 5, 6, 0, .nan, 9])
        #expect(try Metrics.argmax(logits: logits) == [1, 0, 1])
    }

    @Test func degenerateInputsThrow() {
        #expect(throws: TrainingError.self) { try Metrics.accuracy(predicted: [], target: []) }
        #expect(throws: TrainingError.self) { try Metrics.accuracy(predicted: [1], target: [1, 2]) }
        #expect(throws: TrainingError.self) { try Metrics.accuracy(predicted: [1, 2], target: [1, 2], mask: [true]) }
        #expect(throws: TrainingError.self) { try Metrics.accuracy(predicted: [1, 2], target: [1, 2], mask: [false, false]) }
        #expect(throws: TrainingError.self) { try Metrics.f1Score(predicted: [], target: [], average: .macro) }
        #expect(throws: TrainingError.self) { try Metrics.f1Score(predicted: [0], target: [-1], average: .micro) }
        #expect(throws: TrainingError.self) { try Metrics.f1Score(predicted: [0], target: [0], average: .micro, labels: []) }
        #expect(throws: TrainingError.self) { try Metrics.f1Score(predicted: [0], target: [0], average: .micro, labels: [0, 0]) }
        #expect(throws: TrainingError.self) { try Metrics.argmax(logits: Tensor([1, 2, 3])) }
        #expect(throws: TrainingError.self) { try Metrics.argmax(logits: Tensor.zeros([2, 0])) }
        do {
            _ = try Metrics.accuracy(predicted: [], target: [])
        } catch let error as TrainingError {
            #expect(error.kind == .undefined)
            #expect(error.description.hasPrefix("accuracy:"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func oneClassF1IsDefined() throws {
        // A single class everywhere: sklearn gives 1.0 for micro and macro.
        #expect(try Metrics.f1Score(predicted: [3, 3], target: [3, 3], average: .macro) == 1)
        #expect(try Metrics.f1Score(predicted: [3, 3], target: [3, 3], average: .micro) == 1)
    }
}
