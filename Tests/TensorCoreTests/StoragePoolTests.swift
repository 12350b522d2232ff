import Testing
@testable import TensorCore

@Suite struct StoragePoolTests {
    @Test func sizeClassesAreAtMostAQuarterApart() {
        #expect(StoragePool.classBytes(256 << 10) == 256 << 10)
        #expect(StoragePool.classBytes((256 << 10) + 1) == 5 << 16)
        #expect(StoragePool.classBytes(7 << 16) == 7 << 16)
        #expect(StoragePool.classBytes((7 << 16) + 1) == 8 << 16)
        var previous = 0
        for bytes in stride(from: 256 << 10, through: 64 << 20, by: 12_345) {
            let c = StoragePool.classBytes(bytes)
            #expect(c >= bytes && c * 4 <= bytes * 5, "class \(c) for \(bytes)")
            #expect(c >= previous)
            previous = c
        }
    }

    @Test func buffersOfOneClassAreReused() {
        let bytes = (1 << 20) + 4096
        let a = StoragePool.allocate(bytes: bytes)
        a.storeBytes(of: 7, as: Int.self)
        StoragePool.release(a, bytes: bytes)
        // A slightly different size in the same class gets the same buffer back.
        let b = StoragePool.allocate(bytes: bytes + 4096)
        #expect(b == a)
        StoragePool.release(b, bytes: bytes + 4096)
    }

    @Test func reusedBuffersAreInitialised() throws {
        do {
            let x = Tensor.zeros([1000, 70]) + 5     // 280 000 bytes, returned to the pool
            #expect(try x.sum().item() == 350_000)
        }
        let z = Tensor.zeros([1000, 72])             // the same class: may reuse x's buffer
        #expect(try z.sum().item() == 0)
    }
}
