import Foundation
import Testing
@testable import GraphData

@Suite struct NpzTests {
    func checkMembers(_ arrays: [String: NpyArray]) throws {
        #expect(Set(arrays.keys) == ["x", "y", "mask", "m"])
        #expect(arrays["x"]?.shape == [2, 3])
        #expect(arrays["x"]?.floats() == [0, 0.5, 1, 1.5, 2, 2.5])
        #expect(try arrays["y"]?.int64s() == [3, 1, 2])
        #expect(arrays["mask"]?.bools() == [true, false, true])
        var m: [Int64] = []
        for i in 0..<3 { for j in 0..<4 { m.append(Int64(10 * i + j)) } }
        #expect(try arrays["m"]?.int64s() == m)
        #expect(arrays["m"]?.dtype == .int32)
    }

    @Test func storedAndDeflatedArchives() throws {
        try checkMembers(try readNpz(Fixtures.url("npz/stored.npz")))
        try checkMembers(try readNpz(Fixtures.url("npz/deflated.npz")))
        let bytes = try Data(contentsOf: Fixtures.url("npz/deflated.npz"))
        try checkMembers(try readNpz(data: bytes, name: "deflated.npz"))
    }

    @Test func readsOnlyRequestedMembers() throws {
        let a = try readNpz(Fixtures.url("npz/deflated.npz"), members: ["y", "absent"])
        #expect(Array(a.keys) == ["y"])
        // An unused object member does not stop the others from loading (numpy is lazy too).
        let b = try readNpz(Fixtures.url("npz/bad/object_member.npz"), members: ["other"])
        #expect(b.isEmpty)
    }

    @Test func malformedArchivesNameFileAndMember() {
        expectNpzError(["object_member.npz", "array 'obj'", "pickle"]) {
            _ = try readNpz(Fixtures.url("npz/bad/object_member.npz"))
        }
        expectNpzError(["truncated.npz"]) { _ = try readNpz(Fixtures.url("npz/bad/truncated.npz")) }
        expectNpzError(["short_member.npz", "array 'a'", "needs 80 data bytes, found 64"]) {
            _ = try readNpz(Fixtures.url("npz/bad/short_member.npz"))
        }
        expectNpzError(["corrupt_deflate.npz", "member 'a.npy'"]) {
            _ = try readNpz(Fixtures.url("npz/bad/corrupt_deflate.npz"))
        }
        expectNpzError(["not_a_zip.npz", "not a readable ZIP archive"]) {
            _ = try readNpz(Fixtures.url("npz/bad/not_a_zip.npz"))
        }
        expectNpzError(["absent.npz", "no such file"], kind: .missingInput) {
            _ = try readNpz(Fixtures.url("npz/absent.npz"))
        }
    }

    /// Cuts and byte flips of a real archive either read or throw `DataError`.
    @Test func damagedArchivesNeverTrap() throws {
        let whole = [UInt8](try Data(contentsOf: Fixtures.url("npz/deflated.npz")))
        var rng = SystemRandomNumberGenerator()
        for trial in 0..<120 {
            var bytes = whole
            if trial % 2 == 0 {
                bytes = Array(whole.prefix(Int.random(in: 0..<whole.count, using: &rng)))
            } else {
                for _ in 0..<Int.random(in: 1...3, using: &rng) {
                    bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
                }
            }
            do { _ = try readNpz(data: Data(bytes), name: "fuzz.npz") } catch is DataError {} catch {
                Issue.record("non-DataError \(error)")
            }
        }
    }
}
