import BrightspotsCore
import BrightspotsServer
import BrightspotsStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import Testing

@Suite("Moderation")
struct ModerationTests {
    static let password = "correct horse battery staple"

    static func daemon() async throws -> TestDaemon {
        let daemon = try TestDaemon.make()
        for (name, role) in [("mod-test", ModeratorRole.moderator), ("admin-test", .admin)] {
            try await daemon.store.addUser(
                ModeratorAccount(username: name, passwordHash: Bcrypt.hash(password, cost: 4), role: role, createdAt: Date()),
                audit: AuditRecord(at: Date(), actor: "test", action: .userAdded, detail: name))
        }
        return daemon
    }

    @discardableResult
    static func store(_ daemon: TestDaemon, _ submission: Submission = Fake.submission()) async throws -> String {
        let reference = "BS-" + (0..<3).map { _ in String(Int.random(in: 1000...9999)) }.joined(separator: "-")
        try await daemon.store.add(StoredSubmission(reference: reference, submission: submission, submittedAt: Date()),
                                   audit: AuditRecord(at: Date(), actor: "submitter", action: .submitted, reference: reference))
        return reference
    }

    static func logIn(_ browser: inout Browser, as name: String = "mod-test") async throws {
        try await browser.get("/moderate/login/")
        let response = try await browser.post("/moderate/login/", [("username", name), ("password", password)])
        #expect(response.status == .seeOther)
        try await browser.get("/moderate/")  // a page with the new session's token
    }

    static func actions(_ daemon: TestDaemon) async throws -> [AuditAction] {
        try await daemon.store.audit(since: nil).map(\.action)
    }

