import BrightspotsCore
@testable import BrightspotsSite
import Foundation
import Mustache
import Testing

@Suite("Rendering")
struct RenderingTests {
    @Test("escaping by bytes gives swift-mustache's HTML escaping, and also escapes a < that a mark follows")
    func escaping() throws {
        // Registered before parsing: the pragma names a content type the parser must already know (this test
        // passed only when another test had loaded a theme first).
        _ = FastHTMLContentType.registered
        let plain = try MustacheTemplate(string: "{{text}}")
        let fast = try MustacheTemplate(string: FastHTMLContentType.pragma + "{{text}}")
        for text in ["", "plain", "a < b && c > \"d\" 'e'", "café <b>", "🙂&🙂", "&amp;", "<<>>"] {
            #expect(fast.render(["text": text]) == plain.render(["text": text]), "\(text)")
        }
        #expect(HTMLEscape.escape("<\u{338}script>") == "&lt;\u{338}script&gt;")
        let untouched = "nothing to escape here"
        #expect(HTMLEscape.escape(untouched) == untouched)
    }

    @Test("a card rendered once per build is what the entry-card partial gives in its place")
    func cardsMatchThePartial() throws {
        let project = try Fixtures.project("golden")
        defer { project.remove() }
        let cached = MemorySink()
        _ = try SiteBuilder.build(project.options(), into: cached)
        // The same lists through a theme that renders the partial for every card, as templates did before.
        try project.write("plain/templates/entry-list.mustache", """
            {{#empty(entries)}}
            <p class="empty">{{emptyText}}</p>
            {{/empty(entries)}}
            {{^empty(entries)}}
            <ul class="card-list">
            {{#entries}}
            {{> entry-card}}
            {{/entries}}
            </ul>
            {{> pagination}}
            {{/empty(entries)}}

            """)
        let partial = MemorySink()
        _ = try SiteBuilder.build(project.options(theme: project.root.appendingPathComponent("plain").path), into: partial)
        for page in ["bright-spots/index.html", "tags/housing/index.html", "after-action-reviews/index.html"] {
            let html = try #require(cached.text(page))
            #expect(html.contains(#"<li class="card">"#))
            #expect(html == partial.text(page), "\(page)")
        }
    }

    @Test("tags that share a label are listed in the order of their slugs, never of hashing")
    func sameLabels() throws {
        let project = try Fixtures.project("golden")
        defer { project.remove() }
        let tagsFile = project.root.appendingPathComponent("Content/tags.yaml")
        let extra = ["dd", "bb", "aa", "cc"].map { "\($0)-housing:\n  label: Housing\n" }.joined()
        try project.write("Content/tags.yaml", try String(contentsOf: tagsFile, encoding: .utf8) + "\n" + extra)
        let entry = project.root.appendingPathComponent("Content/bright-spot/2026/blue-teapot.md")
        let text = try String(contentsOf: entry, encoding: .utf8)
            .replacingOccurrences(of: "tags: [Housing, mh, outreach]",
                                  with: "tags: [Housing, mh, outreach, dd-housing, bb-housing, aa-housing, cc-housing]")
        try project.write("Content/bright-spot/2026/blue-teapot.md", text)
        let sink = MemorySink()
        _ = try SiteBuilder.build(project.options(), into: sink)
        func order(_ page: String, _ marker: (String) -> String) throws -> [String] {
            let html = try #require(sink.text(page))
            return try ["aa", "bb", "cc", "dd", "housing"].map { slug -> (String, String.Index) in
                let needle = marker(slug == "housing" ? "housing" : "\(slug)-housing")
                return (slug, try #require(html.range(of: needle), "\(needle) on \(page)").lowerBound)
            }.sorted { $0.1 < $1.1 }.map(\.0)
        }
        #expect(try order("tags/index.html") { "href=\"/tags/\($0)/\"" } == ["aa", "bb", "cc", "dd", "housing"])
        #expect(try order("search/index.html") { "value=\"\($0)\"" } == ["aa", "bb", "cc", "dd", "housing"])
    }

    @Test("long lists link the first, last, current and neighbouring pages, with gaps between, as GOV.UK does")
    func pageWindow() {
        #expect(ViewFactory.pageWindow(current: 7, count: 42) == [1, nil, 6, 7, 8, nil, 42])
        #expect(ViewFactory.pageWindow(current: 1, count: 1) == [1])
        #expect(ViewFactory.pageWindow(current: 1, count: 3) == [1, 2, 3])
        #expect(ViewFactory.pageWindow(current: 1, count: 5) == [1, 2, nil, 5])
        #expect(ViewFactory.pageWindow(current: 5, count: 5) == [1, nil, 4, 5])
        // A gap of one page shows the page instead.
        #expect(ViewFactory.pageWindow(current: 4, count: 7) == [1, 2, 3, 4, 5, 6, 7])
        #expect(ViewFactory.pageWindow(current: 42, count: 42) == [1, nil, 41, 42])
    }
}
