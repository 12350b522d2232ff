import Testing
import MessagePassing

@Suite("AttentionGradcheck")
struct AttentionGradcheckTests {
    @Test("every attention layer passes a finite-difference gradient check", arguments: AttentionGradchecks.cases.map(\.op))
    func passes(op: String) throws {
        let entry = try #require(AttentionGradchecks.cases.first { $0.op == op })
        let result = try entry.run()
        #expect(result.passed, "\(op): \(result)")
        #expect(result.elementsChecked > 0)
    }

    @Test("case names are unique")
    func uniqueNames() {
        let names = AttentionGradchecks.cases.map(\.op)
        #expect(Set(names).count == names.count)
    }
}
