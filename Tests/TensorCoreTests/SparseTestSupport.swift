import TensorCore

/// Shared inputs of SparseCSRTests, SparseKernelTests, SparseIndexTests and
/// SparseDeterminismTests: the tensors of scripts/sparse_reference_coo.py.
enum SparseFixture {
    /// The script's COO list: 4 x 5, row 2 empty, entry (3, 1) twice.
    static let cooRow = Int32Tensor([3, 0, 1, 3, 0, 1, 3])
    static let cooCol = Int32Tensor([1, 4, 0, 1, 2, 3, 0])

    /// The CSR of the COO list (`A` of the script).
    static func matrix() throws -> CSRMatrix {
        try CSRMatrix.fromCOO(rows: 4, cols: 5, row: cooRow, col: cooCol).matrix
    }

    /// `V`: one value per entry, CSR order.
    static var values: Tensor { Tensor([0.5, -1.0, 2.0, 1.5, -0.5, 1.0, 3.0]) }

    /// `X = arange(15).reshape(5, 3) * 0.25 - 1.5`.
    static var x: Tensor { try! Tensor(shape: [5, 3], scalars: (0..<15).map { Float($0) * 0.25 - 1.5 }) }

    /// `G`, a [4, 3] upstream gradient.
    static var g: Tensor { try! Tensor(shape: [4, 3], scalars: [0.3, -0.5, 1.0, 0.2, -1.0, 0.4, 0.6, -0.2, 0.7, 0.1, -0.3, 0.9]) }

    /// `M`, [7, 2] per-entry values (no ties within a row), and `GM`, its [4, 2] gradient.
    static var m: Tensor {
        try! Tensor(shape: [7, 2], scalars: [0.5, -1.2, 2.0, 0.3, 1.5, 0.1, -0.7, 2.2, 0.9, 1.1, -2.0, 0.4, 0.8, -0.3])
    }
    static var gm: Tensor { try! Tensor(shape: [4, 2], scalars: [0.3, -0.5, 1.0, 0.2, -1.0, 0.4, 0.6, -0.2]) }

    /// `S` / `GS`: [7] logits and gradient; `SH` / `GSH`: [7, 2] (two heads).
    static var s: Tensor { Tensor([0.5, -1.2, 2.0, 0.3, 1.5, 0.1, -0.7]) }
    static var gs: Tensor { Tensor([0.3, -0.5, 1.0, 0.2, -1.0, 0.4, 0.6]) }
    static var sh: Tensor {
        try! Tensor(shape: [7, 2], scalars: [0.5, 1.0, -1.2, 0.0, 2.0, -0.5, 0.3, 0.3, 1.5, 2.5, 0.1, -1.0, -0.7, 0.2])
    }
    static var gsh: Tensor {
        try! Tensor(shape: [7, 2], scalars: [0.3, 0.1, -0.5, 0.2, 1.0, -0.3, 0.2, 0.4, -1.0, 0.5, 0.4, -0.6, 0.6, 0.7])
    }

    /// `start, start + step, ...` in the given shape.
    static func ramp(_ shape: [Int], start: Float = 0, step: Float = 1) -> Tensor {
        let n = shape.reduce(1, *)
        return try! Tensor(shape: shape, scalars: (0..<n).map { start + Float($0) * step })
    }

    /// A random `rows x cols` CSR with about `perRow` entries per row (some rows empty),
    /// built from a shuffled COO list.
    static func random(rows: Int, cols: Int, perRow: Int, seed: UInt64) throws -> (matrix: CSRMatrix, row: [Int32], col: [Int32]) {
        var rng = RandomGenerator(seed: seed)
        var row: [Int32] = [], col: [Int32] = []
        for i in 0..<rows where i % 7 != 3 {
            for _ in 0..<(1 + rng.nextInt(below: 2 * perRow)) {
                row.append(Int32(i))
                col.append(Int32(rng.nextInt(below: cols)))
            }
        }
        let order = rng.permutation(row.count)
        row = order.map { row[$0] }
        col = order.map { col[$0] }
        let m = try CSRMatrix.fromCOO(rows: rows, cols: cols, row: Int32Tensor(row), col: Int32Tensor(col)).matrix
        return (m, row, col)
    }

    /// The matrix as a dense `[rows, cols]` tensor with `values` (default: ones) summed
    /// into their positions (duplicates add up).
    static func dense(_ a: CSRMatrix, values: Tensor? = nil) -> Tensor {
        let out = Tensor.zeros([a.rows, a.cols])
        for i in 0..<a.rows {
            for k in a.rowPtr[i]..<a.rowPtr[i + 1] {
                out.data[i * a.cols + Int(a.colIdx[k])] += values.map { $0.data[k] } ?? 1
            }
        }
        return out
    }

    /// Elementwise |a − b| ≤ tol · max(1, |b|), same length.
    static func close(_ a: [Float], _ b: [Float], tol: Float = 1e-5) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).allSatisfy { x, y in x == y || abs(x - y) <= tol * Swift.max(1, abs(y)) }
    }
}
