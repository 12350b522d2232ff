/// Decodes a pickled `scipy.sparse.csr_matrix` into `FeatureMatrix.sparse`.
///
/// scipy pickles a CSR matrix as `csr_matrix.__new__(csr_matrix)` (`NEWOBJ`, or
/// `copy_reg._reconstructor(csr_matrix, object, None)` in protocols 0-1) and `BUILD`
/// with its `__dict__`: `_shape` (or `shape`) `(rows, cols)`, `indptr` `[rows + 1]`,
/// `indices` `[nnz]`, `data` `[nnz]` numpy arrays, plus bookkeeping keys that are
/// ignored. Columns within a row may be unsorted or repeated in scipy: they are sorted
/// and duplicates summed (scipy's `sum_duplicates`), so the result has strictly
/// increasing columns. Values are converted to Float32.
public enum PickledCSR {
    public static func featureMatrix(_ value: PickleValue) throws -> FeatureMatrix {
        guard case .object(let o) = value else {
            throw DataError("scipy CSR matrix: found \(value.kindName)")
        }
        let isCSR = o.callable.isCSR
            || (o.callable.isCopyRegReconstructor && o.arguments.first.map {
                if case .global(let g) = $0 { g.isCSR } else { false }
            } == true)
        guard isCSR else { throw DataError("scipy CSR matrix: found a \(o.callable) object") }
        guard let state = o.state, state.dictItems != nil else {
            throw DataError("scipy CSR matrix: no attribute dict")
        }
        if let format = state.value(forKey: "format")?.text, format != "csr" {
            throw DataError("scipy CSR matrix: format '\(format)', expected 'csr'")
        }
        guard let shape = (state.value(forKey: "_shape") ?? state.value(forKey: "shape"))?.elements,
              shape.count == 2, let rows = shape[0].integer, let cols = shape[1].integer,
              rows >= 0, cols >= 0, cols <= Int(Int32.max) else {
            throw DataError("scipy CSR matrix: '_shape' is not a pair of non-negative sizes")
        }
        func array(_ key: String) throws -> PickledArray {
            guard let v = state.value(forKey: key) else { throw DataError("scipy CSR matrix: no '\(key)' array") }
            do { return try PickledArray(v) } catch let e as DataError {
                throw DataError("scipy CSR matrix: '\(key)': \(e.message)")
            }
        }
        let indptr = try array("indptr").ints()
        let indices = try array("indices").ints()
        let data = try array("data").floats()
        guard indptr.count == rows + 1, indptr.first == 0, indptr.last == indices.count,
              indices.count == data.count else {
            throw DataError("scipy CSR matrix: indptr of \(indptr.count) (first \(indptr.first ?? -1), last \(indptr.last ?? -1)), \(indices.count) indices and \(data.count) values do not fit \(rows) rows")
        }
        var rowPtr = [0]
        rowPtr.reserveCapacity(rows + 1)
        var colIdx = [Int32]()
        var values = [Float]()
        colIdx.reserveCapacity(indices.count)
        values.reserveCapacity(data.count)
        for r in 0..<rows {
            let lo = indptr[r], hi = indptr[r + 1]
            guard lo <= hi, hi <= indices.count else {
                throw DataError("scipy CSR matrix: indptr[\(r + 1)] = \(hi) is below indptr[\(r)] = \(lo) or beyond the \(indices.count) entries")
            }
            var entries = [(Int32, Float)]()
            var sorted = true
            for k in lo..<hi {
                let c = indices[k]
                guard c >= 0, c < cols else {
                    throw DataError("scipy CSR matrix: row \(r) has column \(c), expected 0..<\(cols)")
                }
                if let last = entries.last, Int(last.0) >= c { sorted = false }
                entries.append((Int32(c), data[k]))
            }
            if !sorted { entries.sort { $0.0 < $1.0 } }
            for (c, v) in entries {
                if !sorted, let last = colIdx.last, colIdx.count > rowPtr[r], last == c {
                    values[values.count - 1] += v
                } else {
                    colIdx.append(c)
                    values.append(v)
                }
            }
            rowPtr.append(colIdx.count)
        }
        return .sparse(rows: rows, cols: cols, rowPtr: rowPtr, colIdx: colIdx, values: values)
    }
}

extension FeatureMatrix {
    /// A feature matrix from a pickled scipy CSR matrix (kept sparse) or a 2-d numpy
    /// array (dense), as Planetoid's `x`/`allx`/`tx` or `y`/`ally`/`ty` files hold.
    public init(pickled value: PickleValue) throws {
        if case .object(let o) = value, o.callable.isReconstruct {
            self = try PickledArray(value).denseMatrix()
        } else {
            self = try PickledCSR.featureMatrix(value)
        }
    }
}
