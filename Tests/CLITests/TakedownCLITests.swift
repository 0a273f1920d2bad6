import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `brightspots takedown`, `purge` and `audit` as an operator at the terminal uses them.
@Suite("Takedown, purge and audit at the terminal", .serialized)
struct TakedownCLITests {
    static let slug = "money-first-not-medication"
    static let title = "Money first, then medication if needed"

    /// Relative paths of files under `folder` whose bytes contain any of `needles`.
    static func mentions(_ needles: [String], under folder: URL) -> [String] {
        var found: [String] = []
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            guard let data = FileManager.default.contents(atPath: url.path) else { continue }
            if needles.contains(where: { data.range(of: Data($0.utf8)) != nil }) {
                found.append(String(url.path.dropFirst(folder.path.count + 1)))
            }
        }
        return found.sorted()
    }

    @Test("takedown removes the entry from every built file, and the audit command shows it, as text and CSV")
    func takedownAndAudit() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        let root = ["--root", project.root.path]
        #expect(try Binary.run(["build"] + root).status == 0)
        #expect(try Binary.run(["build"] + root).status == 0)  // a second build leaves public.previous
        #expect(!Self.mentions([Self.slug], under: project.root.appendingPathComponent("public")).isEmpty)

        let unknown = try Binary.run(["takedown", "money-first-not-medicatio", "--reason", "Test"] + root)
        #expect(unknown.status == 1)
        #expect(unknown.error.contains("Did you mean money-first-not-medication?"))
        let noReason = try Binary.run(["takedown", Self.slug] + root)
        #expect(noReason.status != 0)
        #expect(noReason.error.contains("--reason"))

        let done = try Binary.run(["takedown", Self.slug, "--reason", "Test: named a café regular"] + root)
        #expect(done.status == 0, "\(done.error)")
        #expect(done.output.contains("Took down Content/bright-spot/2026/\(Self.slug).md"))
        #expect(done.output.contains("in the store's trash (item 1)"))
        #expect(done.output.contains("none mentions \(Self.slug) or its title"))
        #expect(project.read("Content/bright-spot/2026/\(Self.slug).md") == nil)
        // Everything but the content and the store: the site, its spare and the build cache.
        let everywhere = Self.mentions([Self.slug, Self.title], under: project.root)
            .filter { !$0.hasPrefix("Content/") && !$0.hasPrefix("brightspots.sqlite") }
        #expect(everywhere == [])

        let text = try Binary.run(["audit"] + root)
        #expect(text.status == 0)
        #expect(text.output.hasPrefix("TIME"))
        #expect(text.output.contains("taken-down"))
        #expect(text.output.contains("Content/bright-spot/2026/\(Self.slug).md: Test: named a café regular"))
        let csv = try Binary.run(["audit", "--format", "csv", "--since", "2000-01-01"] + root)
        let rows = csv.output.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.first == "time,actor,action,reference,detail")
        #expect(rows.contains { $0.contains(",taken-down,,Content/bright-spot/2026/\(Self.slug).md: Test: named a café regular") })
        let later = try Binary.run(["audit", "--since", "2999-01-01"] + root)
        #expect(later.output.contains("No audit records since 2999-01-01."))
        let badDate = try Binary.run(["audit", "--since", "yesterday"] + root)
        #expect(badDate.status != 0)
        #expect(badDate.error.contains("is not a date"))
    }

    @Test("purge deletes raw submissions older than the retention period and audits each by reference")
    func purge() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try DaemonLiveTests.addAdmin(project)
        let daemon = DaemonLiveTests.Daemon(project: project, port: try DaemonLiveTests.freePort())
        defer { daemon.stop() }
        try daemon.start()
        let title = "A reflection to purge in a test"
        let reference = try DaemonLiveTests.submit(title, via: daemon, as: DaemonLiveTests.Curl(in: project.root, name: "visitor"))
        _ = daemon.signal(SIGTERM)
        let root = ["--root", project.root.path]

        let kept = try Binary.run(["purge"] + root)
        #expect(kept.status == 0)
        #expect(kept.output.contains("Nothing is older than 90 days"))
        #expect(try DaemonLiveTests.pendingLines(project).contains { $0.contains(reference) })

        let purged = try Binary.run(["purge", "--retention-days", "0"] + root)
        #expect(purged.status == 0, "\(purged.error)")
        #expect(purged.output.contains("Purged 1 pending submission"))
        #expect(!(try DaemonLiveTests.pendingLines(project).contains { $0.contains(reference) }))
        let log = try Binary.run(["audit", "--format", "csv"] + root).output
        #expect(log.contains(",purged,\(reference),pending submission"))
        // Gone from the store's files, not just from its answers.
        #expect(Self.mentions([title], under: project.root).filter { $0.hasPrefix("brightspots.sqlite") } == [])
    }
}
