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
        for _ in 0..<6 {
            let process = Binary.start(["build"], in: project.root)
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
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: project.root.path).filter { $0.hasPrefix("public.") }
        #expect(leftovers == [])
    }
}
