import BrightspotsCore
import Foundation
import GRDB
import Synchronization

/// What one output file was made from and what it holds.
struct FileRecord: Sendable, Equatable {
    /// The digest of the template and view the page was rendered from; nil for files made without a template.
    var input: Fingerprint?
    /// The file's `QuickInputs` input when it was made; nil if it had none.
    var quick: Fingerprint? = nil
    /// For a page that shows only a few entries (an entry page), its narrow input when it was made
    /// (`QuickInputs.input(file:template:bodies:shown:)`): looked at when `quick` differs; nil for other files.
    var narrow: Fingerprint? = nil
    /// What decides the file's bytes: the same digest, the same bytes. For a page, its `input` (rendering the same
    /// template and view gives the same bytes, and hashing every page's HTML again cost more than a percent of a
    /// build); for any other file, the digest of its bytes.
    var digest: Fingerprint
}

/// The files of one site folder, as the cache last left it.
struct FolderRecord: Sendable {
    var identity: FolderIdentity
    var files: [String: FileRecord]
}

/// An output folder and its spare: the folder the previous build swapped out, which the next build brings up to
/// date (only the files that differ) and swaps back in.
struct OutputRecord: Sendable {
    var live: FolderRecord?
    var spare: FolderRecord?
}

/// An entry file as last parsed.
struct SourceRecord: Sendable {
    var stamp: FileStamp
    var vocabulary: Fingerprint
    var entry: Entry?
    var problems: [Problem]
    var digest: EntryDigest?
}

/// What a build keeps for the next one: parsed entry files (in memory), bodies rendered by discount, and for each
/// output folder the digest of every file in it and of what each page was rendered from.
///
/// `BuildCache.memory()` lives as long as the process (`serve`, the daemon's publisher); `BuildCache.open(file)`
/// also keeps bodies and folder records in SQLite, so that one `brightspots build` helps the next. The cache is
/// only ever an accelerator: a build with it writes the same bytes as a build without it (a test checks), and
/// anything it cannot vouch for (a folder replaced behind its back, a missing record) is rebuilt.
public final class BuildCache: @unchecked Sendable {
    /// One build at a time per cache.
    let buildLock = NSLock()
    let database: DatabasePool?
    let state = Mutex(CacheState())

    struct CacheState: Sendable {
        var sources: [String: SourceRecord] = [:]
        var bodies: [Fingerprint: String] = [:]
        /// Search-term counts by body, kept in memory for the life of the process.
        var terms: [Fingerprint: BodyTerms] = [:]
        /// The numbers `terms` are written in.
        var termTable = TermTable()
        /// Bodies stored in the database, which may not be in `bodies`.
        var storedBodies: Set<Fingerprint> = []
        var outputs: [String: OutputRecord] = [:]
        /// Outputs whose records were read from the database.
        var loadedOutputs: Set<String> = []
        /// Body keys of the last build's bodies with `[[slug]]` links, by the digest of their Markdown and of the
        /// titles and addresses of the entries they link to.
        var resolvedKeys: [Fingerprint: Fingerprint] = [:]
        /// What was made from front matter only (the tallies, part of the search index), by name, with the
        /// `QuickInputs.site` it was made under.
        var remembered: [String: (site: Fingerprint, value: any Sendable)] = [:]
        /// The last build's visible entries, indexed, while nothing but bodies changes (`IndexMemo`).
        var index: IndexMemo?
        /// The last search index's words and postings, in a process that builds again (`expectRebuilds`).
        var search: SearchState?
        var rebuilds = false
    }

    init(database: DatabasePool?) {
        self.database = database
    }

    private let parts = PartMemory()

    /// Where cards are kept for the next build; nil for a process that builds once.
    var partMemory: PartMemory? { database == nil || state.withLock({ $0.rebuilds }) ? parts : nil }

