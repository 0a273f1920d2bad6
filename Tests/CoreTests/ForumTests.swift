@testable import BrightspotsCore
import Testing

@Suite("Forum editions and agendas")
struct ForumTests {
    static let file = "Content/forum/2026-09.md"

    func edition(_ lines: [String], body: String = "") -> (ForumEdition?, [Problem]) {
        ForumEditionParser.parse("---\n" + lines.joined(separator: "\n") + "\n---\n" + body, file: Self.file)
    }

    func entry(_ slug: String, date: String, author: String = "Sam Test") -> Entry {
        Entry(slug: slug, file: "Content/aar/2026/\(slug).md", kind: "aar", title: slug, date: Day(date)!, author: author,
              team: nil, tags: [], principles: [], summary: "", forum: Month("2026-09"), visibility: .public,
              draft: false, related: [], roi: nil, body: "", bodyLine: 1)
    }

    @Test("a full edition parses")
    func parses() throws {
        let (parsed, problems) = edition([
            "title: September forum", "date: 2026-09-17", "start: \"14:00\"", "end: \"15:30\"",
            "place: Room 2", "online: https://meet.example.org/x", "host: Dev Test", "theme: Signals",
            "slot_minutes: 20", "agenda:", "  - b", "  - entry: a", "    presenter: Someone Else", "    minutes: 30",
        ], body: "Notes.")
        #expect(problems == [])
        let value = try #require(parsed)
        #expect(value.month == Month("2026-09"))
        #expect(value.start.description == "14:00" && value.end?.description == "15:30")
        #expect(value.agenda == [AgendaItem(slug: "b", presenter: nil, minutes: nil, line: 12),
                                 AgendaItem(slug: "a", presenter: "Someone Else", minutes: 30, line: 13)])
        #expect(value.notes == "Notes.")
    }

    @Test("problems are reported with their lines")
    func problems() {
        let (_, problems) = edition(["date: 2026-09-31", "start: \"25:00\"", "end: \"09:00\"", "slot_minutes: 0", "colour: red"])
        #expect(ProblemReport(problems).problems == ProblemReport([
            Problem(file: Self.file, line: 2, .invalidDate("2026-09-31")),
            Problem(file: Self.file, line: 3, .invalidTime(key: "start", value: "25:00")),
            Problem(file: Self.file, line: 2, .missingKey("place")),
            Problem(file: Self.file, line: 5, .invalidNumber(key: "slot_minutes", value: "0")),
            Problem(file: Self.file, line: 6, .unknownKey("colour", allowed: ForumEdition.keys, suggestion: nil)),
        ]).problems)
        let (_, endFirst) = edition(["date: 2026-09-17", "start: \"14:00\"", "end: \"13:00\"", "place: Room"])
        #expect(endFirst == [Problem(file: Self.file, line: 4, .endBeforeStart)])
    }

    @Test("the agenda keeps the listed order, then the rest oldest first, with cumulative slots")
    func agendaOrder() throws {
        let (parsed, _) = edition(["date: 2026-09-17", "start: \"14:00\"", "place: Room", "slot_minutes: 15",
                                    "agenda:", "  - c", "  - entry: a", "    minutes: 25", "    presenter: Guest"])
        let value = try #require(parsed)
        let entries = [entry("a", date: "2026-09-01"), entry("b", date: "2026-08-01"),
                       entry("c", date: "2026-09-10", author: "anonymous"), entry("d", date: "2026-07-01")]
        let agenda = Agenda(edition: value, entries: entries)
        #expect(agenda.slots.map(\.entry.slug) == ["c", "a", "d", "b"])
        #expect(agenda.slots.map(\.start.description) == ["14:00", "14:15", "14:40", "14:55"])
        #expect(agenda.slots.map(\.presenter) == ["Anonymous", "Guest", "Sam Test", "Sam Test"])
        #expect(Agenda.end(of: value, agenda: agenda).description == "15:10")
    }

    @Test("times parse strictly")
    func times() {
        #expect(TimeOfDay("09:05")?.minutes == 545)
        #expect(TimeOfDay("9:05") == nil)
        #expect(TimeOfDay("24:00") == nil)
        #expect(TimeOfDay(minutes: 600).description == "10:00")
    }

    @Test("wiki links are found outside code fences and replaced")
    func wikiLinks() {
        let body = "See [[a-b]] and [[ c ]].\n```\n[[not-a-link]]\n```\n[[]] [[d]]"
        #expect(WikiLinks.find(in: body) == [WikiLinks.Link(slug: "a-b", line: 1), WikiLinks.Link(slug: "c", line: 1),
                                             WikiLinks.Link(slug: "d", line: 5)])
        #expect(WikiLinks.replace(in: body) { "<\($0)>" } == "See <a-b> and <c>.\n```\n[[not-a-link]]\n```\n[[]] <d>")
    }

    @Test("related ranks other kinds first, then shared tags (twice) and principles")
    func relatedRanking() {
        func make(_ slug: String, _ kind: String, tags: [String], principles: [String], date: String = "2026-09-01") -> Entry {
            var value = entry(slug, date: date)
            value.kind = kind
            value.tags = tags
            value.principles = principles
            return value
        }
        let me = make("me", "aar", tags: ["housing", "outreach"], principles: ["p1"])
        let collection = ContentCollection([
            me,
            make("same-kind-strong", "aar", tags: ["housing", "outreach"], principles: ["p1"]),
            make("other-kind-weak", "bright-spot", tags: [], principles: ["p1"]),
            make("other-kind-strong", "peer-support", tags: ["housing"], principles: ["p1"]),
            make("unrelated", "bright-spot", tags: ["money"], principles: ["p9"]),
        ])
        #expect(Related.entries(for: me, in: collection, limit: 5).map(\.slug)
                == ["other-kind-strong", "other-kind-weak", "same-kind-strong"])
        var pinned = me
        pinned.related = ["unrelated"]
        #expect(Related.entries(for: pinned, in: collection, limit: 2).map(\.slug) == ["unrelated", "other-kind-strong"])
    }
}
