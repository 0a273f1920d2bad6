import Foundation
import GRDB
import Hummingbird
import ServiceLifecycle

/// Hummingbird's key/value store for login sessions, kept in the `session` table of the store's own database so
/// that moderators stay logged in across a restart of the daemon. Values are stored as JSON.
///
/// Expiry follows `MemoryPersistDriver`: a key is live until its expiry date has passed; an expired key reads as
/// absent (and `create` may reuse it) until `run()` or `SQLiteStore.purgeExpiredSessions` deletes it. Expiry dates
/// are wall-clock dates, so they keep their meaning across restarts.
///
/// Reads are answered from the store's `SessionCache` of the table when it has the key, which it does for every
/// session written or read since the daemon started: writes still commit to the file before they return. This
/// assumes one process writes sessions, the daemon; the CLI never does.
public struct SQLitePersistDriver: PersistDriver {
    public let store: SQLiteStore
    /// How often `run()` deletes expired sessions.
    public let tidyInterval: Duration
    private let now: @Sendable () -> Date

    /// - Parameters:
    ///   - now: The clock expiry is measured against; tests pass their own.
    public init(store: SQLiteStore, tidyInterval: Duration = .seconds(600),
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.tidyInterval = tidyInterval
        self.now = now
    }

    public func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        let json = try Self.encode(value)
        let now = now()
        let expiresAt = expires.map { now.addingTimeInterval($0.seconds).storedValue }
        let sessions = store.sessions
        let sequence = try await store.writer.write { db in
            if try Self.liveExpiry(key: key, now: now, db) != nil { throw PersistError.duplicate }
            try db.cachedStatement(sql: "INSERT OR REPLACE INTO session (key, value, expires_at) VALUES (?, ?, ?)")
                .execute(arguments: [key, json, expiresAt])
            return sessions.takeSequence()
        }
        sessions.committed(key, SessionCache.Row(json: json, expiresAt: expiresAt), sequence: sequence)
    }

    public func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        let json = try Self.encode(value)
        let now = now()
        let sessions = store.sessions
        let (expiresAt, sequence) = try await store.writer.write { db in
            // No new expiry keeps the live value's (per the protocol); an expired value's is not carried over.
            let expiresAt: Double? = if let expires {
                now.addingTimeInterval(expires.seconds).storedValue
            } else {
                try Self.liveExpiry(key: key, now: now, db)?.expiresAt
            }
            try db.cachedStatement(sql: "INSERT OR REPLACE INTO session (key, value, expires_at) VALUES (?, ?, ?)")
                .execute(arguments: [key, json, expiresAt])
            return (expiresAt, sessions.takeSequence())
        }
        sessions.committed(key, SessionCache.Row(json: json, expiresAt: expiresAt), sequence: sequence)
    }

    public func get<Object: Codable & Sendable>(key: String, as type: Object.Type) async throws -> Object? {
        try await getWithTTL(key: key, as: type)?.object
    }

    public func getWithTTL<Object: Codable & Sendable>(key: String, as type: Object.Type) async throws
        -> (object: Object, ttl: Duration?)?
    {
        let now = now()
        guard let row = try await row(key), row.expiresAt.map({ $0 >= now.storedValue }) ?? true else { return nil }
        let object: Object
        do {
            object = try JSONDecoder().decode(Object.self, from: Data(row.json.utf8))
        } catch is DecodingError {
            throw PersistError.invalidConversion
        }
        let ttl = row.expiresAt.map { Duration.seconds(Date(storedValue: $0).timeIntervalSince(now)) }
        return (object, ttl)
    }

    public func remove(key: String) async throws {
        let sessions = store.sessions
        let sequence = try await store.writer.write { db in
            try db.cachedStatement(sql: "DELETE FROM session WHERE key = ?").execute(arguments: [key])
            return sessions.takeSequence()
        }
        sessions.committed(key, nil, sequence: sequence)
    }

    /// The key's row, expired or not: from the store's cache of the table, else from the table.
    private func row(_ key: String) async throws -> SessionCache.Row? {
        let sessions = store.sessions
        if let known = sessions.row(key) { return known }
        let sequence = sessions.readSequence()
        let row = try await store.pool.read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT value, expires_at FROM session WHERE key = ?"), arguments: [key])
                .map { SessionCache.Row(json: $0["value"], expiresAt: $0["expires_at"]) }
        }
        sessions.read(key, row, sequence: sequence)
        return row
    }

    /// Nothing to release: the store owns the database.
    public func shutdown() async throws {}

    /// Deletes expired sessions every `tidyInterval` until graceful shutdown.
    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while true {
                    try await Task.sleep(for: tidyInterval)
                    // A failed tidy (say the file is busy) is tried again next time; expired keys read as absent.
                    try? await store.purgeExpiredSessions(now: now())
                }
            }
        } catch is CancellationError {}
    }

    // MARK: -

    private struct LiveRow { var expiresAt: Double? }

    /// The key's row if it has one that has not expired.
    private static func liveExpiry(key: String, now: Date, _ db: Database) throws -> LiveRow? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT expires_at FROM session WHERE key = ?"),
                                         arguments: [key])
        else { return nil }
        let expiresAt: Double? = row["expires_at"]
        if let expiresAt, expiresAt < now.storedValue { return nil }
        return LiveRow(expiresAt: expiresAt)
    }

    private static func encode(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }
}

extension Duration {
    /// The duration in seconds, attoseconds included.
    var seconds: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
