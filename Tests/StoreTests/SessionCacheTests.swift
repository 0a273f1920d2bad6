import Foundation
import Testing
@testable import BrightspotsStore

/// The in-memory copy of the session table must end as the table does, whatever order commits and reads finish in.
@Suite struct SessionCacheTests {
    static func row(_ text: String) -> SessionCache.Row { SessionCache.Row(json: "\"\(text)\"", expiresAt: nil) }

    @Test func aWriteCommittedAfterAReadBeganReplacesWhatTheReadFound() {
        let cache = SessionCache()
        let read = cache.readSequence()
        let write = cache.takeSequence()
        cache.read("k", Self.row("old"), sequence: read)  // read before the write committed
        cache.committed("k", Self.row("new"), sequence: write)
        #expect(cache.row("k") == .some(Self.row("new")))
    }

    @Test func aReadThatFinishesAfterAWriteCommittedDoesNotReplaceIt() {
        let cache = SessionCache()
        let read = cache.readSequence()
        let write = cache.takeSequence()
        cache.committed("k", Self.row("new"), sequence: write)
        cache.read("k", Self.row("old"), sequence: read)
        #expect(cache.row("k") == .some(Self.row("new")))
        // Nor one that began after it.
        cache.read("k", Self.row("other"), sequence: cache.readSequence())
        #expect(cache.row("k") == .some(Self.row("new")))
    }

    @Test func ofTwoWritesTheLaterCommitWinsInWhateverOrderTheyReport() {
        let cache = SessionCache()
        let first = cache.takeSequence()
        let second = cache.takeSequence()
        cache.committed("k", Self.row("second"), sequence: second)
        cache.committed("k", Self.row("first"), sequence: first)
        #expect(cache.row("k") == .some(Self.row("second")))
        let removal = cache.takeSequence()
        cache.committed("k", nil, sequence: removal)
        #expect(cache.row("k") == .some(nil))  // known to be gone
        #expect(cache.row("unknown") == nil)   // not known
    }

    @Test func afterEmptyingAReadThatBeganBeforeIsNotKept() {
        let cache = SessionCache(capacity: 2)
        let read = cache.readSequence()
        let write = cache.takeSequence()
        cache.committed("k", Self.row("new"), sequence: write)
        cache.removeAll()
        cache.read("k", Self.row("old"), sequence: read)
        #expect(cache.row("k") == nil)
        cache.read("k", Self.row("new"), sequence: cache.readSequence())
        #expect(cache.row("k") == .some(Self.row("new")))
    }

    @Test func theCacheStaysWithinItsEntriesAndBytes() {
        let few = SessionCache(capacity: 3)
        for index in 0..<10 {
            few.committed("k\(index)", Self.row("v"), sequence: few.takeSequence())
            #expect(few.count <= 3)
        }
        let small = SessionCache(capacity: 100, maximumBytes: 1600)
        let large = SessionCache.Row(json: String(repeating: "x", count: 90), expiresAt: nil)
        for index in 0..<40 {
            small.committed("big\(index)", large, sequence: small.takeSequence())
            #expect(small.count * 90 <= 1600)
        }
        #expect(small.row("big39") == .some(large))
        // A row too large to keep (over a sixteenth of the bytes) is never kept, nor what was kept for its key.
        let huge = SessionCache.Row(json: String(repeating: "x", count: 101), expiresAt: nil)
        small.committed("big39", huge, sequence: small.takeSequence())
        #expect(small.row("big39") == nil)
        small.read("big39", huge, sequence: small.readSequence())
        #expect(small.row("big39") == nil)
    }

    @Test func underConcurrentWritesAndReadsEveryKeyEndsAsTheFileHasIt() async throws {
        try await withDatabaseFile { path in
            let store = try SQLiteStore(path: path)
            defer { try? store.close() }
            let keys = (0..<5).map { "session.race-\($0)" }
            let driver = SQLitePersistDriver(store: store)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<300 {
                    let key = keys[index % keys.count]
                    group.addTask {
                        switch index % 6 {
                        case 0: try await driver.remove(key: key)
                        case 1, 2: try await driver.set(key: key, value: "Value \(index)", expires: nil)
                        case 3: _ = try? await driver.create(key: key, value: "Created \(index)", expires: .seconds(600))
                        case 4: _ = try await driver.get(key: key, as: String.self)
                        default:
                            store.sessions.removeAll()  // as when the cache is full: reads go to the table again
                            _ = try await driver.get(key: key, as: String.self)
                        }
                    }
                }
                try await group.waitForAll()
            }
            // A second store on the file sees only the table, through its own, empty cache.
            let other = try SQLiteStore(path: path)
            defer { try? other.close() }
            let table = SQLitePersistDriver(store: other)
            for key in keys {
                let cached = try await driver.get(key: key, as: String.self)
                #expect(try await table.get(key: key, as: String.self) == cached, "\(key)")
            }
        }
    }
}
