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
        let started = Date()
        let first = try Binary.run(["build"], in: project.root)
        #expect(first.status == 0, "\(first.error)")
        // Kill moments spread over a whole build's length and past it, so some builds die before the swap and
        // some after.
        let buildMicroseconds = UInt32(min(30, max(0.5, Date().timeIntervalSince(started))) * 1_000_000)
        #expect(isCompleteSite(project))

        var generator = SystemRandomNumberGenerator()
        var swapped = 0
        for round in 0..<6 {
            // Each build has work to do: edited bodies and titles (which reorder index pages); every other one is
            // a clean build that writes everything.
            for number in stride(from: round % 3 + 1, through: 300, by: 3) {
                try project.write("Content/bright-spot/2026/copy-\(number).md",
                                  template.replacingOccurrences(of: "title: A library that became a front door",
                                                                with: "title: Copy \(number) edited in round \(round)")
                                  + "\nEdited in round \(round).\n")
            }
            let before = try LiveClients.tree(project.root.appendingPathComponent("public"))
            let process = Binary.start(round.isMultiple(of: 2) ? ["build"] : ["build", "--clean"], in: project.root)
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            // Early in the build in some rounds, around its end in others.
            let range = round % 3 == 2 ? (buildMicroseconds * 3 / 4)...(buildMicroseconds * 2)
                                       : 20_000...max(20_001, buildMicroseconds * 3 / 4)
            usleep(UInt32.random(in: range, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(isCompleteSite(project))
            // The served folder is the last complete site, byte for byte: the one before the build, or the whole
            // of the new one, never a mixture.
            let after = try LiveClients.tree(project.root.appendingPathComponent("public"))
            if after != before {
                swapped += 1
                let expected = project.root.appendingPathComponent("expected-\(round)")
                let made = try Binary.run(["build", "--clean", "--output", expected.path], in: project.root)
                #expect(made.status == 0)
                #expect(after == (try LiveClients.tree(expected)), "round \(round): the site is neither the old one nor the new one")
                try? FileManager.default.removeItem(at: expected)
            }
        }
        print("KillTests: \(swapped) of 6 killed builds had swapped in their new site; the others left the old one")
        let last = try Binary.run(["build"], in: project.root)
        #expect(last.status == 0)
        #expect(isCompleteSite(project))
        // Only the spare folder the next incremental build updates; no staging folders.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: project.root.path).filter { $0.hasPrefix("public.") }
        #expect(leftovers.filter { $0 != "public.previous" } == [])
        // And the cache the killed builds left behind still gives exactly what a clean build gives.
        let clean = try Binary.run(["build", "--clean", "--output", "clean"], in: project.root)
        #expect(clean.status == 0)
        #expect(try LiveClients.tree(project.root.appendingPathComponent("public")) == LiveClients.tree(project.root.appendingPathComponent("clean")))
    }
}
