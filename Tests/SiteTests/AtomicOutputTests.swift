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
        // The replaced site is kept beside it; the next build writes over it and removes what it lacks.
        #expect(try siblings(of: project) == ["public", "public.previous"])
        #expect(project.read("public.previous/stale.html") != nil)
        // Files and folders only the spare holds: a page in folders of its own, beside a page the build writes, and
        // an empty folder.
        try project.write("public.previous/old/deep/page.html", "an old page")
        try project.write("public.previous/after-action-reviews/stale-too.html", "an old page beside new ones")
        try FileManager.default.createDirectory(at: project.root.appendingPathComponent("public.previous/empty/dir"),
                                                withIntermediateDirectories: true)
        _ = try SiteBuilder.build(project.options(), output: project.output)
        #expect(try siblings(of: project) == ["public", "public.previous"])
        #expect(project.read("public/stale.html") == nil)
        for gone in ["old", "empty", "after-action-reviews/stale-too.html"] {
            #expect(!FileManager.default.fileExists(atPath: project.output.appendingPathComponent(gone).path), "\(gone)")
        }
        let fresh = try Fixtures.project("golden")
        defer { fresh.remove() }
        _ = try SiteBuilder.build(fresh.options(), output: fresh.output)
        #expect(try Self.files(in: project.output) == Self.files(in: fresh.output))
    }

    /// Every file under `folder` by relative path, with its bytes.
    static func files(in folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            files[String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))] =
                try Data(contentsOf: url)
        }
        return files
    }

    @Test("a fresh build writes over the spare's own files, never over files it shares with the live site")
    func freshBuildKeepsSharedFiles() throws {
        let project = try Fixtures.project("golden")
        defer { project.remove() }
        let cache = BuildCache.memory()
        _ = try SiteBuilder.build(project.options(), output: project.output, cache: cache)
        let file = "Content/aar/2026/late-discharge.md"
        try project.write(file, project.read(file)! + "\nOne more line.\n")
        // An incremental build: the spare gets the changed files and hard links to the live site's other files.
        _ = try SiteBuilder.build(project.options(), output: project.output, cache: cache)
        let live = try Self.files(in: project.output)
        // Another entry's page, which the spare shares with the live site, changes in the next build.
        let other = "Content/bright-spot/2026/blue-teapot.md"
        try project.write(other, project.read(other)! + "\nAnd another.\n")
        // A fresh build (no cache) writes every page into the spare, then swaps: the old live site must be intact.
        _ = try SiteBuilder.build(project.options(), output: project.output)
        #expect(try Self.files(in: project.root.appendingPathComponent("public.previous")) == live)
        let fresh = try Fixtures.project("golden")
        defer { fresh.remove() }
        try fresh.write(file, project.read(file)!)
        try fresh.write(other, project.read(other)!)
        _ = try SiteBuilder.build(fresh.options(), output: fresh.output)
        #expect(try Self.files(in: project.output) == Self.files(in: fresh.output))
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
