import BrightspotsCore
import Foundation
import GRDB

/// A submission's column values, encoded before the write so the transaction only binds them.
struct SubmissionColumns {
    let arguments: StatementArguments

    init(_ stored: StoredSubmission) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let body = String(decoding: try encoder.encode(stored.submission), as: UTF8.self)
        let allowances = String(decoding: try encoder.encode(stored.allowances), as: UTF8.self)
        arguments = [stored.reference, stored.submission.kind, stored.status.rawValue, stored.submittedAt.storedValue,
                     stored.decidedAt?.storedValue, stored.decidedBy, stored.reason, stored.publishedFile,
                     stored.publishedPath, body, allowances, stored.purgedAt?.storedValue]
    }
}

extension StoredSubmission {
    init(row: Row) throws {
        let decoder = JSONDecoder()
        let body: String = row["body"]
        let allowances: String = row["allowances"]
        let status: String = row["status"]
        guard let submissionStatus = SubmissionStatus(rawValue: status) else {
            throw UnreadableRow(table: "submission", column: "status", value: status)
        }
        self.init(
            reference: row["reference"],
            submission: try decoder.decode(Submission.self, from: Data(body.utf8)),
            status: submissionStatus,
            submittedAt: Date(storedValue: row["submitted_at"]),
            decidedAt: (row["decided_at"] as Double?).map(Date.init(storedValue:)),
            decidedBy: row["decided_by"],
            reason: row["reason"],
            publishedFile: row["published_file"],
            publishedPath: row["published_path"],
            allowances: try decoder.decode([PrivacyAllowance].self, from: Data(allowances.utf8)),
            purgedAt: (row["purged_at"] as Double?).map(Date.init(storedValue:)))
    }
}

extension ModeratorAccount {
    init(row: Row) throws {
        let role: String = row["role"]
        guard let moderatorRole = ModeratorRole(rawValue: role) else {
            throw UnreadableRow(table: "moderator", column: "role", value: role)
        }
        self.init(username: row["username"], passwordHash: row["password_hash"], role: moderatorRole,
                  createdAt: Date(storedValue: row["created_at"]))
    }
}

extension AuditRecord {
    init(row: Row) throws {
        let action: String = row["action"]
        guard let auditAction = AuditAction(rawValue: action) else {
            throw UnreadableRow(table: "audit", column: "action", value: action)
        }
        self.init(id: row["id"], at: Date(storedValue: row["at"]), actor: row["actor"], action: auditAction,
                  reference: row["reference"], detail: row["detail"])
    }
}

extension TrashItem {
    init(row: Row) {
        self.init(id: row["id"], file: row["file"], slug: row["slug"], title: row["title"], text: row["text"],
                  reference: row["reference"], takenDownAt: Date(storedValue: row["taken_down_at"]),
                  takenDownBy: row["taken_down_by"], reason: row["reason"])
    }
}
