import BrightspotsCore
import Foundation

/// Where a submission is in moderation.
public enum SubmissionStatus: String, Codable, Sendable, Hashable, CaseIterable {
    case pending, approved, rejected
}

/// A submission as the store keeps it: what was sent, and what moderation decided.
public struct StoredSubmission: Codable, Sendable, Hashable {
    /// The reference the submitter is given, e.g. "BS-7KQ2-M9XD-4TPA". Unguessable: holding it is the
    /// only way to ask for a submission's status.
    public var reference: String
    public var submission: Submission
    public var status: SubmissionStatus
    public var submittedAt: Date
    public var decidedAt: Date?
    /// The moderator who approved or rejected it.
    public var decidedBy: String?
    /// Why it was rejected (shown to nobody but moderators; the status API says only "rejected").
    public var reason: String?
    /// `Content/<kind>/<yyyy>/<slug>.md` once approved.
    public var publishedFile: String?
    /// The entry's page path on the site once approved, e.g. `/after-action-reviews/late-discharge/`.
    public var publishedPath: String?
    /// Privacy findings a moderator allowed, written into the entry's front matter on approval.
    public var allowances: [PrivacyAllowance]
    /// When the retention purge removed what the sender typed (approved submissions only; the others are deleted).
    public var purgedAt: Date?

    public init(reference: String, submission: Submission, status: SubmissionStatus = .pending,
                submittedAt: Date, decidedAt: Date? = nil, decidedBy: String? = nil, reason: String? = nil,
                publishedFile: String? = nil, publishedPath: String? = nil, allowances: [PrivacyAllowance] = [],
                purgedAt: Date? = nil) {
        self.reference = reference
        self.submission = submission
        self.status = status
        self.submittedAt = submittedAt
        self.decidedAt = decidedAt
        self.decidedBy = decidedBy
        self.reason = reason
        self.publishedFile = publishedFile
        self.publishedPath = publishedPath
        self.allowances = allowances
        self.purgedAt = purgedAt
    }
}

public enum ModeratorRole: String, Codable, Sendable, Hashable, CaseIterable {
    /// Reads the queue; edits, approves and rejects submissions.
    case moderator
    /// A moderator who may also read the audit log and the list of accounts.
    case admin
}

public struct ModeratorAccount: Codable, Sendable, Hashable {
    public var username: String
    /// A bcrypt hash (HummingbirdBcrypt); the password itself is never stored.
    public var passwordHash: String
    public var role: ModeratorRole
    public var createdAt: Date

    public init(username: String, passwordHash: String, role: ModeratorRole, createdAt: Date) {
        self.username = username
        self.passwordHash = passwordHash
        self.role = role
        self.createdAt = createdAt
    }
}

public enum AuditAction: String, Codable, Sendable, Hashable, CaseIterable {
    case submitted, edited, approved, rejected
    /// A moderator allowed a privacy finding; the detail names the finding's kind and the reason.
    case allowedFinding = "allowed-finding"
    case loggedIn = "logged-in"
    case loginFailed = "login-failed"
    case loggedOut = "logged-out"
    case userAdded = "user-added"
    case userRemoved = "user-removed"
    case passwordChanged = "password-changed"
    case publishFailed = "publish-failed"
    /// An entry was taken off the site; the detail names its file and the reason.
    case takenDown = "taken-down"
    /// A takedown was started but the site could not be rebuilt without the entry: the file was put back.
    case takedownFailed = "takedown-failed"
    /// Raw text removed: by the retention purge, or at once by a takedown with --purge.
    case purged
}

/// One line of the audit log: who did what, to which submission, when. The log keeps references and
/// actions, never a submission's text.
public struct AuditRecord: Codable, Sendable, Hashable {
    /// Assigned by the store, in the order records were appended.
    public var id: Int64?
    public var at: Date
    /// A moderator's username, "submitter" for the anonymous sender, or "terminal:<user>" for the CLI.
    public var actor: String
    public var action: AuditAction
    public var reference: String?
    public var detail: String

    public init(id: Int64? = nil, at: Date, actor: String, action: AuditAction, reference: String? = nil,
                detail: String = "") {
        self.id = id
        self.at = at
        self.actor = actor
        self.action = action
        self.reference = reference
        self.detail = detail
    }
}

public enum StoreError: Error, Equatable, CustomStringConvertible {
    case duplicateReference(String)
    case duplicateUser(String)
    case notFound(String)
    /// Someone else decided the submission first: it is no longer in the status the caller expected.
    case conflict(reference: String, status: SubmissionStatus)

    public var description: String {
        switch self {
        case .duplicateReference(let reference): return "a submission with reference \(reference) already exists."
        case .duplicateUser(let name): return "an account named \(name) already exists."
        case .notFound(let what): return "\(what) was not found."
        case .conflict(let reference, let status): return "\(reference) has already been \(status.rawValue)."
        }
    }
}

/// The daemon's storage: submissions, moderator accounts and the append-only audit log.
/// SQLite (`SQLiteStore`) for real; `MemoryStore` in unit tests.
/// Every method that changes something commits before it returns, together with its audit records.
public protocol SubmissionStore: Sendable {
    /// Adds a new pending submission and its audit record in one transaction.
    func add(_ submission: StoredSubmission, audit: AuditRecord) async throws
    func submission(reference: String) async throws -> StoredSubmission?
    /// Submissions in the given status (all when nil), oldest first.
    func submissions(status: SubmissionStatus?) async throws -> [StoredSubmission]
    /// Replaces a submission if it is still in `expected` status (else throws `StoreError.conflict`),
    /// appending the audit records in the same transaction.
    func update(_ submission: StoredSubmission, expected: SubmissionStatus, audit: [AuditRecord]) async throws
    func appendAudit(_ record: AuditRecord) async throws
    /// Audit records at or after `since` (all when nil), oldest first.
    func audit(since: Date?) async throws -> [AuditRecord]

    /// Throws `StoreError.duplicateUser` if the name is taken.
    func addUser(_ account: ModeratorAccount, audit: AuditRecord) async throws
    func user(named username: String) async throws -> ModeratorAccount?
    func users() async throws -> [ModeratorAccount]
    /// False if there was no such account.
    func removeUser(named username: String, audit: AuditRecord) async throws -> Bool
    /// False if there was no such account.
    func setPasswordHash(_ hash: String, forUser username: String, audit: AuditRecord) async throws -> Bool

    // MARK: Takedown and retention

    /// Keeps a taken-down entry's text in the trash, with its audit records, in one transaction. Returns its id.
    func addToTrash(_ item: TrashItem, audit: [AuditRecord]) async throws -> Int64
    /// The trash, oldest first.
    func trashItems() async throws -> [TrashItem]
    /// Removes what the sender typed from a submission now (a takedown with --purge), with its audit records.
    /// Throws `StoreError.notFound` if there is no such submission.
    func redact(reference: String, at date: Date, audit: [AuditRecord]) async throws
    /// Deletes pending submissions sent before `cutoff`, rejected ones decided before it, the original text of
    /// approved ones decided before it, and trash taken down before it; one `purged` audit row per item, all in
    /// one transaction.
    func purge(before cutoff: Date, at now: Date, actor: String) async throws -> PurgeSummary
}
