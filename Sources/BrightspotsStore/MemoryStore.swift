import BrightspotsCore
import Foundation

/// The store in memory, for unit tests of the daemon. Same semantics as `SQLiteStore`: a write that throws
/// changes nothing, audit ids count up from 1, lists are oldest first with ties in insertion order, and account
/// names ignore ASCII case (as SQLite's NOCASE does).
public actor MemoryStore: SubmissionStore {
    private var submissionsInOrder: [StoredSubmission] = []
    private var indexByReference: [String: Int] = [:]
    private var auditLog: [AuditRecord] = []
    private var accounts: [[UInt8]: ModeratorAccount] = [:]
    private var trash: [TrashItem] = []
    private var nextTrashID: Int64 = 1

    public init() {}

    public func add(_ submission: StoredSubmission, audit: AuditRecord) async throws {
        guard indexByReference[submission.reference] == nil else {
            throw StoreError.duplicateReference(submission.reference)
        }
        indexByReference[submission.reference] = submissionsInOrder.count
        submissionsInOrder.append(submission)
        append(audit)
    }

    public func submission(reference: String) async throws -> StoredSubmission? {
        indexByReference[reference].map { submissionsInOrder[$0] }
    }

    public func submissions(status: SubmissionStatus?) async throws -> [StoredSubmission] {
        // A stable sort keeps insertion order among equal dates.
        submissionsInOrder.filter { status == nil || $0.status == status }
            .enumerated().sorted { ($0.element.submittedAt, $0.offset) < ($1.element.submittedAt, $1.offset) }
            .map(\.element)
    }

    public func update(_ submission: StoredSubmission, expected: SubmissionStatus, audit: [AuditRecord]) async throws {
        guard let index = indexByReference[submission.reference] else {
            throw StoreError.notFound(submission.reference)
        }
        let current = submissionsInOrder[index].status
        guard current == expected else {
            throw StoreError.conflict(reference: submission.reference, status: current)
        }
        submissionsInOrder[index] = submission
        audit.forEach(append)
    }

    public func appendAudit(_ record: AuditRecord) async throws {
        append(record)
    }

    public func audit(since: Date?) async throws -> [AuditRecord] {
        auditLog.filter { since == nil || $0.at >= since! }
            .sorted { ($0.at, $0.id!) < ($1.at, $1.id!) }
    }

    private func append(_ record: AuditRecord) {
        var record = record
        record.id = Int64(auditLog.count + 1)
        auditLog.append(record)
    }

    // MARK: Moderator accounts

    public func addUser(_ account: ModeratorAccount, audit: AuditRecord) async throws {
        let key = Self.key(account.username)
        guard accounts[key] == nil else { throw StoreError.duplicateUser(account.username) }
        accounts[key] = account
        append(audit)
    }

    public func user(named username: String) async throws -> ModeratorAccount? {
        accounts[Self.key(username)]
    }

    public func users() async throws -> [ModeratorAccount] {
        accounts.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map(\.value)
    }

    public func removeUser(named username: String, audit: AuditRecord) async throws -> Bool {
        guard accounts.removeValue(forKey: Self.key(username)) != nil else { return false }
        append(audit)
        return true
    }

    public func setPasswordHash(_ hash: String, forUser username: String, audit: AuditRecord) async throws -> Bool {
        let key = Self.key(username)
        guard accounts[key] != nil else { return false }
        accounts[key]!.passwordHash = hash
        append(audit)
        return true
    }

    // MARK: Takedown and retention

    public func addToTrash(_ item: TrashItem, audit: [AuditRecord]) async throws -> Int64 {
        var item = item
        item.id = nextTrashID
        nextTrashID += 1
        trash.append(item)
        audit.forEach(append)
        return item.id!
    }

    public func trashItems() async throws -> [TrashItem] {
        trash.enumerated().sorted { ($0.element.takenDownAt, $0.offset) < ($1.element.takenDownAt, $1.offset) }
            .map(\.element)
    }

    public func redact(reference: String, at date: Date, audit: [AuditRecord]) async throws {
        guard let index = indexByReference[reference] else { throw StoreError.notFound(reference) }
        submissionsInOrder[index] = submissionsInOrder[index].redacted(at: date)
        audit.forEach(append)
    }

    public func purge(before cutoff: Date, at now: Date, actor: String) async throws -> PurgeSummary {
        var summary = PurgeSummary()
        for stored in try await submissions(status: nil) {
            let decided = stored.decidedAt ?? stored.submittedAt
            switch stored.status {
            case .pending where stored.submittedAt < cutoff: summary.pending.append(stored.reference)
            case .rejected where decided < cutoff: summary.rejected.append(stored.reference)
            case .approved where decided < cutoff && stored.purgedAt == nil: summary.redacted.append(stored.reference)
            default: break
            }
        }
        summary.trash = trash.filter { $0.takenDownAt < cutoff }.compactMap(\.id).sorted()
        let deleted = Set(summary.pending + summary.rejected)
        submissionsInOrder.removeAll { deleted.contains($0.reference) }
        indexByReference = Dictionary(uniqueKeysWithValues: submissionsInOrder.enumerated().map { ($1.reference, $0) })
        for reference in summary.redacted {
            let index = indexByReference[reference]!
            submissionsInOrder[index] = submissionsInOrder[index].redacted(at: now)
        }
        trash.removeAll { $0.takenDownAt < cutoff }
        summary.auditRecords(actor: actor, at: now).forEach(append)
        return summary
    }

    /// SQLite's NOCASE: the UTF-8 bytes with ASCII capitals folded, nothing else.
    private static func key(_ username: String) -> [UInt8] {
        username.utf8.map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }
    }
}
