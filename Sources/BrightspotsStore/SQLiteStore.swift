import BrightspotsCore
import Foundation
import GRDB

/// The store in one SQLite file, through a GRDB `DatabasePool` in WAL mode.
///
/// Every write is one change with its audit records, committed with `synchronous = FULL` before the method
/// returns: an acknowledged submission survives `kill -9` and power loss. Changes asked for at the same time share
/// one immediate transaction (`GroupCommit`), each in its own savepoint, so concurrent submissions share an fsync.
/// The CLI and the daemon may open the same file at once; WAL lets their reads run beside one writer, and the
/// busy timeout makes a second writer wait for the first instead of failing.
public final class SQLiteStore: Sendable {
    /// The database file.
    public let path: String
    let pool: DatabasePool
    /// Every change goes through here (only `executeRaw` does not).
    let writer: GroupCommit
    /// The login sessions as committed, for `SQLitePersistDriver`: reading a session needs no database read.
    let sessions = SessionCache()

    /// How long a write waits for another connection's (or process's) write before failing with SQLITE_BUSY.
    public static let busyTimeout: TimeInterval = 10

    /// Opens the database at `path`, creating it and its tables if needed.
    public init(path: String) throws {
        self.path = path
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.label = "brightspots-store"
        // Deleted and purged text is overwritten with zeros in the file, not left in free pages.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA secure_delete = ON") }
        pool = try DatabasePool(path: path, configuration: configuration)
        writer = GroupCommit(pool: pool)
        // Only the pool's one writer connection writes. GRDB sets synchronous = NORMAL when it turns WAL on, after
        // any prepareDatabase hook has run, so FULL is set here, once the pool is open: with NORMAL a commit that
        // has returned can be lost to a power cut (though not to a crash of the process).
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            try Schema.migrator.migrate(pool)
        } catch {
            // Two processes opening a new file at the same moment can both decide "v1" is due; the second then
            // fails on CREATE TABLE once the first has committed. By now it has, so a second pass finds nothing to do.
            try Schema.migrator.migrate(pool)
        }
    }

    /// Closes the database's connections. Any later call on this store throws.
    public func close() throws {
        try pool.close()
    }

    /// Deletes login sessions that expired before `now`. Expired sessions are never returned anyway; this only
    /// keeps the table small.
    public func purgeExpiredSessions(now: Date = Date()) async throws {
        let sessions = sessions
        let (deleted, sequence) = try await writer.write { db in
            let expired = try String.fetchAll(db, sql: "SELECT key FROM session WHERE expires_at < ?",
                                              arguments: [now.storedValue])
            try db.execute(sql: "DELETE FROM session WHERE expires_at < ?", arguments: [now.storedValue])
            return (expired, sessions.takeSequence())
        }
        for key in deleted {
            sessions.committed(key, nil, sequence: sequence)
        }
    }
}

// MARK: - Secret keys

