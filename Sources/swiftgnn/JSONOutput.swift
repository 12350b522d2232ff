import Foundation

/// Prints one value as pretty, key-sorted JSON on stdout (the `--json` summary);
/// `snakeCase` turns Swift property names such as `numNodes` into `num_nodes`.
func printJSON<T: Encodable>(_ value: T, snakeCase: Bool = false) throws {
    let encoder = JSONEncoder()
    if snakeCase { encoder.keyEncodingStrategy = .convertToSnakeCase }
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = try encoder.encode(value)
    print(String(decoding: data, as: UTF8.self))
}
