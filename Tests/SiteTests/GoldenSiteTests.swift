import BrightspotsCore
@testable import BrightspotsSite
import Foundation
import Testing

/// The golden fixture site built with the default theme must match `Fixtures/golden/expected/` file for file.
/// After an intended change to output, regenerate with `UPDATE_GOLDEN=1 swift test --filter GoldenSiteTests`
/// and review the diff.
@Suite("Golden site")
struct GoldenSiteTests {
    static let expected = Fixtures.folder.appendingPathComponent("golden/expected")

    func build(audience: Audience = .public) throws -> MemorySink {
        let project = try Fixtures.project("golden")
        defer { project.remove() }
        let sink = MemorySink()
        _ = try SiteBuilder.build(project.options(audience: audience), into: sink)
        return sink
    }

    /// Static files are copied from the theme as they are: compared with the theme, not kept twice.
    static let staticFolder = Fixtures.repositoryRoot.appendingPathComponent("Themes/default/static")

    @Test("static files are copied from the theme unchanged")
    func staticFiles() throws {
        let produced = try build().files
        let theme = Theme.files(in: Self.staticFolder, suffix: "")
        #expect(!theme.isEmpty)
        for (path, url) in theme { #expect(produced[path] == (try Data(contentsOf: url)), "\(path)") }
    }

    @Test("output matches the golden files")
    func matchesGolden() throws {
        let sink = try build()
        let staticPaths = Set(Theme.files(in: Self.staticFolder, suffix: "").map(\.0))
        let produced = sink.files.filter { !staticPaths.contains($0.key) }
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try? FileManager.default.removeItem(at: Self.expected)
            for (path, data) in produced {
                let url = Self.expected.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
            }
        }
        let expectedFiles = Dictionary(uniqueKeysWithValues: Theme.files(in: Self.expected, suffix: "").map {
            ($0.0, (try? Data(contentsOf: $0.1)) ?? Data())
        })
        #expect(!expectedFiles.isEmpty, "no golden files: run with UPDATE_GOLDEN=1 once")
        #expect(Set(produced.keys) == Set(expectedFiles.keys))
        for (path, data) in expectedFiles.sorted(by: { $0.key < $1.key }) {
            #expect(produced[path] == data, "\(path) differs from the golden file")
        }
    }

