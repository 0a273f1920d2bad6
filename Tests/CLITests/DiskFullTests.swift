import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A project on a small tmpfs, its disk filled while a moderator approves: nothing half-written may be left, the
/// previous site must go on serving whole, and the moderator must be told why.
@Suite("A full disk during approval", .serialized)
struct DiskFullTests {
    typealias Daemon = DaemonLiveTests.Daemon

    static func run(_ tool: String, _ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        do { try process.run() } catch { return (-1, "\(error)") }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    /// Fills the file system holding `folder` until only about `room` bytes are left: a reserve of that size is
    /// written first, then a filler until ENOSPC, then the reserve is removed.
    static func fill(_ folder: URL, leaving room: Int) throws -> URL {
        let reserve = folder.appendingPathComponent("reserve")
        if room > 0 { try Data(count: room).write(to: reserve) }
        let filler = folder.appendingPathComponent("filler")
        let descriptor = open(filler.path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        for chunk in [1 << 20, 1 << 12, 1] {
            let bytes = [UInt8](repeating: 0x2E, count: chunk)
            while write(descriptor, bytes, chunk) == chunk {}
        }
        try #require(errno == ENOSPC, "filling stopped for another reason: \(String(cString: strerror(errno)))")
        unlink(reserve.path)
        return filler
    }

    /// The checks after a failed approval: nothing half-written anywhere, the old site whole and served.
    static func expectNothingLeft(_ project: ScratchProject, daemon: Daemon, reference: String, contentBefore: Set<String>,
                                  sitemapBefore: String, slug: String, _ context: String) throws {
        let content = Set(try LiveClients.tree(project.root.appendingPathComponent("Content")).keys)
        #expect(content == contentBefore, "\(context): Content/ changed: \(content.symmetricDifference(contentBefore).sorted())")
        let siblings = try FileManager.default.contentsOfDirectory(atPath: project.root.path)
        #expect(siblings.filter { $0.hasPrefix("public.") && $0 != "public.previous" } == [],
                "\(context): staging folders left: \(siblings)")
        #expect(project.read("public/sitemap.xml") == sitemapBefore, "\(context): the served sitemap changed")
        let locations = sitemapBefore.components(separatedBy: "<loc>").dropFirst()
            .compactMap { $0.components(separatedBy: "</loc>").first }
        #expect(locations.count > 50)
        for location in locations {
            let path = location.replacingOccurrences(of: "http://127.0.0.1:8080/", with: "")
            let file = "public/" + path + (path.isEmpty || path.hasSuffix("/") ? "index.html" : "")
            let page = project.read(file)
            #expect(page?.contains("</html>") == true || (page != nil && !file.hasSuffix(".html")),
                    "\(context): \(file) is missing or cut short")
        }
        #expect(!FileManager.default.fileExists(atPath: project.root.appendingPathComponent("public/bright-spots/\(slug)").path))
        #expect(try DaemonLiveTests.Curl.status(daemon.base + "/") == 200)
        let status = try DaemonLiveTests.Curl(in: FileManager.default.temporaryDirectory, name: "api-\(UUID().uuidString)")
            .request(daemon.base + "/api/submissions/\(reference)")
        #expect(status.body.contains("\"pending\""), "\(context): \(status.body)")
    }

    @Test("approving on a full disk publishes nothing, keeps the previous site whole, tells the moderator why, and works once space is freed")
    func approvalOnFullDisk() throws {
        let mountPoint = FileManager.default.temporaryDirectory.appendingPathComponent("brightspots-tmpfs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: mountPoint) }
        let mounted = Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=64m", "tmpfs", mountPoint.path])
        guard mounted.status == 0 else {
            withKnownIssue("This test mounts a small tmpfs, which needs root: run it as root, e.g. sudo swift test --filter DiskFullTests") {
                Issue.record("mount -t tmpfs failed: \(mounted.output)")
            }
            return
        }
        defer {
            if Self.run("/bin/umount", [mountPoint.path]).status != 0 { _ = Self.run("/bin/umount", ["-l", mountPoint.path]) }
        }
        let project = try ScratchProject(parent: mountPoint)
        try DaemonLiveTests.addAdmin(project)
        let settings = try LiveClients.writeSettings(project)
        let daemon = Daemon(project: project, port: try DaemonLiveTests.freePort())
        defer { daemon.stop() }
        try daemon.start(["--config", settings.path])
        // Cookie jars off the full disk: curl could not save the session otherwise.
        let jars = FileManager.default.temporaryDirectory.appendingPathComponent("brightspots-jars-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: jars, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: jars) }
        let moderator = try LiveClients.Moderator(daemon: daemon, folder: jars)
        let title = "Approved on a full disk"
        let slug = "approved-on-a-full-disk"
        let reference = try #require(LiveClients.submit(title, to: daemon))
        // One approval first, so the site has its spare folder and the next build is the incremental one.
        let warmUp = try #require(LiveClients.submit("Approved before the disk filled", to: daemon))
        #expect(try moderator.approve(warmUp).status == 303)
        let contentBefore = Set(try LiveClients.tree(project.root.appendingPathComponent("Content")).keys)
        let sitemapBefore = try #require(project.read("public/sitemap.xml"))

        // No room at all: the entry file cannot be written.
        var filler = try Self.fill(mountPoint, leaving: 0)
        let full = try moderator.approve(reference)
        #expect(full.status == 409, "\(full.status): \(full.body.prefix(2000))")
        #expect(full.body.contains("The reflection was not published: the disk is full"), "\(full.body.prefix(4000))")
        #expect(full.body.contains("Free some space on the disk holding"))
        #expect(full.body.contains("/approved-on-a-full-disk.md: cannot write (No space left on device)"), "\(full.body.prefix(4000))")
        try Self.expectNothingLeft(project, daemon: daemon, reference: reference, contentBefore: contentBefore,
                                   sitemapBefore: sitemapBefore, slug: slug, "disk full")
        let terminal = try Binary.run(["moderate", "approve", reference, "--root", project.root.path,
                                       "--config", settings.path])
        #expect(terminal.status == 1)
        #expect(terminal.error.contains("was not published: the disk is full"), "\(terminal.error)")
        try Self.expectNothingLeft(project, daemon: daemon, reference: reference, contentBefore: contentBefore,
                                   sitemapBefore: sitemapBefore, slug: slug, "disk full, from the terminal")

        // Room for the entry file, not for the site: the build fails part-way.
        unlink(filler.path)
        filler = try Self.fill(mountPoint, leaving: 8 * 1024)
        let partWay = try moderator.approve(reference)
        #expect(partWay.status == 409, "\(partWay.status): \(partWay.body.prefix(2000))")
        #expect(partWay.body.contains("the disk is full"), "\(partWay.body.prefix(4000))")
        // This time the entry file was written and the site's build failed.
        #expect(partWay.body.contains("could not write the site"), "\(partWay.body.prefix(4000))")
        try Self.expectNothingLeft(project, daemon: daemon, reference: reference, contentBefore: contentBefore,
                                   sitemapBefore: sitemapBefore, slug: slug, "room for the entry only")

        // Space freed: the same approval goes through.
        unlink(filler.path)
        let approved = try moderator.approve(reference)
        #expect(approved.status == 303, "\(approved.status): \(approved.body.prefix(2000))")
        #expect(try DaemonLiveTests.Curl.status(daemon.base + "/bright-spots/\(slug)/") == 200)
        #expect(project.read("public/sitemap.xml")?.contains("/bright-spots/\(slug)/") == true)
        daemon.stop()
    }
}
