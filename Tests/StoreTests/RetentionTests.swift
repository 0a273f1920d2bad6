import BrightspotsCore
import Foundation
import Testing
@testable import BrightspotsStore

/// Raw text is not kept longer than the retention period; the audit log keeps references, never the text.
@Suite struct RetentionTests {
    static let policy = RetentionPolicy(days: 90)
    static let now = day0.addingTimeInterval(200 * 86_400)
    static func daysAgo(_ days: Double) -> Date { now.addingTimeInterval(-days * 86_400) }

    static func trashItem(_ slug: String, at date: Date) -> TrashItem {
        TrashItem(file: "Content/aar/2026/\(slug).md", slug: slug, title: "Test entry \(slug)",
                  text: "---\ntitle: Test entry \(slug)\n---\nTest trash text \(slug).\n", takenDownAt: date,
                  takenDownBy: "admin-test", reason: "Test reason")
    }

    /// Old and recent records of every kind.
    static func fill(_ store: any SubmissionStore) async throws {
        for (reference, sent, status, decided) in [
            ("BS-TEST-OLD-PEND", daysAgo(91), SubmissionStatus.pending, nil as Date?),
            ("BS-TEST-NEW-PEND", daysAgo(89), .pending, nil),
            // Sent long ago but rejected recently: kept, counted from the decision.
            ("BS-TEST-NEW-REJE", daysAgo(120), .rejected, daysAgo(10)),
            ("BS-TEST-OLD-REJE", daysAgo(120), .rejected, daysAgo(100)),
            ("BS-TEST-OLD-APPR", daysAgo(150), .approved, daysAgo(95)),
            ("BS-TEST-NEW-APPR", daysAgo(150), .approved, daysAgo(5)),
        ] {
            var stored = sampleSubmission(reference, at: sent, status: status)
            stored.decidedAt = decided
            stored.decidedBy = decided == nil ? nil : "mod-test"
            if status == .rejected { stored.reason = "Test rejection reason" }
            if status == .approved {
                stored.publishedFile = "Content/aar/2026/test.md"
                stored.publishedPath = "/after-action-reviews/test/"
                stored.allowances = [PrivacyAllowance(text: "Ward 7", allowedBy: "mod-test", reason: "A ward")]
            }
            try await store.add(stored, audit: submitted(reference, at: sent))
        }
        _ = try await store.addToTrash(trashItem("old-entry", at: daysAgo(91)), audit: [])
        _ = try await store.addToTrash(trashItem("new-entry", at: daysAgo(1)), audit: [])
    }

    @Test(arguments: StoreKind.allCases)
    func purgeRemovesWhatIsOlderThanTheRetentionPeriodAndAuditsEachByReference(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await Self.fill(store)
            let logBefore = try await store.audit(since: nil)

            let summary = try await store.purge(before: Self.policy.cutoff(at: Self.now), at: Self.now, actor: "daemon")

            #expect(summary.pending == ["BS-TEST-OLD-PEND"])
            #expect(summary.rejected == ["BS-TEST-OLD-REJE"])
            #expect(summary.redacted == ["BS-TEST-OLD-APPR"])
            #expect(summary.trash.count == 1)
            #expect(try await store.submission(reference: "BS-TEST-OLD-PEND") == nil)
            #expect(try await store.submission(reference: "BS-TEST-OLD-REJE") == nil)
            for kept in ["BS-TEST-NEW-PEND", "BS-TEST-NEW-REJE", "BS-TEST-NEW-APPR"] {
                #expect(try await store.submission(reference: kept)?.submission.title == "Test reflection", "\(kept)")
            }
            // An approved submission keeps its reference, status, decision and page address; loses what was typed.
            let approved = try #require(try await store.submission(reference: "BS-TEST-OLD-APPR"))
            #expect(approved.status == .approved)
            #expect(approved.submission == Submission(kind: "after-action-reviews"))
            #expect(approved.allowances.isEmpty)
            #expect(approved.publishedPath == "/after-action-reviews/test/")
            #expect(approved.decidedBy == "mod-test")
            #expect(approved.purgedAt == Self.now)
            #expect(try await store.trashItems().map(\.slug) == ["new-entry"])

            // The audit log: what it had, plus one `purged` row per item, with references and no text.
            let log = try await store.audit(since: nil)
            #expect(Array(log.prefix(logBefore.count)) == logBefore)
            let added = log.dropFirst(logBefore.count)
            #expect(added.map(\.action) == Array(repeating: .purged, count: 4))
            #expect(added.compactMap(\.reference) == ["BS-TEST-OLD-PEND", "BS-TEST-OLD-REJE", "BS-TEST-OLD-APPR"])
            #expect(added.allSatisfy { $0.actor == "daemon" && $0.at == Self.now })
            #expect(!added.contains { $0.detail.contains("Test") })

            // A second purge at the same moment finds nothing more.
            #expect(try await store.purge(before: Self.policy.cutoff(at: Self.now), at: Self.now, actor: "daemon").isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func redactRemovesTheTextAtOnceAndAudits(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await Self.fill(store)
            try await store.redact(reference: "BS-TEST-NEW-APPR", at: Self.now, audit: [
                AuditRecord(at: Self.now, actor: "admin-test", action: .purged, reference: "BS-TEST-NEW-APPR")])
            let redacted = try #require(try await store.submission(reference: "BS-TEST-NEW-APPR"))
            #expect(redacted.submission.title.isEmpty && redacted.submission.sections.isEmpty)
            #expect(try await store.audit(since: nil).last?.action == .purged)
            await #expect(throws: StoreError.notFound("BS-TEST-NONE")) {
                try await store.redact(reference: "BS-TEST-NONE", at: Self.now, audit: [])
            }
        }
    }

    @Test func purgedTextIsGoneFromTheDatabaseFilesNotJustFromQueries() async throws {
        try await withDatabaseFile { path in
            let store = try SQLiteStore(path: path)
            defer { try? store.close() }
            var secret = sampleSubmission("BS-TEST-SECRET", at: Self.daysAgo(200))
            secret.submission.sections = ["Zebra-marmalade-7731 test text that must not outlive the purge."]
            try await store.add(secret, audit: submitted("BS-TEST-SECRET", at: Self.daysAgo(200)))
            var trash = Self.trashItem("quokka-test", at: Self.daysAgo(200))
            trash.text = "Quokka-lantern-5519 taken-down test text."
            _ = try await store.addToTrash(trash, audit: [])
            // Enough other rows that the database spans many pages.
            for index in 0..<300 {
                let reference = "BS-TEST-\(String(format: "%04d", index))"
                try await store.add(sampleSubmission(reference, at: Self.daysAgo(1)), audit: submitted(reference))
            }
            func filesContain(_ text: String) -> Bool {
                ["", "-wal", "-shm"].contains { suffix in
                    FileManager.default.contents(atPath: path + suffix)?.range(of: Data(text.utf8)) != nil
                }
            }
            #expect(filesContain("Zebra-marmalade-7731"))
            #expect(filesContain("Quokka-lantern-5519"))

            let summary = try await store.purge(before: Self.policy.cutoff(at: Self.now), at: Self.now, actor: "daemon")

            #expect(summary.pending == ["BS-TEST-SECRET"])
            #expect(!filesContain("Zebra-marmalade-7731"))
            #expect(!filesContain("Quokka-lantern-5519"))
            #expect(try await store.pragma("secure_delete") == "1")
        }
    }
}
