import Synchronization

/// The structure of a sparse matrix in compressed sparse row form: for row `i`, entries
/// `rowPtr[i]..<rowPtr[i + 1]` have columns `colIdx[k]`. Values live in separate
/// per-entry tensors (`[nnz]` or `[nnz, F]`, in CSR order), so one structure serves many
/// value sets and autograd sees values as ordinary tensors.
///
/// For graphs, rows are destination nodes and columns source nodes: row `i` lists the
/// in-neighbours of `i`, and a row-parallel kernel owns each output row (deterministic,
/// no atomics). The transpose (by source) is built lazily, once, and cached; backward
/// passes run the forward kernel on it.
public final class CSRMatrix: @unchecked Sendable, CustomStringConvertible {
    public let rows: Int
    public let cols: Int
    /// `rows + 1` offsets into `colIdx`, non-decreasing, from 0 to `nnz`.
    public let rowPtr: [Int]
    /// Column of each entry, in `0..<cols`.
    public let colIdx: [Int32]
    public var nnz: Int { colIdx.count }

    private struct Cache {
        var transpose: (matrix: CSRMatrix, permutation: [Int32])?
        var rowIndices: [Int32]?
    }
    private let cache = Mutex(Cache())

    /// Validates and wraps a CSR structure.
    /// - Throws: `TensorError` naming the first bad position.
    public init(rows: Int, cols: Int, rowPtr: [Int], colIdx: [Int32]) throws {
        let op = "CSRMatrix"
        guard rows >= 0 && cols >= 0 else { throw TensorError(op, "negative size \(rows) x \(cols)") }
        guard rowPtr.count == rows + 1 else {
            throw TensorError(op, "rowPtr has \(rowPtr.count) entries, expected rows + 1 = \(rows + 1)")
        }
        guard rowPtr[0] == 0 else { throw TensorError(op, "rowPtr[0] is \(rowPtr[0]), expected 0") }
        guard rowPtr[rows] == colIdx.count else {
            throw TensorError(op, "rowPtr[\(rows)] is \(rowPtr[rows]), expected nnz = \(colIdx.count)")
        }
        for i in 0..<rows where rowPtr[i + 1] < rowPtr[i] {
            throw TensorError(op, "rowPtr decreases at row \(i): \(rowPtr[i]) then \(rowPtr[i + 1])")
        }
        for (k, c) in colIdx.enumerated() where c < 0 || Int(c) >= cols {
            throw TensorError(op, "column \(c) of entry \(k) is out of range 0..<\(cols)")
        }
        self.rows = rows
        self.cols = cols
        self.rowPtr = rowPtr
        self.colIdx = colIdx
    }

    /// For structures built by this type's own algorithms (already valid).
    private init(validRows rows: Int, cols: Int, rowPtr: [Int], colIdx: [Int32]) {
        self.rows = rows
        self.cols = cols
        self.rowPtr = rowPtr
        self.colIdx = colIdx
    }

    /// Builds CSR from coordinate lists with a stable counting sort by row: entries keep
    /// their COO order within a row. `permutation[k]` is the COO position of CSR entry
    /// `k`, so per-entry tensors in COO order are put in CSR order by
    /// `values.indexSelect(axis: 0, Int32Tensor(permutation))`.
    /// - Complexity: O(nnz + rows).
    public static func fromCOO(rows: Int, cols: Int, row: Int32Tensor, col: Int32Tensor) throws
        -> (matrix: CSRMatrix, permutation: [Int32]) {
        let op = "CSRMatrix.fromCOO"
        guard rows >= 0 && cols >= 0 else { throw TensorError(op, "negative size \(rows) x \(cols)") }
        guard row.rank == 1 && col.rank == 1 && row.count == col.count else {
            throw TensorError(op, "row and col must be 1-D of equal length, got shapes \(row.shape) and \(col.shape)")
        }
        guard row.count <= Int(Int32.max) else { throw TensorError(op, "\(row.count) entries exceed Int32 positions") }
        try row.validate(below: rows, op: op, what: "row index")
        try col.validate(below: cols, op: op, what: "column index")
        let (rowPtr, permutation) = countingSort(keys: row.scalars, buckets: rows)
        let colIdx = permutation.map { col.scalars[Int($0)] }
        return (CSRMatrix(validRows: rows, cols: cols, rowPtr: rowPtr, colIdx: colIdx), permutation)
    }

    /// Stable counting sort of positions by key: returns bucket offsets and the positions
    /// in sorted order. Keys must lie in `0..<buckets`.
    static func countingSort(keys: [Int32], buckets: Int) -> (offsets: [Int], order: [Int32]) {
        var offsets = [Int](repeating: 0, count: buckets + 1)
        for k in keys { offsets[Int(k) + 1] += 1 }
        for i in 0..<buckets { offsets[i + 1] += offsets[i] }
        var next = offsets
        var order = [Int32](repeating: 0, count: keys.count)
        for (position, k) in keys.enumerated() {
            order[next[Int(k)]] = Int32(position)
            next[Int(k)] += 1
        }
        return (offsets, order)
    }

