import BrightspotsCore
@testable import BrightspotsSite
import Foundation
import Testing

@Suite("Forum editions, links between reflections, pagination")
struct ForumSiteTests {
    func build(_ configure: (TemporaryProject) throws -> Void = { _ in }) throws -> MemorySink {
        let project = try Fixtures.project("golden")
        defer { project.remove() }
        try configure(project)
        let sink = MemorySink()
        _ = try SiteBuilder.build(project.options(), into: sink)
        return sink
    }

    @Test("the forum index lists upcoming editions first, then past ones, latest first")
    func forumIndex() throws {
        let page = try #require(try build().text("forum/index.html"))
        let upcoming = try #require(page.range(of: "<h2>Coming up</h2>"))
        let past = try #require(page.range(of: "<h2>Past forums</h2>"))
        let november = try #require(page.range(of: "Bright Spots forum, November 2026"))
        let september = try #require(page.range(of: "Bright Spots forum, September 2026"))
        // Built "today" = 1 October 2026: November is upcoming, September past.
        #expect(upcoming.upperBound < november.lowerBound && november.lowerBound < past.lowerBound)
        #expect(past.upperBound < september.lowerBound)
    }

    @Test("an edition page shows its agenda with slots, presenters and ROI, and the notes")
    func editionPage() throws {
        let page = try #require(try build().text("forum/2026-09/index.html"))
        #expect(page.contains("<time>14:00</time>–<time>14:15</time>"))
        #expect(page.contains("A library that became a front door"))
        #expect(page.contains("presented by Anonymous"))
        #expect(page.contains("What we learned"))
        #expect(page.contains(#"<a href="/bright-spots/library-outreach/">A library that became a front door</a>"#))
        #expect(page.contains("bright-spots-forum-2026-09.ics"))
    }

    @Test("an edition with no entries says so and links to the submission form")
    func emptyEdition() throws {
        let page = try #require(try build().text("forum/2026-11/index.html"))
        #expect(page.contains("No reflections are on this forum's agenda yet."))
        #expect(page.contains(#"<a href="/submit/">Submit a reflection</a>"#))
    }

    @Test("the .ics file is a valid RFC 5545 calendar with CRLF lines folded at 75 octets")
    func calendar() throws {
        let ics = try #require(try build().text("forum/2026-09/bright-spots-forum-2026-09.ics"))
        #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"))
        #expect(ics.hasSuffix("END:VEVENT\r\nEND:VCALENDAR\r\n"))
        #expect(!ics.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        for line in ics.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75, "\(line)") }
        // Unfold (CRLF + space) and check the fields.
        let unfolded = ics.replacingOccurrences(of: "\r\n ", with: "")
        let fields = unfolded.components(separatedBy: "\r\n")
        #expect(fields.contains("DTSTART;TZID=Europe/London:20260917T140000"))
        #expect(fields.contains("DTEND;TZID=Europe/London:20260917T153000"))
        #expect(fields.contains("DTSTAMP:20260917T000000Z"))
        #expect(fields.contains("UID:bright-spots-forum-2026-09@forum.example.org"))
        #expect(fields.contains("SUMMARY:Bright Spots forum\\, September 2026"))
        #expect(fields.contains("LOCATION:Civic Centre\\, Room 2\\; the one with the long table\\, by the lift"))
        #expect(fields.contains("BEGIN:VTIMEZONE") && fields.contains("TZID:Europe/London"))
        #expect(fields.filter { $0.hasPrefix("BEGIN:") }.count == fields.filter { $0.hasPrefix("END:") }.count)
    }

    @Test("folding never splits a UTF-8 character")
    func foldingUTF8() {
        let line = "SUMMARY:" + String(repeating: "é", count: 60)
        let folded = CalendarFile.fold(line)
        for part in folded.components(separatedBy: "\r\n") {
            #expect(part.utf8.count <= 75)
        }
        #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == line)
    }

    @Test("[[slug]] links render with the target's title; targets list their backlinks")
    func wikiLinksAndBacklinks() throws {
        let sink = try build()
        let late = try #require(sink.text("after-action-reviews/late-discharge/index.html"))
        #expect(late.contains(#"<a href="/bright-spots/library-outreach/">A library that became a front door</a>"#))
        // hard-week is internal: a public build names neither its slug nor its title.
        #expect(late.contains("and in a reflection not published here we talked it through"))
        #expect(!late.contains("hard-week") && !late.contains("After a hard week"))
        let target = try #require(sink.text("bright-spots/library-outreach/index.html"))
        let referenced = try #require(target.components(separatedBy: "Referenced by").dropFirst().first)
        #expect(referenced.contains("Discharge on a Friday: what we learned"))
    }

    @Test("pagination splits lists at the page size, with previous and next links", arguments: [1, 2, 3, 4])
    func pagination(pageSize: Int) throws {
        let sink = try build { project in
            let site = try #require(project.read("Content/site.yaml"))
            try project.write("Content/site.yaml", site.replacingOccurrences(of: "related_limit: 3", with: "related_limit: 3\npage_size: \(pageSize)"))
        }
        // Housing has 2 public entries (blue-teapot, library-outreach).
        let pages = (2 + pageSize - 1) / pageSize
        let first = try #require(sink.text("tags/housing/index.html"))
        #expect(first.contains(#"aria-label="Pages""#) == (pages > 1))
        for number in 2...max(2, pages) where number <= pages {
            let page = try #require(sink.text("tags/housing/page/\(number)/index.html"))
            #expect(page.contains(#"rel="prev""#))
            #expect(page.contains(#"rel="next""#) == (number < pages))
        }
        #expect(sink.text("tags/housing/page/\(pages + 1)/index.html") == nil)
        if pages > 1 {
            #expect(first.contains(#"<a href="/tags/housing/page/2/" rel="next">"#))
            #expect(first.contains("Showing 1–\(pageSize) of 2"))
        }
    }
}
