import BrightspotsCore
import BrightspotsServer
import BrightspotsSite
import BrightspotsStore
import Foundation
import HummingbirdTesting
import Testing

/// A takedown removes an entry from every page, feed, index and search result, from the folders beside the site
/// and from the build cache; keeps its text in the trash (or not, with purge); and is in the audit log.
@Suite("Takedown")
struct TakedownTests {
    /// A public entry with ROI figures, tags, principles and a forum month, linked from no other page.
    static let slug = "money-first-not-medication"
    static let title = "Money first, then medication if needed"
    static let file = "Content/bright-spot/2026/money-first-not-medication.md"

    /// A project built twice with a build cache on disk, so the site has a spare folder and the cache holds bodies.
    static func project() throws -> (TestDaemon, Publisher) {
        let daemon = try TestDaemon.make()
        let cache = try BuildCache.open(BuildCache.defaultFile(for: ProjectFiles(root: daemon.root)))
        let options = BuildOptions(project: ProjectFiles(root: daemon.root))
        _ = try SiteBuilder.build(options, output: daemon.output, cache: cache, clean: true)
        // An edit elsewhere, so the next build swaps and leaves the site with the entry in public.previous.
        let other = daemon.root.appendingPathComponent("Content/aar/2026/fewer-999-calls-more-conversations.md")
        try (try String(contentsOf: other, encoding: .utf8) + "\nOne more line.\n").write(to: other, atomically: true, encoding: .utf8)
        _ = try SiteBuilder.build(options, output: daemon.output, cache: cache)
        return (daemon, try Publisher(options: options, output: daemon.output, cache: cache))
    }

    /// Every file under the project but Content/ and the store that holds any of `needles`, read byte for byte.
    static func filesMentioning(_ needles: [String], in root: URL) -> [String] {
        var found: [String] = []
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = walker?.nextObject() as? URL {
            let relative = String(url.path.dropFirst(root.path.count + 1))
            if relative.hasPrefix("Content/") || relative.hasPrefix("Themes/") || relative.hasPrefix("store") { continue }
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
                  let data = FileManager.default.contents(atPath: url.path) else { continue }
            if needles.contains(where: { data.range(of: Data($0.utf8)) != nil }) { found.append(relative) }
        }
        return found.sorted()
    }

    @Test("before a takedown the entry is in the site, its spare folder and the cache (the check below can fail)")
    func theEntryIsEverywhereBefore() throws {
        let (daemon, _) = try Self.project()
        defer { daemon.remove() }
        let found = Self.filesMentioning([Self.slug, Self.title], in: daemon.root)
        #expect(found.contains { $0.hasPrefix("public/") })
        #expect(found.contains { $0.hasPrefix("public.previous/") })
        #expect(found.contains("public/search/index.json"))
        #expect(found.contains("public/feed.xml"))
        #expect(found.contains { $0.hasPrefix(".brightspots/") })
    }

    @Test("a takedown leaves no trace of the slug or title in any file, keeps the text in the trash, and is audited")
    func noTraceLeft() async throws {
        let (daemon, publisher) = try Self.project()
        defer { daemon.remove() }
        let store = try SQLiteStore(path: daemon.root.appendingPathComponent("store.sqlite").path)
        defer { try? store.close() }
        let original = try Data(contentsOf: daemon.root.appendingPathComponent(Self.file))

        let report = try await publisher.takeDown("/bright-spots/\(Self.slug)/", reason: "Test takedown", by: "admin-test",
                                                  purge: false, retention: RetentionPolicy(days: 30), store: store)

        #expect(report.file == Self.file)
        #expect(report.mentions.isEmpty)
        #expect(report.checked > 50)
        #expect(!FileManager.default.fileExists(atPath: daemon.root.appendingPathComponent(Self.file).path))
        #expect(Self.filesMentioning([Self.slug, Self.title], in: daemon.root) == [])
        // The site is exactly a clean build of the content without the entry.
        let clean = daemon.root.appendingPathComponent("clean")
        _ = try SiteBuilder.build(BuildOptions(project: ProjectFiles(root: daemon.root)), output: clean)
        #expect(try tree(daemon.output) == tree(clean))
        // Nothing is lost: the trash holds the file byte for byte.
        let trash = try await store.trashItems()
        #expect(trash.count == 1)
        #expect(trash.first?.text == String(decoding: original, as: UTF8.self))
        #expect(trash.first?.reason == "Test takedown")
        #expect(report.trashID == trash.first?.id)
        let log = try await store.audit(since: nil)
        #expect(log.map(\.action) == [.takenDown])
        #expect(log.first?.detail == "\(Self.file): Test takedown")
        #expect(log.first?.actor == "admin-test")
        // The daemon's own view of the site has lost it too.
        #expect(!publisher.snapshot.entries.contains { $0.slug == Self.slug })
    }

