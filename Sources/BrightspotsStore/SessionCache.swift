import Synchronization

/// The `session` table's rows as last committed, kept in memory so that reading a visitor's session (every page
/// they ask for) needs no trip to a database connection: that trip was the largest cost of serving a form page
/// to a returning visitor.
///
/// The daemon is the only process that writes sessions (the CLI never touches them), and every write goes through
/// `SQLitePersistDriver` on one `SQLiteStore`, which owns this cache; so the cache is the table as long as it
/// is told about every committed write. Writes and reads race, so each entry carries the sequence number of
/// what it was made from:
/// - a write takes its number inside its transaction, where writes run one at a time in commit order, and
///   after its commit replaces the entry unless the entry comes from a later write;
/// - a read from the database takes the number of the last write known to have committed before it began,
///   and fills in only a missing entry. Writes numbered after that may or may not be in what it read; each of
///   them replaces the entry once committed, so the newest committed value wins either way.
/// A failed write changes nothing. Deleted keys are kept as tombstones. Past `capacity` entries the cache is
/// emptied and fills again from the table; reads that began before the emptying are not kept.
final class SessionCache: Sendable {
    /// A row of the session table; `nil` in an entry: no such row.
    struct Row: Sendable, Equatable {
        var json: String
        /// Seconds since 2001 (`StoredDate`); nil: never expires.
        var expiresAt: Double?
    }

    private struct Entry {
        var row: Row?
        var sequence: UInt64
    }

    private struct State {
        var entries: [String: Entry] = [:]
        /// The last number a write took.
        var lastTaken: UInt64 = 0
        /// The highest number of a write known to have committed.
        var lastCommitted: UInt64 = 0
        /// When entries were last dropped, the last number taken: a read that began before then may be older than
        /// a write whose entry was dropped, so it is not kept.
        var floor: UInt64 = 0
        /// The JSON kept, in bytes (a session holding a draft can be large).
        var bytes = 0
    }

    /// At most this many entries, and this many bytes of JSON (a session with a draft holds its text).
    let capacity: Int
    let maximumBytes: Int
    private let state = Mutex(State())

    init(capacity: Int = 20_000, maximumBytes: Int = 32 << 20) {
        self.capacity = capacity
        self.maximumBytes = maximumBytes
    }

    /// The entry for `key`: `.some(nil)` when the key is known to have no row, `nil` when the cache does not know.
    func row(_ key: String) -> Row?? {
        state.withLock { state in state.entries[key].map(\.row) }
    }

    /// Called inside the write's transaction, on the writer: numbers writes in the order they commit.
    func takeSequence() -> UInt64 {
        state.withLock { state in
            state.lastTaken += 1
            return state.lastTaken
        }
    }

    /// After the write numbered `sequence` has committed: `key` now holds `row` (nil: deleted).
    func committed(_ key: String, _ row: Row?, sequence: UInt64) {
        state.withLock { state in
            state.lastCommitted = max(state.lastCommitted, sequence)
            if let entry = state.entries[key], entry.sequence > sequence { return }
            store(Entry(row: row, sequence: sequence), for: key, in: &state)
        }
    }

    /// Taken before reading a row from the database: every write up to this number is in what the read sees.
    func readSequence() -> UInt64 {
        state.withLock { $0.lastCommitted }
    }

    /// What a database read that began at `sequence` found for `key`. Kept only if nothing is known of the key yet.
    func read(_ key: String, _ row: Row?, sequence: UInt64) {
        state.withLock { state in
            guard state.entries[key] == nil, sequence >= state.floor,
                  (row?.json.utf8.count ?? 0) <= maximumBytes / 16 else { return }
            store(Entry(row: row, sequence: sequence), for: key, in: &state)
        }
    }

    /// Drops every entry (the table may have been changed behind the cache's back: raw SQL in tests).
    func removeAll() {
        state.withLock { state in Self.empty(&state) }
    }

    var count: Int { state.withLock { $0.entries.count } }

    private func store(_ entry: Entry, for key: String, in state: inout State) {
        let size = entry.row?.json.utf8.count ?? 0
        guard size <= maximumBytes / 16 else {
            // Too large to keep: emptying also drops what was kept for this key, and its reads go to the table.
            Self.empty(&state)
            return
        }
        let replaced = state.entries[key]?.row?.json.utf8.count ?? 0
        if state.entries[key] == nil && state.entries.count >= capacity || state.bytes - replaced + size > maximumBytes {
            Self.empty(&state)  // what is missing is read again from the table
        }
        state.bytes += size - (state.entries[key]?.row?.json.utf8.count ?? 0)
        state.entries[key] = entry
    }

    private static func empty(_ state: inout State) {
        state.entries.removeAll(keepingCapacity: true)
        state.bytes = 0
        state.floor = state.lastTaken
    }
}
