import Testing
@testable import Markdown

/// `Markdown.html(from:)` renders without discount's autolinking first and again with it only where it could make
/// a link (`Autolinks`). These check that the HTML is always what rendering with autolinking gives.
@Suite("Autolinking only where it can link")
struct AutolinkTests {
    /// What the wrapper gave before: discount with every flag, autolinking on, then the same filters.
    static func withAutolinks(_ source: String) -> String {
        _ = Markdown.html(from: "x")  // discount's tables set up
        var bytes = Array(source.utf8)
        if bytes.isEmpty { return "" }
        let html = bytes.withUnsafeMutableBufferPointer { buffer in
            let raw = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            return Markdown.discount(raw, count: buffer.count, flags: Markdown.flags) {
                $0.map { String(decoding: $0, as: UTF8.self) }
            }
        }
        return Markdown.filtered(html ?? "")
    }

    /// discount without autolinking, and whether the check asks for a second render.
    static func withoutAutolinks(_ source: String) -> (html: String, couldLink: Bool) {
        _ = Markdown.html(from: "x")
        var bytes = Array(source.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer in
            let raw = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            return Markdown.discount(raw, count: buffer.count, flags: Markdown.flagsWithoutAutolinks) { output in
                guard let output else { return ("", true) }
                return (String(decoding: output, as: UTF8.self), Autolinks.couldLink(output))
            }
        }
    }

    /// Where autolinks start and where they must not: bare addresses in every case, email addresses, the same
    /// words inside links, titles, alt text, code, raw HTML, headings, quotes, lists, tables and footnotes.
    static let pieces = [
        "word", "Text", "ratio 3:1", "at 10:30", "note: this", "http", "https", "Http:", "http:", "HTTPS:", "news:",
        "ftp:", "mailto:", "mailTo:x@y.org", "http://example.org/a", "HTTPS://EXAMPLE.ORG/B", "news:comp.lang",
        "ftp://files.example.org/f", "mailto:someone@example.org", "someone@example.org", "a@b", "@", "x@y.z",
        "first.last+tag@sub.example.co.uk", "(https://example.org/p)", "<https://example.org/q>", "<mailto:q@r.org>",
        "[link](https://example.org/l)", "[link](https://example.org/t \"title http://t.example.org\")",
        "[mail](mailto:m@example.org)", "![alt http://a.example.org](https://example.org/i.png)",
        "![alt](https://example.org/i.png 'title a@b.org')", "`code http://c.example.org`", "`a@b.org`",
        "\n```\nhttp://block.example.org\n```\n", "\n~~~http\nftp://x.example.org\n~~~\n", "**http://bold.example.org**",
        "_news:em_", "text[^1]", "\n\n[^1]: see http://f.example.org\n", "\n\n| http://t.example.org | b@c.org |\n|---|---|\n| x | y |\n",
        "\n# Heading https://h.example.org\n", "\n> quote news:q\n", "\n- item ftp://i.example.org\n", "http:(c)",
        "\"http://q.example.org\"", "'https://s.example.org'", "&amp; https", "\\http://esc.example.org",
        "<b>http://raw.example.org</b>", "[x](javascript:alert(1))", "[[wiki-slug]]", "text:with:colons", "[ref][r]",
        "\n\n[r]: https://ref.example.org\n", "xhttp://glued.example.org", "café http://é.example.org",
        "<https://example.org/>x>", "[a>](https://example.org/>)", "h t t p :", "\n", "\n\n",
    ]
    static let separators = [" ", "", "\n", "(", ")", "'", "\"", "*", "_", "`", "[", "]", "<", ">"]

    static func document(_ random: inout some RandomNumberGenerator) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 1...12, using: &random) {
            text += pieces.randomElement(using: &random)!
            text += separators.randomElement(using: &random)!
        }
        return text
    }

    @Test("random documents render exactly as with autolinking on, and both paths are taken")
    func randomDocuments() {
        var random = SystemRandomNumberGenerator()
        var (plainOnly, again, linked) = (0, 0, 0)
        for _ in 0..<4000 {
            let source = Self.document(&random)
            let expected = Self.withAutolinks(source)
            #expect(Markdown.html(from: source) == expected, "\(source.debugDescription)")
            let (plain, couldLink) = Self.withoutAutolinks(source)
            if couldLink { again += 1 } else { plainOnly += 1 }
            if CodeLanguageFilter.escapeLanguages(in: plain) != CodeLanguageFilter.escapeLanguages(in: expected) {
                linked += 1
            }
        }
        // The sample holds documents that need autolinking and documents that do not.
        #expect(plainOnly > 100)
        #expect(again > 100)
        #expect(linked > 100)
    }

    @Test("a body with nothing to link is rendered once, without autolinking", arguments: [
        "Plain words: a ratio of 3:1 at 10:30.",
        "[a link](https://example.org/a) and ![an image](https://example.org/i.png \"a title\")",
        "[ref][r]\n\n[r]: https://example.org/r",
    ])
    func nothingToLink(source: String) {
        #expect(!Self.withoutAutolinks(source).couldLink)
        #expect(Markdown.html(from: source) == Self.withAutolinks(source))
    }

    @Test("a bare address, an email address or a protocol word asks for autolinking", arguments: [
        "see https://example.org", "see HTTP://example.org", "news:comp.lang", "ftp://example.org",
        "mailto:a@example.org", "someone@example.org", "`a@b.org` in code", "[https://x.example.org](/a)",
    ])
    func somethingToLink(source: String) {
        #expect(Self.withoutAutolinks(source).couldLink)
        #expect(Markdown.html(from: source) == Self.withAutolinks(source))
    }
}
