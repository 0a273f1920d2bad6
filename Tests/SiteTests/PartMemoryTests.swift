import BrightspotsCore
@testable import BrightspotsSite
import Foundation
import Testing

@Suite("Cards kept between the builds of one process")
struct PartMemoryTests {
    func key(_ number: Int) -> Fingerprint { Fingerprint.of("part \(number)") }

    @Test("a part is found by its key; parts a build did not use go once they outnumber twice those it used")
    func keepsAndForgets() {
        let memory = PartMemory()
        for number in 0..<10 { memory.keep("card \(number)", as: key(number)) }
        #expect(memory.part(key(3)) == "card 3")
        #expect(memory.part(key(10)) == nil)
        memory.endBuild()
        // The next build uses two of the ten: the other eight are forgotten at its end.
        #expect(memory.part(key(1)) == "card 1")
        memory.keep("card 10", as: key(10))
        memory.endBuild()
        #expect(memory.count == 2)
        #expect(memory.part(key(1)) == "card 1")
        #expect(memory.part(key(10)) == "card 10")
        #expect(memory.part(key(3)) == nil)
        // A build that uses at least half of what is kept forgets nothing.
        memory.endBuild()
        #expect(memory.count == 2)
    }

    @Test("a later build in the same process reuses the cards of entries whose summary and templates are unchanged, with the bytes of a clean build")
    func reusedAcrossBuilds() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        try project.copy(Fixtures.repositoryRoot.appendingPathComponent("Content"), to: "Content")
        try project.copy(Fixtures.repositoryRoot.appendingPathComponent("Themes/default"), to: "Themes/default")
        let cache = BuildCache.memory()
        let memory = try #require(cache.partMemory)
        let clean = project.root.appendingPathComponent("clean")
        func matchesClean(_ what: String) throws {
            _ = try SiteBuilder.build(project.options(), output: clean)
            let incremental = try siteTree(project.output).files
            let expected = try siteTree(clean).files
            let differing = Set(incremental.keys).union(expected.keys).filter { incremental[$0] != expected[$0] }.sorted()
            #expect(differing.isEmpty, "after \(what): \(differing.prefix(8))")
        }
        _ = try SiteBuilder.build(project.options(), output: project.output, cache: cache)
        let cards = memory.count
        #expect(cards > 10)
        #expect(memory.found == 0)

        // A new title: every list page showing the entry is rendered again, its other cards from memory.
        let file = "Content/aar/2026/fewer-999-calls-more-conversations.md"
        let original = try #require(project.read(file))
        try project.write(file, original.replacingOccurrences(of: "\ntitle: ", with: "\ntitle: Retitled - "))
        let retitled = try SiteBuilder.build(project.options(), output: project.output, cache: cache)
        #expect(retitled.rendered > 1)
        #expect(memory.found > 0)
        try matchesClean("a new title")
        #expect(project.read("public/after-action-reviews/index.html")?.contains("Retitled - ") == true)

        // A changed card template: no card is taken from memory, as every key names the templates.
        let found = memory.found
        let card = "Themes/default/templates/entry-card.mustache"
        try project.write(card, try #require(project.read(card)).replacingOccurrences(of: "<li class=\"card\">",
                                                                                       with: "<li class=\"card card-changed\">"))
        _ = try SiteBuilder.build(project.options(), output: project.output, cache: cache)
        #expect(memory.found == found)
        try matchesClean("a changed card template")
        #expect(project.read("public/after-action-reviews/index.html")?.contains("card-changed") == true)
    }

    @Test("a process that builds once keeps no cards")
    func noneForOneBuild() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        let once = try BuildCache.open(project.root.appendingPathComponent(".brightspots/cache.sqlite"))
        #expect(once.partMemory == nil)
        once.expectRebuilds()
        #expect(once.partMemory != nil)
    }
}
