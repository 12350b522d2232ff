import Foundation
import Testing

/// Loads a fixture written by scripts/make_metric_fixtures.py.
func loadMetricFixture<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
    guard let url = Bundle.module.url(forResource: "Fixtures/metrics/\(name)", withExtension: "json") else {
        throw FixtureMissing(name: name)
    }
    return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
}

struct FixtureMissing: Error { let name: String }

/// JSON `null` (how the script writes NaN) back to NaN.
func nanFilled(_ values: [Float?]) -> [Float] { values.map { $0 ?? .nan } }

func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-6) -> Bool { abs(a - b) <= tolerance }
