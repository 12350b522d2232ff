import Testing
import TensorCore

// CSRMatrix construction, fromCOO, the cached transpose, validation (errors name the
// offending row, entry or rowPtr position). Expected structures
// are worked out by hand from the COO list of SparseFixture (also printed by
// scripts/sparse_reference_coo.py: `torch.sort(ROW, stable=True).indices`).

@Suite struct SparseCSRTests {
    typealias F = SparseFixture

    @Test func fromCOOSortsStablyByRow() throws {
        let (a, perm) = try CSRMatrix.fromCOO(rows: 4, cols: 5, row: SparseFixture.cooRow, col: SparseFixture.cooCol)
        #expect(a.rows == 4 && a.cols == 5 && a.nnz == 7)
        #expect(a.rowPtr == [0, 2, 4, 4, 7])
        #expect(a.colIdx == [4, 2, 0, 3, 1, 1, 0])
        // torch: torch.sort(ROW, stable=True).indices
        #expect(perm == [1, 4, 2, 5, 0, 3, 6])
        #expect(a.rowIndices == [0, 0, 1, 1, 3, 3, 3])
        #expect(a.rowCounts == [2, 2, 0, 3])
    }

    @Test func fromCOOPermutationMapsEntriesBack() throws {
        let (a, row, col) = try SparseFixture.random(rows: 23, cols: 17, perRow: 3, seed: 9)
        let (b, perm) = try CSRMatrix.fromCOO(rows: 23, cols: 17, row: Int32Tensor(row), col: Int32Tensor(col))
        #expect(a.rowPtr == b.rowPtr && a.colIdx == b.colIdx)
        #expect(perm.count == row.count && Set(perm).count == row.count)
        let rowOf = b.rowIndices
        for k in 0..<b.nnz {
            #expect(row[Int(perm[k])] == rowOf[k])
            #expect(col[Int(perm[k])] == b.colIdx[k])
            // Stable: COO order is kept within a row.
            if k > 0 && rowOf[k - 1] == rowOf[k] { #expect(perm[k - 1] < perm[k]) }
        }
        // Per-edge values in COO order, permuted into CSR order, give the same dense matrix.
        let coo = Tensor((0..<row.count).map { Float($0) + 1 })
        let csrValues = try coo.indexSelect(axis: 0, Int32Tensor(perm))
        var dense = [Float](repeating: 0, count: 23 * 17)
        for e in 0..<row.count { dense[Int(row[e]) * 17 + Int(col[e])] += Float(e) + 1 }
        #expect(F.dense(b, values: csrValues).scalars == dense)
    }

    @Test func transposeIsTheReversedMatrix() throws {
        let a = try SparseFixture.matrix()
        let (t, perm) = a.transpose
        #expect(t.rows == 5 && t.cols == 4 && t.nnz == 7)
        #expect(t.rowPtr == [0, 2, 4, 5, 6, 7])
        #expect(t.colIdx == [1, 3, 3, 3, 0, 1, 0])
        #expect(perm == [2, 6, 4, 5, 1, 3, 0])
        // Values follow the permutation: dense(Aᵀ, v[perm]) == dense(A, v)ᵀ.
        let v = SparseFixture.values
        let vt = try v.indexSelect(axis: 0, Int32Tensor(perm))
        #expect(F.dense(t, values: vt).scalars == (try F.dense(a, values: v).transposed()).scalars)
        // Cached: the same matrix on every access; the transpose of the transpose is A
        // (with each row's entries now ordered by column).
        #expect(a.transpose.matrix === t)
        #expect(t.transpose.matrix.rowPtr == a.rowPtr)
        #expect(t.transpose.matrix.colIdx == [2, 4, 0, 3, 0, 1, 1])
        #expect(F.dense(t.transpose.matrix).scalars == F.dense(a).scalars)
    }

    @Test func transposeOfRandomMatrixMatchesDense() throws {
        let a = try SparseFixture.random(rows: 31, cols: 12, perRow: 4, seed: 3).matrix
        let (t, perm) = a.transpose
        let v = Tensor.randn([a.nnz], seed: 4)
        let vt = try v.indexSelect(axis: 0, Int32Tensor(perm))
        #expect(F.dense(t, values: vt).scalars == (try F.dense(a, values: v).transposed()).scalars)
        // Within a row of Aᵀ, entries are in order of their position in A.
        for i in 0..<t.rows where t.rowPtr[i + 1] - t.rowPtr[i] > 1 {
            for k in (t.rowPtr[i] + 1)..<t.rowPtr[i + 1] { #expect(perm[k - 1] < perm[k]) }
        }
    }

    @Test func transposeIsBuiltOnceUnderConcurrentAccess() async throws {
        let a = try SparseFixture.random(rows: 200, cols: 150, perRow: 5, seed: 8).matrix
        let ids = await withTaskGroup(of: ObjectIdentifier.self) { group in
            for _ in 0..<8 { group.addTask { ObjectIdentifier(a.transpose.matrix) } }
            var seen: Set<ObjectIdentifier> = []
            for await id in group { seen.insert(id) }
            return seen
        }
        #expect(ids.count == 1)
    }

    @Test func initAcceptsAValidStructure() throws {
        let a = try CSRMatrix(rows: 3, cols: 2, rowPtr: [0, 1, 1, 3], colIdx: [1, 0, 1])
        #expect(a.nnz == 3)
        #expect(F.dense(a).scalars == [0, 1, 0, 0, 1, 1])
        let empty = try CSRMatrix(rows: 0, cols: 0, rowPtr: [0], colIdx: [])
        #expect(empty.nnz == 0 && empty.transpose.matrix.rowPtr == [0])
    }

    @Test func initRejectsBadStructuresNamingThePosition() throws {
        func message(_ body: () throws -> CSRMatrix) -> String {
            do { _ = try body(); return "no error" } catch let e as TensorError { return e.message } catch { return "\(error)" }
        }
        #expect(throws: TensorError.self) { try CSRMatrix(rows: 2, cols: 2, rowPtr: [0, 1], colIdx: [0]) }
        #expect(throws: TensorError.self) { try CSRMatrix(rows: 1, cols: 2, rowPtr: [1, 1], colIdx: [0]) }
        #expect(throws: TensorError.self) { try CSRMatrix(rows: -1, cols: 2, rowPtr: [0], colIdx: []) }
        #expect(message { try CSRMatrix(rows: 3, cols: 2, rowPtr: [0, 2, 1, 2], colIdx: [0, 1]) }.contains("row 1"))
        #expect(message { try CSRMatrix(rows: 2, cols: 2, rowPtr: [0, 1, 2], colIdx: [0]) }.contains("rowPtr[2]"))
        #expect(message { try CSRMatrix(rows: 2, cols: 3, rowPtr: [0, 2, 3], colIdx: [0, 1, 3]) }.contains("entry 2"))
        #expect(message { try CSRMatrix(rows: 1, cols: 3, rowPtr: [0, 2], colIdx: [-1, 1]) }.contains("entry 0"))
    }

    @Test func fromCOORejectsBadInput() throws {
        func message(_ body: () throws -> Void) -> String {
            do { try body(); return "no error" } catch let e as TensorError { return e.message } catch { return "\(error)" }
        }
        let row = Int32Tensor([0, 1, 2]), col = Int32Tensor([1, 1, 0])
        #expect(message { _ = try CSRMatrix.fromCOO(rows: 2, cols: 3, row: row, col: col) }.contains("position 2"))
        #expect(message { _ = try CSRMatrix.fromCOO(rows: 3, cols: 1, row: row, col: col) }.contains("position 0"))
        #expect(throws: TensorError.self) { try CSRMatrix.fromCOO(rows: 3, cols: 3, row: row, col: Int32Tensor([0, 1])) }
        #expect(throws: TensorError.self) {
            try CSRMatrix.fromCOO(rows: 3, cols: 3, row: try Int32Tensor(shape: [3, 1], scalars: [0, 1, 2]), col: col)
        }
        #expect(throws: TensorError.self) { try CSRMatrix.fromCOO(rows: -2, cols: 3, row: row, col: col) }
    }
}
