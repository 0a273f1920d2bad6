import Foundation
import GRDB

/// The store's part of a backup: a copy made with SQLite's online backup API while the daemon goes on writing, and
/// the checks a restored copy must pass.
///
/// Login sessions are left out of both. A session key in an archive is a way into a moderator's account for whoever
/// holds the archive, for as long as the session lives; and a restored daemon is a new start, so its moderators log
/// in again. So is the daemon's form-token key (the `secret` table): a restored daemon makes a new one. The rows are
/// deleted and the file vacuumed, so the keys are not left in free pages either.
public enum StoreSnapshot {
    public struct Summary: Sendable, Equatable {
        public var submissions: Int
        public var auditRecords: Int
        public var moderators: Int
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Copies the store at `source` into a new file at `destination`: one consistent moment of it (the backup runs
    /// in one read transaction), with no login sessions, as a single file in rollback-journal mode.
    @discardableResult
    public static func copy(from source: String, to destination: String) throws -> Summary {
        guard FileManager.default.fileExists(atPath: source) else {
            throw Failure(description: "there is no store at \(source). Check the database setting, or start the daemon once to create it.")
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(SQLiteStore.busyTimeout)
        configuration.label = "brightspots-backup-source"
        let pool = try DatabasePool(path: source, configuration: configuration)
        defer { try? pool.close() }
        let copy = try DatabaseQueue(path: destination)
        defer { try? copy.close() }
        try pool.backup(to: copy)
        return try copy.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = DELETE")
            try removeSessionsAndSecrets(db)
            try db.execute(sql: "VACUUM")
            try checkIntegrity(db, of: destination)
            return try summary(db)
        }
    }

    /// Checks a store taken out of an archive (`PRAGMA integrity_check`) and removes any login sessions and secret
    /// keys in it.
    @discardableResult
    public static func prepareRestored(_ path: String) throws -> Summary {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.writeWithoutTransaction { db in
            try checkIntegrity(db, of: path)
            try removeSessionsAndSecrets(db)
            return try summary(db)
        }
    }

    static func checkIntegrity(_ db: Database, of path: String) throws {
        let report = try String.fetchAll(db, sql: "PRAGMA integrity_check")
        guard report == ["ok"] else {
            throw Failure(description: "the store \(path) is damaged (SQLite's integrity check says: "
                          + report.prefix(5).joined(separator: "; ") + "). Use another backup.")
        }
    }

    /// Removes login sessions and the daemon's secret keys (a form-token key in an archive would let whoever holds
    /// it make tokens the restored daemon accepts).
    static func removeSessionsAndSecrets(_ db: Database) throws {
        if try db.tableExists("session") { try db.execute(sql: "DELETE FROM session") }
        if try db.tableExists("secret") { try db.execute(sql: "DELETE FROM secret") }
    }

    static func summary(_ db: Database) throws -> Summary {
        func count(_ table: String) throws -> Int {
            try db.tableExists(table) ? Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 : 0
        }
        return Summary(submissions: try count("submission"), auditRecords: try count("audit"),
                       moderators: try count("moderator"))
    }
}