    /// The transposed structure (rows and columns swapped, entries of each new row in
    /// increasing original row) and `permutation[k']` = the entry of `self` that
    /// transposed entry `k'` came from. Built on first use, then cached.
    public var transpose: (matrix: CSRMatrix, permutation: [Int32]) {
        if let cached = cache.withLock({ $0.transpose }) { return cached }
        let (rowPtr, permutation) = CSRMatrix.countingSort(keys: colIdx, buckets: cols)
        let rowOfEntry = rowIndices
        let colIdx = permutation.map { rowOfEntry[Int($0)] }
        let t = CSRMatrix(validRows: cols, cols: rows, rowPtr: rowPtr, colIdx: colIdx)
        let result = (matrix: t, permutation: permutation)
        // Two threads may build it at once; the first stored wins, so every caller gets
        // the same matrix (and the same cached transpose of it).
        return cache.withLock { c in
            if let existing = c.transpose { return existing }
            c.transpose = result
            return result
        }
    }

    /// The row of each entry (the COO row list in CSR order). Cached.
    public var rowIndices: [Int32] {
        if let cached = cache.withLock({ $0.rowIndices }) { return cached }
        var out = [Int32](repeating: 0, count: nnz)
        for i in 0..<rows {
            for k in rowPtr[i]..<rowPtr[i + 1] { out[k] = Int32(i) }
        }
        return cache.withLock { c in
            if let existing = c.rowIndices { return existing }
            c.rowIndices = out
            return out
        }
    }

    /// Number of entries in each row.
    public var rowCounts: [Int] { (0..<rows).map { rowPtr[$0 + 1] - rowPtr[$0] } }

    /// Runs `body(rows, rowPtr, colIdx)` on disjoint chunks of rows in parallel, chunks
    /// holding similar numbers of non-zeros (work per entry ∝ `width`), with raw pointers
    /// to the structure. Every row-parallel sparse kernel goes through here; each row is
    /// handled by exactly one chunk. `colIdx` is nil only when the matrix has no entries.
    func parallelRows(width: Int, _ body: (Range<Int>, UnsafePointer<Int>, UnsafePointer<Int32>?) -> Void) {
        rowPtr.withUnsafeBufferPointer { rp in
            colIdx.withUnsafeBufferPointer { cb in
                let rowPtr = rp.baseAddress!, col = cb.baseAddress
                Parallel.forEach(count: rows, prefixCost: rowPtr, grain: Swift.max(1, Kernels.sparseGrain / Swift.max(width, 1))) {
                    body($0, rowPtr, col)
                }
            }
        }
    }

    /// A per-entry tensor `[nnz]` or `[nnz, w]` reordered from this matrix's entry order
    /// into the transpose's: `out[k] = v[perm[k]]` (rows of `w`). The backward scatters
    /// back, `dv[perm[k]] = g[k]`; `perm` is a permutation, so no entry accumulates and no
    /// sort is needed (through the general `indexSelect` this cost 11% of
    /// gcn_cora_nodrop's profile).
    func permutedToTranspose(_ perEntry: Tensor) throws -> Tensor {
        guard (perEntry.rank == 1 || perEntry.rank == 2) && perEntry.shape[0] == nnz else {
            throw TensorError("permutedToTranspose", "per-entry tensor has shape \(perEntry.shape), expected [\(nnz)] or [\(nnz), w]")
        }
        let perm = transpose.permutation
        let w = perEntry.rank == 2 ? perEntry.shape[1] : 1
        let out = Tensor(uninitializedShape: perEntry.shape)
        Self.permuteRows(from: perEntry.data, to: out.data, perm: perm, width: w, scatter: false)
        return out.recorded("permutedToTranspose", inputs: [perEntry]) { g in
            let dv = Tensor(uninitializedShape: g.shape)
            Self.permuteRows(from: g.data, to: dv.data, perm: perm, width: w, scatter: true)
            return [dv]
        }
    }

    /// `to[k] = from[perm[k]]` (gather) or `to[perm[k]] = from[k]` (scatter), rows of `width`.
    private static func permuteRows(from: UnsafePointer<Float>, to: UnsafeMutablePointer<Float>, perm: [Int32],
                                    width w: Int, scatter: Bool) {
        perm.withUnsafeBufferPointer { p in
            for k in 0..<p.count {
                let (dst, src) = scatter ? (Int(p[k]) * w, k * w) : (k * w, Int(p[k]) * w)
                for t in 0..<w { to[dst + t] = from[src + t] }
            }
        }
    }

    public var description: String { "CSRMatrix(\(rows) x \(cols), nnz: \(nnz))" }
}
