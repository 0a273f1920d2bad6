import BrightspotsCore
@testable import BrightspotsSite
import Foundation
import Testing

@Suite("Atomic output: a build swaps in whole or not at all")
struct AtomicOutputTests {
    func siblings(of project: TemporaryProject) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: project.root.path).filter { $0.hasPrefix("public") }.sorted()
    }

    @Test("a successful build replaces the whole previous site")
    func replaces() throws {
        let project = try Fixtures.project("golden")
        defer { project.remove() }
        _ = try SiteBuilder.build(project.options(), output: project.output)
        try project.write("public/stale.html", "left over from an older build")
        _ = try SiteBuilder.build(project.options(), output: project.output)
        #expect(project.read("public/stale.html") == nil)
        #expect(project.read("public/index.html")?.contains("Fixture Forum") == true)
        #expect(try siblings(of: project) == ["public"])
    }

    @Test("a build that fails on bad content leaves the previous site untouched")
    func failureKeepsPrevious() throws {
        let project = try Fixtures.project("golden")
        defer { project.remove() }
        _ = try SiteBuilder.build(project.options(), output: project.output)
        let before = try #require(project.read("public/index.html"))
        try project.write("Content/bright-spot/2026/broken.md", "---\ntitle: Broken\n---\n")
        #expect(throws: ProblemReport.self) { try SiteBuilder.build(project.options(), output: project.output) }
        #expect(project.read("public/index.html") == before)
        #expect(try siblings(of: project) == ["public"])
    }

    @Test("a build that fails while writing leaves the previous site untouched")
    func writeFailureKeepsPrevious() throws {
        let project = try Fixtures.project("golden")
        defer { project.remove() }
        _ = try SiteBuilder.build(project.options(), output: project.output)
        let before = try #require(project.read("public/index.html"))
        // A file where the build needs a folder makes every write under it fail.
        let atomic = try AtomicOutput(destination: project.output)
        try project.write(atomic.staging.lastPathComponent + "/tags", "not a folder")
        #expect(throws: (any Error).self) {
            _ = try SiteBuilder.build(project.options(), into: FolderSink(folder: atomic.staging))
        }
        atomic.abandon()
        #expect(project.read("public/index.html") == before)
        #expect(try siblings(of: project) == ["public"])
    }

    @Test("staging folders left by a killed build are cleared by the next build")
    func leftoversCleared() throws {
        let project = try Fixtures.project("golden")
        defer { project.remove() }
        // pid 2147483646 is never a live process here.
        try project.write("public.building-2147483646-1/index.html", "half a site")
        try project.write("public.retired-ABC/index.html", "an old site")
        _ = try SiteBuilder.build(project.options(), output: project.output)
        #expect(try siblings(of: project) == ["public"])
    }

    @Test("the first build creates the output folder")
    func firstBuild() throws {
        let project = try Fixtures.project("golden")
        defer { project.remove() }
        #expect(project.read("public/index.html") == nil)
        let summary = try SiteBuilder.build(project.options(), output: project.output.appendingPathComponent("deeper/site"))
        #expect(summary.pages > 0)
        #expect(project.read("public/deeper/site/index.html") != nil)
    }
}

@Suite("Atomic output: refusing to replace what is not a site")
struct AtomicOutputRefusalTests {
    @Test("an output path that is a file is not replaced, and no staging folder is left")
    func outputIsAFile() throws {
        let project = try Fixtures.project("golden")
        defer { project.remove() }
        try project.write("public", "a file, not a folder")
        #expect(throws: (any Error).self) { try SiteBuilder.build(project.options(), output: project.output) }
        #expect(project.read("public") == "a file, not a folder")
        let left = try FileManager.default.contentsOfDirectory(atPath: project.root.path).filter { $0.hasPrefix("public.") }
        #expect(left == [])
    }
}
