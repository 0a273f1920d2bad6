import BrightspotsCore
import Foundation
import Testing
@testable import BrightspotsStore

/// What every `SubmissionStore` promises, checked against SQLite and memory alike.
@Suite struct StoreContractTests {
    @Test(arguments: StoreKind.allCases)
    func addedSubmissionComesBackExactly(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            var sent = sampleSubmission("BS-TEST-0001")
            sent.allowances = [PrivacyAllowance(text: "Ward 7", allowedBy: "test.moderator", reason: "A ward, not a person")]
            try await store.add(sent, audit: submitted("BS-TEST-0001"))

            #expect(try await store.submission(reference: "BS-TEST-0001") == sent)
            #expect(try await store.submission(reference: "BS-TEST-9999") == nil)
            let log = try await store.audit(since: nil)
            #expect(log.map(\.action) == [.submitted])
            #expect(log.first?.reference == "BS-TEST-0001")
            #expect(log.first?.id != nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func submissionsAreListedByStatusOldestFirst(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            // Added out of date order; C and D share a date and keep the order they were added in.
            let added = [
                sampleSubmission("BS-TEST-000B", at: minutes(20)),
                sampleSubmission("BS-TEST-000A", at: minutes(10), status: .approved),
                sampleSubmission("BS-TEST-000C", at: minutes(30)),
                sampleSubmission("BS-TEST-000D", at: minutes(30), status: .rejected),
                sampleSubmission("BS-TEST-000E", at: minutes(5)),
            ]
            for submission in added {
                try await store.add(submission, audit: submitted(submission.reference))
            }

            #expect(try await store.submissions(status: nil).map(\.reference)
                == ["BS-TEST-000E", "BS-TEST-000A", "BS-TEST-000B", "BS-TEST-000C", "BS-TEST-000D"])
            #expect(try await store.submissions(status: .pending).map(\.reference)
                == ["BS-TEST-000E", "BS-TEST-000B", "BS-TEST-000C"])
            #expect(try await store.submissions(status: .approved).map(\.reference) == ["BS-TEST-000A"])
            #expect(try await store.submissions(status: .rejected).map(\.reference) == ["BS-TEST-000D"])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aReusedReferenceIsRefusedAndWritesNothing(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let first = sampleSubmission("BS-TEST-0001")
            try await store.add(first, audit: submitted("BS-TEST-0001"))
            var second = sampleSubmission("BS-TEST-0001", at: minutes(1))
            second.submission.title = "Another test reflection"

            await #expect(throws: StoreError.duplicateReference("BS-TEST-0001")) {
                try await store.add(second, audit: submitted("BS-TEST-0001", at: minutes(1)))
            }
            #expect(try await store.submission(reference: "BS-TEST-0001") == first)
            #expect(try await store.audit(since: nil).count == 1)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func anUpdateReplacesTheSubmissionAndAppendsItsAuditRecords(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await store.add(sampleSubmission("BS-TEST-0001"), audit: submitted("BS-TEST-0001"))
            var approved = sampleSubmission("BS-TEST-0001")
            approved.submission.title = "Test reflection, edited"
            approved.status = .approved
            approved.decidedAt = minutes(5)
            approved.decidedBy = "test.moderator"
            approved.publishedFile = "Content/after-action-reviews/2026/test-reflection.md"
            approved.publishedPath = "/after-action-reviews/test-reflection/"
            approved.allowances = [PrivacyAllowance(text: "Bay 3", allowedBy: "test.moderator", reason: "A place")]

            try await store.update(approved, expected: .pending, audit: [
                AuditRecord(at: minutes(5), actor: "test.moderator", action: .edited, reference: "BS-TEST-0001"),
                AuditRecord(at: minutes(5), actor: "test.moderator", action: .approved, reference: "BS-TEST-0001"),
            ])

            #expect(try await store.submission(reference: "BS-TEST-0001") == approved)
            #expect(try await store.submissions(status: .pending).isEmpty)
            let log = try await store.audit(since: nil)
            #expect(log.map(\.action) == [.submitted, .edited, .approved])
            #expect(Set(log.compactMap(\.id)).count == 3)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func theSecondModeratorToDecideGetsAConflictAndWritesNothing(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await store.add(sampleSubmission("BS-TEST-0001"), audit: submitted("BS-TEST-0001"))
            var approved = sampleSubmission("BS-TEST-0001", status: .approved)
            approved.decidedBy = "test.moderator.one"
            approved.decidedAt = minutes(1)
            var rejected = sampleSubmission("BS-TEST-0001", status: .rejected)
            rejected.decidedBy = "test.moderator.two"
            rejected.decidedAt = minutes(2)
            rejected.reason = "Test reason"

            try await store.update(approved, expected: .pending, audit: [
                AuditRecord(at: minutes(1), actor: "test.moderator.one", action: .approved, reference: "BS-TEST-0001"),
            ])
            await #expect(throws: StoreError.conflict(reference: "BS-TEST-0001", status: .approved)) {
                try await store.update(rejected, expected: .pending, audit: [
                    AuditRecord(at: minutes(2), actor: "test.moderator.two", action: .rejected, reference: "BS-TEST-0001"),
                ])
            }

            #expect(try await store.submission(reference: "BS-TEST-0001") == approved)
            #expect(try await store.audit(since: nil).map(\.action) == [.submitted, .approved])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func ofTwoSimultaneousDecisionsExactlyOneWins(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            for index in 0..<20 {
                let reference = "BS-RACE-\(index)"
                try await store.add(sampleSubmission(reference), audit: submitted(reference))
                let outcomes = await withTaskGroup(of: Bool.self) { group in
                    for (moderator, status) in [("test.one", SubmissionStatus.approved), ("test.two", .rejected)] {
                        group.addTask {
                            var decided = sampleSubmission(reference, status: status)
                            decided.decidedBy = moderator
                            let record = AuditRecord(at: minutes(1), actor: moderator,
                                                     action: status == .approved ? .approved : .rejected,
                                                     reference: reference)
                            do {
                                try await store.update(decided, expected: .pending, audit: [record])
                                return true
                            } catch {
                                return false
                            }
                        }
                    }
                    return await group.reduce(into: [Bool]()) { $0.append($1) }
                }
                #expect(outcomes.filter { $0 }.count == 1, "\(reference): \(outcomes)")
                let decisions = try await store.audit(since: nil).filter { $0.reference == reference && $0.action != .submitted }
                #expect(decisions.count == 1)
                #expect(try await store.submission(reference: reference)?.decidedBy == decisions.first?.actor)
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func updatingAMissingSubmissionThrowsNotFoundAndAppendsNothing(kind: StoreKind) async throws {
        try await withStore(kind) { store async throws in
            await #expect(throws: StoreError.notFound("BS-TEST-0404")) {
                try await store.update(sampleSubmission("BS-TEST-0404", status: .approved), expected: .pending, audit: [
                    AuditRecord(at: day0, actor: "test.moderator", action: .approved, reference: "BS-TEST-0404"),
                ])
            }
            #expect(try await store.audit(since: nil).isEmpty)
            #expect(try await store.submission(reference: "BS-TEST-0404") == nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func theAuditLogIsFilteredBySinceAndSortedOldestFirst(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            // Appended out of time order, as a terminal with a slow clock might.
            try await store.appendAudit(AuditRecord(at: minutes(2), actor: "test.one", action: .loggedIn))
            try await store.appendAudit(AuditRecord(at: minutes(0), actor: "test.two", action: .loginFailed,
                                                    detail: "Test detail"))
            try await store.appendAudit(AuditRecord(at: minutes(1), actor: "test.one", action: .loggedOut))
            try await store.appendAudit(AuditRecord(at: minutes(1), actor: "test.three", action: .loggedIn))

            let all = try await store.audit(since: nil)
            #expect(all.map(\.at) == [minutes(0), minutes(1), minutes(1), minutes(2)])
            #expect(all.map(\.actor) == ["test.two", "test.one", "test.three", "test.one"])
            #expect(all.map(\.id) == [2, 3, 4, 1])
            #expect(all.first?.detail == "Test detail")
            // `since` includes a record at exactly that instant, fraction of a second and all.
            #expect(try await store.audit(since: minutes(1)).map(\.actor) == ["test.one", "test.three", "test.one"])
            #expect(try await store.audit(since: minutes(1).addingTimeInterval(0.000_001)).map(\.actor) == ["test.one"])
            #expect(try await store.audit(since: minutes(3)).isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func accountsAreAddedFoundChangedAndRemovedIgnoringCase(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await store.addUser(account("Test.Moderator"), audit: userAudit(.userAdded, "Test.Moderator"))
            try await store.addUser(account("another.test", role: .admin), audit: userAudit(.userAdded, "another.test"))
            await #expect(throws: StoreError.duplicateUser("test.moderator")) {
                try await store.addUser(account("test.moderator"), audit: userAudit(.userAdded, "test.moderator"))
            }

            #expect(try await store.user(named: "TEST.MODERATOR") == account("Test.Moderator"))
            #expect(try await store.user(named: "nobody.test") == nil)
            #expect(try await store.users().map(\.username) == ["another.test", "Test.Moderator"])

            #expect(try await store.setPasswordHash("$2b$12$newtesthash", forUser: "test.moderator",
                                                   audit: userAudit(.passwordChanged, "test.moderator")))
            #expect(try await store.user(named: "Test.Moderator")?.passwordHash == "$2b$12$newtesthash")
            #expect(try await !store.setPasswordHash("$2b$12$x", forUser: "nobody.test",
                                                    audit: userAudit(.passwordChanged, "nobody.test")))

            #expect(try await store.removeUser(named: "TEST.moderator", audit: userAudit(.userRemoved, "Test.Moderator")))
            #expect(try await !store.removeUser(named: "Test.Moderator", audit: userAudit(.userRemoved, "Test.Moderator")))
            #expect(try await store.users().map(\.username) == ["another.test"])

            // One record per change that happened; none for the refused or missing ones.
            #expect(try await store.audit(since: nil).map(\.action)
                == [.userAdded, .userAdded, .passwordChanged, .userRemoved])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func twoHundredConcurrentSubmissionsAreAllKeptOnce(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let references = (0..<200).map { String(format: "BS-LOAD-%04d", $0) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, reference) in references.enumerated() {
                    group.addTask {
                        try await store.add(sampleSubmission(reference, at: minutes(Double(index))),
                                            audit: submitted(reference, at: minutes(Double(index))))
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await store.submissions(status: .pending).map(\.reference) == references)
            let log = try await store.audit(since: nil)
            #expect(log.compactMap(\.reference) == references)
            #expect(Set(log.compactMap(\.id)).count == 200)
        }
    }
}
