import Foundation

/// Named arrays of one `.npz` file, with lookups that throw `DataError`s naming the
/// file and the array (`amazon_electronics_photo.npz, array 'labels': ...`).
struct NpzArrays {
    let file: String
    let arrays: [String: NpyArray]

    /// Reads only `members` (numpy loads members lazily, so e.g. pickled
    /// `class_names` members that a loader never touches must not make it fail).
    init(url: URL, members: Set<String>) throws {
        file = url.lastPathComponent
        arrays = try readNpz(url, members: members)
    }

    init(file: String, arrays: [String: NpyArray]) {
        self.file = file
        self.arrays = arrays
    }

    func has(_ name: String) -> Bool { arrays[name] != nil }

    func fail(_ name: String, _ message: String) -> DataError {
        DataError(.badData, file: file, at: "array '\(name)'", message)
    }

    /// The array `name`, which must have `dims` dimensions when given.
    func array(_ name: String, dims: Int? = nil) throws -> NpyArray {
        guard let a = arrays[name] else {
            let present = arrays.keys.sorted().joined(separator: ", ")
            throw DataError(.badData, file: file, at: "array '\(name)'",
                            "missing; the archive has \(present.isEmpty ? "no arrays" : present)")
        }
        if let dims, a.shape.count != dims {
            throw fail(name, "has shape \(a.shape), expected \(dims) dimension\(dims == 1 ? "" : "s")")
        }
        return a
    }

    /// The values of `name` as Int64, with errors located in this file.
    func int64s(_ name: String, dims: Int? = nil) throws -> [Int64] {
        let a = try array(name, dims: dims)
        do { return try a.int64s() } catch let e as DataError { throw e.inFile(file) }
    }

    /// A CSR matrix stored as `<prefix>_data`, `<prefix>_indices`, `<prefix>_indptr`,
    /// `<prefix>_shape` (scipy's layout). Checks `indptr` (length rows + 1, starts at
    /// 0, non-decreasing, ends at nnz) and that every index is in `0..<cols`.
    func csr(_ prefix: String) throws -> (rows: Int, cols: Int, rowPtr: [Int], colIdx: [Int32], values: [Float]) {
        let shape = try int64s("\(prefix)_shape", dims: 1)
        guard shape.count == 2, shape[0] >= 0, shape[1] >= 0, shape[0] < Int64(Int32.max), shape[1] < Int64(Int32.max) else {
            throw fail("\(prefix)_shape", "is \(shape), expected two non-negative sizes below 2^31")
        }
        let rows = Int(shape[0]), cols = Int(shape[1])
        let indptr = try int64s("\(prefix)_indptr", dims: 1)
        let indices = try int64s("\(prefix)_indices", dims: 1)
        let dataArray = try array("\(prefix)_data", dims: 1)
        guard indptr.count == rows + 1 else {
            throw fail("\(prefix)_indptr", "has \(indptr.count) entries, expected rows + 1 = \(rows + 1)")
        }
        guard dataArray.count == indices.count else {
            throw fail("\(prefix)_data", "has \(dataArray.count) values for \(indices.count) indices")
        }
        guard indptr.first == 0, indptr.last == Int64(indices.count) else {
            throw fail("\(prefix)_indptr", "runs from \(indptr.first ?? -1) to \(indptr.last ?? -1), expected 0 to nnz = \(indices.count)")
        }
        var rowPtr = [Int](repeating: 0, count: rows + 1)
        for i in 0..<rows {
            guard indptr[i] <= indptr[i + 1] else {
                throw fail("\(prefix)_indptr", "decreases at entry \(i + 1) (\(indptr[i]) then \(indptr[i + 1]))")
            }
            rowPtr[i + 1] = Int(indptr[i + 1])
        }
        var colIdx = [Int32]()
        colIdx.reserveCapacity(indices.count)
        for (k, c) in indices.enumerated() {
            guard c >= 0, c < Int64(cols) else {
                throw fail("\(prefix)_indices", "entry \(k) is \(c), expected a column in 0..<\(cols)")
            }
            colIdx.append(Int32(c))
        }
        return (rows, cols, rowPtr, colIdx, dataArray.floats())
    }
}
