import BrightspotsStore
import Foundation
import GRDB
import Synchronization
import Testing

/// `brightspots backup` and `brightspots restore` on the real binary, with a live daemon where it matters.
@Suite("Backup and restore", .serialized)
struct BackupTests {
    typealias Daemon = DaemonLiveTests.Daemon

    /// A scratch folder for archives and restored projects.
    struct Scratch {
        let root: URL
        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("brightspots-backup-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        }
        func url(_ name: String) -> URL { root.appendingPathComponent(name) }
        var listing: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).sorted() }
        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    static func backup(_ project: ScratchProject, to archive: URL, config: URL? = nil) throws -> Binary.Result {
        try Binary.run(["backup", archive.path, "--root", project.root.path] + (config.map { ["--config", $0.path] } ?? []))
    }

    static func restore(_ archive: URL, into folder: URL) throws -> Binary.Result {
        try Binary.run(["restore", archive.path, folder.path])
    }

    static func tar(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/tar")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "tar \(arguments) failed")
        return text
    }

    /// The queue and the audit log, read as the daemon reads them.
    static func queue(_ database: URL) async throws -> (submissions: [StoredSubmission], audit: [AuditRecord]) {
        let store = try SQLiteStore(path: database.path)
        defer { try? store.close() }
        return (try await store.submissions(status: nil), try await store.audit(since: nil))
    }

    static func sessionCount(_ database: URL) throws -> Int {
        let queue = try DatabaseQueue(path: database.path)
        defer { try? queue.close() }
        return try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM session") ?? 0 }
    }

    /// A project with a store (one moderator account), no daemon, and its backup.
    static func backedUpProject(_ scratch: Scratch) throws -> (ScratchProject, URL) {
        let project = try ScratchProject()
        try DaemonLiveTests.addAdmin(project)
        let archive = scratch.url("backup.tar.gz")
        let result = try backup(project, to: archive)
        try #require(result.status == 0, "backup failed: \(result.error)")
        return (project, archive)
    }

    // MARK: Tests

    @Test("a backup restored into an empty folder builds the same site byte for byte and holds the same queue and audit log, with nobody logged in")
    func restoreIsIdentical() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let project = try ScratchProject()
        defer { project.remove() }
        try DaemonLiveTests.addAdmin(project)
        let settings = try LiveClients.writeSettings(project)
        let daemon = Daemon(project: project, port: try DaemonLiveTests.freePort())
        defer { daemon.stop() }
        try daemon.start(["--config", settings.path])
        let moderator = try LiveClients.Moderator(daemon: daemon)
        var references: [String] = []
        for number in 1...5 {
            references.append(try #require(LiveClients.submit("Kept through a restore \(number)", to: daemon)))
        }
        for reference in references.prefix(2) {
            let approved = try moderator.approve(reference)
            #expect(approved.status == 303, "approval refused: \(approved.body.prefix(1000))")
        }
        let rejected = try Binary.run(["moderate", "reject", references[2], "--reason", "A test rejection",
                                       "--root", project.root.path, "--config", settings.path])
        #expect(rejected.status == 0, "\(rejected.error)")
        let database = project.root.appendingPathComponent("brightspots.sqlite")
        #expect(try Self.sessionCount(database) > 0, "the moderator's login should be a session in the store")

        let archive = scratch.url("brightspots.tar.gz")
        let made = try Self.backup(project, to: archive, config: settings)
        #expect(made.status == 0, "\(made.error)")
        #expect(made.output.contains("Backed up"))
        let mode = try FileManager.default.attributesOfItem(atPath: archive.path)[.posixPermissions] as? Int
        #expect(mode == 0o600, "the archive holds unmoderated submissions: it must be readable by its owner only")
        let listing = try Self.tar(["-tzf", archive.path]).split(separator: "\n").map(String.init)
        #expect(listing.first == "manifest.json")
        #expect(listing.contains("brightspots.sqlite"))
        #expect(listing.contains("daemon.yaml"))
        #expect(listing.contains { $0.hasPrefix("Themes/default/templates/") })
        #expect(!listing.contains { $0.hasPrefix("public") || $0.hasPrefix(".brightspots") })
        #expect(daemon.signal(SIGTERM)?.status == 0)

        let target = scratch.url("restored")
        let restored = try Self.restore(archive, into: target)
        #expect(restored.status == 0, "\(restored.error)")
        #expect(restored.output.contains("nobody is logged in"))
        #expect(scratch.listing.filter { $0.hasPrefix(".") } == [], "staging folders left behind")

        // The same site, byte for byte.
        for (root, output) in [(project.root, scratch.url("site-original")), (target, scratch.url("site-restored"))] {
            let built = try Binary.run(["build", "--clean", "--root", root.path, "--output", output.path])
            #expect(built.status == 0, "\(built.error)")
        }
        let original = try LiveClients.tree(scratch.url("site-original"))
        #expect(original.count > 50)
        #expect(original["after-action-reviews/index.html"] != nil)
        let same = try LiveClients.tree(scratch.url("site-restored")) == original
        #expect(same, "the restored project builds a different site")

        // The same queue (references, statuses, bodies, decisions) and audit log; no sessions.
        let before = try await Self.queue(database)
        let after = try await Self.queue(target.appendingPathComponent("brightspots.sqlite"))
        #expect(after.submissions == before.submissions)
        #expect(after.submissions.map(\.status).filter { $0 == .approved }.count == 2)
        #expect(after.audit == before.audit)
        #expect(try Self.sessionCount(target.appendingPathComponent("brightspots.sqlite")) == 0)
        #expect(FileManager.default.contents(atPath: target.appendingPathComponent("daemon.yaml").path)
                == FileManager.default.contents(atPath: settings.path))