    @Test("every page the issue lists exists")
    func everyPageExists() throws {
        let files = Set(try build().files.keys)
        let pages = [
            "index.html", "404.html", "sitemap.xml", "feed.xml", "assets/style.css",
            "bright-spots/index.html", "after-action-reviews/index.html", "peer-support/index.html",
            "bright-spots/feed.xml", "after-action-reviews/feed.xml", "peer-support/feed.xml",
            "bright-spots/blue-teapot/index.html", "bright-spots/library-outreach/index.html",
            "after-action-reviews/late-discharge/index.html",
            "tags/index.html", "tags/housing/index.html", "tags/mental-health/index.html", "tags/outreach/index.html",
            "principles/index.html", "principles/no-wrong-front-door/index.html",
            "principles/study-success-and-share-it/index.html", "principles/every-experience-teaches/index.html",
        ]
        for page in pages { #expect(files.contains(page), "missing \(page)") }
    }

    @Test("tags are normalised through case and aliases, and counted")
    func tagNormalisationAndCounts() throws {
        let sink = try build()
        // "Housing" and "housing" are one tag; "mh" and "Mental Health" are the alias and case of mental-health.
        #expect(Set(sink.files.keys.filter { $0.hasPrefix("tags/") }) == [
            "tags/index.html", "tags/housing/index.html", "tags/mental-health/index.html", "tags/outreach/index.html",
        ])
        let index = try #require(sink.text("tags/index.html"))
        #expect(index.contains(#"<a href="/tags/housing/">Housing</a> <span class="count">(2 entries)</span>"#))
        #expect(index.contains(#"<a href="/tags/mental-health/">Mental health</a> <span class="count">(2 entries)</span>"#))
        #expect(index.contains(#"<a href="/tags/outreach/">Outreach</a> <span class="count">(1 entry)</span>"#))
        let housing = try #require(sink.text("tags/housing/index.html"))
        #expect(housing.contains("A blue teapot on the desk") && housing.contains("A library that became a front door"))
        #expect(!housing.contains("Discharge on a Friday"))
    }

    @Test("entry bodies are safe: script as text, javascript: links and images inert")
    func bodiesAreSafe() throws {
        let page = try #require(try build().text("bright-spots/blue-teapot/index.html"))
        #expect(!page.contains("<script"))
        #expect(page.contains("Someone typed &lt;script>alert(&ldquo;x&rdquo;)&lt;/script> into a form once"))
        #expect(!page.lowercased().contains("javascript:alert(1)\""))
        #expect(!page.contains("<img"))
        #expect(page.contains("<table>"))
        #expect(page.contains("fn:1"))
        #expect(page.contains(#"<a href="https://www.citizensadvice.org.uk/">Citizens Advice</a>"#))
    }

    @Test("the entry page shows its metadata, principles and related entries")
    func entryPage() throws {
        let page = try #require(try build().text("bright-spots/library-outreach/index.html"))
        #expect(page.contains("<h1>A library that became a front door</h1>"))
        #expect(page.contains(#"<time datetime="2026-07-02">2 July 2026</time>"#))
        #expect(page.contains("<dd>Anonymous</dd>"))
        #expect(page.contains(#"<a href="/principles/no-wrong-front-door/">1. No wrong front door</a>"#))
        // Pinned related first, then by shared tags.
        let related = try #require(page.range(of: "Related reflections"))
        let after = page[related.upperBound...]
        let pinned = try #require(after.range(of: "Discharge on a Friday: what we learned"))
        let byTag = try #require(after.range(of: "A blue teapot on the desk"))
        #expect(pinned.lowerBound < byTag.lowerBound)
    }

    @Test("feeds are Atom with the latest entries and full content")
    func feeds() throws {
        let sink = try build()
        let feed = try #require(sink.text("feed.xml"))
        #expect(feed.hasPrefix(#"<?xml version="1.0" encoding="utf-8"?>"#))
        #expect(feed.contains(#"<feed xmlns="http://www.w3.org/2005/Atom""#))
        #expect(feed.contains("<id>https://forum.example.org/bright-spots/blue-teapot/</id>"))
        #expect(feed.contains("<updated>2026-09-14T00:00:00Z</updated>"))
        #expect(feed.contains(#"<content type="html">"#))
        #expect(feed.components(separatedBy: "<entry>").count - 1 == 3)
        let section = try #require(sink.text("after-action-reviews/feed.xml"))
        #expect(section.components(separatedBy: "<entry>").count - 1 == 1)
        let sitemap = try #require(sink.text("sitemap.xml"))
        #expect(sitemap.contains("<loc>https://forum.example.org/</loc>"))
        #expect(sitemap.contains("<loc>https://forum.example.org/tags/housing/</loc><lastmod>2026-09-14</lastmod>"))
        #expect(!sitemap.contains("404"))
    }

    @Test("a theme overrides single templates and falls back to the default for the rest")
    func themeOverride() throws {
        let project = try Fixtures.project("golden")
        defer { project.remove() }
        try project.write("Themes-local/mine/templates/tags.mustache", "<p>My tags: {{#tags}}{{label}};{{/tags}}</p>\n")
        let sink = MemorySink()
        _ = try SiteBuilder.build(project.options(theme: "Themes-local/mine"), into: sink)
        #expect(sink.text("tags/index.html") == "<p>My tags: Housing;Mental health;Outreach;</p>\n")
        #expect(sink.text("index.html")?.contains("<!DOCTYPE html>") == true)
        #expect(sink.files["assets/style.css"] != nil)
    }
}