extension SQLiteStore {
    /// The secret key called `name`: `count` random bytes made on first use and kept in the store, so that what
    /// it signs stays valid across restarts of the daemon.
    public func secretKey(named name: String, count: Int = 32) async throws -> [UInt8] {
        try await writer.write { db in
            if let kept = try Data.fetchOne(db, sql: "SELECT value FROM secret WHERE name = ?", arguments: [name]),
               kept.count >= count {
                return Array(kept)
            }
            var generator = SystemRandomNumberGenerator()
            let made = (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            try db.execute(sql: "INSERT OR REPLACE INTO secret (name, value) VALUES (?, ?)",
                           arguments: [name, Data(made)])
            return made
        }
    }
}

// MARK: - Submissions and the audit log

extension SQLiteStore: SubmissionStore {
    public func add(_ submission: StoredSubmission, audit: AuditRecord) async throws {
        let columns = try SubmissionColumns(submission)
        try await writer.write { db in
            if try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM submission WHERE reference = ?"),
                                 arguments: [submission.reference]) == true {
                throw StoreError.duplicateReference(submission.reference)
            }
            try db.cachedStatement(sql: """
                INSERT INTO submission (reference, kind, status, submitted_at, decided_at, decided_by, reason,
                                        published_file, published_path, body, allowances, purged_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: columns.arguments)
            try Self.insert(audit, db)
        }
    }

    public func submission(reference: String) async throws -> StoredSubmission? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM submission WHERE reference = ?", arguments: [reference])
                .map(StoredSubmission.init(row:))
        }
    }

    public func submissions(status: SubmissionStatus?) async throws -> [StoredSubmission] {
        try await pool.read { db in
            // rowid breaks ties in insertion order, as MemoryStore does.
            let rows = if let status {
                try Row.fetchAll(db, sql: "SELECT * FROM submission WHERE status = ? ORDER BY submitted_at, rowid",
                                 arguments: [status.rawValue])
            } else {
                try Row.fetchAll(db, sql: "SELECT * FROM submission ORDER BY submitted_at, rowid")
            }
            return try rows.map(StoredSubmission.init(row:))
        }
    }

    public func update(_ submission: StoredSubmission, expected: SubmissionStatus, audit: [AuditRecord]) async throws {
        let columns = try SubmissionColumns(submission)
        try await writer.write { db in
            // Read and write in one savepoint of the writer's transaction: no other moderator can decide in between.
            guard let current = try String.fetchOne(db, sql: "SELECT status FROM submission WHERE reference = ?",
                                                    arguments: [submission.reference]) else {
                throw StoreError.notFound(submission.reference)
            }
            guard let status = SubmissionStatus(rawValue: current) else {
                throw UnreadableRow(table: "submission", column: "status", value: current)
            }
            guard status == expected else {
                throw StoreError.conflict(reference: submission.reference, status: status)
            }
            try db.execute(sql: """
                UPDATE submission SET kind = ?2, status = ?3, submitted_at = ?4, decided_at = ?5, decided_by = ?6,
                    reason = ?7, published_file = ?8, published_path = ?9, body = ?10, allowances = ?11,
                    purged_at = ?12
                WHERE reference = ?1
                """, arguments: columns.arguments)
            for record in audit {
                try Self.insert(record, db)
            }
        }
    }

    public func appendAudit(_ record: AuditRecord) async throws {
        try await writer.write { db in try Self.insert(record, db) }
    }

    public func audit(since: Date?) async throws -> [AuditRecord] {
        try await pool.read { db in
            let rows = if let since {
                try Row.fetchAll(db, sql: "SELECT * FROM audit WHERE at >= ? ORDER BY at, id",
                                 arguments: [since.storedValue])
            } else {
                try Row.fetchAll(db, sql: "SELECT * FROM audit ORDER BY at, id")
            }
            return try rows.map(AuditRecord.init(row:))
        }
    }

    /// The only statement that touches the audit table: an insert. The id is always the table's next.
    static func insert(_ record: AuditRecord, _ db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO audit (at, actor, action, reference, detail) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [record.at.storedValue, record.actor, record.action.rawValue, record.reference,
                                 record.detail])
    }

    // MARK: Moderator accounts

    public func addUser(_ account: ModeratorAccount, audit: AuditRecord) async throws {
        try await writer.write { db in
            // The column's NOCASE collation makes this, and the primary key, ignore ASCII case.
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM moderator WHERE username = ?",
                                 arguments: [account.username]) == true {
                throw StoreError.duplicateUser(account.username)
            }
            try db.execute(sql: "INSERT INTO moderator (username, password_hash, role, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [account.username, account.passwordHash, account.role.rawValue,
                                       account.createdAt.storedValue])
            try Self.insert(audit, db)
        }
    }

    public func user(named username: String) async throws -> ModeratorAccount? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM moderator WHERE username = ?", arguments: [username])
                .map(ModeratorAccount.init(row:))
        }
    }

    public func users() async throws -> [ModeratorAccount] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM moderator ORDER BY username").map(ModeratorAccount.init(row:))
        }
    }

    public func removeUser(named username: String, audit: AuditRecord) async throws -> Bool {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM moderator WHERE username = ?", arguments: [username])
            guard db.changesCount > 0 else { return false }
            try Self.insert(audit, db)
            return true
        }
    }

    public func setPasswordHash(_ hash: String, forUser username: String, audit: AuditRecord) async throws -> Bool {
        try await writer.write { db in
            try db.execute(sql: "UPDATE moderator SET password_hash = ? WHERE username = ?", arguments: [hash, username])
            guard db.changesCount > 0 else { return false }
            try Self.insert(audit, db)
            return true
        }
    }
}

// MARK: - Takedown and retention

extension SQLiteStore {
    public func addToTrash(_ item: TrashItem, audit: [AuditRecord]) async throws -> Int64 {
        try await writer.write { db in
            try db.execute(sql: """
                INSERT INTO trash (file, slug, title, text, reference, taken_down_at, taken_down_by, reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [item.file, item.slug, item.title, item.text, item.reference,
                                 item.takenDownAt.storedValue, item.takenDownBy, item.reason])
            let id = db.lastInsertedRowID
            for record in audit { try Self.insert(record, db) }
            return id
        }
    }

