import BrightspotsCore
import Foundation
import Testing
@testable import BrightspotsStore

/// What only the SQLite file promises: durability settings, the append-only triggers, reopening, sharing the file.
@Suite struct SQLiteStoreTests {
    @Test func theDatabaseIsInWALModeWithFullSyncForeignKeysAndABusyTimeout() async throws {
        try await withDatabaseFile { path in
            let store = try SQLiteStore(path: path)
            defer { try? store.close() }
            #expect(store.path == path)
            #expect(try await store.pragma("journal_mode") == "wal")
            #expect(try await store.pragma("synchronous") == "2")  // FULL
            #expect(try await store.pragma("foreign_keys") == "1")
            #expect(try await store.pragma("busy_timeout") == String(Int(SQLiteStore.busyTimeout * 1000)))
        }
    }

    @Test func rawUpdatesAndDeletesOfTheAuditLogAreRefused() async throws {
        try await withDatabaseFile { path in
            let store = try SQLiteStore(path: path)
            defer { try? store.close() }
            try await store.add(sampleSubmission("BS-TEST-0001"), audit: submitted("BS-TEST-0001"))
            let before = try await store.audit(since: nil)

            for sql in [
                "UPDATE audit SET actor = 'someone.else'",
                "DELETE FROM audit",
                "DELETE FROM audit WHERE id = 1",
                "INSERT OR REPLACE INTO audit (id, at, actor, action, detail) VALUES (1, 0, 'x', 'edited', '')",
                "REPLACE INTO audit (id, at, actor, action, detail) VALUES (1, 0, 'x', 'edited', '')",
            ] {
                let error = await #expect(throws: (any Error).self, "\(sql)") { try await store.executeRaw(sql) }
                #expect(String(describing: error).contains("the audit log is append-only"), "\(sql): \(String(describing: error))")
            }
            #expect(try await store.audit(since: nil) == before)
            // Appending still works, and the other tables can still change.
            try await store.executeRaw("INSERT INTO audit (at, actor, action) VALUES (1, 'test', 'edited')")
            try await store.executeRaw("DELETE FROM submission")
            #expect(try await store.audit(since: nil).count == 2)
        }
    }

    @Test func everythingIsThereAfterReopeningTheFile() async throws {
        try await withDatabaseFile { path in
            let first = try SQLiteStore(path: path)
            var sent = sampleSubmission("BS-TEST-0001")
            sent.allowances = [PrivacyAllowance(text: "Ward 7", allowedBy: "test.moderator", reason: "A ward")]
            try await first.add(sent, audit: submitted("BS-TEST-0001"))
            try await first.addUser(account("test.moderator"), audit: userAudit(.userAdded, "test.moderator"))
            try await SQLitePersistDriver(store: first).set(key: "hbs.test", value: "Test session", expires: nil)
            let log = try await first.audit(since: nil)
            try first.close()

            let second = try SQLiteStore(path: path)
            defer { try? second.close() }
            #expect(try await second.submission(reference: "BS-TEST-0001") == sent)
            #expect(try await second.users() == [account("test.moderator")])
            #expect(try await second.audit(since: nil) == log)
            #expect(try await SQLitePersistDriver(store: second).get(key: "hbs.test", as: String.self) == "Test session")
            // Ids carry on from where they were.
            try await second.appendAudit(AuditRecord(at: day0, actor: "test", action: .loggedIn))
            #expect(try await second.audit(since: nil).last?.id == 3)
        }
    }

    @Test func aSecretKeyIsMadeOnceAndKeptAcrossReopening() async throws {
        try await withDatabaseFile { path in
            let first: [UInt8]
            do {
                let store = try SQLiteStore(path: path)
                defer { try? store.close() }
                first = try await store.secretKey(named: "form-token")
                #expect(first.count == 32)
                #expect(Set(first).count > 8, "random bytes, not a constant")
                #expect(try await store.secretKey(named: "form-token") == first)
                #expect(try await store.secretKey(named: "another") != first)
            }
            let reopened = try SQLiteStore(path: path)
            defer { try? reopened.close() }
            #expect(try await reopened.secretKey(named: "form-token") == first)
        }
    }

    @Test func twoStoresOnOneFileSeeEachOthersWritesAndWriteTogether() async throws {
        // As the CLI and the daemon do: two pools on the same file.
        try await withDatabaseFile { path in
            let daemon = try SQLiteStore(path: path)
            let terminal = try SQLiteStore(path: path)
            defer { try? daemon.close(); try? terminal.close() }

            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<50 {
                    let store = index.isMultiple(of: 2) ? daemon : terminal
                    let reference = String(format: "BS-BOTH-%04d", index)
                    group.addTask {
                        try await store.add(sampleSubmission(reference, at: minutes(Double(index))),
                                            audit: submitted(reference))
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await daemon.submissions(status: nil).count == 50)
            #expect(try await terminal.audit(since: nil).count == 50)

            try await terminal.update(sampleSubmission("BS-BOTH-0000", status: .approved), expected: .pending, audit: [])
            await #expect(throws: StoreError.conflict(reference: "BS-BOTH-0000", status: .approved)) {
                try await daemon.update(sampleSubmission("BS-BOTH-0000", status: .rejected), expected: .pending, audit: [])
            }
        }
    }

    @Test func aStoreCannotBeOpenedWhereNoFileCanBeMade() {
        #expect(throws: (any Error).self) {
            try SQLiteStore(path: "/nonexistent-folder-for-tests/brightspots.sqlite")
        }
    }
}
