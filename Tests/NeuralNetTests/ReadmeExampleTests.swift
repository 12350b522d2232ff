import Foundation
import Testing
import NeuralNet

/// The training example of README.md, verbatim but for the file location, so it keeps
/// compiling and working.
@Test func readmeTrainingExampleLearnsXOR() throws {
    var rng = RandomGenerator(seed: 0)
    let features = Tensor.normal([256, 2], using: &rng)                  // 256 points in the plane
    let labels = Int32Tensor((0..<256).map { features[$0, 0] * features[$0, 1] > 0 ? 1 : 0 })  // XOR of signs

    let model = try MLP(channels: [2, 32, 32, 2], activation: .relu, using: &rng)
    let optimizer = try Adam(model.parameters(), lr: 0.01)
    for _ in 0..<300 {
        optimizer.zeroGrad()
        let loss = try Loss.crossEntropy(try model(features), labels)
        try loss.backward()
        optimizer.step()
    }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("swiftgnn-readme-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try model.save(to: dir.appendingPathComponent("mlp.safetensors"))

    let predicted = try model(features).argmax(axis: 1)
    let accuracy = Float(zip(predicted.scalars, labels.scalars).filter { $0 == $1 }.count) / 256
    #expect(accuracy > 0.95, "train accuracy \(accuracy)")
    let reloaded = try MLP(channels: [2, 32, 32, 2], activation: .relu)
    try reloaded.load(from: dir.appendingPathComponent("mlp.safetensors"))
    #expect(try reloaded(features).scalars == model(features).scalars)
}