    /// The last build's index if it was made under `key`, handed over (the cache lets go of it, so it can be
    /// changed in place); nil otherwise.
    func takeIndex(_ key: Fingerprint) -> IndexMemo? {
        state.withLock { state in
            guard let memo = state.index, memo.key == key else { return nil }
            state.index = nil
            return memo
        }
    }

    func keepIndex(_ memo: IndexMemo) { state.withLock { $0.index = memo } }

    /// Says this process will build again with this cache (`serve`, the daemon's publisher), so it is worth keeping
    /// what only helps a next build in the same process: the search index's state. Always so for a cache in memory.
    public func expectRebuilds() { state.withLock { $0.rebuilds = true } }

    /// Whether a search state is kept (from the last build that made the search index).
    var hasSearchState: Bool { state.withLock { $0.search != nil } }

    /// Where the search index keeps its state between builds; nil for a process that builds once.
    func searchMemory(site: Fingerprint?, bodyKey: @escaping @Sendable (Entry) -> Fingerprint?) -> SearchMemory? {
        guard database == nil || state.withLock({ $0.rebuilds }) else { return nil }
        return SearchMemory(site: site, bodyKey: bodyKey,
                            take: { [self] in state.withLock { state in defer { state.search = nil }; return state.search } },
                            keep: { [self] search in state.withLock { $0.search = search } })
    }

    /// A cache held in memory for the life of the process.
    public static func memory() -> BuildCache { BuildCache(database: nil) }