    @Test("logging in: a wrong password is refused and audited; the right one starts a new session; logging out ends it")
    func login() async throws {
        let daemon = try await Self.daemon()
        defer { daemon.remove() }
        try await daemon.application().test(.router) { client in
            var browser = Browser(client)
            let queue = try await browser.get("/moderate/")
            #expect(queue.status == .seeOther)
            #expect(queue.headers[.location] == "/moderate/login/")
            // A session made before logging in (by choosing a kind) must not be the one that logs in.
            try await browser.get("/submit/")
            try await browser.post("/submit/", [("kind", "aar")])
            let before = try #require(browser.cookie)
            try await browser.get("/moderate/login/")
            let wrong = try await browser.post("/moderate/login/", [("username", "mod-test"), ("password", "nope")])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains("Enter a correct username and password"))
            #expect(try await Self.actions(daemon).contains(.loginFailed))

            let right = try await browser.post("/moderate/login/", [("username", "mod-test"), ("password", Self.password)])
            #expect(right.status == .seeOther)
            #expect(right.headers[.location] == "/moderate/")
            let after = try #require(browser.cookie)
            #expect(after != before)
            #expect(try await browser.get("/moderate/").status == .ok)
            #expect(try await Self.actions(daemon).contains(.loggedIn))

            let out = try await browser.post("/moderate/logout/", [])
            #expect(out.status == .seeOther)
            #expect(try await Self.actions(daemon).contains(.loggedOut))
            // The old cookie no longer logs anyone in.
            browser.cookie = after
            #expect(try await browser.get("/moderate/").status == .seeOther)
        }
    }

    @Test("the audit log is for administrators only")
    func auditIsAdminOnly() async throws {
        let daemon = try await Self.daemon()
        defer { daemon.remove() }
        try await daemon.application().test(.router) { client in
            var moderator = Browser(client)
            try await Self.logIn(&moderator)
            #expect(try await moderator.get("/moderate/audit/").status == .forbidden)
            var admin = Browser(client)
            try await Self.logIn(&admin, as: "admin-test")
            let page = try await admin.get("/moderate/audit/")
            #expect(page.status == .ok)
            #expect(page.text.contains("logged-in"))
        }
    }

    @Test("the queue lists pending submissions with their findings; the detail page shows one")
    func queueAndDetail() async throws {
        let daemon = try await Self.daemon()
        defer { daemon.remove() }
        var sections = Fake.sections
        sections[0] = "Ring 0113 496 0000 to book."
        let reference = try await Self.store(daemon, Fake.submission(title: "Queue test", sections: sections))
        try await daemon.application().test(.router) { client in
            var browser = Browser(client)
            try await Self.logIn(&browser)
            let queue = try await browser.get("/moderate/")
            #expect(queue.text.contains(#"href="/moderate/\#(reference)/""#))
            #expect(queue.text.contains("Queue test"))
            #expect(queue.text.contains("1 to review"))
            let detail = try await browser.get("/moderate/\(reference)/")
            #expect(detail.status == .ok)
            #expect(detail.text.contains("Queue test"))
            #expect(detail.text.contains("0113 496 0000"))
            #expect(try await browser.get("/moderate/BS-0000-0000-0000/").status == .notFound)
        }
    }

    @Test("editing changes the submission and is audited; an edit with an error is shown again, kept")
    func edit() async throws {
        let daemon = try await Self.daemon()
        defer { daemon.remove() }
        let reference = try await Self.store(daemon)
        try await daemon.application().test(.router) { client in
            var browser = Browser(client)
            try await Self.logIn(&browser)
            #expect(try await browser.get("/moderate/\(reference)/edit/").status == .ok)
            let bad = try await browser.post("/moderate/\(reference)/edit/", Fake.aar(title: "Edited but broken", sections: ["", "b", "c", "d"]))
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains(#"value="Edited but broken""#))
            #expect(try await daemon.store.submission(reference: reference)?.submission.title == "Phone first, not letters")
            let good = try await browser.post("/moderate/\(reference)/edit/", Fake.aar(title: "Edited title"))
            #expect(good.status == .seeOther)
            #expect(try await daemon.store.submission(reference: reference)?.submission.title == "Edited title")
            #expect(try await Self.actions(daemon).contains(.edited))
        }
    }

    @Test("approving publishes the entry and rebuilds the site, once")
    func approve() async throws {
        let daemon = try await Self.daemon()
        defer { daemon.remove() }
        let reference = try await Self.store(daemon, Fake.submission(title: "Approved test reflection"))
        try await daemon.application().test(.router) { client in
            var browser = Browser(client)
            try await Self.logIn(&browser)
            try await browser.get("/moderate/\(reference)/")
            let approved = try await browser.post("/moderate/\(reference)/approve/", [])
            #expect(approved.status == .seeOther)
            let year = Calendar(identifier: .gregorian).component(.year, from: Date())
            let file = daemon.root.appendingPathComponent("Content/aar/\(year)/approved-test-reflection.md")
            #expect(FileManager.default.fileExists(atPath: file.path))
            let page = try String(contentsOf: daemon.output.appendingPathComponent(
                "after-action-reviews/approved-test-reflection/index.html"), encoding: .utf8)
            #expect(page.contains("Approved test reflection"))
            let stored = try #require(try await daemon.store.submission(reference: reference))
            #expect(stored.status == .approved)
            #expect(stored.decidedBy == "mod-test")
            #expect(try await Self.actions(daemon).contains(.approved))

            let again = try await browser.post("/moderate/\(reference)/approve/", [])
            #expect(again.status == .conflict)
            #expect(again.text.contains("has already been approved"))
            let files = try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path)
            #expect(files.filter { $0.hasPrefix("approved-test-reflection") }.count == 1)
            // The published page is served.
            #expect(try await browser.get("/after-action-reviews/approved-test-reflection/").status == .ok)
        }
    }

    @Test("a finding allowed with a reason is audited, and the published file records it")
    func allowFinding() async throws {
        let daemon = try await Self.daemon()
        defer { daemon.remove() }
        var sections = Fake.sections
        sections[0] = "Ring the service desk on 0113 496 0000 to book."
        let reference = try await Self.store(daemon, Fake.submission(title: "Allowed finding test", sections: sections))
        try await daemon.application().test(.router) { client in
            var browser = Browser(client)
            try await Self.logIn(&browser)
            try await browser.get("/moderate/\(reference)/")
            let blocked = try await browser.post("/moderate/\(reference)/approve/", [])
            #expect(blocked.status == .conflict)
            #expect(try await daemon.store.submission(reference: reference)?.status == .pending)
            let noReason = try await browser.post("/moderate/\(reference)/allow/", [("findings[]", "0113 496 0000")])
            #expect(noReason.status == .unprocessableContent)
            let allowed = try await browser.post("/moderate/\(reference)/allow/", [
                ("findings[]", "0113 496 0000"), ("reason", "The service's public switchboard, not a person's number"),
            ])
            #expect(allowed.status == .seeOther)
            #expect(try await Self.actions(daemon).contains(.allowedFinding))
            try await browser.get("/moderate/\(reference)/")
            let approved = try await browser.post("/moderate/\(reference)/approve/", [])
            #expect(approved.status == .seeOther)
            let stored = try #require(try await daemon.store.submission(reference: reference))
            #expect(stored.status == .approved)
            let file = try #require(stored.publishedFile)
            let text = try String(contentsOf: daemon.root.appendingPathComponent(file), encoding: .utf8)
            #expect(text.contains("privacy_allowed:"))
            #expect(text.contains(#"allowed_by: "mod-test""#))
            #expect(text.contains("public switchboard"))
        }
    }

    @Test("rejecting needs a reason, then records it")
    func reject() async throws {
        let daemon = try await Self.daemon()
        defer { daemon.remove() }
        let reference = try await Self.store(daemon)
        try await daemon.application().test(.router) { client in
            var browser = Browser(client)
            try await Self.logIn(&browser)
            try await browser.get("/moderate/\(reference)/")
            let none = try await browser.post("/moderate/\(reference)/reject/", [("reason", "  ")])
            #expect(none.status == .unprocessableContent)
            #expect(none.text.contains(errorLink("reject-reason")))
            #expect(try await daemon.store.submission(reference: reference)?.status == .pending)
            let rejected = try await browser.post("/moderate/\(reference)/reject/", [("reason", "A duplicate of another reflection")])
            #expect(rejected.status == .seeOther)
            let stored = try await daemon.store.submission(reference: reference)
            #expect(stored?.status == .rejected)
            #expect(stored?.reason == "A duplicate of another reflection")
            #expect(try await Self.actions(daemon).contains(.rejected))
        }
    }

    @Test("moderation forms without the right token are refused and change nothing")
    func csrf() async throws {
        let daemon = try await Self.daemon()
        defer { daemon.remove() }
        let reference = try await Self.store(daemon)
        try await daemon.application().test(.router) { client in
            var browser = Browser(client)
            try await Self.logIn(&browser)
            for action in ["approve", "reject", "allow", "edit"] {
                let wrong = try await browser.post("/moderate/\(reference)/\(action)/",
                                                   Fake.aar(title: "Changed") + [("reason", "r"), ("findings[]", "x")],
                                                   csrf: "WRONG")
                #expect(wrong.status == .forbidden, "\(action)")
                let missing = try await browser.send("/moderate/\(reference)/\(action)/", method: .post, body: "reason=r")
                #expect(missing.status == .forbidden, "\(action)")
            }
        }
        let stored = try await daemon.store.submission(reference: reference)
        #expect(stored?.status == .pending)
        #expect(stored?.submission.title == "Phone first, not letters")
        #expect(try await Self.actions(daemon).filter { $0 != .loggedIn && $0 != .userAdded } == [.submitted])
    }

    @Test("same titles get -2; a path-like title gets a safe slug inside Content/")
    func slugs() async throws {
        let daemon = try await Self.daemon()
        defer { daemon.remove() }
        let first = try await Self.store(daemon, Fake.submission(title: "Twin title"))
        let second = try await Self.store(daemon, Fake.submission(title: "Twin title"))
        let path = try await Self.store(daemon, Fake.submission(title: "../../etc/passwd"))
        try await daemon.application().test(.router) { client in
            var browser = Browser(client)
            try await Self.logIn(&browser)
            for reference in [first, second, path] {
                #expect(try await browser.post("/moderate/\(reference)/approve/", []).status == .seeOther)
            }
        }
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        #expect(try await daemon.store.submission(reference: first)?.publishedFile == "Content/aar/\(year)/twin-title.md")
        #expect(try await daemon.store.submission(reference: second)?.publishedFile == "Content/aar/\(year)/twin-title-2.md")
        let file = try #require(try await daemon.store.submission(reference: path)?.publishedFile)
        #expect(file.hasPrefix("Content/aar/\(year)/"))
        #expect(!file.contains(".."))
        let slug = file.dropFirst("Content/aar/\(year)/".count)
        #expect(!slug.contains("/"))
        #expect(FileManager.default.fileExists(atPath: daemon.root.appendingPathComponent(file).path))
    }
}
