import BrightspotsCore
import BrightspotsServer
import BrightspotsStore
import Foundation
import Testing

/// Approvals take turns on the project's publish lock (`PublishLock`), with each other and with backups.
@Suite("Approvals and the publish lock")
struct PublishLockTests {
    static func entryFiles(_ daemon: TestDaemon, prefix: String) throws -> [String] {
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        let folder = daemon.root.appendingPathComponent("Content/aar/\(year)")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(prefix) }
    }

    @Test("two approvals of one submission at the same moment publish it once")
    func concurrentApprovalsPublishOnce() async throws {
        // The SQLite store: its reads leave the publisher actor for GRDB's queues, where a second approval can
        // come in between the first one's "is it pending?" and its publishing.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("brightspots-lock-\(UUID().uuidString).sqlite")
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file.path + suffix) } }
        let store = try SQLiteStore(path: file.path)
        defer { try? store.close() }
        let daemon = try TestDaemon.make(store: store)
        defer { daemon.remove() }
        let reference = try await ModerationTests.store(daemon, Fake.submission(title: "Approved twice at once"))
        let publisher = daemon.daemon.publisher
        async let first: Bool = (try? await publisher.approve(reference: reference, by: "mod-a", store: daemon.store)) != nil
        async let second: Bool = (try? await publisher.approve(reference: reference, by: "mod-b", store: daemon.store)) != nil
        let outcomes = await [first, second]
        #expect(outcomes.filter { $0 }.count == 1)
        #expect(try Self.entryFiles(daemon, prefix: "approved-twice-at-once") == ["approved-twice-at-once.md"])
        let approvals = try await daemon.store.audit(since: nil).filter { $0.action == .approved }
        #expect(approvals.count == 1)
    }

    @Test("an approval waits while a backup holds the publish lock, then goes through")
    func approvalWaitsForTheLock() async throws {
        let daemon = try await ModerationTests.daemon()
        defer { daemon.remove() }
        let reference = try await ModerationTests.store(daemon, Fake.submission(title: "Approved after a backup"))
        let backup = try #require(try PublishLock(projectRoot: daemon.root).tryAcquire())
        let publisher = daemon.daemon.publisher
        let store = daemon.store
        let approval = Task { try await publisher.approve(reference: reference, by: "mod-test", store: store) }
        try await Task.sleep(for: .milliseconds(300))
        // While the lock is held nothing can have been written, however long the wait.
        #expect(try Self.entryFiles(daemon, prefix: "approved-after-a-backup") == [])
        #expect(try await store.submission(reference: reference)?.status == .pending)
        backup.release()
        _ = try await approval.value
        #expect(try await store.submission(reference: reference)?.status == .approved)
        #expect(try Self.entryFiles(daemon, prefix: "approved-after-a-backup") == ["approved-after-a-backup.md"])
    }
}
