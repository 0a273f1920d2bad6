import BrightspotsCore
import Dispatch
import Foundation
import GRDB
import Synchronization
import Testing
@testable import BrightspotsStore

/// Group commit in `SQLiteStore`: changes asked for together share one transaction, each in its own savepoint,
/// and every caller is answered only after that transaction has committed.
///
/// To put chosen changes in one batch, a test first holds the writer with a change that waits (`WriterHold`);
/// the changes asked for meanwhile queue up, and become the next batch together once it lets go.
@Suite struct GroupCommitTests {
    @Test func aChangeThatFailsInABatchFailsOnlyItsCallerAndIsRolledBackAlone() async throws {
        try await withDatabaseFile { path in
            let store = try SQLiteStore(path: path)
            defer { try? store.close() }
            try await store.add(sampleSubmission("BS-TEST-0001"), audit: submitted("BS-TEST-0001"))
            try await store.add(sampleSubmission("BS-TEST-0002"), audit: submitted("BS-TEST-0002"))

            let approved = {
                var approved = sampleSubmission("BS-TEST-000C", status: .approved)
                approved.decidedBy = "test.moderator"
                return approved
            }()
            let batch = try await inOneBatch(store, [
                { try await store.add(sampleSubmission("BS-TEST-000A"), audit: submitted("BS-TEST-000A")) },
                // A reference already taken.
                { try await store.add(sampleSubmission("BS-TEST-0001", at: minutes(1)), audit: submitted("BS-TEST-0001")) },
                // Not pending any more: 0002 is approved by the change before it in the same batch.
                { try await store.update(sampleSubmission("BS-TEST-0002", status: .approved), expected: .pending, audit: [decided("BS-TEST-0002")]) },
                { try await store.update(sampleSubmission("BS-TEST-0002", status: .rejected), expected: .pending, audit: [decided("BS-TEST-0002")]) },
                { try await store.update(sampleSubmission("BS-TEST-9999", status: .rejected), expected: .pending, audit: [decided("BS-TEST-9999")]) },
                // Writes, then fails on the append-only trigger: what it wrote must go with its savepoint.
                {
                    try await store.writer.write { db in
                        try SQLiteStore.insert(AuditRecord(at: day0, actor: "test", action: .edited, detail: "rolled back"), db)
                        try db.execute(sql: "DELETE FROM audit")
                    }
                },
                // Sees the add before it in the batch.
                { try await store.add(sampleSubmission("BS-TEST-000C"), audit: submitted("BS-TEST-000C")) },
                { try await store.update(approved, expected: .pending, audit: [decided("BS-TEST-000C")]) },
                { try await store.add(sampleSubmission("BS-TEST-000B"), audit: submitted("BS-TEST-000B")) },
            ])

            #expect(batch.sharedOneTransaction)
            let outcomes = batch.outcomes
            #expect(outcomes[0] == nil)
            #expect(outcomes[1] as? StoreError == .duplicateReference("BS-TEST-0001"))
            #expect(outcomes[2] == nil)
            #expect(outcomes[3] as? StoreError == .conflict(reference: "BS-TEST-0002", status: .approved))
            #expect(outcomes[4] as? StoreError == .notFound("BS-TEST-9999"))
            #expect(String(describing: outcomes[5]).contains("the audit log is append-only"))
            #expect(outcomes[6] == nil)
            #expect(outcomes[7] == nil)
            #expect(outcomes[8] == nil)

            #expect(try await store.submission(reference: "BS-TEST-0001") == sampleSubmission("BS-TEST-0001"))
            #expect(try await store.submission(reference: "BS-TEST-0002")?.status == .approved)
            #expect(try await store.submission(reference: "BS-TEST-000C") == approved)
            #expect(try await store.submissions(status: nil).map(\.reference).sorted()
                == ["BS-TEST-0001", "BS-TEST-0002", "BS-TEST-000A", "BS-TEST-000B", "BS-TEST-000C"])
            let log = try await store.audit(since: nil)
            // Oldest first, ties in the order appended.
            #expect(log.map { "\($0.action.rawValue) \($0.reference ?? "-")" } == [
                "submitted BS-TEST-0001", "submitted BS-TEST-0002", "submitted BS-TEST-000A", "submitted BS-TEST-000C",
                "submitted BS-TEST-000B", "approved BS-TEST-0002", "approved BS-TEST-000C",
            ])
            #expect(!log.contains { $0.detail == "rolled back" })
            #expect(log.count == 7)
        }
    }

    @Test func whenTheCommitFailsEveryCallerInTheBatchGetsTheErrorAndNothingIsKept() async throws {
        try await withDatabaseFile { path in
            let store = try SQLiteStore(path: path)
            defer { try? store.close() }
            // A deferred foreign key is checked at COMMIT, not by the statement: an orphan row makes the commit fail.
            try await store.executeRaw("""
                CREATE TABLE test_parent (id INTEGER PRIMARY KEY);
                CREATE TABLE test_child (parent INTEGER REFERENCES test_parent(id) DEFERRABLE INITIALLY DEFERRED);
                """)
            let batch = try await inOneBatch(store, [
                { try await store.add(sampleSubmission("BS-TEST-000A"), audit: submitted("BS-TEST-000A")) },
                { try await SQLitePersistDriver(store: store).create(key: "session.test", value: "Test", expires: nil) },
                { try await store.writer.write { db in try db.execute(sql: "INSERT INTO test_child (parent) VALUES (7)") } },
                { try await store.add(sampleSubmission("BS-TEST-000B"), audit: submitted("BS-TEST-000B")) },
                // Fails on its own as well: its own error wins.
                { try await store.add(sampleSubmission("BS-TEST-000A"), audit: submitted("BS-TEST-000A")) },
            ])

            #expect(batch.sharedOneTransaction)
            for (index, outcome) in batch.outcomes.enumerated() where index != 4 {
                let error = try #require(outcome as? DatabaseError, "change \(index): \(String(describing: outcome))")
                #expect(error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY, "change \(index)")
            }
            #expect(batch.outcomes[4] as? StoreError == .duplicateReference("BS-TEST-000A"))

            let reopened = try SQLiteStore(path: path)
            defer { try? reopened.close() }
            for view in [store, reopened] {
                #expect(try await view.submissions(status: nil).isEmpty)
                #expect(try await view.audit(since: nil).isEmpty)
                #expect(try await SQLitePersistDriver(store: view).get(key: "session.test", as: String.self) == nil)
                #expect(try await view.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM test_child") } == 0)
            }
            // The store carries on.
            try await store.add(sampleSubmission("BS-TEST-000C"), audit: submitted("BS-TEST-000C"))
            #expect(try await reopened.submissions(status: nil).map(\.reference) == ["BS-TEST-000C"])
        }
    }

    @Test func whenSQLiteRollsTheTransactionBackMidBatchEveryCallerFailsAndNothingIsKept() async throws {
        try await withDatabaseFile { path in
            let store = try SQLiteStore(path: path)
            defer { try? store.close() }
            let batch = try await inOneBatch(store, [
                { try await store.add(sampleSubmission("BS-TEST-000A"), audit: submitted("BS-TEST-000A")) },
                // What SQLite does on a full disk or an I/O error: the whole transaction is gone.
                { try await store.writer.write { db in try db.execute(sql: "ROLLBACK") } },
                { try await store.add(sampleSubmission("BS-TEST-000B"), audit: submitted("BS-TEST-000B")) },
            ])
            #expect(batch.sharedOneTransaction)
            #expect(batch.outcomes.allSatisfy { $0 != nil }, "\(batch.outcomes)")
            #expect(try await store.submissions(status: nil).isEmpty)
            #expect(try await store.audit(since: nil).isEmpty)
            try await store.add(sampleSubmission("BS-TEST-000C"), audit: submitted("BS-TEST-000C"))
            #expect(try await store.submissions(status: nil).map(\.reference) == ["BS-TEST-000C"])
        }
    }

    @Test func noCallerReturnsBeforeItsChangeIsCommitted() async throws {
        try await withDatabaseFile { path in
            let store = try SQLiteStore(path: path)
            defer { try? store.close() }
            let references = (0..<16).map { String(format: "BS-SEEN-%04d", $0) }
            // The last change of the batch keeps the transaction open a while: a caller answered before the commit
            // would look for its submission while it is still uncommitted, and not find it.
            let tail = DispatchSemaphore(value: 0)
            var changes: [@Sendable () async throws -> Void] = references.map { reference in
                {
                    try await store.add(sampleSubmission(reference), audit: submitted(reference))
                    let other = try SQLiteStore(path: path)  // a second pool: sees only what is committed
                    defer { try? other.close() }
                    let found = try await other.submission(reference: reference)
                    let audit = try await other.audit(since: nil).filter { $0.reference == reference }
                    if found == nil || audit.count != 1 { throw NotYetCommitted(reference: reference) }
                }
            }
            changes.append { try await store.writer.write { _ in _ = tail.wait(timeout: .now() + 1) } }
            let batch = try await inOneBatch(store, changes)

            #expect(batch.sharedOneTransaction)
            for (index, outcome) in batch.outcomes.enumerated() {
                #expect(outcome == nil, "change \(index): \(String(describing: outcome))")
            }
        }
    }

    @Test func twoHundredConcurrentSubmissionsAmongOtherWritesAreEachKeptOnceWithTheirAuditRows() async throws {
        try await withDatabaseFile { path in
            let store = try SQLiteStore(path: path)
            defer { try? store.close() }
            let sessions = SQLitePersistDriver(store: store)
            try await store.add(sampleSubmission("BS-TAKEN-0000"), audit: submitted("BS-TAKEN-0000"))
            let references = (0..<200).map { String(format: "BS-LOAD-%04d", $0) }
            let refused = try await withThrowingTaskGroup(of: Bool.self) { group in
                for (index, reference) in references.enumerated() {
                    group.addTask {
                        try await store.add(sampleSubmission(reference, at: minutes(Double(index))),
                                            audit: submitted(reference, at: minutes(Double(index))))
                        return false
                    }
                    if index.isMultiple(of: 4) {
                        // Sessions and refused duplicates in the same batches.
                        group.addTask {
                            try await sessions.create(key: "session.\(index)", value: "Test \(index)", expires: nil)
                            return false
                        }
                        group.addTask {
                            do {
                                try await store.add(sampleSubmission("BS-TAKEN-0000"), audit: submitted("BS-TAKEN-0000"))
                                return false
                            } catch StoreError.duplicateReference {
                                return true
                            }
                        }
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(refused == 50)

            let stored = try await store.submissions(status: nil).map(\.reference)
            #expect(stored == ["BS-TAKEN-0000"] + references)
            let log = try await store.audit(since: nil)
            #expect(log.count == 201)
            #expect(log.filter { $0.action == .submitted }.compactMap(\.reference).sorted() == stored.sorted())
            #expect(Set(log.compactMap(\.id)).count == 201)
            for index in stride(from: 0, to: 200, by: 4) {
                #expect(try await sessions.get(key: "session.\(index)", as: String.self) == "Test \(index)")
            }
            // Fewer transactions than changes: they were grouped.
            #expect(store.writer.counts.batches < 251)
        }
    }
}

struct NotYetCommitted: Error { var reference: String }

func decided(_ reference: String) -> AuditRecord {
    AuditRecord(at: minutes(1), actor: "test.moderator", action: .approved, reference: reference)
}

/// The changes' outcomes (nil: succeeded), in the order given, and whether they ran as one batch.
struct BatchResult {
    var outcomes: [(any Error)?]
    var sharedOneTransaction: Bool
}

/// Holds the writer, asks for `changes` (each from its own task) until all of them are queued, then lets go:
/// they make one batch.
func inOneBatch(_ store: SQLiteStore, _ changes: [@Sendable () async throws -> Void]) async throws -> BatchResult {
    let hold = WriterHold()
    let holding = Task { try await store.writer.write { _ in hold.wait() } }
    while !hold.isHolding { try await Task.sleep(for: .milliseconds(1)) }
    let batchesBefore = store.writer.counts.batches

    var tasks: [Task<Void, any Error>] = []
    for change in changes {
        tasks.append(Task { try await change() })
        // One at a time, so the batch keeps the order given.
        while store.writer.counts.waiting < tasks.count { try await Task.sleep(for: .milliseconds(1)) }
    }
    hold.release()
    try await holding.value

    var outcomes: [(any Error)?] = []
    for task in tasks {
        switch await task.result {
        case .success: outcomes.append(nil)
        case .failure(let error): outcomes.append(error)
        }
    }
    // The hold's batch, then theirs.
    return BatchResult(outcomes: outcomes, sharedOneTransaction: store.writer.counts.batches == batchesBefore + 2)
}

/// A change that keeps the writer busy until released.
final class WriterHold: Sendable {
    private let released = DispatchSemaphore(value: 0)
    private let holding = Atomic<Bool>(false)

    var isHolding: Bool { holding.load(ordering: .acquiring) }

    /// Called on the writer's queue, inside the hold's transaction.
    func wait() {
        holding.store(true, ordering: .releasing)
        released.wait()
    }

    func release() { released.signal() }
}
