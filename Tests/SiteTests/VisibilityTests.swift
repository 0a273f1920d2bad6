import BrightspotsCore
@testable import BrightspotsSite
import Foundation
import Testing

@Suite("Visibility and drafts")
struct VisibilityTests {
    func build(_ audience: Audience) throws -> MemorySink {
        let project = try Fixtures.project("golden")
        defer { project.remove() }
        let sink = MemorySink()
        _ = try SiteBuilder.build(project.options(audience: audience), into: sink)
        return sink
    }

    /// Words that only the given entries contain: their slugs and titles.
    func mentions(_ sink: MemorySink, _ words: [String]) -> [String] {
        sink.allText.compactMap { path, text in words.contains(where: text.contains) ? path : nil }.sorted()
    }

    @Test("a public build leaves out internal, private and draft entries everywhere")
    func publicBuild() throws {
        let sink = try build(.public)
        #expect(sink.files["peer-support/hard-week/index.html"] == nil)
        #expect(mentions(sink, ["hard-week", "After a hard week", "private-notes", "Private notes about",
                                "unfinished", "Unfinished draft story"]) == [])
        #expect(sink.text("peer-support/index.html")?.contains("No Peer-support sessions have been published yet.") == true)
    }

    @Test("an internal build adds internal entries, marked, and still never drafts or private ones")
    func internalBuild() throws {
        let sink = try build(.internal)
        let page = try #require(sink.text("peer-support/hard-week/index.html"))
        #expect(page.contains(#"<strong class="badge">Internal</strong>"#))
        #expect(page.contains(#"<meta name="robots" content="noindex, nofollow">"#))
        #expect(sink.text("index.html")?.contains("internal-banner") == true)
        #expect(mentions(sink, ["private-notes", "Private notes about", "unfinished", "Unfinished draft story"]) == [])
        #expect(sink.text("tags/wellbeing/index.html") != nil)
    }

    @Test("the summary counts what was left out")
    func summaryCounts() throws {
        let project = try Fixtures.project("golden")
        defer { project.remove() }
        let summary = try SiteBuilder.build(project.options(), into: MemorySink())
        #expect(summary.entriesRead == 6)
        #expect(summary.entries == 3)
        #expect(summary.leftOut.map(\.reason) == ["draft", "private", "internal"])
        #expect(summary.leftOut.map(\.count) == [1, 1, 1])
        #expect(summary.timings.map(\.stage) == BuildStage.allCases)
    }
}