        // The restored daemon serves, and the old login does not carry over.
        let again = Daemon(project: ScratchProject(existing: target), port: try DaemonLiveTests.freePort())
        defer { again.stop() }
        try again.start(["--config", target.appendingPathComponent("daemon.yaml").path])
        let queuePage = try DaemonLiveTests.Curl(in: project.root, name: "moderator").request(again.base + "/moderate/")
        #expect(queuePage.status == 303 || queuePage.body.contains("Log in"), "a session from before the backup still works")
    }

    @Test("backups taken while submissions stream in and approvals publish hold Content/ and the store of one moment")
    func backupUnderLoad() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let project = try ScratchProject()
        defer { project.remove() }
        try DaemonLiveTests.addAdmin(project)
        let settings = try LiveClients.writeSettings(project)
        let daemon = Daemon(project: project, port: try DaemonLiveTests.freePort())
        defer { daemon.stop() }
        try daemon.start(["--config", settings.path])
        let moderator = try LiveClients.Moderator(daemon: daemon)
        var toApprove: [String] = []
        for number in 1...10 {
            toApprove.append(try #require(LiveClients.submit("Approved during a backup \(number)", to: daemon)))
        }
        let stream = LiveClients.Stream(daemon: daemon, label: "during backups")
        stream.start(clients: 2)
        // Approvals one after another, each writing an entry, rebuilding and then recording the decision.
        let approvals = Mutex<[Int]>([])
        let approving = Background {
            for reference in toApprove {
                let status = (try? moderator.approve(reference))?.status ?? 0
                approvals.withLock { $0.append(status) }
            }
        }
        // Backups one after another while the approvals run.
        var archives: [(archive: URL, confirmedBefore: Set<String>)] = []
        for round in 1...4 {
            let confirmedBefore = Set(stream.confirmed.values)
            let archive = scratch.url("under-load-\(round).tar.gz")
            let result = try Self.backup(project, to: archive, config: settings)
            #expect(result.status == 0, "\(result.error)")
            archives.append((archive, confirmedBefore))
            if approvals.withLock({ $0.count }) == toApprove.count { break }
        }
        let approvedDuringBackups = approvals.withLock { $0.count }
        approving.wait()
        stream.stop()
        print("backup under load: \(archives.count) backups while \(approvedDuringBackups) of \(toApprove.count) approvals "
              + "were done and \(stream.confirmed.count) submissions confirmed")
        #expect(approvals.withLock { $0 } == Array(repeating: 303, count: toApprove.count))
        #expect(stream.confirmed.count > 0)

        let repository = Set(try LiveClients.tree(Binary.repositoryRoot.appendingPathComponent("Content")).keys)
        for (index, taken) in archives.enumerated() {
            let target = scratch.url("restored-\(index)")
            let restored = try Self.restore(taken.archive, into: target)
            #expect(restored.status == 0, "\(restored.error)")
            let submissions = try await Self.queue(target.appendingPathComponent("brightspots.sqlite")).submissions
            // Every submission confirmed before the backup began is in it.
            #expect(taken.confirmedBefore.isSubset(of: Set(submissions.map(\.reference))))
            // Content/ and the store agree: each approved submission's file is there, and each entry file an
            // approval wrote belongs to a submission the store calls approved.
            let approvedFiles = Set(submissions.filter { $0.status == .approved }.compactMap(\.publishedFile))
            let written = try LiveClients.tree(target.appendingPathComponent("Content")).keys
                .filter { $0.hasSuffix(".md") && !repository.contains($0) }.map { "Content/" + $0 }
            for file in approvedFiles.sorted() {
                #expect(FileManager.default.fileExists(atPath: target.appendingPathComponent(file).path),
                        "backup \(index + 1): the store says \(file) was published, but the file is not in the backup")
            }
            for file in written.sorted() {
                #expect(approvedFiles.contains(file),
                        "backup \(index + 1): \(file) is in the backup, but its submission is not approved in the backup's store")
            }
            #expect(try Self.sessionCount(target.appendingPathComponent("brightspots.sqlite")) == 0)
        }
    }

    @Test("restore refuses a folder that is not empty and writes nothing; an empty one is fine")
    func refusesNonEmptyFolder() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (project, archive) = try Self.backedUpProject(scratch)
        defer { project.remove() }
        let occupied = scratch.url("occupied")
        try FileManager.default.createDirectory(at: occupied, withIntermediateDirectories: false)
        try Data("keep me\n".utf8).write(to: occupied.appendingPathComponent("notes.txt"))
        let before = scratch.listing

        let refused = try Self.restore(archive, into: occupied)
        #expect(refused.status == 1)
        #expect(refused.error.contains("\(occupied.path) is not empty (it holds notes.txt)"), "\(refused.error)")
        #expect(refused.error.contains("give another folder"))
        #expect(try LiveClients.tree(occupied) == ["notes.txt": Data("keep me\n".utf8)])
        #expect(scratch.listing == before, "something was written beside the folder")

        let empty = scratch.url("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: false)
        let restored = try Self.restore(archive, into: empty)
        #expect(restored.status == 0, "\(restored.error)")
        #expect(FileManager.default.fileExists(atPath: empty.appendingPathComponent("Content/site.yaml").path))
    }

    @Test("a damaged archive, a file changed inside it, and a damaged store are each refused, with nothing restored")
    func refusesDamagedArchives() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (project, archive) = try Self.backedUpProject(scratch)
        defer { project.remove() }
        let bytes = try Data(contentsOf: archive)

        // One byte flipped in the compressed stream.
        var flipped = bytes
        flipped[flipped.count / 2] ^= 0x5A
        try flipped.write(to: scratch.url("flipped.tar.gz"))
        let damaged = try Self.restore(scratch.url("flipped.tar.gz"), into: scratch.url("from-flipped"))
        #expect(damaged.status == 1)
        #expect(damaged.error.contains("Nothing was restored"), "\(damaged.error)")

        // A well-formed archive whose Content/site.yaml is not what the manifest records.
        let unpacked = scratch.url("unpacked")
        try FileManager.default.createDirectory(at: unpacked, withIntermediateDirectories: false)
        _ = try Self.tar(["-xzf", archive.path, "-C", unpacked.path])
        let siteFile = unpacked.appendingPathComponent("Content/site.yaml")
        let original = try Data(contentsOf: siteFile)
        try (original + Data("# edited after the backup\n".utf8)).write(to: siteFile)
        _ = try Self.tar(["-czf", scratch.url("edited.tar.gz").path, "-C", unpacked.path, "."])
        let edited = try Self.restore(scratch.url("edited.tar.gz"), into: scratch.url("from-edited"))
        #expect(edited.status == 1)
        #expect(edited.error.contains("Content/site.yaml is not as it was backed up"), "\(edited.error)")

        // A store that fails SQLite's integrity check, with a manifest that matches it.
        try original.write(to: siteFile)
        let store = unpacked.appendingPathComponent("brightspots.sqlite")
        var storeBytes = try Data(contentsOf: store)
        try #require(storeBytes.count > 8192)
        for offset in 4096..<4096 + 12 { storeBytes[offset] ^= 0xFF }  // the second page's header
        try storeBytes.write(to: store)
        let manifestURL = unpacked.appendingPathComponent("manifest.json")
        var manifest = try BackupManifest.decode(Data(contentsOf: manifestURL)).get()
        manifest.files = try BackupInventory.items(in: unpacked).filter { $0.path != "manifest.json" }
        try manifest.encoded().write(to: manifestURL)
        _ = try Self.tar(["-czf", scratch.url("bad-store.tar.gz").path, "-C", unpacked.path, "."])
        let badStore = try Self.restore(scratch.url("bad-store.tar.gz"), into: scratch.url("from-bad-store"))
        #expect(badStore.status == 1)
        #expect(badStore.error.contains("damaged store"), "\(badStore.error)")

        for name in ["from-flipped", "from-edited", "from-bad-store"] {
            #expect(!FileManager.default.fileExists(atPath: scratch.url(name).path), "\(name) was created")
        }
        #expect(scratch.listing.filter { $0.hasPrefix(".") } == [], "staging folders left behind")
        // The archive itself is fine.
        #expect(try Self.restore(archive, into: scratch.url("from-original")).status == 0)
    }
}
