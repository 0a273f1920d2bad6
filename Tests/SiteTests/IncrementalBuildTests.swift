import BrightspotsCore
@testable import BrightspotsSite
import Foundation
import GRDB
import Testing

/// A small deterministic random generator (SplitMix64), so a failing sequence of edits can be replayed.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Every file (path → bytes) and folder under a site folder.
func siteTree(_ folder: URL) throws -> (files: [String: Data], folders: Set<String>) {
    let base = folder.standardizedFileURL.path + "/"
    var files: [String: Data] = [:]
    var folders = Set<String>()
    let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isDirectoryKey])
    while let url = walker?.nextObject() as? URL {
        let path = String(url.standardizedFileURL.path.dropFirst(base.count))
        if try url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory == true {
            folders.insert(path)
        } else {
            files[path] = try Data(contentsOf: url)
        }
    }
    return (files, folders)
}

@Suite("Incremental builds write exactly what a clean build writes")
struct IncrementalBuildTests {
    /// The repository's example content and a copy of its theme, so the test can edit templates.
    func exampleProject() throws -> TemporaryProject {
        let project = try TemporaryProject()
        try project.copy(Fixtures.repositoryRoot.appendingPathComponent("Content"), to: "Content")
        try project.copy(Fixtures.repositoryRoot.appendingPathComponent("Themes/default"), to: "Themes/default")
        return project
    }

    func entryFiles(_ project: TemporaryProject) -> [String] {
        SiteLoader.entryFiles(project.files)
    }

