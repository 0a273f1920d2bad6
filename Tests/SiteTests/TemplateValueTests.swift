@testable import BrightspotsSite
import Foundation
import Mustache
import Testing

/// A view's template tree (`TemplateText`, `TemplateFields`) renders as plain strings and dictionaries of the same
/// values do: the same text, escaping, sections, inverted sections, transforms and lookups further out.
@Suite("Template trees")
struct TemplateValueTests {
    struct Tag: Encodable { var label: String; var url: String }
    struct View: Encodable {
        var title: String
        var text: String
        var summary: String
        var empty: String
        var team: String?
        var count: Int
        var isInternal: Bool
        var amount: Decimal
        var tags: [Tag]
        var nested: [String: String]
    }

    static let view = View(title: "Café & <Co>", text: "outer text", summary: "A \"quoted\" summary", empty: "",
                           team: nil, count: 3, isInternal: false, amount: Decimal(string: "12.50")!,
                           tags: [Tag(label: "Mental health", url: "/tags/mental-health/"),
                                  Tag(label: "A&E", url: "/tags/a-e/")],
                           nested: ["inner": "deep"])

    /// The same view as the plain values the tree replaced.
    static var plain: [String: Any] { [
        "title": "Café & <Co>", "text": "outer text", "summary": "A \"quoted\" summary", "empty": "", "count": 3,
        "isInternal": false, "amount": "12.5",
        "tags": [["label": "Mental health", "url": "/tags/mental-health/"], ["label": "A&E", "url": "/tags/a-e/"]],
        "nested": ["inner": "deep"],
    ] }

    static let templates = [
        "{{title}} {{{title}}} {{count}} {{amount}}",
        "{{#summary}}[{{.}}] {{text}} {{title}}{{/summary}}",
        "{{#empty}}shown for empty text{{/empty}}{{^empty}}not shown{{/empty}}",
        "{{#team}}{{.}}{{/team}}{{^team}}no team{{/team}}",
        "{{#isInternal}}internal{{/isInternal}}{{^isInternal}}public{{/isInternal}}",
        "{{#tags}}<a href=\"{{url}}\">{{label}}</a>{{title}}{{/tags}}",
        "{{^empty(tags)}}{{count(tags)}} tags{{/empty(tags)}}{{#first(tags)}}{{label}}{{/first(tags)}}",
        "{{uppercased(title)}} {{lowercased(summary)}} {{#empty(empty)}}empty{{/empty(empty)}}",
        "{{nested.inner}} {{#nested}}{{inner}} {{title}}{{/nested}} {{count(nested)}}",
        "{{title.text}}|{{summary.count}}|{{missing}}",
    ]

    @Test("each template renders the tree exactly as it renders plain strings and dictionaries", arguments: templates)
    func sameAsPlainValues(_ source: String) throws {
        let template = try MustacheTemplate(string: source)
        #expect(template.render(TemplateValue.tree(Self.view)) == template.render(Self.plain))
    }

    @Test("inside a section over text, a name is found further out, not in the text's own storage")
    func textHasNoFields() throws {
        let template = try MustacheTemplate(string: "{{#summary}}{{text}}{{/summary}}")
        #expect(template.render(TemplateValue.tree(Self.view)) == "outer text")
    }

    @Test("a list's cards in one piece show as the loop over its entries shows them")
    func cardsInOnePiece() throws {
        func summary(_ title: String, card: Bool) -> EntrySummaryView {
            EntrySummaryView(title: title, url: "/e/\(title)/", dateISO: "2026-01-02", dateText: "2 January 2026",
                             kindLabel: "AAR", kindURL: "/aar/", summary: "S", author: "A", team: nil, tags: [],
                             isInternal: false, card: card ? RenderedPart { "<li>\(title)\n  <p>x</p>\n</li>" } : nil)
        }
        let entries = ["one", "two", "three"].map { summary($0, card: true) }
        let loop = try MustacheTemplate(string: "<ul>\n{{#entries}}\n{{#card}}{{{.}}}{{/card}}\n{{/entries}}\n</ul>\n")
        let piece = try MustacheTemplate(string: "<ul>\n{{#cards}}\n{{{.}}}\n{{/cards}}\n</ul>\n")
        struct List: Encodable { var entries: [EntrySummaryView]; var cards: RenderedPart? }
        let list = List(entries: entries, cards: .cards(of: entries))
        #expect(piece.render(TemplateValue.tree(list)) == loop.render(TemplateValue.tree(list)))
        #expect(RenderedPart.cards(of: []) == nil)
        #expect(RenderedPart.cards(of: entries + [summary("four", card: false)]) == nil)
    }

    static let lazyTemplates = [
        "{{#entries}}<a href=\"{{url}}\">{{title}}</a> {{heading}} {{#team}}{{.}}{{/team}}{{/entries}}",
        "{{^entries}}none {{heading}}{{/entries}}",
        "{{#empty(entries)}}empty{{/empty(entries)}}{{^empty(entries)}}{{count(entries)}}{{/empty(entries)}}",
        "{{#first(entries)}}{{title}}{{/first(entries)}}|{{#last(entries)}}{{title}}{{/last(entries)}}",
        "{{#reversed(entries)}}{{title}},{{/reversed(entries)}}",
        "{{#entries}}{{#tags}}{{label}} {{url}}{{/tags}}{{/entries}}",
        "{{entries.count}}|{{missing}}|{{#entries.title}}x{{/entries.title}}",
    ]

    @Test("a list made lazily renders and digests exactly as the array does", arguments: lazyTemplates)
    func lazyList(_ source: String) throws {
        struct Eager: Encodable { var heading: String; var entries: [EntrySummaryView] }
        struct Lazy: Encodable { var heading: String; @ListedLazily var entries: [EntrySummaryView] }
        func summary(_ title: String, team: String?) -> EntrySummaryView {
            EntrySummaryView(title: title, url: "/e/\(title)/", dateISO: "2026-01-02", dateText: "2 January 2026",
                             kindLabel: "AAR", kindURL: "/aar/", summary: "S", author: "A", team: team,
                             tags: [EntryTagView(label: "Tag \(title)", url: "/tags/\(title)/")], isInternal: false)
        }
        let template = try MustacheTemplate(string: source)
        let shared = SharedViews()
        let lists: [[EntrySummaryView]] = [
            [],
            [summary("one", team: "T"), summary("two", team: nil), summary("three", team: nil)],
            // Shared summaries encode through `EncodedOnce`, as a build's do.
            ["four", "five"].map { title in shared.summary(title) { summary(title, team: nil) } },
        ]
        for entries in lists {
            let eager = Eager(heading: "H", entries: entries)
            let lazy = Lazy(heading: "H", entries: entries)
            #expect(template.render(TemplateValue.tree(lazy)) == template.render(TemplateValue.tree(eager)))
            let (lazyTree, lazyDigest) = TemplateValue.treeAndDigest(lazy)
            #expect(template.render(lazyTree) == template.render(TemplateValue.tree(eager)))
            #expect(lazyDigest == TemplateValue.treeAndDigest(eager).digest)
            #expect(Fingerprint.of(value: lazy) == Fingerprint.of(value: eager))
            #expect(lazyDigest == Fingerprint.of(value: lazy))
        }
    }
}
