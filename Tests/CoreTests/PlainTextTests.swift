import Testing
@testable import BrightspotsCore

@Suite("PlainText")
struct PlainTextTests {
    @Test("firstParagraph skips headings, lists, quotes, tables, code and footnotes")
    func firstParagraph() {
        let body = """

            ## A heading

            - a list item
            * another
            1. numbered
            > a quote
            | a | table |
                indented code
            ```
            fenced code
            ```
            [^1]: a footnote

              The first real
            paragraph, two lines.

            Second paragraph.
            """
        #expect(PlainText.firstParagraph(of: body) == "The first real\nparagraph, two lines.")
    }

    @Test("a paragraph ends at a block that follows it")
    func paragraphEndsAtBlock() {
        #expect(PlainText.firstParagraph(of: "Text here.\n- then a list") == "Text here.")
        #expect(PlainText.firstParagraph(of: "2026 was a year.\n\nNext.") == "2026 was a year.")
        #expect(PlainText.firstParagraph(of: "10. item\n\nReal text.") == "Real text.")
    }

    @Test("no paragraph at all")
    func noParagraph() {
        #expect(PlainText.firstParagraph(of: "") == nil)
        #expect(PlainText.firstParagraph(of: "## Only headings\n\n## And more\n- and a list") == nil)
    }

    @Test("from(markdown:) strips links and emphasis and decodes entities", arguments: [
        ("Hello *world* and [a link](https://example.org) &amp; &pound;5 and `code`",
         "Hello world and a link & £5 and code"),
        ("Tom &amp; Jerry's \"quote\"", "Tom & Jerry\u{2019}s \u{201C}quote\u{201D}"),
        ("a -- b ... c", "a \u{2013} b \u{2026} c"),
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),
        ("**Bold**\nacross\n\nparagraphs", "Bold across paragraphs"),
        ("", ""),
    ])
    func fromMarkdown(markdown: String, expected: String) {
        #expect(PlainText.from(markdown: markdown) == expected)
    }

    @Test("decodeEntities", arguments: [
        ("&lt;b&gt;", "<b>"), ("&#8217;", "\u{2019}"), ("&#x2014;", "\u{2014}"), ("&unknown; &", "&unknown; &"),
        ("no entities", "no entities"), ("&#xZZ;", "&#xZZ;"),
    ])
    func decodeEntities(text: String, expected: String) {
        #expect(PlainText.decodeEntities(text) == expected)
    }

    @Test("truncate at a word boundary with an ellipsis", arguments: [
        ("one two three four", 9, "one two…"),
        ("Hello, world again", 8, "Hello…"),
        ("abcdefghij", 4, "abcd…"),
        ("short", 5, "short"),
        ("short", 80, "short"),
        ("one two", 7, "one two"),
        ("one two three", 8, "one two…"),
    ])
    func truncate(text: String, limit: Int, expected: String) {
        #expect(PlainText.truncate(text, limit: limit) == expected)
    }
}
