import BrightspotsCore
import BrightspotsServer
import BrightspotsStore
import Foundation
import Logging
import Testing

@Suite("The daemon's daily purge")
struct RetentionServiceTests {
    @Test("the daemon purges when it starts, as the daemon, and again after each interval")
    func purgesOnStartAndThenEachInterval() async throws {
        let store = MemoryStore()
        let old = Date().addingTimeInterval(-91 * 86_400)
        try await store.add(StoredSubmission(reference: "BS-TEST-0LD0-0001", submission: Submission(kind: "aar", title: "Test"),
                                             submittedAt: old),
                            audit: AuditRecord(at: old, actor: "submitter", action: .submitted, reference: "BS-TEST-0LD0-0001"))
        let service = RetentionService(store: store, policy: RetentionPolicy(days: 90), logger: Logger(label: "test"),
                                       interval: .milliseconds(50))
        let task = Task { try await service.run() }
        defer { task.cancel() }
        func purgedCount() async throws -> Int { try await store.audit(since: nil).filter { $0.action == .purged }.count }
        // Waits for the service (milliseconds when idle; a loaded test run can hold it up for minutes).
        func waitFor(purges: Int) async throws {
            let deadline = Date().addingTimeInterval(600)
            while try await purgedCount() < purges, Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        }
        try await waitFor(purges: 1)
        #expect(try await store.submission(reference: "BS-TEST-0LD0-0001") == nil)
        #expect(try await store.audit(since: nil).last?.actor == "daemon")
        // The next round finds a submission that has come due since.
        let later = Date().addingTimeInterval(-100 * 86_400)
        try await store.add(StoredSubmission(reference: "BS-TEST-0LD0-0002", submission: Submission(kind: "aar", title: "Test"),
                                             submittedAt: later),
                            audit: AuditRecord(at: later, actor: "submitter", action: .submitted, reference: "BS-TEST-0LD0-0002"))
        try await waitFor(purges: 2)
        #expect(try await store.submission(reference: "BS-TEST-0LD0-0002") == nil)
        task.cancel()
    }
}
