import Foundation
import Hummingbird
import Testing
@testable import BrightspotsStore

/// Login sessions in the store's database, through Hummingbird's `PersistDriver`.
@Suite struct SQLitePersistDriverTests {
    struct TestSession: Codable, Sendable, Equatable {
        var username: String
        var csrf: String
    }

    func withDriver(_ body: (SQLitePersistDriver, TestClock) async throws -> Void) async throws {
        try await withDatabaseFile { path in
            let store = try SQLiteStore(path: path)
            defer { try? store.close() }
            let clock = TestClock()
            try await body(SQLitePersistDriver(store: store, now: { clock.now }), clock)
        }
    }

    @Test func valuesAreCreatedReadReplacedAndRemoved() async throws {
        try await withDriver { driver, _ in
            let session = TestSession(username: "test.moderator", csrf: "test-token")
            try await driver.create(key: "hbs.one", value: session, expires: nil)
            #expect(try await driver.get(key: "hbs.one", as: TestSession.self) == session)
            #expect(try await driver.get(key: "hbs.none", as: TestSession.self) == nil)

            let replaced = TestSession(username: "test.moderator", csrf: "another-token")
            try await driver.set(key: "hbs.one", value: replaced, expires: nil)
            #expect(try await driver.get(key: "hbs.one", as: TestSession.self) == replaced)

            try await driver.set(key: "plain", value: 42, expires: nil)
            #expect(try await driver.get(key: "plain", as: Int.self) == 42)

            try await driver.remove(key: "hbs.one")
            #expect(try await driver.get(key: "hbs.one", as: TestSession.self) == nil)
            try await driver.remove(key: "hbs.none")
        }
    }

    @Test func creatingALiveKeyAgainIsADuplicateButAnExpiredOneMayBeReused() async throws {
        try await withDriver { driver, clock in
            try await driver.create(key: "hbs.one", value: "first", expires: .seconds(60))
            await #expect(throws: PersistError.duplicate) {
                try await driver.create(key: "hbs.one", value: "second", expires: nil)
            }
            #expect(try await driver.get(key: "hbs.one", as: String.self) == "first")

            clock.advance(by: 61)
            try await driver.create(key: "hbs.one", value: "third", expires: nil)
            #expect(try await driver.get(key: "hbs.one", as: String.self) == "third")
        }
    }

    @Test func aValueExpiresAfterItsDurationAndReportsItsTimeToLive() async throws {
        try await withDriver { driver, clock in
            try await driver.set(key: "hbs.one", value: "value", expires: .seconds(60))
            try await driver.set(key: "hbs.forever", value: "value", expires: nil)

            clock.advance(by: 15)
            let (value, ttl) = try #require(try await driver.getWithTTL(key: "hbs.one", as: String.self))
            #expect(value == "value")
            #expect(abs(try #require(ttl).seconds - 45) < 0.001)
            #expect(try await driver.getWithTTL(key: "hbs.forever", as: String.self)?.ttl == nil)

            clock.advance(by: 45)  // exactly at expiry: still live, as in MemoryPersistDriver
            #expect(try await driver.get(key: "hbs.one", as: String.self) == "value")
            clock.advance(by: 0.01)
            #expect(try await driver.get(key: "hbs.one", as: String.self) == nil)
            #expect(try await driver.getWithTTL(key: "hbs.one", as: String.self) == nil)
            #expect(try await driver.get(key: "hbs.forever", as: String.self) == "value")
        }
    }

    @Test func settingWithoutAnExpiryKeepsTheOneThereWas() async throws {
        try await withDriver { driver, clock in
            try await driver.set(key: "hbs.one", value: "first", expires: .seconds(60))
            clock.advance(by: 30)
            try await driver.set(key: "hbs.one", value: "second", expires: nil)
            #expect(try await driver.get(key: "hbs.one", as: String.self) == "second")
            clock.advance(by: 31)
            #expect(try await driver.get(key: "hbs.one", as: String.self) == nil)

            // A new expiry replaces the old one.
            try await driver.set(key: "hbs.two", value: "first", expires: .seconds(10))
            try await driver.set(key: "hbs.two", value: "second", expires: .seconds(100))
            clock.advance(by: 50)
            #expect(try await driver.get(key: "hbs.two", as: String.self) == "second")

            // An expired value's expiry is not carried over to a new value.
            try await driver.set(key: "hbs.three", value: "first", expires: .seconds(1))
            clock.advance(by: 2)
            try await driver.set(key: "hbs.three", value: "second", expires: nil)
            clock.advance(by: 1_000_000)
            #expect(try await driver.get(key: "hbs.three", as: String.self) == "second")
        }
    }

    @Test func readingAsTheWrongTypeIsAnInvalidConversion() async throws {
        try await withDriver { driver, _ in
            try await driver.set(key: "hbs.one", value: "not a session", expires: nil)
            await #expect(throws: PersistError.invalidConversion) {
                _ = try await driver.get(key: "hbs.one", as: TestSession.self)
            }
        }
    }

    @Test func purgingDeletesOnlyExpiredSessions() async throws {
        try await withDriver { driver, clock in
            try await driver.set(key: "hbs.short", value: "value", expires: .seconds(10))
            try await driver.set(key: "hbs.long", value: "value", expires: .seconds(1000))
            try await driver.set(key: "hbs.forever", value: "value", expires: nil)

            try await driver.store.purgeExpiredSessions(now: day0.addingTimeInterval(20))
            // Back before any expiry: only a deleted row can now read as absent.
            #expect(try await driver.get(key: "hbs.short", as: String.self) == nil)
            #expect(try await driver.get(key: "hbs.long", as: String.self) == "value")
            #expect(try await driver.get(key: "hbs.forever", as: String.self) == "value")
            _ = clock
        }
    }

    @Test func runTidiesPeriodicallyAndEndsWhenCancelled() async throws {
        try await withDatabaseFile { path in
            let store = try SQLiteStore(path: path)
            defer { try? store.close() }
            let clock = TestClock()
            let driver = SQLitePersistDriver(store: store, tidyInterval: .milliseconds(20), now: { clock.now })
            try await driver.set(key: "hbs.short", value: "value", expires: .seconds(10))
            try await driver.set(key: "hbs.forever", value: "value", expires: nil)
            clock.advance(by: 20)

            let running = Task { try await driver.run() }
            let rewound = SQLitePersistDriver(store: store, now: { day0 })
            var purged = false
            for _ in 0..<250 where !purged {
                try await Task.sleep(for: .milliseconds(20))
                purged = try await rewound.get(key: "hbs.short", as: String.self) == nil
            }
            #expect(purged)
            #expect(try await rewound.get(key: "hbs.forever", as: String.self) == "value")

            running.cancel()
            try await running.value  // returns rather than throwing CancellationError
        }
    }
}
