import BrightspotsCore
import Foundation
@testable import BrightspotsStore

/// The two implementations the contract tests run against.
enum StoreKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite, memory
    var description: String { rawValue }
}

/// Runs `body` against a fresh store of `kind`: SQLite in a temporary folder removed afterwards, or memory.
func withStore<T>(_ kind: StoreKind, _ body: (any SubmissionStore) async throws -> T) async throws -> T {
    switch kind {
    case .memory:
        return try await body(MemoryStore())
    case .sqlite:
        return try await withDatabaseFile { path in
            let store = try SQLiteStore(path: path)
            defer { try? store.close() }
            return try await body(store)
        }
    }
}

/// A path for a database file in a new temporary folder, removed with its WAL files afterwards.
func withDatabaseFile<T>(_ body: (String) async throws -> T) async throws -> T {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("brightspots-store-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try await body(folder.appendingPathComponent("brightspots.sqlite").path)
}

/// Dates with fractions of a second that a millisecond or Unix-time encoding would not keep exactly.
let day0 = Date(timeIntervalSinceReferenceDate: 800_000_000.123_456_789)
func minutes(_ count: Double) -> Date { day0.addingTimeInterval(count * 60) }

func sampleSubmission(_ reference: String, at date: Date = day0, status: SubmissionStatus = .pending)
    -> StoredSubmission
{
    StoredSubmission(
        reference: reference,
        submission: Submission(
            kind: "after-action-reviews", title: "Test reflection", sections: ["Test text one.", "Test text two."],
            tags: "test, example", principles: ["test-principle"], team: "Test team", displayName: "Test Author",
            anonymous: false, forum: "2026-12", cost: "£100", paidFor: "Test budget",
            outcomes: [SubmittedOutcome(code: "TEST-1", count: "2")], declaration: true),
        status: status,
        submittedAt: date)
}

func submitted(_ reference: String, at date: Date = day0) -> AuditRecord {
    AuditRecord(at: date, actor: "submitter", action: .submitted, reference: reference)
}

func account(_ name: String, role: ModeratorRole = .moderator) -> ModeratorAccount {
    ModeratorAccount(username: name, passwordHash: "$2b$12$testhashtesthashtesthashtesthashtesthashtesthashtest",
                     role: role, createdAt: day0)
}

func userAudit(_ action: AuditAction, _ detail: String) -> AuditRecord {
    AuditRecord(at: day0, actor: "terminal:test", action: action, detail: detail)
}

/// A clock the tests move by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = day0) { current = start }

    var now: Date { lock.withLock { current } }
    func set(_ date: Date) { lock.withLock { current = date } }
    func advance(by seconds: TimeInterval) { lock.withLock { current += seconds } }
}