    public func trashItems() async throws -> [TrashItem] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM trash ORDER BY taken_down_at, id").map(TrashItem.init(row:))
        }
    }

    public func redact(reference: String, at date: Date, audit: [AuditRecord]) async throws {
        guard let stored = try await submission(reference: reference) else { throw StoreError.notFound(reference) }
        let columns = try SubmissionColumns(stored.redacted(at: date))
        try await writer.write { db in
            try db.execute(sql: """
                UPDATE submission SET body = ?10, allowances = ?11, reason = ?7, purged_at = ?12 WHERE reference = ?1
                """, arguments: columns.arguments)
            guard db.changesCount == 1 else { throw StoreError.notFound(reference) }
            for record in audit { try Self.insert(record, db) }
        }
        try await checkpoint()
    }

    public func purge(before cutoff: Date, at now: Date, actor: String) async throws -> PurgeSummary {
        let limit = cutoff.storedValue
        let summary = try await writer.write { db in
            var summary = PurgeSummary()
            summary.pending = try String.fetchAll(db, sql: """
                SELECT reference FROM submission WHERE status = 'pending' AND submitted_at < ? ORDER BY submitted_at, rowid
                """, arguments: [limit])
            summary.rejected = try String.fetchAll(db, sql: """
                SELECT reference FROM submission WHERE status = 'rejected' AND coalesce(decided_at, submitted_at) < ?
                ORDER BY submitted_at, rowid
                """, arguments: [limit])
            summary.redacted = try String.fetchAll(db, sql: """
                SELECT reference FROM submission WHERE status = 'approved' AND purged_at IS NULL
                AND coalesce(decided_at, submitted_at) < ? ORDER BY submitted_at, rowid
                """, arguments: [limit])
            summary.trash = try Int64.fetchAll(db, sql: "SELECT id FROM trash WHERE taken_down_at < ? ORDER BY id",
                                               arguments: [limit])
            for reference in summary.pending + summary.rejected {
                try db.execute(sql: "DELETE FROM submission WHERE reference = ?", arguments: [reference])
            }
            for reference in summary.redacted {
                // What the sender typed goes; the kind stays inside the body so the row still reads back.
                let kind = try String.fetchOne(db, sql: "SELECT kind FROM submission WHERE reference = ?",
                                               arguments: [reference]) ?? ""
                try db.execute(sql: """
                    UPDATE submission SET body = ?, allowances = ?, reason = NULL, purged_at = ? WHERE reference = ?
                    """, arguments: [try Self.redactedBody(kind: kind), "[]", now.storedValue, reference])
            }
            for id in summary.trash {
                try db.execute(sql: "DELETE FROM trash WHERE id = ?", arguments: [id])
            }
            for record in summary.auditRecords(actor: actor, at: now) { try Self.insert(record, db) }
            return summary
        }
        if !summary.isEmpty { try await checkpoint() }
        return summary
    }

    /// The body column of a redacted submission: an empty submission of the same kind.
    static func redactedBody(kind: String) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(Submission(kind: kind)), as: UTF8.self)
    }

    /// Copies the write-ahead log into the database file and empties it, so removed text is not left in the log.
    func checkpoint() async throws {
        try await pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
    }
}

// MARK: - Diagnostics (tests reach these through @testable import)

extension SQLiteStore {
    /// The value of a pragma on the writer connection, e.g. "journal_mode" → "wal", "synchronous" → "2".
    func pragma(_ name: String) async throws -> String? {
        try await pool.writeWithoutTransaction { db in
            try String.fetchOne(db, sql: "PRAGMA \(name)")
        }
    }

    /// Runs raw SQL in its own transaction, as a person at the sqlite3 shell could.
    func executeRaw(_ sql: String) async throws {
        try await pool.write { db in try db.execute(sql: sql) }
        sessions.removeAll()  // it may have changed the session table
    }
}