    @Test("with purge the text is not kept, and the approved submission it came from loses its original text")
    func purgeKeepsNothing() async throws {
        let (daemon, publisher) = try Self.project()
        defer { daemon.remove() }
        let store = MemoryStore()
        let now = Date()
        var stored = StoredSubmission(reference: "BS-TEST-TAKE-DOWN", submission: Submission(
            kind: "bright-spot", title: Self.title, sections: ["Test text that was sent."]), status: .approved,
            submittedAt: now, decidedAt: now, decidedBy: "mod-test")
        stored.publishedFile = Self.file
        try await store.add(stored, audit: AuditRecord(at: now, actor: "submitter", action: .submitted,
                                                       reference: stored.reference))

        let report = try await publisher.takeDown(Self.slug, reason: "Test purge", by: "admin-test", purge: true,
                                                  retention: RetentionPolicy(days: 30), store: store)

        #expect(report.trashID == nil)
        #expect(report.reference == "BS-TEST-TAKE-DOWN")
        #expect(try await store.trashItems().isEmpty)
        let after = try #require(try await store.submission(reference: "BS-TEST-TAKE-DOWN"))
        #expect(after.submission == Submission(kind: "bright-spot"))
        #expect(after.purgedAt != nil)
        #expect(after.status == .approved)
        let log = try await store.audit(since: nil)
        #expect(log.map(\.action) == [.submitted, .takenDown, .purged])
        #expect(log.allSatisfy { $0.reference == "BS-TEST-TAKE-DOWN" })
        #expect(Self.filesMentioning([Self.slug, Self.title], in: daemon.root) == [])
    }

    @Test("an entry other pages link to, or an unknown one, is refused and nothing changes")
    func refusals() async throws {
        let (daemon, publisher) = try Self.project()
        defer { daemon.remove() }
        let store = MemoryStore()
        let before = try tree(daemon.output)
        let linked = await #expect(throws: TakedownError.self) {
            try await publisher.takeDown("discharge-on-a-friday-afternoon", reason: "Test", by: "admin-test", purge: false,
                                         retention: RetentionPolicy(days: 30), store: store)
        }
        #expect(linked?.description.contains("Content/bright-spot/2026/a-discharge-that-held.md") == true)
        let agenda = await #expect(throws: TakedownError.self) {
            try await publisher.takeDown("blue-teapot-in-the-leisure-centre", reason: "Test", by: "admin-test",
                                         purge: false, retention: RetentionPolicy(days: 30), store: store)
        }
        #expect(agenda?.description.contains("Content/forum/2026-09.md:11 (forum agenda)") == true)
        let unknown = await #expect(throws: TakedownError.self) {
            try await publisher.takeDown("money-first-not-medicaton", reason: "Test", by: "admin-test", purge: false,
                                         retention: RetentionPolicy(days: 30), store: store)
        }
        #expect(unknown?.description.contains("Did you mean money-first-not-medication?") == true)
        #expect(try tree(daemon.output) == before)
        #expect(try await store.audit(since: nil).isEmpty)
        #expect(try await store.trashItems().isEmpty)
    }

    @Test("the takedown page is for administrators, needs the form token, and takes the entry down")
    func takedownPage() async throws {
        let daemon = try await ModerationTests.daemon()
        defer { daemon.remove() }
        try await daemon.application().test(.router) { client in
            var moderator = Browser(client)
            try await ModerationTests.logIn(&moderator)
            #expect(try await moderator.get("/moderate/takedown/").status == .forbidden)
            #expect(try await moderator.post("/moderate/takedown/", [("entry", Self.slug), ("reason", "Test")]).status == .forbidden)

            var admin = Browser(client)
            try await ModerationTests.logIn(&admin, as: "admin-test")
            let form = try await admin.get("/moderate/takedown/")
            #expect(form.status == .ok)
            #expect(form.text.contains("Take down a published entry"))
            let forged = try await admin.post("/moderate/takedown/", [("entry", Self.slug), ("reason", "Test")],
                                              csrf: "forged")
            #expect(forged.status == .forbidden)
            let empty = try await admin.post("/moderate/takedown/", [("entry", Self.slug), ("reason", " ")])
            #expect(empty.status == .unprocessableContent)
            #expect(empty.text.contains("Enter why you are taking it down"))
            #expect(try await admin.get("/bright-spots/\(Self.slug)/").status == .ok)

            let done = try await admin.post("/moderate/takedown/", [("entry", "/bright-spots/\(Self.slug)/"),
                                                                    ("reason", "Test takedown from the page")])
            #expect(done.status == .ok)
            #expect(done.text.contains("Taken down"))
            #expect(done.text.contains("none mentions it"))
            #expect(try await admin.get("/bright-spots/\(Self.slug)/").status == .notFound)
            let actions = try await ModerationTests.actions(daemon)
            #expect(actions.contains(.takenDown))
            #expect(try await daemon.store.trashItems().map(\.slug) == [Self.slug])
        }
    }

    /// Every file under a folder, relative path → bytes.
    func tree(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = walker?.nextObject() as? URL {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            files[String(url.path.dropFirst(folder.path.count))] = try Data(contentsOf: url)
        }
        return files
    }
}