    /// One random change to the project; returns what to put back if the change makes the content invalid.
    func mutate(_ project: TemporaryProject, round: Int, random: inout SeededRandom) throws -> (String, [String: Data?]) {
        let files = entryFiles(project)
        var file = files.randomElement(using: &random)!
        // Renames and deletions pick an entry nothing else names (related, [[links]], forum agendas).
        let texts = try FileManager.default.subpathsOfDirectory(atPath: project.root.appendingPathComponent("Content").path)
            .compactMap { project.read("Content/" + $0) }.joined(separator: "\n")
        let unnamed = files.filter { file in
            let slug = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
            return !texts.contains(slug)
        }
        let original = project.read(file)!
        var saved: [String: Data?] = [file: Data(original.utf8)]
        func replaceLine(_ prefix: String, _ make: (String) -> String) throws {
            let lines = original.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                line.hasPrefix(prefix) ? make(String(line)) : String(line)
            }
            try project.write(file, lines.joined(separator: "\n"))
        }
        switch Int.random(in: 0..<13, using: &random) {
        case 0:
            try project.write(file, original + "\nA paragraph added in round \(round), with *emphasis*.\n")
            return ("append to \(file)", saved)
        case 1:
            try replaceLine("title: ") { $0 + " (revised \(round))" }
            return ("retitle \(file)", saved)
        case 2:
            let day = Int.random(in: 1...28, using: &random)
            let month = Int.random(in: 1...10, using: &random)
            try replaceLine("date: ") { _ in String(format: "date: 2026-%02d-%02d", month, day) }
            return ("redate \(file)", saved)
        case 3:
            let slug = "added-in-round-\(round)-\(Int.random(in: 0..<1000, using: &random))"
            let target = (file as NSString).deletingLastPathComponent + "/\(slug).md"
            saved[target] = .some(nil)
            try project.write(target, original.replacingOccurrences(of: "\ntitle: ", with: "\ntitle: Added in round \(round) - "))
            return ("add \(target)", saved)
        case 4:
            file = unnamed.randomElement(using: &random) ?? file
            saved = [file: project.read(file).map { Data($0.utf8) }]
            let target = (file as NSString).deletingLastPathComponent + "/renamed-in-round-\(round)-\(Int.random(in: 0..<1000, using: &random)).md"
            saved[target] = .some(nil)
            try FileManager.default.moveItem(at: project.root.appendingPathComponent(file),
                                             to: project.root.appendingPathComponent(target))
            return ("rename \(file)", saved)
        case 5:
            file = unnamed.randomElement(using: &random) ?? file
            saved = [file: project.read(file).map { Data($0.utf8) }]
            try FileManager.default.removeItem(at: project.root.appendingPathComponent(file))
            return ("delete \(file)", saved)
        case 6:
            let template = ["entry", "entry-card", "page", "tag"].randomElement(using: &random)!
            let path = "Themes/default/templates/\(template).mustache"
            let text = project.read(path)!
            saved = [path: Data(text.utf8)]
            try project.write(path, text + "<!-- round \(round) -->\n")
            return ("edit template \(template)", saved)
        case 7:
            let tag = ["housing", "outreach", "mental-health", "peer-support"].randomElement(using: &random)!
            try replaceLine("tags: [") { $0.replacingOccurrences(of: "tags: [", with: "tags: [\(tag), ") }
            return ("tag \(file) with \(tag)", saved)
        case 8:
            // Touched, not changed: nothing should be written.
            try project.write(file, original)
            return ("touch \(file)", saved)
        case 9:
            let path = "Content/site.yaml"
            let text = project.read(path)!
            saved = [path: Data(text.utf8)]
            try project.write(path, text.replacingOccurrences(of: "\ntagline: ", with: "\ntagline: Round \(round) - "))
            return ("edit site.yaml", saved)
        case 11:
            // A new first paragraph: the summary of an entry without a summary key comes from it.
            let end = original.range(of: "\n---\n", range: original.index(after: original.startIndex)..<original.endIndex)!
            try project.write(file, original[..<end.upperBound] + "\nA new first paragraph in round \(round).\n\n"
                              + original[end.upperBound...])
            return ("new first paragraph in \(file)", saved)
        case 12:
            // A link to another entry: that entry's page now lists this one under "referred to by".
            let other = files.randomElement(using: &random)!
            let slug = ((other as NSString).lastPathComponent as NSString).deletingPathExtension
            try project.write(file, original + "\nSee also [[\(slug)]].\n")
            return ("link \(file) to \(slug)", saved)
        default:
            try replaceLine("visibility: ") { _ in "visibility: public" }
            return ("make \(file) public", saved)
        }
    }

    func restore(_ project: TemporaryProject, _ saved: [String: Data?]) throws {
        for (path, data) in saved {
            let url = project.root.appendingPathComponent(path)
            try? FileManager.default.removeItem(at: url)
            if let data { try project.write(path, data) }
        }
    }

    @Test("after random edits, adds, renames, deletions and template changes, incremental equals clean",
          arguments: [(UInt64(1), Audience.public), (UInt64(2), Audience.internal), (UInt64(3), Audience.public)])
    func incrementalEqualsClean(seed: UInt64, audience: Audience) throws {
        let project = try exampleProject()
        defer { project.remove() }
        var random = SeededRandom(seed: seed)
        let cacheFile = project.root.appendingPathComponent(".brightspots/cache.sqlite")
        var cache = try BuildCache.open(cacheFile)
        // As in `serve`: the search index's state is kept between builds in the same process.
        cache.expectRebuilds()
        let options = project.options(audience: audience)
        let clean = project.root.appendingPathComponent("clean")
        _ = try SiteBuilder.build(options, output: project.output, cache: cache)
        var checked = 0
        for round in 1...14 {
            var changes: [String] = []
            var saved: [String: Data?] = [:]
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let (change, before) = try mutate(project, round: round, random: &random)
                changes.append(change)
                for (path, data) in before where saved[path] == nil { saved[path] = data }
            }
            // Half the rounds reopen the cache file, as a new `brightspots build` process would.
            if Bool.random(using: &random) {
                cache = try BuildCache.open(cacheFile)
                cache.expectRebuilds()
            }
            let summary: BuildSummary
            do {
                summary = try SiteBuilder.build(options, output: project.output, cache: cache)
            } catch let report as ProblemReport {
                print("round \(round) of seed \(seed) was refused, as it should be: \(report.problems.prefix(2))")
                // The change broke a cross-reference; a clean build must refuse it too. Put it back.
                #expect(throws: ProblemReport.self) { try SiteBuilder.build(options, output: clean) }
                try restore(project, saved)
                continue
            }
            _ = try SiteBuilder.build(options, output: clean)
            let incremental = try siteTree(project.output)
            let expected = try siteTree(clean)
            let differing = Set(incremental.files.keys).union(expected.files.keys)
                .filter { incremental.files[$0] != expected.files[$0] }.sorted()
            #expect(differing.isEmpty, "seed \(seed) round \(round) after \(changes): \(differing.prefix(8))")
            #expect(incremental.folders == expected.folders,
                    "seed \(seed) round \(round): folders \(incremental.folders.symmetricDifference(expected.folders).sorted().prefix(8))")
            if changes.allSatisfy({ $0.hasPrefix("touch") }) {
                #expect(summary.written == 0 && summary.rendered == 0, "a touched file rewrote \(summary.written) files")
            }
            checked += 1
        }
        #expect(checked >= 8, "too few rounds built: \(checked)")
    }

    @Test("edits inside a body that change what other pages show: each incremental build equals a clean one")
    func bodyEditsSeenElsewhere() throws {
        let project = try exampleProject()
        defer { project.remove() }
        let cache = BuildCache.memory()
        let clean = project.root.appendingPathComponent("clean")
        _ = try SiteBuilder.build(project.options(), output: project.output, cache: cache)
        // A public entry without a summary key: its summary is its body's first paragraph.
        let file = "Content/aar/2026/relapse-without-closing-the-case.md"
        let original = try #require(project.read(file))
        #expect(!original.contains("\nsummary:"))
        let fence = try #require(original.range(of: "\n---\n", range: original.index(after: original.startIndex)..<original.endIndex))
        let edits: [(String, String)] = [
            ("a new first paragraph (the summary on list pages)",
             original[..<fence.upperBound] + "\nA new first paragraph.\n\n" + original[fence.upperBound...]),
            ("a [[link]] (the linked entry's page lists this one)", original + "\nSee [[a-discharge-that-held]].\n"),
            ("a plain link to an entry's address", original + "\nSee [this](/bright-spots/money-first-not-medication/).\n"),
            ("back as it was", original),
        ]
        for (what, text) in edits {
            try project.write(file, text)
            _ = try SiteBuilder.build(project.options(), output: project.output, cache: cache)
            _ = try SiteBuilder.build(project.options(), output: clean)
            let incremental = try siteTree(project.output).files
            let expected = try siteTree(clean).files
            let differing = Set(incremental.keys).union(expected.keys).filter { incremental[$0] != expected[$0] }.sorted()
            #expect(differing.isEmpty, "after \(what): \(differing)")
            if let first = differing.first, let a = incremental[first], let b = expected[first] {
                let (x, y) = (String(decoding: a, as: UTF8.self), String(decoding: b, as: UTF8.self))
                let common = zip(x, y).prefix { $0 == $1 }.count
                print("DIFF \(first): incremental …\(x.dropFirst(max(0, common - 80)).prefix(300))\n clean …\(y.dropFirst(max(0, common - 80)).prefix(300))")
            }
        }
    }

    @Test("a process that builds again keeps the search index's state, even after a first build that changed nothing")
    func searchStateKept() throws {
        let project = try exampleProject()
        defer { project.remove() }
        let file = project.root.appendingPathComponent(".brightspots/cache.sqlite")
        _ = try SiteBuilder.build(project.options(), output: project.output, cache: try BuildCache.open(file))
        // A new process (`serve --no-build`): its first build finds nothing to change.
        let later = try BuildCache.open(file)
        later.expectRebuilds()
        let summary = try SiteBuilder.build(project.options(), output: project.output, cache: later)
        #expect(summary.written == 0)
        #expect(later.hasSearchState)
        // A process that builds once keeps none.
        let once = try BuildCache.open(file)
        _ = try SiteBuilder.build(project.options(), output: project.output, cache: once)
        #expect(!once.hasSearchState)
    }

    @Test("an unchanged project renders and writes nothing; one edit renders only the pages that show it")
    func renderOnlyWhatChanged() throws {
        let project = try exampleProject()
        defer { project.remove() }
        let cache = BuildCache.memory()
        let first = try SiteBuilder.build(project.options(), output: project.output, cache: cache)
        #expect(first.rendered == first.pages)
        let again = try SiteBuilder.build(project.options(), output: project.output, cache: cache)
        #expect(again.rendered == 0)
        #expect(again.written == 0)
        #expect(again.bodiesRendered == 0)

        let file = "Content/aar/2026/fewer-999-calls-more-conversations.md"
        try project.write(file, project.read(file)! + "\nOne more line.\n")
        let edited = try SiteBuilder.build(project.options(), output: project.output, cache: cache)
        #expect(edited.bodiesRendered == 1)
        // Only the body changed: the quick inputs vouch for every other page, so one view is built and compared.
        #expect(edited.rendered == 1)
        #expect(edited.compared == 1)

        // A new title shows on list pages too, whose quick inputs (made from every entry) vouch for nothing: their
        // views are compared. An entry page's quick input is made from the entries it shows (itself, its related
        // entries, those linking to it), so only the pages of entries showing this one are compared among them.
        // Only the pages that show the title are rendered.
        let url = "/after-action-reviews/fewer-999-calls-more-conversations/"
        let entryPages = try siteTree(project.output).files.filter { path, _ in
            path.split(separator: "/").count == 3 && !path.contains("/page/")
                && !["tags", "principles", "forum", "roi"].contains(String(path.split(separator: "/")[0]))
        }
        // Its own page, and those listing it as related or linking to it.
        let own = String(url.dropFirst()) + "index.html"
        let showing = entryPages.filter {
            $0.key == own || String(decoding: $0.value, as: UTF8.self).contains("href=\"\(url)\"")
        }
        #expect(entryPages[own] != nil)
        #expect(showing.count > 2, "entry pages showing the entry: \(showing.keys.sorted())")
        try project.write(file, project.read(file)!.replacingOccurrences(of: "\ntitle: ", with: "\ntitle: Retitled - "))
        let retitled = try SiteBuilder.build(project.options(), output: project.output, cache: cache)
        #expect(retitled.compared == retitled.pages - entryPages.count + showing.count)
        #expect(retitled.rendered > 1 && retitled.rendered < retitled.pages)
        for path in showing.keys {
            #expect(project.read("public/" + path)?.contains("Retitled - ") == true, "\(path) shows the old title")
        }
        #expect(project.read("public/after-action-reviews/fewer-999-calls-more-conversations/index.html")?
            .contains("One more line.") == true)
    }

    @Test("--clean ignores the cache; the spare folder is the previous site")
    func cleanAndSpare() throws {
        let project = try exampleProject()
        defer { project.remove() }
        let cache = BuildCache.memory()
        _ = try SiteBuilder.build(project.options(), output: project.output, cache: cache)
        let file = "Content/aar/2026/fewer-999-calls-more-conversations.md"
        let before = project.read("public/after-action-reviews/fewer-999-calls-more-conversations/index.html")
        try project.write(file, project.read(file)! + "\nOne more line.\n")
        _ = try SiteBuilder.build(project.options(), output: project.output, cache: cache)
        #expect(project.read("public.previous/after-action-reviews/fewer-999-calls-more-conversations/index.html") == before)
        let clean = try SiteBuilder.build(project.options(), output: project.output, cache: cache, clean: true)
        #expect(clean.bodiesRendered == clean.entries)
        #expect(clean.rendered == clean.pages)
        // The site the clean build replaced is kept as the spare, for the next build to write over.
        #expect(project.read("public.previous/after-action-reviews/fewer-999-calls-more-conversations/index.html")?
            .contains("One more line.") == true)
        try SiteBuilder.removePreviousSite(of: project.output)
        #expect(!FileManager.default.fileExists(atPath: project.root.appendingPathComponent("public.previous").path))
    }

    @Test("a clean build leaves the cache file holding exactly the bodies it rendered")
    func cleanKeepsOnlyItsBodies() throws {
        let project = try exampleProject()
        defer { project.remove() }
        let cacheFile = project.root.appendingPathComponent(".brightspots/cache.sqlite")
        func storedBodies() throws -> [String] {
            let cache = try BuildCache.open(cacheFile)
            return try cache.database!.read { try String.fetchAll($0, sql: "SELECT html FROM body") }
        }
        let file = "Content/aar/2026/fewer-999-calls-more-conversations.md"
        let original = project.read(file)!
        try project.write(file, original + "\nA line only the first build has.\n")
        let first = try SiteBuilder.build(project.options(), output: project.output, cache: try BuildCache.open(cacheFile),
                                          clean: true)
        #expect(try storedBodies().count == first.bodiesRendered)
        #expect(try storedBodies().contains { $0.contains("A line only the first build has.") })
        try project.write(file, original)
        let second = try SiteBuilder.build(project.options(), output: project.output,
                                           cache: try BuildCache.open(cacheFile), clean: true)
        #expect(second.bodiesRendered == second.entries)
        let bodies = try storedBodies()
        #expect(bodies.count == second.bodiesRendered)
        #expect(!bodies.contains { $0.contains("A line only the first build has.") })
        // What a clean build kept is not read: the next clean build renders every body again, with the same site.
        let before = try siteTree(project.output)
        let third = try SiteBuilder.build(project.options(), output: project.output,
                                          cache: try BuildCache.open(cacheFile), clean: true)
        #expect(third.bodiesRendered == third.entries)
        #expect(try siteTree(project.output).files == before.files)
    }

    @Test("a folder replaced behind the cache's back is rebuilt, not trusted")
    func replacedFolder() throws {
        let project = try exampleProject()
        defer { project.remove() }
        let cache = BuildCache.memory()
        _ = try SiteBuilder.build(project.options(), output: project.output, cache: cache)
        try FileManager.default.removeItem(at: project.output)
        try project.write("public/index.html", "someone else's site")
        _ = try SiteBuilder.build(project.options(), output: project.output, cache: cache)
        #expect(project.read("public/index.html")?.contains("<html") == true)
        #expect(project.read("public/tags/index.html") != nil)
    }
}
