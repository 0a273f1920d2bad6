import BrightspotsCore
import Foundation

/// An entry taken off the site and kept, for the retention period, where only the store can reach it: the
/// Markdown file's text as it was, so a takedown made in error can be undone and nothing is lost by mistake.
public struct TrashItem: Codable, Sendable, Hashable {
    /// Assigned by the store.
    public var id: Int64?
    /// The entry file, relative to the project: `Content/<kind>/<yyyy>/<slug>.md`.
    public var file: String
    public var slug: String
    public var title: String
    /// The file's text, byte for byte.
    public var text: String
    /// The submission the entry was published from, when it came through the daemon.
    public var reference: String?
    public var takenDownAt: Date
    public var takenDownBy: String
    public var reason: String

    public init(id: Int64? = nil, file: String, slug: String, title: String, text: String, reference: String? = nil,
                takenDownAt: Date, takenDownBy: String, reason: String) {
        self.id = id
        self.file = file
        self.slug = slug
        self.title = title
        self.text = text
        self.reference = reference
        self.takenDownAt = takenDownAt
        self.takenDownBy = takenDownBy
        self.reason = reason
    }
}

/// How long raw text is kept. Measured from when a submission was sent (pending), decided (rejected, approved)
/// or an entry was taken down (trash).
public struct RetentionPolicy: Sendable, Equatable {
    public var days: Int

    public init(days: Int) {
        self.days = days
    }

    /// Records dated before this are due for purging at `now`.
    public func cutoff(at now: Date) -> Date {
        now.addingTimeInterval(-Double(days) * 86_400)
    }

    /// When something dated `date` falls due.
    public func expiry(of date: Date) -> Date {
        date.addingTimeInterval(Double(days) * 86_400)
    }
}

/// What one purge removed. The audit log gets one `purged` row per item, naming its reference, never its text.
public struct PurgeSummary: Sendable, Equatable {
    /// Pending submissions deleted.
    public var pending: [String] = []
    /// Rejected submissions deleted.
    public var rejected: [String] = []
    /// Approved submissions whose original text was removed (the row, its status and page address stay).
    public var redacted: [String] = []
    /// Trash items deleted, by id.
    public var trash: [Int64] = []

    public init(pending: [String] = [], rejected: [String] = [], redacted: [String] = [], trash: [Int64] = []) {
        self.pending = pending
        self.rejected = rejected
        self.redacted = redacted
        self.trash = trash
    }

    public var isEmpty: Bool { pending.isEmpty && rejected.isEmpty && redacted.isEmpty && trash.isEmpty }
    public var count: Int { pending.count + rejected.count + redacted.count + trash.count }

    /// The audit rows a purge appends: one per item, with the reference and the kind of record, not the text.
    func auditRecords(actor: String, at now: Date) -> [AuditRecord] {
        pending.map { AuditRecord(at: now, actor: actor, action: .purged, reference: $0, detail: "pending submission") }
            + rejected.map { AuditRecord(at: now, actor: actor, action: .purged, reference: $0, detail: "rejected submission") }
            + redacted.map {
                AuditRecord(at: now, actor: actor, action: .purged, reference: $0, detail: "original text of approved submission")
            }
            + trash.map { AuditRecord(at: now, actor: actor, action: .purged, detail: "trash item \($0)") }
    }
}

extension StoredSubmission {
    /// The submission with everything the sender typed removed: what a purge leaves of an approved one. The
    /// kind, status, dates, deciding moderator and page address stay, so the status API still answers.
    func redacted(at date: Date) -> StoredSubmission {
        var copy = self
        copy.submission = Submission(kind: submission.kind)
        copy.allowances = []
        copy.reason = nil
        copy.purgedAt = date
        return copy
    }
}
