import BrightspotsCore
import Foundation
import Testing
@testable import BrightspotsStore

@Suite("Backup manifest, store snapshot and publish lock")
struct StoreBackupTests {
    static let manifest = BackupManifest(
        createdAt: day0, database: "brightspots.sqlite", settings: "daemon.yaml",
        files: [BackupManifest.Item(path: "Content/site.yaml", bytes: Data("title: Test\n".utf8)),
                BackupManifest.Item(path: "brightspots.sqlite", bytes: Data("store".utf8)),
                BackupManifest.Item(path: "daemon.yaml", bytes: Data("port: 8080\n".utf8))])

    @Test func aManifestReadsBackAsWritten() throws {
        let decoded = try BackupManifest.decode(Self.manifest.encoded()).get()
        #expect(decoded == Self.manifest)
        #expect(decoded.files.map(\.path) == ["Content/site.yaml", "brightspots.sqlite", "daemon.yaml"])
        // `printf 'title: Test\n' | sha256sum`
        #expect(decoded.files[0].sha256 == "48c048170d0e2e70eae2d537c854fa93b42f9d75ff42aaded4edb7bebd9d8a7e")
        #expect(decoded.files[0].size == 12)
    }

    @Test func theSameFilesHaveNoProblems() {
        #expect(Self.manifest.problems(found: Self.manifest.files) == [])
    }

    @Test func missingChangedAndUnexpectedFilesAreEachNamed() {
        var found = Self.manifest.files
        found[0] = BackupManifest.Item(path: "Content/site.yaml", bytes: Data("title: Tesu\n".utf8))  // same size
        found.removeLast()
        found.append(BackupManifest.Item(path: "Content/extra.md", bytes: Data()))
        #expect(Self.manifest.problems(found: found) == [
            .changed("Content/site.yaml"), .missing("daemon.yaml"), .unexpected("Content/extra.md"),
        ])
    }

    @Test func aManifestNamingAStoreItDoesNotListIsRefused() {
        var manifest = Self.manifest
        manifest.files.removeAll { $0.path == "brightspots.sqlite" }
        #expect(manifest.problems(found: manifest.files) == [.missing("brightspots.sqlite")])
    }

    @Test func anUnknownFormatOrNotAManifestIsRefused() throws {
        #expect(BackupManifest.decode(Data(#"{"format": 99}"#.utf8)) == .failure(.unknownFormat(99)))
        guard case .failure(.unreadable) = BackupManifest.decode(Data("not json".utf8)) else {
            Issue.record("plain text was read as a manifest")
            return
        }
    }

    @Test func aSnapshotHoldsTheQueueAndAuditLogButNoSessionsOrKeys() async throws {
        try await withDatabaseFile { path in
            let store = try SQLiteStore(path: path)
            defer { try? store.close() }
            try await store.add(sampleSubmission("BS-TEST-0000-0001"), audit: submitted("BS-TEST-0000-0001"))
            try await store.addUser(account("mod-test"), audit: userAudit(.userAdded, "mod-test"))
            let sessions = SQLitePersistDriver(store: store)
            try await sessions.create(key: "session-key-test", value: "moderator mod-test", expires: .seconds(3600))
            let key = try await store.secretKey(named: "form-token")
            let copy = path + ".copy"
            let summary = try StoreSnapshot.copy(from: path, to: copy)
            #expect(summary == StoreSnapshot.Summary(submissions: 1, auditRecords: 2, moderators: 1))
            #expect(!FileManager.default.fileExists(atPath: copy + "-wal"), "the copy must be one file")
            let restored = try SQLiteStore(path: copy)
            defer { try? restored.close() }
            #expect(try await restored.submissions(status: nil) == store.submissions(status: nil))
            #expect(try await restored.audit(since: nil) == store.audit(since: nil))
            #expect(try await SQLitePersistDriver(store: restored).get(key: "session-key-test", as: String.self) == nil)
            // Nor are the deleted keys left in the file's free pages.
            let bytes = try Data(contentsOf: URL(fileURLWithPath: copy))
            #expect(bytes.firstRange(of: Data("session-key-test".utf8)) == nil)
            // Nor is the form-token key: the restored store makes a new one.
            #expect(bytes.firstRange(of: Data(key)) == nil)
            #expect(try await restored.secretKey(named: "form-token") != key)
            #expect(try StoreSnapshot.prepareRestored(copy) == summary)
        }
    }

    @Test func aSnapshotTakenDuringWritesIsWholeAndConsistent() async throws {
        try await withDatabaseFile { path in
            let store = try SQLiteStore(path: path)
            defer { try? store.close() }
            let writing = Task {
                for number in 0..<200 {
                    let reference = "BS-TEST-\(String(format: "%04d", number / 10000))-\(String(format: "%04d", number))"
                    try await store.add(sampleSubmission(reference), audit: submitted(reference))
                }
            }
            var copies: [StoreSnapshot.Summary] = []
            for index in 0..<5 {
                copies.append(try StoreSnapshot.copy(from: path, to: path + ".copy\(index)"))
            }
            try await writing.value
            // Each copy is one moment: every submission has its audit record, never one without the other.
            for summary in copies { #expect(summary.submissions == summary.auditRecords) }
        }
    }

    @Test func aDamagedStoreFailsTheIntegrityCheck() async throws {
        try await withDatabaseFile { path in
            let store = try SQLiteStore(path: path)
            for number in 0..<50 {
                let reference = "BS-TEST-0000-\(String(format: "%04d", number))"
                try await store.add(sampleSubmission(reference), audit: submitted(reference))
            }
            try store.close()
            let copy = path + ".copy"
            try StoreSnapshot.copy(from: path, to: copy)
            var bytes = try Data(contentsOf: URL(fileURLWithPath: copy))
            for offset in 4096..<4096 + 12 { bytes[offset] ^= 0xFF }
            try bytes.write(to: URL(fileURLWithPath: copy))
            #expect(throws: (any Error).self) { try StoreSnapshot.prepareRestored(copy) }
        }
    }

    @Test func thereIsNoSnapshotOfAStoreThatDoesNotExist() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-\(UUID().uuidString).sqlite").path
        #expect(throws: StoreSnapshot.Failure.self) { try StoreSnapshot.copy(from: missing, to: missing + ".copy") }
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    @Test func twoHoldersOfThePublishLockInOneProcessTakeTurns() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("brightspots-lock-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let lock = PublishLock(projectRoot: folder)
        let first = try #require(try lock.tryAcquire())
        #expect(try lock.tryAcquire() == nil, "a second holder got the lock while the first held it")
        first.release()
        let second = try #require(try lock.tryAcquire())
        second.release()
        // A holder that is dropped releases it too.
        do { _ = try #require(try lock.tryAcquire()) }
        let third = try await lock.acquire(timeout: .seconds(5))
        third.release()
    }

    @Test func waitingForTheLockTimesOutWithAMessage() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("brightspots-lock-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let lock = PublishLock(projectRoot: folder)
        let held = try #require(try lock.tryAcquire())
        defer { held.release() }
        await #expect(throws: PublishLock.Failure.self) { _ = try await lock.acquire(timeout: .milliseconds(100)) }
    }
}