    /// A cache in an SQLite file (created if missing). A file that cannot be read as a cache is replaced.
    public static func open(_ file: URL) throws -> BuildCache {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        do {
            return BuildCache(database: try openDatabase(file))
        } catch {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file.path + suffix) }
            return BuildCache(database: try openDatabase(file))
        }
    }

    /// The cache file for a project: `.brightspots/cache.sqlite` in the project folder (git-ignored).
    public static func defaultFile(for project: ProjectFiles) -> URL {
        project.root.appendingPathComponent(".brightspots/cache.sqlite")
    }

    static func openDatabase(_ file: URL) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        // A takedown empties the cache: what it held is overwritten in the file, not left in free pages.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA secure_delete = ON") }
        let pool = try DatabasePool(path: file.path, configuration: configuration)
        var migrator = DatabaseMigrator()
        // The cache can always be rebuilt: a file made by another version of the schema is emptied, not migrated.
        migrator.eraseDatabaseOnSchemaChange = true
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE body (key BLOB PRIMARY KEY, html TEXT NOT NULL) WITHOUT ROWID;
                CREATE TABLE folder (output TEXT NOT NULL, role TEXT NOT NULL, device INTEGER NOT NULL,
                                     inode INTEGER NOT NULL, modified INTEGER NOT NULL,
                                     PRIMARY KEY (output, role)) WITHOUT ROWID;
                CREATE TABLE file (device INTEGER NOT NULL, inode INTEGER NOT NULL, path TEXT NOT NULL,
                                   input BLOB, digest BLOB NOT NULL, PRIMARY KEY (device, inode, path)) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v2") { db in
            try db.execute(sql: "ALTER TABLE file ADD COLUMN quick BLOB")
        }
        migrator.registerMigration("v3") { db in
            try db.execute(sql: "ALTER TABLE file ADD COLUMN narrow BLOB")
        }
        try migrator.migrate(pool)
        return pool
    }

    /// Forgets everything, in memory and on disk: the next build renders and writes every file. With
    /// `keepingBodies`, bodies the database holds stay there (never read by the build that follows, which renders
    /// every body): that build's commit deletes those it did not render and adds only those missing
    /// (`commit(pruningBodies:)`), rather than every body being overwritten with zeros and written again, which was
    /// a tenth of a clean build. A takedown keeps nothing.
    public func reset(keepingBodies: Bool = false) throws {
        state.withLock { state in
            let rebuilds = state.rebuilds
            state = CacheState()
            state.rebuilds = rebuilds
        }
        try database?.write { db in
            try db.execute(sql: keepingBodies ? "DELETE FROM folder; DELETE FROM file;"
                                              : "DELETE FROM body; DELETE FROM folder; DELETE FROM file;")
        }
    }

    /// The cache's files on disk (the database and its write-ahead log), none for a cache in memory.
    public var files: [URL] {
        guard let database else { return [] }
        return ["", "-wal", "-shm"].map { URL(fileURLWithPath: database.path + $0) }
    }

    /// Closes the database, for a process about to exit with what a build made still referring to the cache, which
    /// would otherwise never be closed. The write-ahead log is copied into the database first and emptied: GRDB
    /// closes its writer before its readers, so SQLite does not delete the log on close (GRDB issue 739), and it
    /// would be left holding the last build's rows. Nothing can be read or written afterwards.
    public func close() throws {
        try checkpoint()
        try database?.close()
    }

    /// Copies the write-ahead log into the database and empties it, so rows deleted by `reset` or a build are not
    /// left in the log.
    public func checkpoint() throws {
        try database?.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
    }

    // MARK: Bodies

    /// Keys of the bodies the database holds, read once.
    func loadBodyKeys() throws {
        guard let database else { return }
        let keys = try database.read { db in try Data.fetchAll(db, sql: "SELECT key FROM body") }
        state.withLock { $0.storedBodies = Set(keys.compactMap(Fingerprint.init(data:))) }
    }

    func hasBody(_ key: Fingerprint) -> Bool {
        state.withLock { $0.bodies[key] != nil || $0.storedBodies.contains(key) }
    }

    /// A body's HTML from memory or the database.
    func body(_ key: Fingerprint) -> String? {
        let (memory, stored) = state.withLock { ($0.bodies[key], $0.storedBodies.contains(key)) }
        if let memory { return memory }
        guard stored, let database else { return nil }
        let html = try? database.read { db in
            try String.fetchOne(db, sql: "SELECT html FROM body WHERE key = ?", arguments: [key.data])
        }
        return html
    }

    /// The kept search words of those of these bodies that have them.
    func terms(_ keys: [Fingerprint]) -> [Fingerprint: BodyTerms] {
        state.withLock { state in
            var found: [Fingerprint: BodyTerms] = [:]
            found.reserveCapacity(keys.count)
            for key in keys { if let terms = state.terms[key] { found[key] = terms } }
            return found
        }
    }

    var termTable: TermTable { state.withLock { $0.termTable } }

    func keepTerms(_ terms: [Fingerprint: BodyTerms]) {
        guard !terms.isEmpty else { return }
        state.withLock { $0.terms.merge(terms) { _, new in new } }
    }

    /// Bodies kept in memory by a long-running process, or handed to the database at the end of the build.
    func keepBodies(_ rendered: [Fingerprint: String], used: Set<Fingerprint>) {
        state.withLock { state in
            state.terms = state.terms.filter { used.contains($0.key) }
            if database == nil {
                // The process keeps the bodies this build used and no others.
                var kept: [Fingerprint: String] = [:]
                for key in used { if let html = rendered[key] ?? state.bodies[key] { kept[key] = html } }
                state.bodies = kept
            } else {
                state.bodies = [:]
            }
        }
    }

    /// What `make` gives, kept under `name` while `site` (a `QuickInputs.site`) stays the same: for what depends on
    /// front matter only.
    func remembered<Value: Sendable>(_ name: String, _ site: Fingerprint?, _ make: () -> Value) -> Value {
        if let site, let known = state.withLock({ $0.remembered[name] }), known.site == site,
           let value = known.value as? Value {
            return value
        }
        let value = make()
        state.withLock { $0.remembered[name] = site.map { ($0, value) } }
        return value
    }

    func resolvedKey(_ memo: Fingerprint) -> Fingerprint? { state.withLock { $0.resolvedKeys[memo] } }

    func keepResolvedKeys(_ keys: [Fingerprint: Fingerprint]) { state.withLock { $0.resolvedKeys = keys } }

    // MARK: Sources

    /// The entry files as last parsed, by path.
    /// The parsed entry files, handed over (the cache lets go of them, so they can be changed in place and kept
    /// again with `keepSources`).
    func takeSources() -> [String: SourceRecord] {
        state.withLock { state in
            defer { state.sources = [:] }
            return state.sources
        }
    }

    func keepSources(_ sources: [String: SourceRecord]) { state.withLock { $0.sources = sources } }

    // MARK: Folders

    /// The records for an output folder and its spare, read from the database the first time.
    func outputRecord(_ output: String) throws -> OutputRecord {
        if let loaded = state.withLock({ $0.loadedOutputs.contains(output) ? $0.outputs[output] ?? OutputRecord() : nil }) {
            return loaded
        }
        var record = OutputRecord()
        if let database {
            record = try database.read { db in
                var record = OutputRecord()
                for row in try Row.fetchAll(db, sql: "SELECT role, device, inode, modified FROM folder WHERE output = ?",
                                            arguments: [output]) {
                    let identity = FolderIdentity(device: UInt64(bitPattern: row["device"]),
                                                  inode: UInt64(bitPattern: row["inode"]), modified: row["modified"])
                    var files: [String: FileRecord] = [:]
                    let rows = try Row.fetchCursor(db, sql: "SELECT path, input, quick, narrow, digest FROM file WHERE device = ? AND inode = ?",
                                                   arguments: [Int64(bitPattern: identity.device), Int64(bitPattern: identity.inode)])
                    while let file = try rows.next() {
                        guard let digest = Fingerprint(data: file["digest"]) else { continue }
                        let input = (file["input"] as Data?).flatMap(Fingerprint.init(data:))
                        let quick = (file["quick"] as Data?).flatMap(Fingerprint.init(data:))
                        let narrow = (file["narrow"] as Data?).flatMap(Fingerprint.init(data:))
                        files[file["path"]] = FileRecord(input: input, quick: quick, narrow: narrow, digest: digest)
                    }
                    let folder = FolderRecord(identity: identity, files: files)
                    if row["role"] == "live" { record.live = folder } else { record.spare = folder }
                }
                return record
            }
        }
        state.withLock {
            $0.outputs[output] = record
            $0.loadedOutputs.insert(output)
        }
        return record
    }

    /// Records that the spare folder is about to change: until `commit` it is not trusted.
    func markSpareDirty(_ output: String) throws {
        state.withLock { $0.outputs[output]?.spare = nil }
        try database?.write { db in
            try db.execute(sql: "DELETE FROM folder WHERE output = ? AND role = 'spare'", arguments: [output])
        }
    }

    /// Records the folders after a swap, and the bodies rendered by discount this build. `changed` are the paths
    /// whose records differ in `live` from what the database holds for that folder (nil: write them all). With
    /// `pruningBodies` (after `reset(keepingBodies:)`, `newBodies` being every body of the build), the database
    /// keeps exactly those bodies: others are deleted and only missing ones written.
    func commit(output: String, live: FolderRecord, spare: FolderRecord?, changed: Set<String>?, removed: Set<String>,
                newBodies: [Fingerprint: String], pruningBodies: Bool = false) throws {
        state.withLock {
            $0.outputs[output] = OutputRecord(live: live, spare: spare)
            $0.loadedOutputs.insert(output)
            // Only a database stores bodies; a cache in memory keeps just those its last build used (`keepBodies`).
            if database != nil { $0.storedBodies.formUnion(newBodies.keys) }
        }
        guard let database else { return }
        try database.write { db in
            let keepIdentities = [live.identity] + (spare.map { [$0.identity] } ?? [])
            // Rows of folders that are neither live nor spare any more.
            let old = try Row.fetchAll(db, sql: "SELECT device, inode FROM folder WHERE output = ?", arguments: [output])
            for row in old {
                let device = UInt64(bitPattern: row["device"])
                let inode = UInt64(bitPattern: row["inode"])
                if !keepIdentities.contains(where: { $0.device == device && $0.inode == inode }) {
                    try db.execute(sql: "DELETE FROM file WHERE device = ? AND inode = ?",
                                                  arguments: [Int64(bitPattern: device), Int64(bitPattern: inode)])
                }
            }
            try db.execute(sql: "DELETE FROM folder WHERE output = ?", arguments: [output])
            for (role, folder) in [("live", Optional(live)), ("spare", spare)] {
                guard let folder else { continue }
                try db.execute(sql: "INSERT INTO folder (output, role, device, inode, modified) VALUES (?, ?, ?, ?, ?)",
                               arguments: [output, role, Int64(bitPattern: folder.identity.device),
                                           Int64(bitPattern: folder.identity.inode), folder.identity.modified])
            }
            let device = Int64(bitPattern: live.identity.device)
            let inode = Int64(bitPattern: live.identity.inode)
            if changed == nil {
                try db.execute(sql: "DELETE FROM file WHERE device = ? AND inode = ?", arguments: [device, inode])
            }
            let insert = try db.makeStatement(sql: """
                INSERT OR REPLACE INTO file (device, inode, path, input, quick, narrow, digest) VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            for path in changed ?? Set(live.files.keys) {
                guard let file = live.files[path] else { continue }
                try insert.execute(arguments: [device, inode, path, file.input?.data, file.quick?.data, file.narrow?.data,
                                               file.digest.data])
            }
            let delete = try db.makeStatement(sql: "DELETE FROM file WHERE device = ? AND inode = ? AND path = ?")
            for path in removed { try delete.execute(arguments: [device, inode, path]) }
            var stored: Set<Fingerprint> = []
            if pruningBodies {
                let delete = try db.makeStatement(sql: "DELETE FROM body WHERE key = ?")
                for data in try Data.fetchAll(db, sql: "SELECT key FROM body") {
                    if let key = Fingerprint(data: data), newBodies[key] != nil {
                        stored.insert(key)
                    } else {
                        try delete.execute(arguments: [data])
                    }
                }
            }
            let body = try db.makeStatement(sql: "INSERT OR IGNORE INTO body (key, html) VALUES (?, ?)")
            for (key, html) in newBodies where !stored.contains(key) { try body.execute(arguments: [key.data, html]) }
        }
    }
}

/// The visible entries of the last build, indexed, with the key of what decided their order and indexes: every
/// entry file's `EntryDigest.meta` (path, front matter, summary, link targets), the configuration and forum files,
/// and the audience. While that key holds, only bodies have changed: the index is the same but for the entries
/// themselves, which are put in place, and the checks of the index stage (duplicate slugs, links, forum months),
/// which the last build passed, still pass. Rebuilding the collection of ten thousand entries on every keystroke
/// under `serve --watch` cost more than the rest of the index stage.
struct IndexMemo: Sendable {
    var key: Fingerprint
    var visible: ContentCollection
    /// Each entry file's body key (`EntryDigest.rawBody`) as indexed.
    var bodies: [String: Fingerprint]

    /// The key for `loaded` and `audience`; nil when some entry has no digest.
    static func key(_ loaded: LoadedContent, audience: Audience) -> Fingerprint? {
        guard let config = loaded.configDigest else { return nil }
        var parts = [config, Fingerprint.of(audience.rawValue)]
        parts.reserveCapacity(loaded.entries.count + 2)
        for entry in loaded.entries {
            guard let digest = loaded.digests[entry.file] else { return nil }
            parts.append(digest.meta)
        }
        return Fingerprint.combining(parts)
    }

    /// Puts in place the entries whose bodies changed.
    mutating func update(_ loaded: LoadedContent) {
        var changed: [Int] = []
        loaded.entries.forEachInPlace { entry, position in
            if let body = loaded.digests[entry.file]?.rawBody, bodies[entry.file] != body { changed.append(position) }
        }
        for position in changed {
            let entry = loaded.entries[position]
            visible.replace(entry)
            bodies[entry.file] = loaded.digests[entry.file]?.rawBody
        }
    }
}
