import Foundation
import Testing

/// A build killed at any moment leaves the last complete site in place, and the next build succeeds.
@Suite("Killing a build")
struct KillTests {
    /// Every page the sitemap lists exists: the folder holds a whole site, not part of one.
    func isCompleteSite(_ project: ScratchProject) -> Bool {
        guard let sitemap = project.read("public/sitemap.xml") else { return false }
        let locations = sitemap.components(separatedBy: "<loc>").dropFirst().compactMap { $0.components(separatedBy: "</loc>").first }
        guard locations.count > 100 else { return false }
        return locations.allSatisfy { location in
            let path = location.replacingOccurrences(of: "http://127.0.0.1:8080/", with: "")
            return project.read("public/" + path + (path.isEmpty || path.hasSuffix("/") ? "index.html" : "")) != nil
        }
    }

    @Test("kill -9 at random points never leaves a partial site")
    func killAtRandomPoints() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        // Enough entries that a build takes long enough to be interrupted part-way.
        let template = try #require(project.read("Content/bright-spot/2026/a-library-that-became-a-front-door.md"))
        for number in 1...300 {
            try project.write("Content/bright-spot/2026/copy-\(number).md",
                              template.replacingOccurrences(of: "title: A library that became a front door",
                                                            with: "title: Copy \(number)"))
        }
        let first = try Binary.run(["build"], in: project.root)
        #expect(first.status == 0, "\(first.error)")
        #expect(isCompleteSite(project))

        var generator = SystemRandomNumberGenerator()
        for round in 0..<6 {
            // Each build has work to do: edited bodies and titles (which reorder index pages); every other one is
            // a clean build that writes everything.
            for number in stride(from: round % 3 + 1, through: 300, by: 3) {
                try project.write("Content/bright-spot/2026/copy-\(number).md",
                                  template.replacingOccurrences(of: "title: A library that became a front door",
                                                                with: "title: Copy \(number) edited in round \(round)")
                                  + "\nEdited in round \(round).\n")
            }
            let process = Binary.start(round.isMultiple(of: 2) ? ["build"] : ["build", "--clean"], in: project.root)
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 20_000...600_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(isCompleteSite(project))
        }
        let last = try Binary.run(["build"], in: project.root)
        #expect(last.status == 0)
        #expect(isCompleteSite(project))
        // Only the spare folder the next incremental build updates; no staging folders.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: project.root.path).filter { $0.hasPrefix("public.") }
        #expect(leftovers.filter { $0 != "public.previous" } == [])
        // And the cache the killed builds left behind still gives exactly what a clean build gives.
        let clean = try Binary.run(["build", "--clean", "--output", "clean"], in: project.root)
        #expect(clean.status == 0)
        #expect(try tree(project.root.appendingPathComponent("public")) == tree(project.root.appendingPathComponent("clean")))
    }

    /// Every file under a folder, relative path → bytes.
    func tree(_ folder: URL) throws -> [String: Data] {
        let base = folder.standardizedFileURL.path + "/"
        var files: [String: Data] = [:]
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = walker?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            files[String(url.standardizedFileURL.path.dropFirst(base.count))] = try Data(contentsOf: url)
        }
        return files
    }
}
